"""Stopping is a right: a gentle confirmation, then a calm closing screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.app import intents as i
from kiosk.ui.controller import Controller
from kiosk.ui.screens.break_screen import _child
from kiosk.ui.screens.common import SimpleScreen
from kiosk.ui.theme import set_direction


class StopConfirmScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("calm", parent)
        self.controller = controller
        self.confirm = self.add_button("stop")
        self.cancel = self.add_button("back")
        self.confirm.clicked.connect(lambda: controller.send(i.Stop()))
        self.cancel.clicked.connect(lambda: controller.send(i.CancelStop()))

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        self.cancel.set_icon_name("next" if self.isRightToLeft() else "back")
        self.set_words(
            loc.ui("Do you want to stop?", language=lang),
            loc.ui(
                "That is all right. What you said is kept safely. You can come back later.",
                language=lang,
            ),
            loc.ui("Yes, stop", language=lang),
            loc.ui("No, go on", language=lang),
            language=lang,
        )
        self.set_child(_child(self.controller), "companion_comfort")
        self.cancel.setFocus()


class StoppedScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("handover", parent)
        self.controller = controller
        self.done = self.add_button("next")
        # Staff take the screen back behind the staff gate (passphrase or PIN).
        self.done.clicked.connect(lambda: controller.send(i.HandOver()))

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        self.done.set_icon_name("back" if self.isRightToLeft() else "next")
        self.set_words(
            loc.ui("We have stopped. Thank you.", language=lang),
            loc.ui(
                "You can still get a paper about your rights and where to find help. "
                "Please give the screen to the staff member.",
                language=lang,
            ),
            loc.ui("Give the screen to staff", language=lang),
            language=lang,
        )
        self.set_child(_child(self.controller), "companion_comfort")
        self.done.setFocus()
