"""Bad input to the `kiosk` command: one clear line and a non-zero exit, never a hang, a
traceback, an "internal error" or unbounded memory (cases from the outside stress test)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.display import display_problem
from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.store_errors import InterviewChangedElsewhere
from tests.fixtures.core import DATA, PASSPHRASE

REPO = Path(__file__).resolve().parent.parent
DEMO = str(DATA / "flows" / "demo.yaml")


def kiosk(
    args: list[str], home: Path, *, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`kiosk ARGS` in its own process, so a hang fails the test instead of stalling it."""
    environment = {**os.environ, "KIOSK_HOME": str(home), **(env or {})}
    completed = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", *args],
        input=stdin.decode("latin-1"),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=environment,
        encoding="latin-1",
    )
    return completed


def one_clear_line(err: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("kiosk: ") or ":1: " in err or ":0: " in err, err
    assert "internal error" not in err and "Traceback" not in err


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE, encoding="utf-8")
    return path


# ------------------------------------------------------------------ never hang, never read for ever


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_validate_refuses_what_is_not_a_regular_file(
    target: str, fifo: Path, kiosk_home: Path
) -> None:
    path = str(fifo) if target == "fifo" else target
    done = kiosk(["validate", path], kiosk_home)
    assert done.returncode == 1
    assert f"{path}:1: is not a regular file but a pipe, a device or a socket" in done.stdout


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_simulate_answers_from_a_pipe_or_device_are_refused(
    target: str, fifo: Path, kiosk_home: Path
) -> None:
    path = str(fifo) if target == "fifo" else target
    done = kiosk(["simulate", DEMO, "--answers", path], kiosk_home)
    assert done.returncode == 1
    one_clear_line(done.stderr)
    assert "not a regular file" in done.stderr


def test_a_fifo_named_like_the_store_is_refused(kiosk_home: Path, passfile: Path) -> None:
    kiosk_home.mkdir(parents=True)
    os.mkfifo(kiosk_home / "lantern.db")
    for action in ("list", "verify", "init"):
        done = kiosk(["store", action, "--passphrase-file", str(passfile)], kiosk_home)
        assert done.returncode == 1
        one_clear_line(done.stderr)
        assert "not a Lantern store" in done.stderr and "untouched" in done.stderr


# ------------------------------------------------------------------ one clear line


def test_kiosk_home_that_is_a_file(
    tmp_path: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x")
    for home in (in_the_way, in_the_way / "below"):
        monkeypatch.setenv("KIOSK_HOME", str(home))
        code, _, err = run(["store", "init", "--passphrase-file", str(passfile)], capsys)
        assert code == 1
        one_clear_line(err)
        assert f"{in_the_way} is a file, not a folder" in err


def test_kiosk_home_that_is_an_immutable_folder(
    tmp_path: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    home = tmp_path / "frozen"
    home.mkdir(mode=0o755)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(home)], capture_output=True).returncode:
        pytest.skip("cannot make a folder immutable here (chattr needs root and ext4/tmpfs)")
    try:
        monkeypatch.setenv("KIOSK_HOME", str(home))
        code, _, err = run(["store", "init", "--passphrase-file", str(passfile)], capsys)
        assert code == 1
        one_clear_line(err)
        assert "cannot be made private" in err
    finally:
        subprocess.run([chattr, "-i", str(home)], check=True)


def test_a_store_path_that_is_a_folder(kiosk_home: Path, passfile: Path, capsys) -> None:
    (kiosk_home / "lantern.db").mkdir(parents=True)
    for action in ("list", "init", "rekey"):
        code, _, err = run(["store", action, "--passphrase-file", str(passfile)], capsys)
        assert code == 1, action
        one_clear_line(err)
        if action != "rekey":  # rekey first asks for its new passphrase
            assert "a folder, not a file" in err


def test_backup_into_a_missing_folder_or_onto_a_folder(
    kiosk_home: Path, tmp_path: Path, passfile: Path, capsys
) -> None:
    kiosk_home.mkdir(parents=True)
    Store.create(kiosk_home / "lantern.db", PASSPHRASE).close()
    cases = {
        str(tmp_path / "missing" / "copy.db"): "does not exist",
        str(tmp_path): "is a folder",
    }
    for destination, reason in cases.items():
        code, _, err = run(
            ["store", "backup", destination, "--passphrase-file", str(passfile)], capsys
        )
        assert code == 1
        one_clear_line(err)
        assert reason in err


