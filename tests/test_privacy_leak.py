"""No answer, name or free text ever appears outside the encrypted store.

A scripted interview (through the engine, the store and the commands) uses distinctive strings;
afterwards the data folder, the temp folder and the cache folders are scanned byte by byte.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store, is_plain_sqlite
from kiosk.core.vocabulary import AlertAction
from tests.fixtures.core import PASSPHRASE

SECRETS = [
    "Zebracorn-Lighthouse-4417",  # free-text answer
    "ផ្ទះលេខ៩៩ភ្នំពេញ",  # Khmer free text
    "Quillfeather Marchbanks",  # a name disclosed later
    "Obsidian-Harbour-Disclosure",  # later disclosure
    "CorrectionReason-Tangerine",  # correction reason
]


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le")]


def scan(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for secret in SECRETS:
            if any(encoded in data for encoded in encodings(secret)):
                found.append(f"{path}: {secret}")
    return found


@pytest.fixture
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    dirs = {name: tmp_path / name for name in ("tmp", "cache", "config")}
    for folder in dirs.values():
        folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(dirs["tmp"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    return dirs


def walk_to_free_text(session: InterviewSession) -> None:
    """Answer the shipped flow until it shows a free-text question."""
    for _ in range(80):
        node = session.state.current_node
        if session.state.status == "on_hold":  # a safety alert: staff saw it and go on
            session.handle_alert(AlertAction.CONTINUE)
            continue
        assert node is not None and session.state.status == "open"
        if node.type == "free_text":
            return
        if session.state.needs_break_offer():
            session.offer_break(taken=False)
        if node.kind == "staff_check":
            session.answer([item.id for item in node.items])
        elif node.kind in ("info", "staff_note"):
            session.proceed()
        elif node.type == "yes_no":
            session.answer("yes")
        elif node.type in ("age", "number"):
            session.answer(30)
        elif node.type == "single_choice":  # the last: "more than an hour" for the time today
            session.answer(node.options[-1].value)
        elif node.type == "multiple_choice":
            session.answer([node.options[0].value])
        else:
            session.decline()
    raise AssertionError("no free-text question reached")


def test_no_personal_text_outside_the_store(
    kiosk_home: Path,
    isolated_dirs: dict[str, Path],
    repo_root: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    kiosk_home.mkdir(parents=True)
    store = Store.create(kiosk_home / "lantern.db", PASSPHRASE)
    flow = load_flow(repo_root / "flows" / "identification.yaml")
    session = InterviewSession.start(store, flow, "km", staff_language="en")
    walk_to_free_text(session)
    session.answer(f"{SECRETS[0]} {SECRETS[1]}")
    session.stop("person tired")
    session.add_disclosure(f"{SECRETS[2]} {SECRETS[3]}")
    free_text_node = next(n.id for n in flow.nodes if n.type == "free_text")
    session.correct(free_text_node, reason=SECRETS[4], state="declined")
    store.close()

    os.environ["KIOSK_PASSPHRASE"] = PASSPHRASE
    try:
        assert main(["store", "list"]) == 0
        assert main(["store", "verify"]) == 0
    finally:
        del os.environ["KIOSK_PASSPHRASE"]

    reopened = Store.open(kiosk_home / "lantern.db", PASSPHRASE)
    texts = [e.data.get("text") for e in reopened.events(session.interview_id)]
    reopened.close()
    assert f"{SECRETS[2]} {SECRETS[3]}" in texts, "the disclosure must be in the store"

    assert not is_plain_sqlite(kiosk_home / "lantern.db")
    leaks = scan(kiosk_home) + [hit for folder in isolated_dirs.values() for hit in scan(folder)]
    assert leaks == []
    logged = caplog.text + capsys.readouterr().out
    assert not [secret for secret in SECRETS if secret in logged]
