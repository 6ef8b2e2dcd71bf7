"""Settings: the contacts this site gives people, and staff's "we checked them on DATE".

Shows, for the chosen country with the local contacts applied, every contact with its number,
the date of its public source and staff notes (and a country's caution, e.g. Myanmar's), so
staff can check them before anyone is given a paper. "I have checked these contacts today"
saves the country and local contacts and records the check in the encrypted store
(kiosk.core.contact_check); the printed paper then says when this organisation checked them.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from kiosk.core import contact_check
from kiosk.core.errors import KioskError
from kiosk.ui.code_words import service_words
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import button, text_label

# (country code, local contacts) as the settings form holds them now; raises KioskError with a
# plain message when the local contacts are not written correctly.
Choice = Callable[[], tuple[str, dict[str, Any]]]


class ContactListing(QTextBrowser):
    """Read-only rich text as tall as its content: Settings already scrolls, and a second
    scroll area inside it showed staff seven lines of a list they must read in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # addresses are for reading and copying, not for opening here
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # staff can still tab to it and select
        self.document().contentsChanged.connect(self._fit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()  # a larger text size makes the same list taller

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(self.viewport().width())
        frame = 2 * self.frameWidth()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        height = int(document.size().height()) + frame + margins
        if height != self.height():
            self.setFixedHeight(max(height, self.fontMetrics().lineSpacing() * 3))


class SiteContacts(QWidget):
    def __init__(self, controller: Controller, choice: Choice, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.choice = choice
        loc = controller.services.localizer
        self.listing = ContactListing()
        self.listing.setFrameShape(QFrame.Shape.StyledPanel)
        self.listing.setAccessibleName(loc.ui("Contacts for this site"))
        # Which number each card gets, so a site with none finds out here, not mid-interview.
        self.cards = text_label(name="Numbers on the card")
        self.status = text_label(name="Contacts check status")
        self.confirm = button(loc.ui("I have checked these contacts today"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listing)
        layout.addWidget(self.cards)
        layout.addWidget(self.status)
        layout.addWidget(self.confirm)
        # Typing in the local contacts re-reads them after a pause, not on every key.
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(400)
        self.pause.timeout.connect(self.refresh)
        self.confirm.clicked.connect(self._confirm)

    def refresh_soon(self) -> None:
        self.pause.start()

    def _profile(self) -> Any:
        from kiosk.core.content import load_country

        code, overrides = self.choice()
        return load_country(code or "generic", overrides=overrides or None)

    def refresh(self) -> None:
        loc = self.controller.services.localizer
        try:
            profile = self._profile()
        except KioskError as error:
            self.listing.clear()
            self.cards.clear()
            self.status.setText(str(error))
            self.confirm.setEnabled(False)
            return
        self.listing.setHtml(self._listing(profile))
        self.cards.setText(self._cards(profile))
        self.confirm.setEnabled(True)
        stored = self.controller.setting(contact_check.SETTING)
        day = contact_check.checked_on(stored, profile)
        earlier = contact_check.read(stored)
        if day is not None:
            self.status.setText(
                loc.ui("Checked by this organisation on {date}.", date=day.isoformat())
            )
        elif earlier is not None and earlier.country == profile.code:
            self.status.setText(
                loc.ui(
                    "Changed since they were checked on {date}. Check them again.",
                    date=earlier.on.isoformat(),
                )
            )
        else:
            self.status.setText(loc.ui("Not yet checked by this organisation."))

    def _cards(self, profile: Any) -> str:
        """The one number an adult's and a child's card would carry (or that there is none)."""
        from kiosk.core.documents.contact_lines import card_number

        loc = self.controller.services.localizer
        none = loc.ui("none (add a local contact above)")
        return loc.ui(
            "On an adult's card: {adult}. On a child's card: {child}.",
            adult=card_number(profile) or none,
            child=card_number(profile, child=True) or none,
        )

    def _listing(self, profile: Any) -> str:
        """Rich text for staff: the caution first, then each body with its name, its numbers
        (large, with the source's date) and the staff note, indented under it."""
        loc = self.controller.services.localizer
        parts: list[str] = []
        if profile.caution:
            parts.append(
                '<table border="1" cellpadding="8" cellspacing="0" width="100%"><tr><td>'
                f"{html.escape(profile.caution)}</td></tr></table>"
            )
        for contact in profile.services:
            parts.append(
                f'<p style="margin-top:10px; margin-bottom:0">'
                f"<b>{html.escape(service_words(loc, contact.kind))}</b>: "
                f"{html.escape(contact.name)}</p>"
            )
            numbers = [contact.phone, f"WhatsApp {contact.whatsapp}" if contact.whatsapp else None]
            reach = [x for x in (*numbers, contact.url) if x]
            if reach:
                dated = contact.source_date or (contact.checked and contact.checked.isoformat())
                source = loc.ui("source of {date}", date=dated) if dated else ""
                source = f"  ({source})" if source else ""
                parts.append(
                    '<p style="margin-left:24px; margin-top:2px; margin-bottom:0">'
                    f'<span style="font-size:large"><b>{html.escape("   ".join(reach))}</b></span>'
                    f"{html.escape(source)}</p>"
                )
            if contact.note:
                parts.append(
                    '<p style="margin-left:24px; margin-top:2px; margin-bottom:0">'
                    f"{html.escape(contact.note)}</p>"
                )
        return "".join(parts)

    def _confirm(self) -> None:
        c = self.controller
        loc = c.services.localizer
        try:
            code, overrides = self.choice()
            profile = self._profile()
        except KioskError as error:
            c.messages.error(error)
            return
        check = contact_check.confirm(profile, datetime.date.today())
        c.set_setting("default_country", code)
        c.set_setting("contacts_overrides", overrides)
        c.set_setting(contact_check.SETTING, check.as_setting())
        self.refresh()
        c.messages.info(loc.ui("Saved. The contacts are marked as checked today."))
