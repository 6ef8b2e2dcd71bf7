"""The neutral screen shown by quick hide, the idle lock and the staff gate.

It shows nothing of the interview. Only the staff passphrase or PIN leads on, checked off
the GUI thread; repeated wrong tries wait a little longer each time. At the staff gate the
person can go back to their own page instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.app import intents as i
from kiosk.app.pages import Locked, LockReason
from kiosk.ui.controller import Controller
from kiosk.ui.icons import icon
from kiosk.ui.screens.common import button, text_label


class LockScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.mode = LockReason.HIDE
        self._wait_left = 0
        self.picture = QLabel()
        self.picture.setPixmap(icon("calm", "#8a94a6").pixmap(128, 128))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(loc.ui("Calm picture"))
        self.message = text_label(name="Lock message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(loc.ui("Staff passphrase or PIN"))
        self.secret.setPlaceholderText(loc.ui("Code"))
        self.secret.setMaximumWidth(260)
        self.go = button(loc.ui("Open"))
        self.back = button(loc.ui("Back"), icon_name="back")
        self.back.hide()
        self.feedback = text_label(name="Lock feedback")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.message)
        layout.addStretch(2)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.feedback)
        row.addWidget(self.secret)
        row.addWidget(self.go)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.go.clicked.connect(self._submit)
        self.back.clicked.connect(lambda: controller.send(i.GateBack()))
        self.secret.returnPressed.connect(self._submit)
        controller.verify_result.connect(self._result)

    def show_page(self, page: Locked) -> None:
        loc = self.controller.services.localizer
        self.mode = page.reason
        self.secret.clear()
        self.feedback.clear()
        if page.reason is LockReason.HIDE:
            self.message.setText("")
        elif page.reason is LockReason.STAFF_GATE:
            self.message.setText(loc.ui("Staff: enter the passphrase or PIN to continue."))
        else:
            self.message.setText(loc.ui("Locked. Staff can open it with the passphrase or PIN."))
        # The person may step back from the gate, in their own language.
        gate = page.reason is LockReason.STAFF_GATE
        self.back.setVisible(gate)
        if gate:
            lang = self.controller.person_language()
            self.back.setText(loc.ui("Back", language=lang))
            self.back.setAccessibleName(self.back.text())
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def _submit(self) -> None:
        if self._wait_left > 0 or not self.secret.text():
            return
        self.go.setEnabled(False)
        self.controller.verify(self.secret.text())

    def _result(self, ok: bool, message: str, wait: int) -> None:
        if not self.isVisible() and not ok:
            return
        self.go.setEnabled(True)
        self.secret.clear()
        if ok:
            self.feedback.clear()
            return
        self.feedback.setText(message)
        if wait > 0:
            self._wait_left = wait
            self.go.setEnabled(False)
            self._timer.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._timer.stop()
            self.go.setEnabled(True)
