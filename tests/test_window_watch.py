"""The real kiosk window, through a whole session and then left running, watched from outside:
no name lookup and no connection leaves the laptop (network namespace, recording resolver,
strace), and afterwards the disk holds only what Lantern writes on purpose.

The session (tests/outside/window_session.py) installs two translation models, then in the
window: first unlock, an interview in Khmer with the interpreter view, machine translation of
missing content and of the typed answer, a question read aloud by espeak-ng, the rights summary
and the referral summary saved, review, home; then it idles. ONNX Runtime is loaded by the
translation stack, so its telemetry would resolve Microsoft's collector within seconds of idle.

How long it idles: LANTERN_WATCH_SECONDS (default 30 here; run it for several minutes by hand,
e.g. LANTERN_WATCH_SECONDS=300 ./run-tests tests/test_window_watch.py).
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from tests.fixtures.tiny_argos import TinyFactory
from tests.outside.disk import DATA_FOLDER_ALLOWED, walk
from tests.outside.netns import Command, Outcome, clean_environment, namespace_problem, run_watched

pytestmark = [pytest.mark.slow, pytest.mark.gui]

IDLE_SECONDS = float(os.environ.get("LANTERN_WATCH_SECONDS", "30"))
LATIN = "Zebracorn-Lighthouse-4417"
KHMER = "ផ្ទះលេខ៩៩ភ្នំពេញ"
ARABIC = "بيت رقم تسعة وتسعين"
SECRETS = [LATIN, LATIN.upper(), KHMER, ARABIC]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, tiny_argos_factory: TinyFactory):  # type: ignore[no-untyped-def]
    problem = namespace_problem()
    if problem is not None:
        pytest.fail(f"the network watch cannot run: {problem}")
    base = tmp_path_factory.mktemp("window-watch")
    folders = {name: base / name for name in ("home", "kiosk", "tmp", "out")}
    for folder in folders.values():
        folder.mkdir()
    env = clean_environment(folders["home"], folders["kiosk"], folders["tmp"])
    env["QT_QPA_PLATFORM"] = "xcb"  # the real platform, on an Xvfb display in the namespace
    install = [sys.executable, "-m", "kiosk.cli", "models", "install"]
    commands = [
        Command("install en-km", [*install, str(tiny_argos_factory("en", "km"))], env),
        Command("install km-en", [*install, str(tiny_argos_factory("km", "en"))], env),
        Command(
            "window",
            [sys.executable, "-m", "tests.outside.window_session", str(folders["out"]),
             str(IDLE_SECONDS), f"{LATIN} {KHMER} {ARABIC}"],
            env,
            timeout=IDLE_SECONDS + 600,
            linger=2,
        ),
    ]  # fmt: skip
    outcomes = run_watched(commands, folders["out"], display=True, timeout=IDLE_SECONDS + 900)
    written = folders["out"] / "session.json"
    report = (
        json.loads(written.read_text()) if written.exists() else {"stderr": outcomes[-1].stderr}
    )
    return outcomes, report, folders


def test_the_session_really_ran(session) -> None:  # type: ignore[no-untyped-def]
    outcomes, report, _folders = session
    assert [o.returncode for o in outcomes] == [0, 0, 0], [o.stderr[-1500:] for o in outcomes]
    assert report.get("ok"), report
    assert report["exit_code"] == 0
    assert report["interpreter_answer_translated"] and report["onnxruntime_loaded"]
    assert len(report["saved"]) == 2
    assert report["idle_seconds"] >= IDLE_SECONDS


def test_no_lookup_and_no_connection_leaves_the_laptop(session) -> None:  # type: ignore[no-untyped-def]
    outcomes: list[Outcome] = session[0]
    assert [problem for o in outcomes for problem in o.problems()] == []


def test_afterwards_the_disk_holds_only_what_lantern_writes_on_purpose(session) -> None:  # type: ignore[no-untyped-def]
    _outcomes, _report, folders = session
    roots = {"HOME": folders["home"], "TMPDIR": folders["tmp"], "KIOSK_HOME": folders["kiosk"]}
    assert walk(roots, {"KIOSK_HOME": DATA_FOLDER_ALLOWED}, SECRETS) == []
    assert (folders["kiosk"] / "lantern.db").is_file()
