"""Breaks: the offer before a sensitive question, and the calm break screen itself.

The break screen shows no interview content, so anyone glancing at it learns nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.app import intents as i
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import SimpleScreen
from kiosk.ui.theme import set_direction


def _child(controller: Controller) -> bool:
    session = controller.session
    return session is not None and session.state.child


class BreakOfferScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("break", parent)
        self.controller = controller
        self.take = self.add_button("break")
        self.go_on = self.add_button("next")
        self.stop = self.add_button("stop")
        self.take.clicked.connect(lambda: controller.send(i.AnswerBreakOffer(True)))
        self.go_on.clicked.connect(lambda: controller.send(i.AnswerBreakOffer(False)))
        self.stop.clicked.connect(lambda: controller.send(i.AskStop()))

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        self.go_on.set_icon_name("back" if self.isRightToLeft() else "next")
        self.set_words(
            loc.ui("The next question may be hard.", language=lang),
            loc.ui("Would you like a break first? You can also stop.", language=lang),
            loc.ui("Take a break", language=lang),
            loc.ui("Continue", language=lang),
            loc.ui("Stop", language=lang),
            language=lang,
        )
        self.set_child(_child(self.controller), "companion_comfort")
        # On the words, not on Continue: a quick Return never walks into a hard question.
        self.heading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading.setFocus()


class BreakScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("water", parent)
        self.controller = controller
        self.resume = self.add_button("next")
        self.resume.clicked.connect(lambda: controller.send(i.EndBreak()))

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        self.resume.set_icon_name("back" if self.isRightToLeft() else "next")
        self.set_words(
            loc.ui("Take all the time you need.", language=lang),
            loc.ui(
                "Would you like some water? Press the button when you want to go on.", language=lang
            ),
            loc.ui("I am ready to continue", language=lang),
            language=lang,
        )
        self.set_child(_child(self.controller), "companion_rest")
        self.resume.setFocus()