def test_huge_integers_in_flows_and_answers(tmp_path: Path, capsys) -> None:
    huge = "1" + "0" * 5000
    flow_text = (DATA / "flows" / "demo.yaml").read_text(encoding="utf-8")
    for where, text in {
        "version": flow_text.replace("version: 1", f"version: {huge}", 1),
        "min": flow_text.replace("    type: age\n", f"    type: age\n    min: {huge}\n", 1),
    }.items():
        flow = tmp_path / f"{where}.yaml"
        flow.write_text(text, encoding="utf-8")
        code, out, _ = run(["validate", str(flow)], capsys)
        assert code == 1 and "a number is too long (5001 digits" in out, where
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"- {{answer: {huge}}}\n", encoding="utf-8")
    code, _, err = run(["simulate", DEMO, "--answers", str(answers)], capsys)
    assert code == 1
    one_clear_line(err)
    assert "a number is too long" in err


def test_non_utf8_text_on_speak_stdin(kiosk_home: Path, tmp_path: Path) -> None:
    done = kiosk(
        ["speak", "--lang", "en", "-", "-o", str(tmp_path / "x.wav")],
        kiosk_home,
        stdin=b"caf\xe9 \xff\xfe",
    )
    assert done.returncode == 1
    one_clear_line(done.stderr)
    assert "not UTF-8" in done.stderr


def test_deeply_nested_lists_in_a_condition(tmp_path: Path, capsys) -> None:
    flow_text = (DATA / "flows" / "demo.yaml").read_text(encoding="utf-8")
    nested = "consent_talk in " + "[" * 1900
    flow = tmp_path / "nested.yaml"
    flow.write_text(
        flow_text.replace(
            "consent_talk is not answered or consent_talk == 'no'", nested.replace("'", "''"), 1
        ),
        encoding="utf-8",
    )
    code, out, _ = run(["validate", str(flow)], capsys)
    assert code == 1 and "nested too deeply" in out


def test_two_processes_appending_to_one_interview(
    store: Store, demo_flow: Flow, kiosk_home: Path
) -> None:
    first = InterviewSession.start(store, demo_flow, "en")
    with Store.open(store.path, PASSPHRASE) as elsewhere:
        second = InterviewSession.resume(elsewhere, demo_flow, first.interview_id)
        first.answer(["private_room", "alone"])
        with pytest.raises(InterviewChangedElsewhere, match="another Lantern window"):
            second.answer(["private_room"])
    kinds = [event.kind for event in store.events(first.interview_id)]
    assert kinds == ["started", "answered"]  # the first one's answer, kept; nothing mixed in


# ------------------------------------------------------------------ exit codes and wording


def test_validate_a_folder_without_flows_is_an_error(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    readme_only = tmp_path / "readme-only"
    readme_only.mkdir()
    (readme_only / "README.md").write_text("flows go here")
    for folder in (empty, readme_only):
        code, out, _ = run(["validate", str(folder)], capsys)
        assert code == 1 and "holds no flow files" in out


def test_simulate_with_an_unknown_language(tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("[]\n", encoding="utf-8")
    code, _, err = run(["simulate", DEMO, "--answers", str(answers), "--lang", "zz-bogus"], capsys)
    assert code == 1
    one_clear_line(err)
    assert "Unknown language 'zz-bogus'" in err


def test_models_install_of_a_folder(tmp_path: Path, capsys) -> None:
    code, _, err = run(["models", "install", str(tmp_path)], capsys)
    assert code == 1
    one_clear_line(err)
    assert "is a folder, not a file" in err and "no such file" not in err


def test_discreet_card_with_an_empty_contact(tmp_path: Path, capsys) -> None:
    code, _, err = run(["discreet-card", "--contact", "", "-o", str(tmp_path / "c.pdf")], capsys)
    assert code == 1
    one_clear_line(err)
    assert "--contact is empty" in err and "None" not in err


def test_the_window_without_a_display_is_one_line_not_an_abort(kiosk_home: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**environment, "KIOSK_HOME": str(kiosk_home), "DISPLAY": ":97"},
    )
    assert done.returncode == 1 and done.returncode != -signal.SIGABRT
    one_clear_line(done.stderr)
    assert "no screen to open the kiosk window on" in done.stderr


def test_a_real_display_is_found() -> None:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert display_problem({"DISPLAY": f":{number}"}) is None
        assert display_problem({}) is not None
    finally:
        server.terminate()
        server.wait(timeout=10)


# ------------------------------------------------------------------ private files


def test_speak_writes_its_wav_private_whatever_the_umask(kiosk_home: Path, tmp_path: Path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    out = tmp_path / "x.wav"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "speak", "--lang", "en", "hello", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "KIOSK_HOME": str(kiosk_home)},
        preexec_fn=lambda: os.umask(0),  # noqa: PLW1509 - the point of the test
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o600
