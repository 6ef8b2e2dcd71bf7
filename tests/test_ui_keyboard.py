"""The whole interview by keyboard alone: only key events sent to the focused widget.

No mouse clicks and no calls on widgets: a widget is only compared with the focused one to know
how far to Tab. Non-Latin text arrives the way an input method delivers it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.ui.languages import offered
from tests.ui_helpers import (
    KEY_CHECK_WAIT_MS,
    PASSPHRASE,
    MainWindow,
    make_window,
    start_interview,
    stored_events,
    stored_state,
    unlock,
)

Key = Qt.Key
KHMER = "ខ្ញុំធ្វើការនៅលើទូក"  # "I worked on a boat"

# How the person answers each question (anything not named: the first answer, or "no").
DECLINE = {"tasks_not_agreed", "recruit_debt"}
YES = {
    "understand_language",
    "consent_talk",
    "consent_notes",
    "share_formal_id",
    "threatened",
    "safe_tonight",
    "paper_safe",
}


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def tab_to(target: QWidget, backwards: bool = False, limit: int = 30) -> int:
    """Press Tab (or Shift+Tab) until `target` has the focus; returns how many presses."""
    for presses in range(limit):
        if focused() is target:
            return presses
        if backwards:
            press(Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(Key.Key_Tab)
    name = target.accessibleName() or getattr(target, "text", lambda: "")()
    raise AssertionError(f"{name!r} cannot be reached with the keyboard")


def type_text(text: str) -> None:
    """Text as an input method commits it (safe for any script)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(focused(), event)


def activate(target: QAbstractButton, key: Key = Key.Key_Return) -> None:
    tab_to(target)
    press(key)


def unlock_by_keyboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert focused() is window.unlock.passphrase  # the screen starts on its first field
    QTest.keyClicks(focused(), PASSPHRASE)
    press(Key.Key_Tab)
    assert focused() is window.unlock.repeat
    QTest.keyClicks(focused(), PASSPHRASE)
    press(Key.Key_Return)
    qtbot.waitUntil(lambda: window.page_name == "home", timeout=KEY_CHECK_WAIT_MS)


def set_up_by_keyboard(window: MainWindow, language: str) -> None:
    # First run: who runs the kiosk is chosen before anything else (New waits for it).
    assert focused() is window.home.organisation and not window.home.new.isEnabled()
    press(Key.Key_Down)  # the first organisation kind
    assert window.controller.organisation() != "not_set" and window.home.new.isEnabled()
    tab_to(window.home.new)
    assert focused() is window.home.new
    press(Key.Key_Return)
    setup = window.setup
    assert window.page_name == "setup" and focused() is setup.language_box
    for _ in range(40):
        if setup.language_box.currentData() == language:
            break
        press(Key.Key_Down)
    assert setup.language_box.currentData() == language
    # The checklist comes after the form and before Back and Start, in reading order.
    steps = []
    for box in setup.safety_boxes.values():
        steps.append(tab_to(box))
        press(Key.Key_Space)
    assert steps[1:] == [1] * (len(steps) - 1)
    assert tab_to(setup.start) == 2
    press(Key.Key_Return)
    assert window.page_name == "handover"


def answer_by_keyboard(window: MainWindow, node: str, chosen: dict[str, str]) -> None:
    q = window.question
    view = q.view
    assert view is not None and view.node_id == node
    # Every screen starts on its words, never on an answer: Return there chooses nothing.
    assert focused() is q.text
    press(Key.Key_Return)
    assert q.view is view and window.page_name == "question"
    if node in DECLINE:
        activate(q.decline)
    elif view.kind != "question":
        activate(q.submit)
    elif view.type == "yes_no":
        tab_to(q.answer_buttons["yes"])
        if node not in YES:
            press(Key.Key_Right)  # arrows move between the answers
            assert focused() is q.answer_buttons["no"]
        press(Key.Key_Space)
    elif view.type == "single_choice":
        first = q.answer_buttons[view.choices[0].value]
        tab_to(first)
        # The answer below (the next one, or the next row of two columns); pictured answers
        # in one row: the one beside it (Down goes on to the row under them).
        one_row = len({w.y() for w in q.answer_buttons.values()}) == 1
        press(Key.Key_Right if one_row else Key.Key_Down)
        below = [value for value, w in q.answer_buttons.items() if w is focused()]
        assert below and below[0] != view.choices[0].value
        assert focused().y() > first.y() or (one_row and focused().x() > first.x())
        chosen[node] = below[0]
        press(Key.Key_Return)
    elif view.type == "multiple_choice":
        tab_to(q.answer_buttons[view.choices[0].value])
        press(Key.Key_Space)
        press(Key.Key_Tab)
        press(Key.Key_Space)
        activate(q.submit)
    elif view.type == "age":
        tab_to(q.entry)
        for digit in (Key.Key_3, Key.Key_4):
            press(digit)
        press(Key.Key_Return)
    elif view.type == "free_text":
        tab_to(q.entry)
        type_text(KHMER)
        press(Key.Key_Tab)  # Tab leaves the text box for the button below it
        assert focused() is q.submit
        press(Key.Key_Return)
    else:
        raise AssertionError(f"no keyboard plan for {view.type}")


