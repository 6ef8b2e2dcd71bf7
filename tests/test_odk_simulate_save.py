"""`kiosk simulate … --save` records the simulated interview in the real store (training and
demonstration data), exactly as the script played it; without --save nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.flow import Flow
from kiosk.core.interview_rules import fold
from kiosk.core.store import Store
from tests.fixtures.core import PASSPHRASE

STEPS = (
    "language: km\nsteps:\n  - {answer: [private_room, alone]}\n  - continue\n"
    "  - {answer: 'yes', at: consent_talk}\n  - {answer: 34}\n  - {answer: 'no'}\n  - decline\n"
    "  - {answer: fishing}\n"
)


def _simulate(repo_root: Path, answers: Path, *extra: str) -> int:
    flow = str(repo_root / "tests/data/flows/demo.yaml")
    return main(["simulate", flow, "--answers", str(answers), *extra])


def test_save_records_the_interview_as_played(
    repo_root: Path,
    tmp_path: Path,
    kiosk_home: Path,
    demo_flow: Flow,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    Store.create(kiosk_home / "lantern.db", PASSPHRASE).close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    answers = tmp_path / "answers.yaml"
    answers.write_text(STEPS, encoding="utf-8")
    assert _simulate(repo_root, answers, "--json") == 0
    capsys.readouterr()
    with Store.open(kiosk_home / "lantern.db", PASSPHRASE) as store:
        assert store.list_interviews() == []  # without --save: nothing stored
    assert _simulate(repo_root, answers, "--save", "--json") == 0
    played = json.loads(capsys.readouterr().out)
    with Store.open(kiosk_home / "lantern.db", PASSPHRASE) as store:
        (summary,) = store.list_interviews()
        state = fold(demo_flow, store.events(summary.id))
    assert played["interview_id"] == summary.id and summary.language == "km"
    assert state.status == played["status"] == "finished"
    assert state.answer_state("docs") == "declined" and state.answer_value("age") == 34
    assert state.answer_value("sector") == "fishing" and state.path == "adult"


def test_save_with_a_wrong_passphrase_says_so_in_one_line(
    repo_root: Path,
    tmp_path: Path,
    kiosk_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    Store.create(kiosk_home / "lantern.db", PASSPHRASE).close()
    monkeypatch.setenv("KIOSK_PASSPHRASE", "not the passphrase")
    answers = tmp_path / "answers.yaml"
    answers.write_text(STEPS, encoding="utf-8")
    assert _simulate(repo_root, answers, "--save") == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "passphrase" in err
