"""The window draws the pages the session layer chose: a walk through the real window and the
same walk as a `kiosk simulate` script record the same interview, and the staff-only controls
show only on staff pages. Flow-agnostic: the walk reads each screen, it names no node."""

from __future__ import annotations

from typing import Any

from kiosk.app.pages import Audience
from kiosk.app.scripted import Step, run_script
from kiosk.core import paths
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import load_flow
from kiosk.core.store import Store
from tests.ui_helpers import (
    PASSPHRASE,
    MainWindow,
    click,
    commit_text,
    flow_path,
    make_window,
    pass_staff_gate,
    start_interview,
    stored_events,
    unlock,
)

STORY = "Zqx7 I worked on a boat"


def _answer(qtbot, window: MainWindow, flow: Flow) -> object:  # type: ignore[no-untyped-def]
    """Answer the question on screen as a person might; returns the same step for a script."""
    q = window.question
    view = q.view
    assert view is not None
    node = flow.node(view.node_id)
    if view.kind != "question":
        click(qtbot, q.submit)
        return "continue"
    if node.sensitive and node.consent is None:
        click(qtbot, q.decline)
        return "decline"
    if view.type == "yes_no":
        click(qtbot, q.answer_buttons["yes"])
        return {"answer": "yes"}
    if view.type == "single_choice":
        first = view.choices[0].value
        click(qtbot, q.answer_buttons[first])
        return {"answer": first}
    if view.type == "multiple_choice":
        first = view.choices[0].value
        click(qtbot, q.answer_buttons[first])
        click(qtbot, q.submit)
        return {"answer": [first]}
    if view.type == "age":
        commit_text(q.entry, "30")
        click(qtbot, q.submit)
        return {"answer": 30}
    if view.type == "free_text":
        commit_text(q.entry, STORY)
        click(qtbot, q.submit)
        return {"answer": STORY}
    click(qtbot, q.decline)  # numbers and dates: declined
    return "decline"


Walk = tuple[list[object], set[str]]


def _walk(qtbot, window: MainWindow, flow: Flow, person_screens: int) -> Walk:  # type: ignore[no-untyped-def]
    """Drive the window through `person_screens` of the person's screens (staff pages passed
    as staff would), then the person stops. Checks on every page that the staff-only controls
    show exactly on staff pages. Returns the script steps and the kinds of page seen."""
    check = flow.policy.safety_check
    steps: list[object] = []
    if check:  # setup ticks every box of the flow's safety check
        steps.append({"answer": [item.id for item in flow.node(check).items]})
    seen: set[str] = set()
    answered = 0
    for _ in range(300):
        page = window.page
        seen.add(page.kind)
        staff = page.audience is Audience.STAFF
        open_interview = window.controller.session is not None
        assert window.lock_button.isVisible() == staff, page
        assert window.interpreter_button.isVisible() == (staff and open_interview), page
        match page.kind:
            case "handover":
                click(qtbot, window.handover.accept)
            case "lock":
                pass_staff_gate(qtbot, window)
            case "safety_hold":
                click(qtbot, window.safety_hold.staff)
            case "safety_alert":
                click(qtbot, window.safety_alert.go_on)
                steps.append({"alert": "continue"})
            case "staff_step":
                click(qtbot, window.staff_step.go_on)
                steps.append("continue")
            case "break_offer":
                click(qtbot, window.break_offer.go_on)  # a script's next answer goes on by itself
            case "question" if answered == person_screens:
                click(qtbot, window.question.action_bar.stop)
                click(qtbot, window.stop_confirm.confirm)
                steps.append("stop")
            case "question":
                steps.append(_answer(qtbot, window, flow))
                answered += 1
            case "stopped" | "finished":
                return steps, seen
            case _:
                raise AssertionError(f"unexpected page {page}")
    raise AssertionError("the walk did not end")


def _count_question_builds(window: MainWindow) -> tuple[list[str], list[str]]:
    """The nodes the question screen was built for, and the question pages shown, as they
    happen."""
    built: list[str] = []
    shown: list[str] = []
    show_view, show_page = window.question.show_view, window.show_page

    def counted_view(view: Any) -> None:
        built.append(view.node_id)
        show_view(view)

    def counted_page(page: Any) -> None:
        show_page(page)
        if page.kind == "question":
            shown.append(window.question.view.node_id)

    window.question.show_view = counted_view  # type: ignore[method-assign]
    window.controller.page.disconnect(window.show_page)
    window.controller.page.connect(counted_page)
    return built, shown


def _facts(events: list[Any]) -> list[tuple[str, str, object]]:
    return [(event.kind, event.actor, event.data) for event in events]


def test_the_window_and_simulate_record_the_same_interview(qtbot) -> None:  # type: ignore[no-untyped-def]
    flow = load_flow(flow_path())
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "km")
    steps, seen = _walk(qtbot, window, flow, person_screens=24)
    assert {"handover", "question", "stopped"} <= seen
    through_window = stored_events()
    assert len(through_window) > 20  # a real walk, not a start and a stop

    # The same steps as a script, in the same store (same organisation and settings).
    window.close()
    script = [Step(action, number) for number, action in enumerate(steps, start=1)]
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        result = run_script(flow, script, "km", store)
        assert result.interview_id is not None
        through_script = store.events(result.interview_id)
    assert _facts(through_script) == _facts(through_window)


def test_staff_controls_show_only_on_staff_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The lock and interpreter buttons are the staff's: never on the person's pages (the walk
    checks every page); on a staff page with an open interview the interpreter view opens."""
    flow = load_flow(flow_path())
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "en")
    _steps, seen = _walk(qtbot, window, flow, person_screens=6)
    assert {"handover", "question", "stopped"} <= seen
    click(qtbot, window.stopped.done)
    pass_staff_gate(qtbot, window)
    assert window.page.audience is Audience.STAFF and window.controller.session is not None
    assert window.interpreter_button.isVisible()
    click(qtbot, window.interpreter_button)
    assert window.interpreter.isVisible()


def test_the_question_screen_is_built_once_per_question_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A click pays for the one screen it shows: the question screen is built when a question
    page shows, never behind a break offer, a staff step or the end (the next question page
    builds it anyway)."""
    flow = load_flow(flow_path())
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "en")
    built, shown = _count_question_builds(window)
    _steps, seen = _walk(qtbot, window, flow, person_screens=200)
    assert {"staff_step", "finished"} <= seen
    assert len(shown) > 20 and built == shown