def check_action_bar(window: MainWindow) -> None:
    """The soft answers and every action of the bar are reachable after the answers, in the
    order they are shown."""
    q, a = window.question, window.question.action_bar
    start = focused()
    shown = [
        w
        for w in (q.dont_know, q.decline, a.read_aloud, a.back, a.take_break, a.stop, a.language)
        if w.isVisible()
    ]
    steps = [tab_to(widget) for widget in shown]
    assert steps[1:] == [1] * (len(shown) - 1)
    # Back to where the person was, with Shift+Tab.
    tab_to(start, backwards=True)
    assert window.page_name == "question" and q.view is not None


def test_whole_interview_by_keyboard_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    unlock_by_keyboard(qtbot, window)
    set_up_by_keyboard(window, "km")

    went_back = took_break = cancelled_stop = checked_bar = alerted = False
    chosen: dict[str, str] = {}
    for _ in range(300):
        page = window.page_name
        if page == "finished":
            break
        if page in ("handover", "break", "staff_step", "stop_confirm"):
            # Each of these starts on its safe, forward button ("No, go on" when stopping).
            press(Key.Key_Return)
            continue
        if page == "break_offer":
            # It starts on its words: a quick Return never walks into a hard question.
            press(Key.Key_Return)
            assert window.page_name == "break_offer"
            activate(window.break_offer.go_on)
            continue
        if page == "safety_hold":  # a safety alert: the person calls staff, by keyboard too
            activate(window.safety_hold.staff)
            alerted = True
            continue
        if page == "safety_alert":  # staff read why and go on
            activate(window.safety_alert.go_on)
            continue
        if page == "lock":  # the staff gate: the screen passes back to staff
            assert focused() is window.lock_screen.secret
            QTest.keyClicks(focused(), PASSPHRASE)
            press(Key.Key_Return)
            qtbot.waitUntil(lambda: window.page_name != "lock", timeout=KEY_CHECK_WAIT_MS)
            continue
        assert page == "question", page
        node = window.question.view.node_id
        if not checked_bar and node == "understand_language":
            check_action_bar(window)
            tab_to(window.question.text, backwards=True)
            checked_bar = True
        if node == "age" and not went_back:
            activate(window.question.action_bar.back, Key.Key_Space)
            assert window.question.view.node_id == "time_today"
            went_back = True
            continue
        if node == "open_work" and not took_break:
            activate(window.question.action_bar.take_break)
            assert window.page_name == "break"
            press(Key.Key_Return)
            assert window.question.view.node_id == "open_work"
            took_break = True
        if node == "journey_events" and not cancelled_stop:
            activate(window.question.action_bar.stop)
            assert window.page_name == "stop_confirm"
            press(Key.Key_Return)  # "No, go on" has the focus
            assert window.question.view.node_id == "journey_events"
            cancelled_stop = True
        answer_by_keyboard(window, node, chosen)
    assert window.page_name == "finished"
    assert went_back and took_break and cancelled_stop and checked_bar
    assert alerted  # "water, food" and "a doctor" now: the interview paused for staff

    state = stored_state()
    assert state.status == "finished"
    assert state.language == "km" and state.path == "adult"
    assert state.answers["safety_check"].value  # ticked by keyboard on the setup screen
    assert state.answer_value("understand_language") == "yes"
    assert state.answer_value("age") == 34
    assert state.answer_value("open_work") == KHMER
    assert state.answer_state("tasks_not_agreed") == "declined"
    assert state.answer_state("recruit_debt") == "declined"
    assert state.answer_state("recruit_forced") == "answered"
    assert state.answer_value("recruit_forced") == "no"
    assert state.consent == {"talk": "given", "notes": "given", "referral": "given"}
    assert state.breaks and state.breaks[0].node == "open_work" and state.breaks[0].ended
    assert chosen and all(state.answer_value(n) == v for n, v in chosen.items())
    kinds = [event.kind for event in stored_events()]
    assert "back" in kinds
    assert "stopped" not in kinds  # the stop was cancelled


# The offscreen platform cannot raise a popup or grab the keyboard for it; real ones can.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_language_menu_opens_and_chooses_by_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "en")
    press(Key.Key_Return)  # the handover
    activate(window.question.submit)  # the first information screen
    assert window.question.view.node_id == "understand_language"
    menu = window.question.action_bar.language_menu
    opened: list[bool] = []

    def choose_second_language() -> None:
        opened.append(menu.isVisible())
        QTest.keyClick(menu, Key.Key_Down)
        QTest.keyClick(menu, Key.Key_Down)
        QTest.keyClick(menu, Key.Key_Return)

    QTimer.singleShot(0, choose_second_language)
    activate(window.question.action_bar.language, Key.Key_Space)
    assert opened == [True]
    second = offered()[1].code
    assert window.question.view.language == second
    assert stored_state().language == second
