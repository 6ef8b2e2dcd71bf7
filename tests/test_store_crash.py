"""A process killed at any instant loses nothing it reported saved; the file always reopens."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.store_errors import WrongPassphrase
from tests.fixtures.core import DATA, PASSPHRASE

KILLS = 12


def run_and_kill(store_path: Path, delay: float) -> tuple[str, int]:
    """Start a writer, let it run for `delay` seconds after it is ready, SIGKILL it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_writer",
            str(store_path),
            PASSPHRASE,
            str(DATA / "flows" / "demo.yaml"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
    )
    assert process.stdout is not None
    ready = process.stdout.readline().split()
    assert ready and ready[0] == "ready", "writer did not start"
    acknowledged = 0
    lines: list[str] = []

    def reader() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    thread.join(timeout=5)
    process.stdout.close()
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0] == "ack":
            acknowledged = int(parts[1])
    return ready[1], acknowledged


def test_sigkill_at_random_moments_loses_nothing_acknowledged(kiosk_home: Path) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    store_path = kiosk_home / "lantern.db"
    Store.create(store_path, PASSPHRASE).close()
    rng = random.Random(20261128)
    total_acknowledged = 0
    for _ in range(KILLS):
        interview_id, acknowledged = run_and_kill(store_path, rng.uniform(0.0, 0.4))
        store = Store.open(store_path, PASSPHRASE)
        try:
            assert store.verify() == []
            notes = [
                e.data["text"] for e in store.events(interview_id) if e.kind == "disclosure_added"
            ]
            # every acknowledged event is there, in order; at most one more (written, not acked)
            assert notes[:acknowledged] == [f"note {n}" for n in range(1, acknowledged + 1)]
            assert len(notes) <= acknowledged + 1
        finally:
            store.close()
        total_acknowledged += acknowledged
    assert total_acknowledged > KILLS, "the writer should have saved events before most kills"


# ------------------------------------------------------------------ store init and rekey

INIT_KILLS = 10
REKEY_KILLS = 10
OTHER = "a second long passphrase"


def kiosk_killed_after(
    args: list[str], home: Path, delay: float, after: Path | None = None
) -> tuple[str, bool]:
    """Run `kiosk ARGS` in its own process and SIGKILL it `delay` seconds after it starts or,
    with `after`, after that file appears (so the kill lands in the work itself, however slow
    the machine is). Returns its stdout, and whether `after` still existed at the kill."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "KIOSK_HOME": str(home), "PYTHONUNBUFFERED": "1"},
    )
    if after is not None:
        deadline = time.monotonic() + 60
        while not after.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
    mid_work = False
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        mid_work = after is not None and after.exists()
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.stdout is not None
    out = process.stdout.read()
    process.stdout.close()
    return out, mid_work


def only_store_files(home: Path) -> list[str]:
    """What is left in the data folder once the next init/rekey has tidied up."""
    return sorted(p.name for p in home.iterdir())


def test_store_init_killed_at_random_moments_never_leaves_a_refused_file(
    tmp_path: Path,
) -> None:
    passfile = tmp_path / "pass"
    passfile.write_text(PASSPHRASE, encoding="utf-8")
    init = ["store", "init", "--passphrase-file", str(passfile)]
    rng = random.Random(20261202)
    mid_build = 0
    for attempt in range(INIT_KILLS):
        home = tmp_path / f"home{attempt}"
        partial = home / "lantern.db.init-partial"
        out, killed_mid_build = kiosk_killed_after(init, home, rng.uniform(0.0, 0.25), partial)
        mid_build += killed_mid_build
        store_path = home / "lantern.db"
        if store_path.exists():
            # never half a store under the store's own name: it opens and checks out
            with Store.open(store_path, PASSPHRASE) as store:
                assert store.verify() == []
        else:
            assert "Created" not in out
        # and a second init always ends with a working store, whatever the first left
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk.cli",
                "store",
                "init",
                "--passphrase-file",
                str(passfile),
            ],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
            env={**os.environ, "KIOSK_HOME": str(home)},
        )
        assert second.returncode == 0 or "already exists" in second.stderr, second.stderr
        with Store.open(store_path, PASSPHRASE) as store:
            assert store.verify() == []
        assert only_store_files(home) == ["lantern.db", "lantern.db.lock"]
    assert mid_build, "some kills should land while the new store was being built"


def test_rekey_killed_at_random_moments_leaves_one_passphrase_that_opens_everything(
    kiosk_home: Path, tmp_path: Path
) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    store_path = kiosk_home / "lantern.db"
    files = {PASSPHRASE: tmp_path / "one", OTHER: tmp_path / "two"}
    for secret, file in files.items():
        file.write_text(secret, encoding="utf-8")
    with Store.create(store_path, PASSPHRASE) as store:
        flow = load_flow(DATA / "flows" / "demo.yaml")
        for _ in range(3):
            session = InterviewSession.start(store, flow, "en")
            for number in range(20):
                session.add_disclosure(f"note {number}")
        expected = {row.id: row.event_count for row in store.list_interviews()}
    rng = random.Random(20261203)
    current, mid_rekey = PASSPHRASE, 0
    for _ in range(REKEY_KILLS):
        new = OTHER if current == PASSPHRASE else PASSPHRASE
        out, killed_mid_rekey = kiosk_killed_after(
            [
                "store",
                "rekey",
                "--passphrase-file",
                str(files[current]),
                "--new-passphrase-file",
                str(files[new]),
            ],
            kiosk_home,
            rng.uniform(0.0, 0.6),
            kiosk_home / "lantern.db.rekey-partial",
        )
        mid_rekey += killed_mid_rekey
        opens = []
        for secret in (current, new):
            try:
                with Store.open(store_path, secret) as store:
                    assert store.verify() == []
                    assert {r.id: r.event_count for r in store.list_interviews()} == expected
                opens.append(secret)
            except WrongPassphrase:
                pass
        assert len(opens) == 1, "exactly one of the two passphrases opens the store"
        if "was changed" in out:
            assert opens == [new], "a reported change is a real change"
        current = opens[0]
    assert mid_rekey, "some kills should land while the new copy was being built and proven"
