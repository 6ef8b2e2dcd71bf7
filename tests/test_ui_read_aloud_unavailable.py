"""When nothing can be read aloud (Khmer has no synthetic voice and no recording here), the
person is told so in their own language, and staff in theirs — through the real speech layer."""

from __future__ import annotations

from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui.services import CoreSpeech, Services
from tests.ui_helpers import click, drive, make_window, start_interview, unlock

SENTENCE = "This cannot be read aloud yet. Please ask staff or the interpreter to read it to you."


def test_read_aloud_without_any_voice_says_so_in_both_languages(qtbot) -> None:  # type: ignore[no-untyped-def]
    localizer = CatalogLocalizer()
    window = make_window(qtbot, Services(speech=CoreSpeech(), localizer=localizer))
    unlock(qtbot, window)
    start_interview(qtbot, window, language="km")

    def stop_at_the_first_person_screen(w, node: str) -> bool:  # type: ignore[no-untyped-def]
        return False

    drive(qtbot, window, stop_at_the_first_person_screen)
    assert window.page_name == "question"
    click(qtbot, window.question.action_bar.read_aloud)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=5000)
    khmer = localizer.ui(SENTENCE, language="km")
    assert khmer != SENTENCE and any("\u1780" <= ch <= "\u17ff" for ch in khmer)
    assert window.banner.text.splitlines() == [khmer, SENTENCE]
