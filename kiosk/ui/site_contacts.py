"""Settings: the contacts this site gives people, and staff's "we checked them on DATE".

Shows, for the chosen country with the local contacts applied, every contact with its number,
the date of its public source and staff notes (and a country's caution, e.g. Myanmar's), so
staff can check them before anyone is given a paper. "I have checked these contacts today"
saves the country and local contacts and records the check in the encrypted store
(kiosk.core.contact_check); the printed paper then says when this organisation checked them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.core import contact_check
from kiosk.core.errors import KioskError
from kiosk.ui.code_words import service_words
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import button, text_label

# (country code, local contacts) as the settings form holds them now; raises KioskError with a
# plain message when the local contacts are not written correctly.
Choice = Callable[[], tuple[str, dict[str, Any]]]


class SiteContacts(QWidget):
    def __init__(self, controller: Controller, choice: Choice, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.choice = choice
        loc = controller.services.localizer
        self.listing = QPlainTextEdit()
        self.listing.setReadOnly(True)
        self.listing.setAccessibleName(loc.ui("Contacts for this site"))
        self.listing.setMinimumHeight(160)
        self.status = text_label(name="Contacts check status")
        self.confirm = button(loc.ui("I have checked these contacts today"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listing)
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
            self.listing.setPlainText("")
            self.status.setText(str(error))
            self.confirm.setEnabled(False)
            return
        self.listing.setPlainText(self._listing(profile))
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

    def _listing(self, profile: Any) -> str:
        """Plain text for staff: the caution, then each contact with what a checker needs."""
        loc = self.controller.services.localizer
        lines: list[str] = []
        if profile.caution:
            lines += [profile.caution, ""]
        for contact in profile.services:
            lines.append(f"{service_words(loc, contact.kind)}: {contact.name}")
            numbers = [contact.phone, f"WhatsApp {contact.whatsapp}" if contact.whatsapp else None]
            detail = "   ".join(x for x in (*numbers, contact.url) if x)
            if detail:
                dated = contact.source_date or (contact.checked and contact.checked.isoformat())
                source = loc.ui("source of {date}", date=dated) if dated else ""
                lines.append(f"    {detail}   ({source})" if source else f"    {detail}")
            if contact.note:
                lines.append(f"    {contact.note}")
        return "\n".join(lines)

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
