"""The neutral screen shown by quick hide, the idle lock and the staff gate.

It shows nothing of the interview. Only the staff passphrase or PIN leads on, checked off
the GUI thread; repeated wrong tries wait a little longer each time. At the staff gate the
person can go back to their own page instead. While an interview is open its words are in the
person's language (they may be the one looking at it), mirrored for right-to-left scripts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.app import intents as i
from kiosk.app.pages import Locked, LockReason
from kiosk.core.line_breaks import breakable
from kiosk.ui import art, theme
from kiosk.ui.controller import Controller
from kiosk.ui.theme import set_direction
from kiosk.ui.widgets import PersonText, Picture, Tile


class LockScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.mode = LockReason.HIDE
        self._wait_left = 0
        self.picture = Picture()  # calm waves: decorative, not announced
        self.message = PersonText()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setMinimumWidth(220)
        self.secret.setMaximumWidth(360)
        self.go = Tile(icon_name="lock")
        self.go.setObjectName("actionButton")
        self.go.setProperty("centred", True)
        self.back = Tile(icon_name="back")
        self.back.setObjectName("actionButton")
        self.back.setProperty("centred", True)
        for tile in (self.go, self.back):
            tile.setSizePolicy(QSizePolicy.Policy.Maximum, tile.sizePolicy().verticalPolicy())
        self.back.hide()
        self.feedback = PersonText()
        self.feedback.setObjectName("inputProblem")
        self.feedback.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.picture)
        layout.addWidget(self.message)
        layout.addStretch(2)
        layout.addWidget(self.feedback)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.secret, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.go)
        layout.addLayout(row)
        layout.setContentsMargins(32, 24, 32, 24)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.go.clicked.connect(self._submit)
        self.back.clicked.connect(lambda: controller.send(i.GateBack()))
        self.secret.returnPressed.connect(self._submit)
        controller.verify_result.connect(self._result)

    def _language(self) -> str:
        """The person's language while an interview is open (they may be in front of it)."""
        return self.controller.person_language() if self.controller.session else "en"

    def show_page(self, page: Locked) -> None:
        loc = self.controller.services.localizer
        lang = self._language()
        self.mode = page.reason
        self.secret.clear()
        self.feedback.set_words("")
        self.feedback.hide()
        if page.reason is LockReason.HIDE:
            words = ""
        elif page.reason is LockReason.STAFF_GATE:
            words = loc.ui("Staff: enter the passphrase or PIN to continue.", language=lang)
        else:
            words = loc.ui("Locked. Staff can open it with the passphrase or PIN.", language=lang)
        self.message.set_words(words, breakable(words, lang))
        self.message.setVisible(bool(words))
        self.secret.setAccessibleName(loc.ui("Staff passphrase or PIN", language=lang))
        self.secret.setPlaceholderText(loc.ui("Code", language=lang))
        self.go.set_words(loc.ui("Open", language=lang))
        # The person may step back from the gate, in their own language.
        self.back.setVisible(page.reason is LockReason.STAFF_GATE)
        self.back.set_words(loc.ui("Back", language=lang))
        set_direction(self, lang)
        self.back.set_icon_name("next" if self.isRightToLeft() else "back")
        side = round(theme.current().picture * 1.4)
        self.picture.show_art(art.icon_path("calm"), side)

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
            self.feedback.set_words("")
            self.feedback.hide()
            return
        loc = self.controller.services.localizer
        lang = self._language()
        # The controller's words are English; the screen says it in the reader's language.
        words = (
            loc.ui("That did not match. Take your time and try again.", language=lang)
            if message
            else ""
        )
        self.feedback.set_words(words, breakable(words, lang))
        self.feedback.setVisible(bool(words))
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
