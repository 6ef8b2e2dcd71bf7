"""The real window holds the store: a rekey from the command line is refused, and the
interview on screen goes on saving (a rekey used to break every later write of the window)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core.store import Store
from tests.ui_helpers import (
    PASSPHRASE,
    click,
    make_window,
    past_handover,
    start_interview,
    stored_events,
    unlock,
)

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parent.parent


def test_rekey_is_refused_while_the_window_has_an_interview_open(
    qtbot, kiosk_home: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window)
    past_handover(qtbot, window)
    saved = len(stored_events())
    (tmp_path / "old").write_text(PASSPHRASE, encoding="utf-8")
    (tmp_path / "new").write_text("a completely new passphrase", encoding="utf-8")
    rekey = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk.cli",
            "store",
            "rekey",
            "--passphrase-file",
            str(tmp_path / "old"),
            "--new-passphrase-file",
            str(tmp_path / "new"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "KIOSK_HOME": str(kiosk_home)},
    )
    assert rekey.returncode == 1
    assert "open in a Lantern window" in rekey.stderr and rekey.stderr.count("\n") == 1
    # the person's next answer is saved as if nothing had happened
    click(qtbot, window.question.answer_buttons["yes"])
    qtbot.waitUntil(lambda: len(stored_events()) > saved, timeout=10000)
    assert stored_events()[-1].kind == "answered"
    window.close()
    Store.open(kiosk_home / "lantern.db", PASSPHRASE).close()  # still the old passphrase
