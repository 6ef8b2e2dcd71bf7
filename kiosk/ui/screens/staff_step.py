"""Staff-only steps inside an interview (notes, checklists) and the finished screen.

Staff tools that would distract the person (the "appears to be a child" switch, the adult
switch with its reason, stopping on the person's behalf) live here, on the staff side.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.app.pages import StaffStep
from kiosk.ui.controller import Controller
from kiosk.ui.presenter import node_text
from kiosk.ui.screens.common import (
    buddy,
    button,
    discard,
    primary,
    scrolled_page,
    tab_chain,
    text_label,
    title,
    toggle,
    wrapping_list,
)
from kiosk.ui.screens.rights import TakeAwayPanel
from kiosk.ui.screens.summary import SummaryPanel
from kiosk.ui.theme import set_direction


class StaffTools(QWidget):
    """Path switches with their reasons; recorded as staff events."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.controller = controller
        loc = controller.services.localizer
        self.child = button(loc.ui("Appears to be a child"))
        self.reason = QLineEdit()
        self.reason_label = buddy(loc.ui("Reason for the adult path"), self.reason)
        self.adult = button(loc.ui("Switch to the adult path"))
        self.path_note = text_label(name="Current path")
        first = QHBoxLayout()
        first.addWidget(self.path_note, 1)
        first.addWidget(self.child)
        second = QHBoxLayout()
        second.addWidget(self.reason, 1)
        second.addWidget(self.adult)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(first)
        column.addWidget(self.reason_label)
        column.addLayout(second)
        self.child.clicked.connect(self._child)
        self.adult.clicked.connect(self._adult)

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        session = self.controller.session
        child = session is not None and session.state.child
        self.path_note.setText(loc.ui("Child path") if child else loc.ui("Adult path"))
        self.reason.clear()

    def _child(self) -> None:
        self.controller.send(i.MarkChild())
        self.prepare()

    def _adult(self) -> None:
        self.controller.send(i.SwitchAdult(self.reason.text()))
        self.prepare()


class StaffStepScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("Staff only"))
        self.text = text_label(name="Staff note")
        self.checks = QWidget()
        self._checks_layout = QVBoxLayout(self.checks)
        self.boxes: dict[str, QCheckBox] = {}
        self.note = text_label(name="Interpreter note")
        # Questions the person already answered in their own story: not asked again.
        self.covered = wrapping_list()
        self.covered_label = buddy(
            loc.ui("Already told in the person's own story (not asked again)"), self.covered
        )
        self.mark_covered = button(loc.ui("Mark as already covered"))
        self.tools = StaffTools(controller)
        self.summary = SummaryPanel(controller)  # once the person has answered something
        self.stop = button(loc.ui("Stop the interview"))
        self.go_on = button(loc.ui("Continue"))
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.heading)
        body.addWidget(self.text)
        body.addWidget(self.checks)
        body.addWidget(self.note)
        body.addWidget(self.covered_label)
        body.addWidget(self.covered, 1)
        body.addWidget(self.mark_covered)
        body.addWidget(self.summary)
        body.addStretch(1)
        body.addWidget(self.tools)
        scrolled_page(self, inner, self.stop, self.go_on)
        self.go_on.clicked.connect(self._continue)
        self.stop.clicked.connect(lambda: controller.send(i.StaffStop()))
        self.mark_covered.clicked.connect(self._mark_covered)

    def show_page(self, page: StaffStep) -> None:
        view = self.controller.current_view(self.controller.staff_language())
        session = self.controller.session
        if view is None or session is None:
            return
        loc = self.controller.services.localizer
        self.covered.clear()
        for node in page.coverable:
            words = node_text(loc, session.flow, node, view.language, session.state.child).text
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.covered.addItem(item)
        for widget in (self.covered_label, self.covered, self.mark_covered):
            widget.setVisible(bool(page.coverable))
        set_direction(self, view.language)
        self.text.setText(view.text)
        self.note.setText(view.interpreter_note)
        discard(*self.boxes.values())
        self.boxes = {}
        for choice in view.choices if view.kind == "staff_check" else ():
            box = toggle(choice.text)
            box.setAccessibleName(choice.text)
            self._checks_layout.addWidget(box)
            self.boxes[choice.value] = box
        # Built after the tools below them: keep Tab in reading order.
        t = self.tools
        tab_chain(
            *self.boxes.values(),
            self.covered,
            self.mark_covered,
            *(t.child, t.reason, t.adult, self.stop, self.go_on),
        )
        self.checks.setVisible(bool(self.boxes))
        self.tools.prepare()
        if self.summary.has_content():
            self.summary.prepare()
        else:
            self.summary.hide()
        self.go_on.setFocus()

    def _continue(self) -> None:
        checked = tuple(value for value, box in self.boxes.items() if box.isChecked())
        self.controller.send(i.StaffContinue(checked))

    def _mark_covered(self) -> None:
        nodes = []
        for row in range(self.covered.count()):
            item = self.covered.item(row)
            if item.checkState() is Qt.CheckState.Checked:
                nodes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        if nodes:
            self.controller.send(i.MarkCovered(tuple(nodes)))

    def forget(self) -> None:
        """Nothing of a closed interview stays on this screen."""
        self.text.clear()
        self.note.clear()
        self.covered.clear()
        discard(*self.boxes.values())
        self.boxes = {}
        self.tools.reason.clear()
        self.summary.forget()


class FinishedScreen(QWidget):
    """Staff, after the person's part: the summary, the paper to take away, then review."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("The interview has ended."))
        self.body = text_label(name="End note")
        self.summary = SummaryPanel(controller)
        self.take_away = TakeAwayPanel(controller)
        self.review = primary(button(loc.ui("Review it"), icon_name="list"))
        self.home = button(loc.ui("Back to the start"), icon_name="home")
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.heading)
        body.addWidget(self.body)
        body.addWidget(self.summary)
        body.addWidget(self.take_away)
        body.addStretch(1)
        scrolled_page(self, inner, self.home, self.review)
        self.review.clicked.connect(lambda: controller.send(i.OpenReview()))
        self.home.clicked.connect(lambda: controller.send(i.GoHome()))

    def prepare(self) -> None:
        view = self.controller.current_view(self.controller.staff_language())
        set_direction(self, self.controller.staff_language())
        self.body.setText(view.text if view else "")
        self.body.setVisible(bool(view and view.text))
        self.summary.prepare()
        self.take_away.prepare()
        self.review.setFocus()
