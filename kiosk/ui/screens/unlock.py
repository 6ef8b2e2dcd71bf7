"""Unlock: the staff passphrase (first run: create one, with strength guidance)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QProgressBar, QVBoxLayout, QWidget

from kiosk.core.passphrase import strength_problem
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import buddy, button, text_label, title


class UnlockScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.creating = False
        self._wait_left = 0

        self.heading = title()
        self.guidance = text_label(name="Passphrase guidance")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = buddy(loc.ui("&Passphrase"), self.passphrase)
        self.repeat_label = buddy(loc.ui("&Repeat the passphrase"), self.repeat)
        self.feedback = text_label(name="Unlock feedback")
        self.feedback.setAccessibleName("Unlock feedback")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # an endless bar: key derivation takes a moment
        self.busy.setAccessibleName(loc.ui("Opening the store"))
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.submit = button(loc.ui("Unlock"))

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (
            self.heading,
            self.guidance,
            self.passphrase_label,
            self.passphrase,
            self.repeat_label,
            self.repeat,
            self.submit,
            self.busy,
            self.feedback,
        ):
            layout.addWidget(widget)
        layout.addStretch(2)
        layout.setContentsMargins(160, 40, 160, 40)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        self.submit.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.repeat.returnPressed.connect(self._submit)
        self.passphrase.textChanged.connect(self._update_guidance)
        controller.unlock_result.connect(self._result)
        controller.busy.connect(self._busy)

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        self.creating = not self.controller.store_exists()
        if self.creating:
            self.heading.setText(loc.ui("Welcome. Choose a passphrase for this kiosk."))
            self.submit.setText(loc.ui("Create and unlock"))
        else:
            self.heading.setText(loc.ui("Enter the staff passphrase"))
            self.submit.setText(loc.ui("Unlock"))
        self.submit.setAccessibleName(self.submit.text())
        self.repeat.setVisible(self.creating)
        self.repeat_label.setVisible(self.creating)
        self.guidance.setVisible(self.creating)
        self._update_guidance()
        self.passphrase.clear()
        self.repeat.clear()
        self.passphrase.setFocus()

    def _update_guidance(self) -> None:
        if not self.creating:
            return
        loc = self.controller.services.localizer
        problem = strength_problem(self.passphrase.text())
        if problem:
            self.guidance.setText(
                loc.ui("Everything is encrypted with this passphrase; it cannot be recovered. ")
                + loc.ui("To make it strong: {hint}.", hint=problem)
            )
        else:
            self.guidance.setText(loc.ui("This passphrase is long enough. Keep it somewhere safe."))

    def _submit(self) -> None:
        if self._wait_left > 0 or not self.submit.isEnabled():
            return
        loc = self.controller.services.localizer
        text = self.passphrase.text()
        if not text:
            self.feedback.setText(loc.ui("Please type the passphrase."))
            return
        if self.creating:
            problem = strength_problem(text)
            if problem:
                self.feedback.setText(loc.ui("Not yet: {hint}.", hint=problem))
                return
            if self.repeat.text() != text:
                self.feedback.setText(loc.ui("The two passphrases differ. Please type them again."))
                return
        self.feedback.setText("")
        self.controller.unlock(text, create=self.creating)

    def _busy(self, busy: bool) -> None:
        if self.controller.current_page != "unlock":
            return
        self.busy.setVisible(busy)
        self.submit.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)

    def _result(self, ok: bool, message: str, wait: int) -> None:
        if ok:
            self.passphrase.clear()
            self.repeat.clear()
            self.feedback.setText("")
            return
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.feedback.setText(message)
        if wait > 0:
            self._wait_left = wait
            self.submit.setEnabled(False)
            self._tick_text()
            self._timer.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._timer.stop()
            self._wait_left = 0
            self.submit.setEnabled(True)
            self.submit.setText(self.controller.services.localizer.ui("Unlock"))
            return
        self._tick_text()

    def _tick_text(self) -> None:
        loc = self.controller.services.localizer
        self.submit.setText(loc.ui("Please wait {seconds} s", seconds=self._wait_left))
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignLeading)
