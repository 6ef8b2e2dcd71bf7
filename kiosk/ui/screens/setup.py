"""New interview (staff): flow, languages, interpreter, and the safety check.

The safety check is the node the flow's policy names, shown here as a checklist; the session
layer decides whether the interview may start (if not, nothing is recorded).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.app.pages import Setup, SetupProblem
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.i18n.register import Register
from kiosk.ui.controller import Controller
from kiosk.ui.language_status import LanguageStatusNote
from kiosk.ui.languages import offered
from kiosk.ui.presenter import choices, node_text
from kiosk.ui.screens.common import (
    buddy,
    button,
    discard,
    primary,
    scrolled,
    tab_chain,
    text_label,
    title,
    toggle,
)


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
        self.interpreter = toggle(loc.ui("An interpreter is present"))
        self.interpreter.setAccessibleName(self.interpreter.text())
        self.interpreter_role = QLineEdit()
        self.interpreter_role.setPlaceholderText(loc.ui("Name or role"))
        self.interpreter_independent = toggle(
            loc.ui(
                "The interpreter does not know the person, their employer or whoever brought them"
            )
        )
        self.interpreter_independent.setAccessibleName(self.interpreter_independent.text())
        self.listen_only = toggle(
            loc.ui("Listen-only: every screen is read aloud as it appears (for headphones)")
        )
        self.listen_only.setAccessibleName(self.listen_only.text())
        form = QFormLayout()
        # Labels above their fields: nothing runs off the side at large text or in long languages.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
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
        form.addRow(self.listen_only)

        self.safety = QGroupBox(loc.ui("Safety check"))
        self._safety_layout = QVBoxLayout(self.safety)
        self.safety_text = text_label(name="Safety check instructions")
        self._safety_layout.addWidget(self.safety_text)
        self.safety_boxes: dict[str, QCheckBox] = {}
        self.problem = text_label(name=loc.ui("Why the interview did not start"))
        self.problem.setObjectName("safetyAlertReasons")
        self.problem.hide()

        self.back = button(loc.ui("Back"), icon_name="back")
        self.start = primary(button(loc.ui("Start the interview"), icon_name="next"))
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(title(loc.ui("New interview")))
        body.addLayout(form)
        body.addWidget(self.safety)
        body.addWidget(self.problem)
        scroll = scrolled(inner)
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
        self.back.clicked.connect(lambda: controller.send(i.GoHome()))
        self.start.clicked.connect(self._start)
        self.flow: Flow | None = None

    def show_page(self, page: Setup) -> None:
        """A fresh form; or, when Start was refused, the same form with the reason shown."""
        if page.problem is None:
            self.prepare()
            return
        loc = self.controller.services.localizer
        if page.problem is SetupProblem.INTERPRETER_NOT_INDEPENDENT:
            words = loc.ui(
                "Please confirm the interpreter has no link to the person, or find "
                "another interpreter. Safety comes first."
            )
        else:
            words = loc.ui("Not yet: nothing was recorded.")
            if page.not_ready is not None and self.flow is not None:
                staff = self.staff_language_box.currentData() or "en"
                note = node_text(loc, self.flow, page.not_ready, staff, child=False).text
                words = f"{words} {note}"
        self.problem.setText(words)
        self.problem.show()
        self.start.setFocus()

    def prepare(self) -> None:
        self.problem.clear()
        self.problem.hide()
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
        self._select(self.staff_language_box, self.controller.setting("staff_language", "en"))
        self._flow_chosen()
        self.interpreter.setChecked(False)
        self.interpreter_role.clear()
        self.interpreter_independent.setChecked(False)
        self.listen_only.setChecked(False)
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
        discard(*self.safety_boxes.values())
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
        check_id = self.flow.policy.safety_check
        self.safety.setVisible(check_id is not None)
        if check_id is None:
            return
        check = self.flow.node(check_id)
        loc = self.controller.services.localizer
        staff = self.staff_language_box.currentData() or "en"
        self.safety_text.setText(node_text(loc, self.flow, check, staff, child=False).text)
        for choice in choices(loc, self.flow, check, staff, Register.STAFF):
            box = toggle(choice.text)
            box.setAccessibleName(choice.text)
            self._safety_layout.addWidget(box)
            self.safety_boxes[choice.value] = box
        # The checklist is built after the buttons below it: keep Tab in reading order.
        tab_chain(
            self.interpreter_independent,
            self.listen_only,
            *self.safety_boxes.values(),
            self.back,
            self.start,
        )

    def tick_all_safety(self) -> None:
        for box in self.safety_boxes.values():
            box.setChecked(True)

    def _start(self) -> None:
        path = self.flow_box.currentData()
        if not path:
            return
        interpreter: dict[str, object] = {}
        if self.interpreter.isChecked():
            interpreter = {
                "present": True,
                "role": self.interpreter_role.text().strip(),
                "independent": self.interpreter_independent.isChecked(),
            }
        self.controller.send(
            i.StartInterview(
                flow_path=Path(path),
                language=self.language_box.currentData(),
                staff_language=self.staff_language_box.currentData(),
                interpreter=interpreter,
                safety_checked=tuple(k for k, box in self.safety_boxes.items() if box.isChecked()),
                listen_only=self.listen_only.isChecked(),
            )
        )
