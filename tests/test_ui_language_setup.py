"""Setup says plainly what the person's language offers; speech stops on page changes and
uses the speed/volume from settings; the first-run dialog opens after the store is created.
"""

from __future__ import annotations

from kiosk.app import intents as i
from kiosk.core.first_run import LanguageStatus
from kiosk.core.localizer import SourceLocalizer
from kiosk.core.translation import models
from kiosk.ui.app import build_window
from kiosk.ui.language_status import describe
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.ui_helpers import (
    RecordingSpeech,
    choose_organisation,
    click,
    make_window,
    staff_takes_back,
    start_interview,
    unlock,
)


def _row(**changes: object) -> LanguageStatus:
    values: dict[str, object] = dict(
        code="km", english_name="Khmer", native_name="ខ្មែរ", text_entries=10,
        text_translated=10, text_reviewed=0, voice=None, recordings=0, models=(),
    )  # fmt: skip
    values.update(changes)
    return LanguageStatus(**values)  # type: ignore[arg-type]


def test_describe_says_plainly_when_nothing_can_read_aloud() -> None:
    loc = SourceLocalizer()
    assert describe(loc, _row()) == (
        "Khmer: text draft (not yet reviewed), no synthetic voice, 0 recordings, "
        "no machine translation — read-aloud is not available; ask the interpreter to read."
    )
    spoken = describe(loc, _row(voice="Vietnamese", text_reviewed=10, models=("en→km",)))
    assert spoken == (
        "Khmer: text reviewed, synthetic voice, 0 recordings, machine translation installed."
    )
    assert "only recorded texts" in describe(loc, _row(recordings=3, text_translated=4))
    assert "40%" in describe(loc, _row(recordings=3, text_translated=4))
    # 995 of 1000 is not all: never "partly translated (100%)" (seen for Arabic).
    nearly = describe(loc, _row(text_entries=1000, text_translated=995))
    assert "partly translated (99%)" in nearly, nearly


def test_setup_shows_the_chosen_language_status(qtbot, tiny_argos_factory) -> None:  # type: ignore[no-untyped-def]
    models.install_model(tiny_argos_factory("en", "lo"))
    window = make_window(qtbot)
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    note = window.setup.language_note
    window.setup.choose("lo")
    qtbot.waitUntil(lambda: note.text().startswith("Lao:"), timeout=10_000)
    assert "no synthetic voice, 0 recordings" in note.text()
    assert "machine translation installed" in note.text()
    assert "read-aloud is not available" in note.text()
    window.setup.choose("vi")
    assert note.text().startswith("Vietnamese:") and "read-aloud is not" not in note.text()


class CountingSpeech(RecordingSpeech):
    def __init__(self) -> None:
        super().__init__()
        self.stops = 0
        self.configured: tuple[int, float] | None = None

    def stop(self) -> None:
        self.stops += 1

    def configure(self, rate: int, volume: float) -> None:
        self.configured = (rate, volume)


def test_speech_stops_on_every_page_change_and_takes_settings(qtbot) -> None:  # type: ignore[no-untyped-def]
    speech = CountingSpeech()
    window = make_window(qtbot, Services(speech=speech))
    unlock(qtbot, window)
    start_interview(qtbot, window, "en")
    click(qtbot, window.handover.accept)
    before = speech.stops
    click(qtbot, window.question.action_bar.stop)  # a page change the engine does not drive
    assert window.page_name == "stop_confirm" and speech.stops > before
    before = speech.stops
    click(qtbot, window.stop_confirm.cancel)
    assert speech.stops > before
    click(qtbot, window.question.action_bar.stop)
    click(qtbot, window.stop_confirm.confirm)
    staff_takes_back(qtbot, window)
    window.controller.send(i.GoHome())
    window.controller.send(i.OpenSettings())
    window.settings.speech.rate.setValue(120)
    window.settings.speech.volume.setValue(150)
    click(qtbot, window.settings.save)
    assert speech.configured == (120, 1.5)
    window.settings.prepare()
    assert window.settings.speech.rate.value() == 120


def test_first_run_dialog_opens_after_the_store_is_created(qtbot) -> None:  # type: ignore[no-untyped-def]
    opened: list[object] = []
    window = build_window(
        services=Services(speech=RecordingSpeech()), first_run=lambda w: opened.append(w) or "shown"
    )
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.show()
    unlock(qtbot, window)
    assert opened == [window] and window.first_run_dialog == "shown"
    window.idle_lock()
    window.close()
    again = build_window(services=Services(speech=RecordingSpeech()), first_run=opened.append)
    assert isinstance(again, MainWindow)
    qtbot.addWidget(again)
    qtbot.addWidget(again.interpreter)
    again.show()
    unlock(qtbot, again)
    assert len(opened) == 1  # only after the unlock that created the store
