"""One click, one durable transaction: whatever events an intent records are committed together
(one sync of a real SQLCipher file), or none of them; and what an intent saved survives a kill
the moment it returned."""

from __future__ import annotations

import os
import random
import signal
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.app import intents as i
from kiosk.app.flows import FlowLibrary
from kiosk.app.pages import Break, BreakOffer, Question, SafetyHold
from kiosk.app.session import KioskSession
from kiosk.core.events import EventKind
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction
from tests.fixtures.core import PASSPHRASE
from tests.test_app_session import RULES, SAFE, walk_to

DATA = RULES.parent
ROOT = Path(__file__).resolve().parent.parent


def wal_commits(store_path: Path) -> int:
    """Commit frames in the store's write-ahead log, read from the file itself: every commit
    of a WAL database writes exactly one frame marked with the database's size, and is synced
    (`synchronous=FULL`) once. SQLCipher encrypts page contents, not the frame headers."""
    data = (store_path.parent / (store_path.name + "-wal")).read_bytes()
    if len(data) < 32:
        return 0
    page_size = struct.unpack(">I", data[8:12])[0]
    salts = data[16:24]
    commits, offset = 0, 32
    while offset + 24 + page_size <= len(data):
        header = data[offset : offset + 24]
        if header[8:16] != salts:
            break  # left over from before the log last restarted
        commits += struct.unpack(">I", header[4:8])[0] != 0
        offset += 24 + page_size
    return commits


class Meter:
    """Commits and stored events an intent cost, counted by the store and in the file."""

    def __init__(self, kiosk: KioskSession, store: Store) -> None:
        self.kiosk, self.store = kiosk, store

    def handle(self, intent: i.Intent) -> tuple[int, list[str]]:
        commits, wal = self.store.commits, wal_commits(self.store.path)
        events = self._events()
        self.kiosk.handle(intent)
        made = self.store.commits - commits
        assert wal_commits(self.store.path) - wal == made, "the store's count is the file's"
        return made, [kind for kind in self._events()[len(events) :]]

    def _events(self) -> list[str]:
        live = self.kiosk.live
        if live is None:
            return []
        return [e.kind for e in self.store.events(live.interview_id)]


def test_each_intent_is_one_commit_however_many_events_it_records(store: Store) -> None:
    kiosk = KioskSession(FlowLibrary(DATA))
    kiosk.handle(i.Unlocked(store))
    kiosk.handle(i.NewInterview())
    meter = Meter(kiosk, store)

    commits = store.commits
    kiosk.handle(i.StartInterview(RULES, "en", safety_checked=SAFE))
    live = kiosk.live
    assert live is not None
    # the interview's record and the safety check's answer: one transaction
    assert store.commits - commits == 1
    assert [e.kind for e in store.events(live.interview_id)] == ["started", "answered"]

    assert meter.handle(i.HandOver()) == (0, [])  # nothing happened to record
    assert meter.handle(i.Continue()) == (1, ["continued"])
    assert meter.handle(i.Answer("yes")) == (1, ["answered"])  # consent
    assert meter.handle(i.Answer(31)) == (1, ["answered"])  # age
    walk_to(kiosk, "hard")
    assert isinstance(kiosk.page, BreakOffer)
    # the break offered and taken: two events, one commit
    assert meter.handle(i.AnswerBreakOffer(True)) == (1, ["break_offered", "break_started"])
    assert kiosk.page == Break()
    assert meter.handle(i.EndBreak()) == (1, ["break_ended"])
    assert meter.handle(i.Answer("no")) == (1, ["answered"])
    # an answer that raises a safety alert: the answer and the alert, one commit
    assert meter.handle(i.Answer("yes")) == (1, ["answered", "safety_alert"])
    assert kiosk.page == SafetyHold()
    meter.handle(i.HandOver())
    meter.handle(i.StaffVerified())
    made = meter.handle(i.HandleAlert(AlertAction.BREAK))
    assert made == (1, ["alert_handled", "break_started"])


def test_an_intent_that_fails_halfway_saves_none_of_it(store: Store) -> None:
    kiosk = KioskSession(FlowLibrary(DATA))
    kiosk.handle(i.Unlocked(store))
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(RULES, "en", safety_checked=SAFE))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.Continue())
    live = kiosk.live
    assert live is not None and live.state.current == "consent"
    stored = store.events(live.interview_id)
    commits = store.commits
    with pytest.raises(RuntimeError), live.one_commit():
        live.answer("yes")
        assert live.state.current == "age"  # folded in, not yet saved
        raise RuntimeError("the rest of the click failed")
    assert store.events(live.interview_id) == stored
    assert store.commits == commits
    assert live.state.current == "consent"  # memory agrees with the disk again
    assert isinstance(kiosk.handle(i.Answer("yes")), Question)
    assert store.events(live.interview_id)[-1].kind == EventKind.ANSWERED


def run_person(store_path: Path, mode: str, delay: float) -> list[tuple[str, str, str]]:
    """A kiosk process answering as a person; SIGKILL it after its first acknowledged answer
    (`once`) or `delay` seconds after it is ready (`loop`). Returns the acknowledged answers."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_kiosk",
            str(store_path),
            PASSPHRASE,
            str(DATA),
            str(RULES),
            mode,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", "the kiosk process did not start"
    lines: list[str] = []
    if mode == "once":
        lines.append(process.stdout.readline())
    else:
        thread = threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True)
        thread.start()
        time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    if mode != "once":
        thread.join(timeout=10)
    process.stdout.close()
    return [
        (parts[1], parts[2], parts[3])
        for parts in (line.split() for line in lines)
        if len(parts) == 4 and parts[0] == "ack"
    ]


def test_an_answer_survives_a_kill_right_after_the_click_returned(kiosk_home: Path) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    store_path = kiosk_home / "lantern.db"
    Store.create(store_path, PASSPHRASE).close()
    acknowledged = run_person(store_path, "once", 0.0)
    rng = random.Random(20261203)
    for _ in range(6):
        acknowledged += run_person(store_path, "loop", rng.uniform(0.05, 0.6))
    assert len(acknowledged) > 6, "the kiosk should have answered before most kills"
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.verify() == []
        for interview_id, node, value in acknowledged:
            answers = [
                str(e.data["value"])
                for e in store.events(interview_id)
                if e.kind == EventKind.ANSWERED and e.data["node"] == node
            ]
            assert value in answers, f"an acknowledged answer ({node}) was lost"
