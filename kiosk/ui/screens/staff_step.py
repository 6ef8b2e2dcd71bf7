"""Staff-only steps inside an interview (notes, checklists) and the finished screen.

Staff tools that would distract the person (the "appears to be a child" switch, the adult
switch with its reason, stopping on the person's behalf) live here, on the staff side.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import SimpleScreen, buddy, button, tab_chain, text_label, title
from kiosk.ui.screens.rights import TakeAwayPanel
from kiosk.ui.theme import set_direction


class StaffTools(QWidget):
    """Path switches with their reasons; recorded as staff events."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.child = button(loc.ui("Appears to be a child"))
        self.reason = QLineEdit()
        self.reason_label = buddy(loc.ui("Reason for the adult path"), self.reason)
        self.adult = button(loc.ui("Switch to the adult path"))
        self.path_note = text_label(name="Current path")
        row = QHBoxLayout(self)
        row.addWidget(self.path_note)
        row.addWidget(self.child)
        row.addWidget(self.reason_label)
        row.addWidget(self.reason, 1)
        row.addWidget(self.adult)
        self.child.clicked.connect(self._child)
        self.adult.clicked.connect(self._adult)

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        session = self.controller.session
        child = session is not None and session.state.child
        self.path_note.setText(loc.ui("Child path") if child else loc.ui("Adult path"))
        self.reason.clear()

    def _child(self) -> None:
        self.controller.mark_child()
        self.prepare()

    def _adult(self) -> None:
        self.controller.switch_adult(self.reason.text())
        self.prepare()


class StaffStepScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("Staff only"))
        self.text = text_label(name="Staff note")
        self.checks = QWidget()
        self._checks_layout = QVBoxLayout(self.checks)
        self.boxes: dict[str, QCheckBox] = {}
        self.note = text_label(name="Interpreter note")
        self.tools = StaffTools(controller)
        self.stop = button(loc.ui("Stop the interview"))
        self.go_on = button(loc.ui("Continue"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.checks)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.tools)
        row = QHBoxLayout()
        row.addWidget(self.stop)
        row.addStretch(1)
        row.addWidget(self.go_on)
        layout.addLayout(row)
        layout.setContentsMargins(48, 24, 48, 24)
        self.go_on.clicked.connect(self._continue)
        self.stop.clicked.connect(lambda: controller.stop("staff stopped the interview", "staff"))

    def prepare(self) -> None:
        view = self.controller.current_view(self.controller.staff_language())
        if view is None:
            return
        set_direction(self, view.language)
        self.text.setText(view.text)
        self.note.setText(view.interpreter_note)
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        for choice in view.choices if view.kind == "staff_check" else ():
            box = QCheckBox(choice.text)
            box.setAccessibleName(choice.text)
            self._checks_layout.addWidget(box)
            self.boxes[choice.value] = box
        # Built after the tools below them: keep Tab in reading order.
        t = self.tools
        tab_chain(*self.boxes.values(), t.child, t.reason, t.adult, self.stop, self.go_on)
        self.checks.setVisible(bool(self.boxes))
        self.tools.prepare()
        self.go_on.setFocus()

    def _continue(self) -> None:
        checked = [value for value, box in self.boxes.items() if box.isChecked()]
        self.controller.staff_continue(checked)


class FinishedScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.review = self.add_button("next")
        self.home = self.add_button("back")
        self.take_away = TakeAwayPanel(controller)
        layout = self.layout()
        assert layout is not None  # the base screen always builds its layout
        layout.addWidget(self.take_away)
        self.review.clicked.connect(lambda: controller.review())
        self.home.clicked.connect(controller.go_home)

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        view = self.controller.current_view(self.controller.staff_language())
        set_direction(self, self.controller.staff_language())
        self.set_words(
            loc.ui("The interview has ended."),
            view.text if view else "",
            loc.ui("Review it"),
            loc.ui("Back to the start"),
        )
        self.take_away.prepare()
        self.review.setFocus()
