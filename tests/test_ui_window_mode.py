"""How the window sits on the screen, and what its first screen costs to start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui_helpers import make_window, past_handover, start_interview, unlock

ROOT = Path(__file__).resolve().parent.parent


def test_full_screen_for_the_person_maximized_for_staff(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    window.window_mode.enabled = True  # as `kiosk` (run_app) does
    unlock(qtbot, window)
    assert window.isMaximized() and not window.isFullScreen()  # staff's home
    start_interview(qtbot, window)
    past_handover(qtbot, window)
    assert window.page_name == "question"
    assert window.isFullScreen()  # nothing else of the laptop shows
    window.quick_hide()
    assert window.page_name == "lock"
    assert window.isFullScreen()  # the hide screen covers everything too


# The unlock screen needs no speech, document or model code and no other screen: a fresh process
# builds the window and paints it, then says which of them were loaded. (The machine-translation
# bridge is there, without argos: kiosk.core.translation loads its models only when used.)
_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.ui.app import build_window
w = build_window()
w.resize(1280, 720)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
w.unlock.grab()
heavy = ("reportlab", "argostranslate", "ctranslate2", "sentencepiece", "pyttsx3",
         "kiosk.core.speech", "kiosk.core.documents", "kiosk.ui.screens.question",
         "kiosk.ui.screens.settings", "kiosk.ui.interpreter_view")
print(",".join(m for m in heavy if m in sys.modules))
"""


@pytest.mark.gui  # a real window, in a fresh process
def test_the_unlock_screen_loads_no_translation_speech_or_documents(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", _START], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.decode().strip() == ""
