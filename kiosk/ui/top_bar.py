"""The row above every page.

On staff pages: Interpreter view and Lock at the leading side, Hide at the trailing side, in the
staff's words and language. On the person's pages: only Hide, in the person's language and
mirrored for right-to-left scripts (no staff word ever shows there). On the neutral pages
(unlock, lock): nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.ui.screens.common import bar_button
from kiosk.ui.theme import set_direction

PERSON, STAFF = "person", "staff"  # kiosk.app.pages.Audience values


class TopBar(QWidget):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        loc = controller.services.localizer
        self.hide_button = bar_button(loc.ui("Hide"), loc.ui("Hide the screen"), "hide")
        self.interpreter_button = bar_button(loc.ui("Interpreter view"), icon_name="person")
        self.lock_button = bar_button(loc.ui("Lock"), icon_name="lock")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.interpreter_button)
        row.addWidget(self.lock_button)
        row.addStretch(1)
        row.addWidget(self.hide_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_for(self, audience: str, interview_open: bool) -> None:
        """Fit the bar to the page now showing (`audience`: person, staff or neutral)."""
        loc = self.controller.services.localizer
        staff = audience == STAFF
        person = audience == PERSON
        # The interpreter view belongs to the open interview, opened from staff pages only.
        self.interpreter_button.setVisible(staff and interview_open)
        self.lock_button.setVisible(staff)
        self.hide_button.setVisible(staff or person)
        self.setVisible(staff or person)
        # The person's language on their pages; on staff pages the staff language of the open
        # interview (English when none is open).
        language = self.controller.person_language() if person else self.controller.staff_language()
        for widget, words in (
            (self.interpreter_button, "Interpreter view"),
            (self.lock_button, "Lock"),
            (self.hide_button, "Hide"),
        ):
            widget.set_words(loc.ui(words, language=language))
        self.hide_button.setAccessibleName(loc.ui("Hide the screen", language=language))
        set_direction(self, language)
