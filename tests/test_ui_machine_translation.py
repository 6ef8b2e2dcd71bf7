"""Machine translation as a marked fallback, through the real window and a real (tiny) argos
model: content missing from the Khmer catalog, and the person's typed answers for staff.
"""

from __future__ import annotations

from kiosk.app import intents as i
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs
from kiosk.core.translation import models
from kiosk.ui.services import CoreTranslation, Services
from tests.test_ui_interview import answer_like_a_person
from tests.ui_helpers import (
    SLOW_MACHINE_WAIT_MS,
    RecordingSpeech,
    click,
    drive,
    make_window,
    pass_staff_gate,
    start_interview,
    unlock,
)


def _window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    translation = CoreTranslation()
    # An empty catalog folder: every Khmer string is missing, whatever drafts the repo holds.
    localizer = CatalogLocalizer(Catalogs(tmp_path / "no-catalogs"))
    services = Services(localizer=localizer, speech=RecordingSpeech(), translation=translation)
    window = make_window(qtbot, services)
    return window, translation


def test_missing_khmer_content_is_machine_translated_and_marked(  # type: ignore[no-untyped-def]
    qtbot, tiny_argos_factory, tmp_path
) -> None:
    models.install_model(tiny_argos_factory("en", "km"))  # upper-cases, so it is easy to see
    window, translation = _window(qtbot, tmp_path)
    try:
        unlock(qtbot, window)
        start_interview(qtbot, window, "km", interpreter=True)
        click(qtbot, window.handover.accept)
        c = window.controller
        while c.session.state.current != "understand_language":
            click(qtbot, window.question.submit)
        node = c.session.flow.node("understand_language")
        english = (node.child_text if c.screen().child else node.text) or ""
        q = window.question
        # English first (never a blank screen), then the machine text once the worker is done.
        qtbot.waitUntil(lambda: q.text.text() == english.upper(), timeout=10_000)
        assert q.view.status == "machine"
        assert q.answer_buttons["yes"].isVisible()
        interpreter = window.interpreter
        assert interpreter.person_text.text() == q.text.text()
        assert "Machine translation" in interpreter.person_mark.text()
        assert interpreter.staff_text.text() != q.text.text()  # staff side keeps the English
        # Read aloud speaks what the person sees.
        click(qtbot, q.action_bar.read_aloud)
        qtbot.waitUntil(
            lambda: bool(window.controller.services.speech.spoken), timeout=SLOW_MACHINE_WAIT_MS
        )
        assert window.controller.services.speech.spoken[-1][2] == q.text.text()
        # Options of a choice question are translated too.
        act = answer_like_a_person(qtbot)[0]
        while window.page_name != "question" or c.screen().node.type != "single_choice":
            if window.page_name == "question":
                act(window, c.session.state.current)
            elif window.page_name == "break_offer":
                click(qtbot, window.break_offer.go_on)
            elif window.page_name == "staff_step":
                click(qtbot, window.staff_step.go_on)
            elif window.page_name == "lock":
                pass_staff_gate(qtbot, window)
            else:
                click(qtbot, window.handover.accept)
        node = c.screen().node
        first = node.options[0]
        source = (first.child_text if c.screen().child else None) or first.text
        qtbot.waitUntil(
            lambda: q.answer_buttons[first.value].text() == source.upper(), timeout=10_000
        )
    finally:
        translation.shutdown()


def test_free_text_answer_is_translated_for_staff_beside_the_original(  # type: ignore[no-untyped-def]
    qtbot, tiny_argos_factory, tmp_path
) -> None:
    models.install_model(tiny_argos_factory("km", "en"))
    window, translation = _window(qtbot, tmp_path)
    try:
        unlock(qtbot, window)
        start_interview(qtbot, window, "km", interpreter=True)
        policy, _ = answer_like_a_person(qtbot, free_text="i worked on a boat")
        drive(qtbot, window, policy)
        answer = window.interpreter.answer
        assert window.page_name == "finished"
        window.controller.send(i.OpenReview())
        assert window.page_name == "review"
        table = window.review.answers
        row = next(r for r in range(table.rowCount()) if "boat" in (table.item(r, 2).text() or ""))
        qtbot.waitUntil(lambda: "I WORKED ON A BOAT" in table.item(row, 2).text(), timeout=10_000)
        cell = table.item(row, 2).text()
        assert cell.startswith("i worked on a boat")  # the original is kept, first
        assert "Machine translation" in cell
        # The interpreter view showed the typed answer with its marked translation beside it.
        qtbot.waitUntil(lambda: "I WORKED ON A BOAT" in answer.text(), timeout=10_000)
        assert answer.text().startswith("i worked on a boat")
        assert "Machine translation" in answer.text()
        # Once the interview is closed, the translator keeps no copy of the person's words.
        window.controller.send(i.GoHome())
        assert not translation._translator._cache
    finally:
        translation.shutdown()
