"""How the person answers, on the real window: their own digits, a reason in their language when
an answer is not taken, "None of these" standing alone, the earlier answer shown after Back,
and no answer lit up by a resting mouse on a new screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui.app import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.ui_helpers import (
    RecordingSpeech,
    choose_organisation,
    click,
    commit_text,
    stored_events,
    unlock,
)

FLOW = """\
format: 1
flow: answers
version: 1
title: Answers
age_question: age
nodes:
  - id: hello
    kind: info
    text: Hello.
  - id: age
    kind: question
    type: age
    text: How old are you?
  - id: work
    kind: question
    type: multiple_choice
    text: What kind of work did you do?
    options:
      - value: fishing
        text: Fishing or work on a boat
        picture: work_fishing
      - value: farm
        text: Farm or plantation work
        picture: work_farm
      - value: none
        text: None of these
        exclusive: true
  - id: rest
    kind: question
    type: yes_no
    text: Did you get at least one day off each week?
  - id: food
    kind: question
    type: yes_no
    text: Did you have enough food to eat?
  - id: done
    kind: end
    text: Thank you.
"""


def window_with_test_flow(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "answers.yaml").write_text(FLOW, encoding="utf-8")
    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = build_window(services=services, flows_dir=flows)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.resize(1280, 720)
    window.show()
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    window.setup.choose("km")
    click(qtbot, window.setup.start)
    click(qtbot, window.handover.accept)
    click(qtbot, window.question.submit)  # hello
    assert window.question.view.node_id == "age"
    return window


def test_age_in_khmer_digits_and_reasons_in_khmer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_with_test_flow(qtbot, tmp_path)
    q = window.question
    commit_text(q.entry, "twenty")
    click(qtbot, q.submit)
    assert q.view.node_id == "age"  # not taken, and said why, in Khmer, under the field
    assert q.problem.isVisible()
    assert "២៥" in q.problem.text() and "digits" not in q.problem.text()
    q.entry.clear()
    commit_text(q.entry, "២០០")
    click(qtbot, q.submit)
    assert q.view.node_id == "age" and "១២០" in q.problem.text()  # the range, in Khmer digits
    q.entry.clear()
    commit_text(q.entry, "២៥")
    click(qtbot, q.submit)
    assert q.view.node_id == "work"
    assert not q.problem.isVisible()
    answered = [e for e in stored_events() if e.kind == "answered" and e.data["node"] == "age"]
    assert [e.data["value"] for e in answered] == [25]


def test_none_of_these_stands_alone_and_back_shows_the_earlier_answer(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = window_with_test_flow(qtbot, tmp_path)
    q = window.question
    commit_text(q.entry, "30")
    click(qtbot, q.submit)
    tiles = q.answer_buttons
    assert tiles["fishing"].picture == "work_fishing"
    click(qtbot, tiles["fishing"])
    click(qtbot, tiles["farm"])
    assert tiles["fishing"].isChecked() and tiles["farm"].isChecked()
    click(qtbot, tiles["none"])
    assert tiles["none"].isChecked()
    assert not tiles["fishing"].isChecked() and not tiles["farm"].isChecked()
    click(qtbot, tiles["farm"])
    assert tiles["farm"].isChecked() and not tiles["none"].isChecked()
    click(qtbot, q.submit)
    assert q.view.node_id == "rest"
    # Back: the answer given before is shown chosen.
    click(qtbot, q.action_bar.back)
    assert q.view.node_id == "work"
    chosen = {value for value, tile in q.answer_buttons.items() if tile.chosen}
    assert chosen == {"farm"}
    click(qtbot, q.submit)
    click(qtbot, q.answer_buttons["yes"])
    assert q.view.node_id == "food"
    click(qtbot, q.action_bar.back)  # and a yes/no answer is marked too
    assert q.view.node_id == "rest"
    assert q.answer_buttons["yes"].chosen and not q.answer_buttons["no"].chosen
    assert not q.answer_buttons["yes"].isCheckable()  # still one press answers
    answers = [e.data["value"] for e in stored_events() if e.data.get("node") == "work"]
    assert answers[0] == ["farm"]


def _pointer(widget, kind: QEvent.Type) -> None:  # type: ignore[no-untyped-def]
    """What the platform sends when the pointer enters or moves over `widget`."""
    local = QPointF(widget.rect().center())
    where = QPointF(widget.mapToGlobal(local.toPoint()))
    if kind == QEvent.Type.Enter:
        event: QEvent = QEnterEvent(local, local, where)
    else:
        event = QMouseEvent(
            kind,
            local,
            where,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(widget, event)


def test_a_resting_mouse_lights_no_answer_on_the_next_screen(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_with_test_flow(qtbot, tmp_path)
    q = window.question
    commit_text(q.entry, "30")
    click(qtbot, q.submit)
    click(qtbot, q.answer_buttons["none"])
    submit = q.submit
    _pointer(submit, QEvent.Type.Enter)
    _pointer(submit, QEvent.Type.MouseMove)
    assert submit.hovered  # the pointer really moved over it: it lights up
    click(qtbot, submit)
    assert q.view.node_id == "rest"
    # The next screen's answer appears under the still pointer: Qt tells it the pointer is in.
    yes = q.answer_buttons["yes"]
    _pointer(yes, QEvent.Type.Enter)
    assert not yes.hovered  # nothing lights up (it would look chosen) until the pointer moves
    _pointer(yes, QEvent.Type.MouseMove)
    assert yes.hovered
