"""The neutral screen shown by quick hide and by the idle lock.

It shows nothing of the interview. Only the staff passphrase or PIN leads back, checked off
the GUI thread; repeated wrong tries wait a little longer each time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.controller import Controller
from kiosk.ui.icons import icon
from kiosk.ui.screens.common import button, text_label

HIDDEN = "hidden"
LOCKED = "locked"


class LockScreen(QWidget):
    returned = Signal()  # the right passphrase or PIN was given

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.mode = HIDDEN
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
        self.feedback = text_label(name="Lock feedback")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.message)
        layout.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.feedback)
        row.addWidget(self.secret)
        row.addWidget(self.go)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.go.clicked.connect(self._submit)
        self.secret.returnPressed.connect(self._submit)
        controller.verify_result.connect(self._result)

    def prepare(self, mode: str) -> None:
        loc = self.controller.services.localizer
        self.mode = mode
        self.secret.clear()
        self.feedback.clear()
        self.message.setText(
            ""
            if mode == HIDDEN
            else loc.ui("Locked. Staff can open it with the passphrase or PIN.")
        )
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
            self.returned.emit()
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
