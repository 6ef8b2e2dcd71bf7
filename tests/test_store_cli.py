"""`kiosk store ...` end to end, and a full disk losing nothing already saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.store_errors import DiskFull
from tests.fixtures.core import PASSPHRASE


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def test_store_commands(
    kiosk_home: Path,
    tmp_path: Path,
    passfile: Path,
    demo_flow: Flow,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["store", "init", "--passphrase-file", str(passfile)], capsys)
    assert code == 0 and "Created" in out
    assert (kiosk_home / "lantern.db").stat().st_mode & 0o777 == 0o600
    assert kiosk_home.stat().st_mode & 0o777 == 0o700
    code, _, err = run(["store", "init", "--passphrase-file", str(passfile)], capsys)
    assert code == 1 and err.count("\n") == 1 and "already exists" in err

    with Store.open(kiosk_home / "lantern.db", PASSPHRASE) as store:
        session = InterviewSession.start(store, demo_flow, "th")
        session.answer(["alone"])
        interview_id = session.interview_id

    code, out, _ = run(["store", "list", "--passphrase-file", str(passfile)], capsys)
    assert code == 0 and interview_id in out and "1 interview(s)" in out
    code, out, _ = run(
        ["store", "show", interview_id, "--json", "--passphrase-file", str(passfile)], capsys
    )
    assert code == 0
    assert [e["kind"] for e in json.loads(out)["events"]] == ["started", "answered"]
    code, out, _ = run(["store", "verify", "--passphrase-file", str(passfile)], capsys)
    assert code == 0 and "intact" in out

    backup = tmp_path / "copy.db"
    code, _, _ = run(["store", "backup", str(backup), "--passphrase-file", str(passfile)], capsys)
    assert code == 0 and backup.exists()
    export = tmp_path / "export.json"
    code, out, _ = run(
        ["store", "export", "-o", str(export), "--passphrase-file", str(passfile)], capsys
    )
    assert code == 0 and "NOT encrypted" in out
    assert json.loads(export.read_text())["interviews"][0]["id"] == interview_id
    assert export.stat().st_mode & 0o777 == 0o600

    newpass = tmp_path / "new.txt"
    newpass.write_text("another long passphrase", encoding="utf-8")
    code, _, _ = run(
        [
            "store",
            "rekey",
            "--passphrase-file",
            str(passfile),
            "--new-passphrase-file",
            str(newpass),
        ],
        capsys,
    )
    assert code == 0
    code, _, err = run(["store", "list", "--passphrase-file", str(passfile)], capsys)
    assert code == 1 and err.startswith("kiosk: This passphrase does not open the store.")
    assert err.count("\n") == 1
    code, _, _ = run(["store", "list", "--passphrase-file", str(newpass)], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["store", "list"], "a passphrase is needed"),
        (["store", "list", "--passphrase-file", "/nonexistent/pass"], "cannot read the passphrase"),
        (["simulate", "/nonexistent.yaml", "--answers", "/nonexistent.yaml"], "cannot be used"),
    ],
)
def test_bad_input_gets_one_clear_line(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(args, capsys)
    assert code == 1
    assert fragment in err and err.count("\n") == 1 and "Traceback" not in err


def test_store_list_without_a_store(passfile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["store", "list", "--passphrase-file", str(passfile)], capsys)
    assert code == 1 and "no store yet" in err.lower()


def test_weak_passphrase_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    weak = tmp_path / "weak.txt"
    weak.write_text("abc", encoding="utf-8")
    code, _, err = run(["store", "init", "--passphrase-file", str(weak)], capsys)
    assert code == 1 and "too weak" in err


def test_full_disk_keeps_everything_saved_before(store: Store, demo_flow: Flow) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    session.answer(["private_room", "alone"])
    session.proceed()
    saved = len(store.events(session.interview_id))
    # SQLite reports SQLITE_FULL exactly as for a full disk once max_page_count is reached.
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as info:
        session.add_disclosure("x" * 9000)
    assert "disk is full" in info.value.message
    assert len(store.events(session.interview_id)) == saved
    assert session.state.current == "consent_talk" and not session.state.disclosures
    store._db.execute("PRAGMA max_page_count = 1073741823")
    session.answer("yes")
    assert store.verify() == []
    assert session.state.current == "age"


def test_simulate_command(
    repo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "language: km\nsteps:\n  - {answer: [private_room, alone]}\n  - continue\n"
        "  - {answer: 'yes', at: consent_talk}\n  - dont_know\n  - break\n  - end_break\n"
        "  - {answer: 'yes'}\n  - {stop: tired}\n  - {disclose: later}\n",
        encoding="utf-8",
    )
    flow = str(repo_root / "tests/data/flows/demo.yaml")
    code, out, _ = run(["simulate", flow, "--answers", str(answers), "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["status"] == "stopped" and result["path_kind"] == "child"
    assert result["answers"]["age"] == {"state": "dont_know"}
    assert result["answers"]["adult_only"] == {"state": "not_asked"}
    assert result["answers"]["sector"] == {"state": "interrupted"}
    assert result["breaks"] == 1 and result["disclosures"] == 1
    assert result["path"] == ["safety", "welcome", "consent_talk", "age", "docs", "sector"]
    code, out, _ = run(["simulate", flow, "--answers", str(answers)], capsys)
    assert code == 0 and "Status: stopped" in out

    answers.write_text("- {answer: [private_room]}\n- {answer: 'maybe'}\n", encoding="utf-8")
    code, _, err = run(["simulate", flow, "--answers", str(answers)], capsys)
    assert code == 1 and f"{answers}:2: step 2: this screen takes no answer" in err
