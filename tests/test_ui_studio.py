"""The recording studio through the real window: record (an injected recorder that returns speech
made by espeak-ng, as a microphone would), save, then the question screen's Read aloud plays that
recording; after the text changes the recording is reported out of date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.app import intents as i
from kiosk.core import paths
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs
from kiosk.core.localizer import content_key
from kiosk.core.speech.player import Player
from kiosk.core.speech.prompts import PromptStore
from kiosk.core.speech.recorder import Recorder
from kiosk.core.speech.service import Source, SpeechService
from kiosk.core.speech.synth import synthesize
from kiosk.ui.app import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.studio import StudioTools
from kiosk.ui.services import CoreSpeech, Services
from tests.ui_helpers import click, start_interview, unlock

KEY = content_key("flow:identification", "understand_language", "neutral_text")
SILENT_PLAYER = ["sh", "-c", "cat > /dev/null"]  # plays nowhere: no sound card in tests


class SpeakingRecorder:
    """Stands in for the microphone: 'records' a sentence spoken by espeak-ng."""

    def start(self) -> None:
        return None

    def stop(self) -> bytes:
        return synthesize("Can you understand these words?", "en")


def _window(qtbot, tmp_path: Path, recorder=SpeakingRecorder) -> MainWindow:  # type: ignore[no-untyped-def]
    services = Services(
        localizer=CatalogLocalizer(Catalogs(tmp_path / "no-catalogs")),
        speech=CoreSpeech(player=Player(SILENT_PLAYER)),
        studio=StudioTools(recorder=recorder, player=Player(SILENT_PLAYER)),
    )
    window = build_window(services=services, flows_dir=tmp_path / "flows")
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.resize(1280, 800)
    window.show()
    return window


def _flows(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    folder.mkdir()
    shutil.copy(paths.flows_dir() / "identification.yaml", folder)
    return folder / "identification.yaml"


def _row(window: MainWindow):  # type: ignore[no-untyped-def]
    return next(row for row in window.studio.rows if row.key == KEY)


def test_record_save_and_read_aloud_plays_it_then_stale(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    flow_file = _flows(tmp_path)
    window = _window(qtbot, tmp_path)
    unlock(qtbot, window)
    click(qtbot, window.home.studio)
    assert window.page_name == "studio"
    studio = window.studio
    studio.choose("lo")  # Lao: no synthetic voice, so recordings are the only way to listen
    assert _row(window).recording == "none"
    assert studio.select_key(KEY)
    click(qtbot, studio.record)
    click(qtbot, studio.stop)
    qtbot.waitUntil(lambda: studio.save.isEnabled(), timeout=10_000)
    click(qtbot, studio.save)
    qtbot.waitUntil(lambda: _row(window).recording == "recorded", timeout=10_000)
    assert "Saved" in studio.note.text()

    # The question screen's Read aloud now plays the human recording of this exact text.
    window.controller.send(i.GoHome())
    start_interview(qtbot, window, "lo")
    click(qtbot, window.handover.accept)
    c = window.controller
    while c.session.state.current != "understand_language":
        click(qtbot, window.question.submit)
    assert window.question.view.text_key == KEY
    speech = c.services.speech
    click(qtbot, window.question.action_bar.read_aloud)
    qtbot.waitUntil(lambda: speech.last is not None, timeout=10_000)
    assert speech.last.source == Source.RECORDED
    window.close()

    # The text changes (a new flow version): the recording is out of date, never played.
    text = flow_file.read_text(encoding="utf-8")
    changed = "Can you understand these words? Tell us if not."
    flow_file.write_text(
        text.replace("child_text: Can you understand these words?", f"child_text: {changed}"),
        encoding="utf-8",
    )
    window = _window(qtbot, tmp_path)
    unlock(qtbot, window)
    click(qtbot, window.home.studio)
    window.studio.choose("lo")
    assert _row(window).recording == "stale"
    status = SpeechService(prompts=PromptStore()).language_status("lo", {KEY: changed})
    assert (status.recorded, status.stale) == (1, 1)


def test_recording_without_a_microphone_says_so_plainly(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _flows(tmp_path)

    def no_microphone() -> Recorder:
        return Recorder(command=[str(tmp_path / "no-such-recorder")])

    window = _window(qtbot, tmp_path, recorder=no_microphone)
    unlock(qtbot, window)
    click(qtbot, window.home.studio)
    click(qtbot, window.studio.record)
    assert "Recording is not possible here" in window.studio.note.text()
    assert window.studio.record.isEnabled() and not window.studio.save.isEnabled()
