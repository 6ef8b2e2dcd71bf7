"""Safety pages: the person's calm page after a safety alert, the staff's alert, and the safety
check again before a stored interview goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.app import intents as i
from kiosk.app.pages import ResumeCheck, SafetyAlertPage
from kiosk.core.i18n.register import Register
from kiosk.core.vocabulary import AlertAction
from kiosk.ui import art
from kiosk.ui.controller import Controller
from kiosk.ui.presenter import alert_reason, choices, node_text
from kiosk.ui.screens.common import (
    SimpleScreen,
    button,
    discard,
    primary,
    scrolled_page,
    tab_chain,
    text_label,
    title,
    toggle,
)
from kiosk.ui.theme import set_direction
from kiosk.ui.widgets import Picture


class SafetyHoldScreen(SimpleScreen):
    """Shown to the person when a safety alert paused the interview: calm, nothing alarming."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("calm", parent)
        self.controller = controller
        self.staff = self.add_button("handover")
        self.staff.clicked.connect(lambda: controller.send(i.HandOver()))

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        self.set_words(
            loc.ui("Thank you for telling us.", language=lang),
            loc.ui(
                "Let us pause here. A staff member will come to you now. You can rest.",
                language=lang,
            ),
            loc.ui("For staff", language=lang),
            language=lang,
        )
        session = self.controller.session
        self.set_child(session is not None and session.state.child, "companion_comfort")
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading.setFocus()


class SafetyAlertScreen(QWidget):
    """Staff only, behind the staff gate: why the interview paused, and what to do now."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("Safety alert"))
        self.heading.setObjectName("alertTitle")
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read first, before any button
        self.reasons = text_label(name=loc.ui("Why the interview paused"))
        self.reasons.setObjectName("safetyAlertReasons")
        self.advice = text_label(name=loc.ui("What to do"))
        self.advice.setText(
            loc.ui(
                "The interview is paused. Talk with the person before any more questions, and "
                "follow your organisation's safety procedure."
            )
        )
        # Unmistakable: the alert colour, a warning sign, at the top of the screen.
        self.sign = Picture()
        self.sign.show_art(art.icon_path("alert"), 64)
        self.sign.setFixedWidth(64)
        self.box = QFrame()
        self.box.setObjectName("alertBox")
        words = QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.reasons)
        words.addWidget(self.advice)
        inside = QHBoxLayout(self.box)
        inside.setContentsMargins(20, 16, 20, 16)
        inside.setSpacing(20)
        inside.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignTop)
        inside.addLayout(words, 1)
        self.go_on = button(loc.ui("Continue the interview"))
        self.rest = button(loc.ui("Take a break"))
        self.stop = button(loc.ui("Stop the interview"))
        row = QHBoxLayout()
        row.addWidget(self.stop)
        row.addWidget(self.rest)
        row.addStretch(1)
        row.addWidget(self.go_on)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.setContentsMargins(48, 24, 48, 24)
        for widget, action in (
            (self.go_on, AlertAction.CONTINUE),
            (self.rest, AlertAction.BREAK),
            (self.stop, AlertAction.STOP),
        ):
            widget.clicked.connect(
                lambda _checked=False, a=action: controller.send(i.HandleAlert(a))
            )

    def show_page(self, page: SafetyAlertPage) -> None:
        session = self.controller.session
        loc = self.controller.services.localizer
        language = self.controller.staff_language()
        set_direction(self, language)
        lines = []
        if session is not None:
            lines = [
                "• " + alert_reason(loc, session.flow, alert, language).text
                for alert in page.alerts
            ]
        self.reasons.setText("\n".join(lines))
        self.reasons.setAccessibleName(self.reasons.text())
        self.heading.setFocus()


class ResumeCheckScreen(QWidget):
    """The flow's safety check again, before a stored interview goes on."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("Safety check before going on"))
        self.text = text_label(name="Safety check instructions")
        self.checks = QWidget()
        self._checks_layout = QVBoxLayout(self.checks)
        self.boxes: dict[str, QCheckBox] = {}
        self.refused = text_label(name=loc.ui("The safety check is not complete"))
        self.refused.setObjectName("safetyAlertReasons")
        self.back = button(loc.ui("Back"))
        self.go_on = primary(button(loc.ui("Go on with the interview"), icon_name="next"))
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.heading)
        body.addWidget(self.text)
        body.addWidget(self.checks)
        body.addWidget(self.refused)
        body.addStretch(1)
        scrolled_page(self, inner, self.back, self.go_on)
        self.back.clicked.connect(lambda: controller.send(i.GoHome()))
        self.go_on.clicked.connect(self._go_on)

    def show_page(self, page: ResumeCheck) -> None:
        session = self.controller.session
        if session is None:
            return
        loc = self.controller.services.localizer
        language = self.controller.staff_language()
        set_direction(self, language)
        # In the staff language of this interview (the screen is built once, for any of them).
        self.heading.setText(loc.ui("Safety check before going on", language=language))
        for widget, words in ((self.back, "Back"), (self.go_on, "Go on with the interview")):
            widget.setText(loc.ui(words, language=language))
            widget.setAccessibleName(widget.text())
        self.refused.setAccessibleName(
            loc.ui("The safety check is not complete", language=language)
        )
        flow = session.flow
        self.text.setText(node_text(loc, flow, page.check, language, child=False).text)
        if not page.refused:
            discard(*self.boxes.values())
            self.boxes = {}
            for choice in choices(loc, flow, page.check, language, Register.STAFF):
                box = toggle(choice.text)
                box.setAccessibleName(choice.text)
                self._checks_layout.addWidget(box)
                self.boxes[choice.value] = box
            tab_chain(*self.boxes.values(), self.back, self.go_on)
        not_ready = ""
        if page.refused:
            not_ready = loc.ui("Not yet: nothing was recorded.")
            if page.not_ready is not None:
                note = node_text(loc, flow, page.not_ready, language, child=False).text
                not_ready = f"{not_ready} {note}"
        self.refused.setText(not_ready)
        self.refused.setVisible(bool(not_ready))
        self.heading.setFocus()

    def _go_on(self) -> None:
        checked = tuple(key for key, box in self.boxes.items() if box.isChecked())
        self.controller.send(i.ConfirmSafetyCheck(checked))
