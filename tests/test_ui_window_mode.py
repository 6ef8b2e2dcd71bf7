"""How the window sits on the screen, and what its first screen costs to start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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


# The unlock screen needs none of the store, the session layer, flows, content, catalogs'
# reader, translation, speech, documents or any other screen: a fresh process builds the window
# and paints it, then says which of those were loaded; then it unlocks (a new store) and says
# which page it reached, so the test also proves they all load when needed.
HEAVY = (
    "sqlcipher3",  # the SQLCipher binding
    "kiosk.core.store",
    "kiosk.app.session",
    "kiosk.app.intents",  # 36 dataclasses: about 14 ms to create
    "kiosk.app.flows",
    "kiosk.core.flow_loader",
    "yaml",
    "kiosk.core.content",
    "kiosk.core.interview",
    "kiosk.ui.presenter",
    "babel",  # catalogs are read on first use; English needs none
    "kiosk.core.i18n.extract",
    "kiosk.core.translation",
    "argostranslate",
    "ctranslate2",
    "sentencepiece",
    "pyttsx3",
    "kiosk.core.speech",
    "reportlab",
    "kiosk.core.documents",
    "kiosk.ui.screens.home",
    "kiosk.ui.screens.question",
    "kiosk.ui.screens.settings",
    "kiosk.ui.interpreter_view",
    "kiosk.core.staff_pin",  # hashing: only for the staff gate's check, off the GUI thread
)
_START = """
import sys, time
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
print("BEFORE:" + ",".join(m for m in HEAVY if m in sys.modules))
w.unlock.passphrase.setText("calm river lantern 42")
w.unlock.repeat.setText("calm river lantern 42")
w.unlock.submit.click()
end = time.monotonic() + 100
while w.page_name == "unlock" and time.monotonic() < end:
    app.processEvents()
    time.sleep(0.02)
print("AFTER:" + w.page_name + ":" + ",".join(m for m in HEAVY[:10] if m in sys.modules))
"""


@pytest.mark.gui  # a real window, in a fresh process
def test_the_unlock_screen_loads_no_store_flows_content_translation_speech_or_pdf(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(tmp_path))
    code = f"HEAVY = {HEAVY!r}\n{_START}"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, timeout=180
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    lines = dict(line.split(":", 1) for line in done.stdout.decode().splitlines() if ":" in line)
    assert lines["BEFORE"] == ""  # nothing heavy before the unlock screen is painted
    # ... and all of the session layer once unlocked (the home page needs it).
    assert lines["AFTER"] == "home:" + ",".join(HEAVY[:10]), lines["AFTER"]


def test_the_windows_direction_agrees_with_core_for_every_language() -> None:
    # is_rtl reads Qt's CLDR data (Babel is not loaded for the unlock screen); core reads Babel's.
    from kiosk.core.i18n.languages import supported_languages
    from kiosk.ui.languages import is_rtl

    for language in supported_languages():
        assert is_rtl(language.code) == language.rtl, language.code
    assert is_rtl("ar") and not is_rtl("km") and not is_rtl("not-a-language")


@pytest.mark.gui  # the real program on a real X display (Xvfb), as a bare kiosk session runs it
def test_the_window_covers_the_screen_without_a_window_manager(tmp_path: Path) -> None:
    # With no window manager "maximize" is a request nobody answers: the window must take the
    # screen's size itself, or it sits small in a corner (a bare X kiosk session, the smoke test).
    from tests.outside.netns import clean_environment
    from tests.outside.netns_inside import start_display

    for name in ("home", "kiosk", "tmp"):
        (tmp_path / name).mkdir()
    server, display = start_display()  # 1366x768, nothing else running on it
    env = clean_environment(tmp_path / "home", tmp_path / "kiosk", tmp_path / "tmp")
    env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        sizes: list[str] = []
        deadline = time.monotonic() + 60  # a loaded machine
        while sizes != ["1366x768+0+0"] and time.monotonic() < deadline:
            assert kiosk.poll() is None, "the kiosk stopped"
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True
            ).stdout
            # 0x200007 "Lantern": ("lantern" "Lantern")  695x503+0+0  +0+0
            sizes = [line.split()[-2] for line in tree.splitlines() if '"Lantern": ("' in line]
            time.sleep(0.05)
        assert sizes == ["1366x768+0+0"], sizes
    finally:
        kiosk.terminate()
        kiosk.wait(20)
        server.terminate()
        server.wait(10)
