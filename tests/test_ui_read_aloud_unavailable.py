"""When nothing can be read aloud (Khmer has no synthetic voice and no recording here), the
person is told so in their own language, and staff in theirs — through the real speech layer."""

from __future__ import annotations

from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui.services import CoreSpeech, Services
from tests.ui_helpers import (
    SLOW_MACHINE_WAIT_MS,
    click,
    drive,
    make_window,
    start_interview,
    unlock,
)

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
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=SLOW_MACHINE_WAIT_MS)
    khmer = localizer.ui(SENTENCE, language="km")
    assert khmer != SENTENCE and any("\u1780" <= ch <= "\u17ff" for ch in khmer)
    assert window.banner.text.splitlines() == [khmer, SENTENCE]


def test_no_sound_device_is_said_in_the_persons_language_and_the_rights_do_not_move_on(
    qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Vietnamese has a synthetic voice, but this kiosk has no working sound output (its player
    exits at once, as aplay does without a device): the person is told, and the rights reading
    stays on the part nobody heard."""
    import shutil

    import pytest

    from kiosk.core.speech.player import Player
    from tests.test_ui_interview import YES, answer_like_a_person

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is needed for a synthetic voice")
    localizer = CatalogLocalizer()
    silent = Player(command=["sh", "-c", "cat > /dev/null; exit 1"])
    window = make_window(qtbot, Services(speech=CoreSpeech(player=silent), localizer=localizer))
    unlock(qtbot, window)
    start_interview(qtbot, window, language="vi")

    def stop_at_the_first_person_screen(w, node: str) -> bool:  # type: ignore[no-untyped-def]
        return False

    drive(qtbot, window, stop_at_the_first_person_screen)
    click(qtbot, window.question.action_bar.read_aloud)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20000)
    vietnamese = localizer.ui(SENTENCE, language="vi")
    assert window.banner.text.splitlines() == [vietnamese, SENTENCE]
    window.banner.dismiss()

    policy, _ = answer_like_a_person(qtbot, decline=set(), yes=YES)

    def until_rights(w, node: str) -> bool:  # type: ignore[no-untyped-def]
        return node != "rights_paper" and policy(w, node)

    drive(qtbot, window, until_rights)
    panel = window.question.take_away
    click(qtbot, panel.read)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20000)
    assert window.banner.text.splitlines()[0] == vietnamese
    assert panel.read_progress.text() == ""  # nothing was heard: no "Part 1 of …"
    assert panel.docs.next_part == 0  # the same part is offered again
