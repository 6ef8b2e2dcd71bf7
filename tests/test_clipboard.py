"""A person's typed words never reach the system clipboard or the X11 primary selection.

On a real X display (Xvfb), the kiosk window and a plain Qt text box each get the same words
typed, selected (Ctrl+A: the primary selection) and copied (Ctrl+C: the clipboard); another
program on the display then reads both with QClipboard. From the plain box it must find the
words (so the reader works); from the kiosk, nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.outside.netns import REPO_ROOT, clean_environment
from tests.outside.netns_inside import start_display

pytestmark = pytest.mark.gui

WORDS = "Zebracorn-Lighthouse-4417 ផ្ទះលេខ៩៩ភ្នំពេញ بيت رقم"


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed (scripts/setup.sh installs it)")
    server, name = start_display()
    try:
        yield name
    finally:
        server.terminate()
        server.wait(10)


def copy_and_read(mode: str, display: str, tmp_path: Path) -> dict[str, object]:
    for name in ("home", "kiosk", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    env = clean_environment(tmp_path / "home", tmp_path / "kiosk", tmp_path / "tmp")
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    ready, done = tmp_path / f"{mode}.ready", tmp_path / f"{mode}.done"
    owner = subprocess.Popen(
        [sys.executable, "-m", "tests.outside.clipboard_owner", mode, WORDS, str(ready), str(done)],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with owner:
        reader = subprocess.run(
            [sys.executable, "-m", "tests.outside.clipboard_reader", str(ready), str(done)],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        _out, err = owner.communicate(timeout=120)
    assert owner.returncode == 0, err[-2000:]
    assert reader.returncode == 0, reader.stderr[-2000:]
    return json.loads(reader.stdout.splitlines()[-1])


def test_the_reader_sees_what_an_ordinary_program_copies(display: str, tmp_path: Path) -> None:
    found = copy_and_read("bare", display, tmp_path)
    assert found == {"supports_selection": True, "clipboard": WORDS, "selection": WORDS}


def test_the_kiosk_lets_nothing_out(display: str, tmp_path: Path) -> None:
    found = copy_and_read("kiosk", display, tmp_path)
    assert found == {"supports_selection": True, "clipboard": "", "selection": ""}
