"""New interview (staff): flow, languages, interpreter, and the safety check.

The safety check is the flow's first `staff_check` node, shown here as a checklist; the
engine records it and decides whether the interview may go on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.ui.controller import Controller, SetupChoice
from kiosk.ui.language_status import LanguageStatusNote
from kiosk.ui.languages import offered
from kiosk.ui.screens.common import buddy, button, tab_chain, text_label, title


class SetupScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.flow_box = QComboBox()
        self.language_box = QComboBox()
        self.staff_language_box = QComboBox()
        for lang in offered():
            label = (
                lang.native_name
                if lang.native_name == lang.english_name
                else f"{lang.native_name} ({lang.english_name})"
            )
            self.language_box.addItem(label, lang.code)
            self.staff_language_box.addItem(label, lang.code)
        self.interpreter = QCheckBox(loc.ui("An interpreter is present"))
        self.interpreter.setAccessibleName(self.interpreter.text())
        self.interpreter_role = QLineEdit()
        self.interpreter_role.setPlaceholderText(loc.ui("Name or role"))
        self.interpreter_independent = QCheckBox(
            loc.ui(
                "The interpreter does not know the person, their employer or whoever brought them"
            )
        )
        self.interpreter_independent.setAccessibleName(self.interpreter_independent.text())
        form = QFormLayout()
        form.addRow(buddy(loc.ui("&Interview"), self.flow_box), self.flow_box)
        form.addRow(buddy(loc.ui("&Person's language"), self.language_box), self.language_box)
        self.language_note = text_label(name=loc.ui("What this language offers"))
        self.language_status = LanguageStatusNote(controller, self.language_box, self.language_note)
        form.addRow(self.language_note)
        form.addRow(
            buddy(loc.ui("&Staff language"), self.staff_language_box), self.staff_language_box
        )
        form.addRow(self.interpreter)
        form.addRow(
            buddy(loc.ui("Interpreter name or role"), self.interpreter_role), self.interpreter_role
        )
        form.addRow(self.interpreter_independent)

        self.safety = QGroupBox(loc.ui("Safety check"))
        self._safety_layout = QVBoxLayout(self.safety)
        self.safety_text = text_label(name="Safety check instructions")
        self._safety_layout.addWidget(self.safety_text)
        self.safety_boxes: dict[str, QCheckBox] = {}

        self.back = button(loc.ui("Back"))
        self.start = button(loc.ui("Start the interview"))
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(title(loc.ui("New interview")))
        body.addLayout(form)
        body.addWidget(self.safety)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Tab goes straight to the controls; the area scrolls to whichever has the focus.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(inner)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.setContentsMargins(32, 16, 32, 16)

        self.flow_box.currentIndexChanged.connect(self._flow_chosen)
        self.interpreter.toggled.connect(self._interpreter_toggled)
        self.back.clicked.connect(controller.go_home)
        self.start.clicked.connect(self._start)
        self.flow: Flow | None = None

    def prepare(self) -> None:
        self.flow_box.blockSignals(True)
        self.flow_box.clear()
        for path in self.controller.flow_files():
            try:
                flow = self.controller.load_flow(path)
            except KioskError as error:
                self.controller.messages.error(error)
                continue
            self.flow_box.addItem(flow.title, str(path))
        self.flow_box.blockSignals(False)
        self._flow_chosen()
        self._select(self.staff_language_box, self.controller.setting("staff_language", "en"))
        self.interpreter.setChecked(False)
        self.interpreter_role.clear()
        self.interpreter_independent.setChecked(False)
        self._interpreter_toggled(False)
        self.language_status.refresh()
        self.language_box.setFocus()

    @staticmethod
    def _select(box: QComboBox, code: str) -> None:
        index = box.findData(code)
        if index >= 0:
            box.setCurrentIndex(index)

    def choose(self, language: str, staff_language: str = "en") -> None:
        self._select(self.language_box, language)
        self._select(self.staff_language_box, staff_language)

    def _interpreter_toggled(self, on: bool) -> None:
        self.interpreter_role.setEnabled(on)
        self.interpreter_independent.setEnabled(on)

    def _flow_chosen(self) -> None:
        for box in self.safety_boxes.values():
            box.deleteLater()
        self.safety_boxes = {}
        path = self.flow_box.currentData()
        self.flow = None
        if not path:
            self.safety.hide()
            self.start.setEnabled(False)
            return
        self.start.setEnabled(True)
        try:
            self.flow = self.controller.load_flow(Path(path))
        except KioskError as error:
            self.controller.messages.error(error)
            return
        check = next((n for n in self.flow.nodes if n.kind == "staff_check"), None)
        self.safety.setVisible(check is not None)
        if check is None:
            return
        self.safety_text.setText(check.text)
        for item in check.items:
            box = QCheckBox(item.text)
            box.setAccessibleName(item.text)
            self._safety_layout.addWidget(box)
            self.safety_boxes[item.id] = box
        # The checklist is built after the buttons below it: keep Tab in reading order.
        tab_chain(self.interpreter_independent, *self.safety_boxes.values(), self.back, self.start)

    def tick_all_safety(self) -> None:
        for box in self.safety_boxes.values():
            box.setChecked(True)

    def _start(self) -> None:
        path = self.flow_box.currentData()
        if not path:
            return
        interpreter: dict[str, object] = {}
        if self.interpreter.isChecked():
            if not self.interpreter_independent.isChecked():
                self.controller.messages.info(
                    self.controller.services.localizer.ui(
                        "Please confirm the interpreter has no link to the person, or find "
                        "another interpreter. Safety comes first."
                    )
                )
                return
            interpreter = {
                "present": True,
                "role": self.interpreter_role.text().strip(),
                "independent": True,
            }
        self.controller.start_interview(
            SetupChoice(
                flow_path=Path(path),
                language=self.language_box.currentData(),
                staff_language=self.staff_language_box.currentData(),
                interpreter=interpreter,
                safety_checked=[k for k, box in self.safety_boxes.items() if box.isChecked()],
            )
        )
