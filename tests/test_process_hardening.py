"""No core dump of a process that holds decrypted data; telemetry off before anything loads.

Checked on real processes: the limits of the running kiosk window and of a `kiosk store`
command waiting for its passphrase, read from /proc/PID/limits, and what a fresh interpreter
that ran a decrypting command reports about itself (not dumpable, core limit 0, umask 077).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.offline import TELEMETRY_OFF
from kiosk.core.store import Store
from tests.fixtures.core import PASSPHRASE
from tests.outside.netns import REPO_ROOT, clean_environment

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


def core_limit(pid: int) -> str:
    """The 'Max core file size' line's soft and hard values, e.g. "0 0"."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return " ".join(line.split()[4:6])
    raise AssertionError("no core limit line")


def wait_for_core_limit(process: subprocess.Popen, wanted: str = "0 0") -> str:  # type: ignore[type-arg]
    seen = ""
    for _ in range(200):
        assert process.poll() is None, "the process ended early"
        seen = core_limit(process.pid)
        if seen == wanted:
            return seen
        time.sleep(0.05)
    return seen


def environment(tmp_path: Path) -> dict[str, str]:
    for name in ("home", "kiosk", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    return clean_environment(tmp_path / "home", tmp_path / "kiosk", tmp_path / "tmp")


def test_a_decrypting_command_cannot_dump_core(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with Store.create(tmp_path / "kiosk" / "lantern.db", PASSPHRASE):
        pass
    fifo = tmp_path / "passphrase"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "kiosk.cli", "store", "list", "--passphrase-file", str(fifo)]
    process = subprocess.Popen(
        command, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with process:
        # The command now waits on the FIFO for its passphrase: hardened before it has it.
        assert wait_for_core_limit(process) == "0 0"
        with open(fifo, "w") as writer:
            writer.write(PASSPHRASE + "\n")
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "0 interview(s)" in out


def test_the_kiosk_window_process_cannot_dump_core(tmp_path: Path) -> None:
    env = environment(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    with open(tmp_path / "window.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.cli"], env=env, cwd=REPO_ROOT, stdout=log, stderr=log
        )
        try:
            assert wait_for_core_limit(process) == "0 0"
            time.sleep(2)  # the window is up and idle, still hardened
            assert process.poll() is None, (tmp_path / "window.log").read_text()
            assert core_limit(process.pid) == "0 0"
        finally:
            process.terminate()
            process.wait(30)


REPORT = """
import ctypes, json, os, sys
from kiosk.cli import main
from kiosk.core.hardening import is_dumpable
code = main(sys.argv[1:])
limits = [l for l in open('/proc/self/limits') if l.startswith('Max core file size')][0]
umask = os.umask(0)
print(json.dumps({"code": code, "dumpable": is_dumpable(), "core": limits.split()[4:6],
                  "umask": umask, "env": {k: os.environ.get(k) for k in %r},
                  "mkl": os.environ.get("MKL_VERBOSE_OUTPUT_FILE")}))
"""


def test_main_hardens_itself_before_any_command(tmp_path: Path) -> None:
    # A user's or the system's settings that would turn telemetry or trace files back on.
    hostile = {"ORT_DISABLE_TELEMETRY": "0", "MKL_VERBOSE_OUTPUT_FILE": str(tmp_path / "mkl")}
    env = environment(tmp_path) | hostile
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE)
    with Store.create(tmp_path / "kiosk" / "lantern.db", PASSPHRASE):
        pass
    done = subprocess.run(
        [sys.executable, "-c", REPORT % list(TELEMETRY_OFF), "store", "verify",
         "--passphrase-file", str(pw)],
        env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert report["dumpable"] is False
    assert report["core"] == ["0", "0"]
    assert report["umask"] == 0o077
    assert report["env"] == dict(TELEMETRY_OFF)
    assert report["mkl"] is None
