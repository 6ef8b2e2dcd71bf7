"""The clear moment when the screen changes hands (staff -> person, or person -> staff)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.app import intents as i
from kiosk.app.pages import Handover, HandoverTo
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import SimpleScreen
from kiosk.ui.theme import set_direction


class HandoverScreen(SimpleScreen):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__("handover", parent)
        self.controller = controller
        self.accept = self.add_button("next")
        self.accept.clicked.connect(lambda: controller.send(i.HandOver()))

    def show_page(self, page: Handover) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        set_direction(self, lang)
        session = self.controller.session
        child = session is not None and session.state.child
        if page.to is HandoverTo.STAFF:
            self.picture_name = "handover"
            self.set_words(
                loc.ui("Thank you.", language=lang),
                loc.ui("Please give the screen back to the staff member now.", language=lang),
                loc.ui("Staff: continue", language=lang),
                language=lang,
            )
        else:
            self.picture_name = "person"
            self.set_words(
                loc.ui("This screen is for you.", language=lang),
                loc.ui(
                    "You can answer, say you'd rather not, take a break or stop at any time. "
                    "Press the button when you are ready.",
                    language=lang,
                ),
                loc.ui("I am ready", language=lang),
                language=lang,
            )
        self.set_child(child)
        self.accept.setFocus()
