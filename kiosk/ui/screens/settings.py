"""Settings (staff): idle lock, default country, text size, contrast, local contacts and the
site's check of them, PIN."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.core.documents.paper import SHEET_SIZES
from kiosk.core.errors import KioskError
from kiosk.core.staff_pin import hash_pin, pin_problem
from kiosk.ui.code_words import text_size_words
from kiosk.ui.contacts_editor import ContactsEditor
from kiosk.ui.controller import Controller
from kiosk.ui.languages import offered
from kiosk.ui.main_window import DEFAULT_IDLE_MINUTES
from kiosk.ui.screens.common import buddy, button, primary, scrolled, text_label, title, toggle
from kiosk.ui.site_contacts import SiteContacts
from kiosk.ui.speech_settings import SpeechControls
from kiosk.ui.theme import TEXT_SIZES


def _country_name(code: str) -> str:
    """The profile's own name ("Thailand", "Any country"), never a bare code."""
    try:
        from kiosk.core.content import load_country

        return load_country(code).name
    except (ImportError, KioskError):
        return code


class SettingsScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(" min")
        self.country = QComboBox()
        self.staff_language = QComboBox()
        for lang in offered():
            self.staff_language.addItem(lang.native_name, lang.code)
        self.text_size = QComboBox()
        for size in TEXT_SIZES:
            self.text_size.addItem(text_size_words(loc, size), size)
        self.paper = QComboBox()
        for size in SHEET_SIZES:
            self.paper.addItem(size.upper() if size == "a4" else size.title(), size)
        self.high_contrast = toggle(loc.ui("High contrast"))
        self.high_contrast.setAccessibleName(loc.ui("High contrast"))
        self.contacts = ContactsEditor(loc)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = text_label(name="Settings note")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above fields
        form.addRow(buddy(loc.ui("Lock after no use for"), self.idle), self.idle)
        form.addRow(buddy(loc.ui("Default country"), self.country), self.country)
        form.addRow(buddy(loc.ui("Staff language"), self.staff_language), self.staff_language)
        form.addRow(buddy(loc.ui("Text size"), self.text_size), self.text_size)
        form.addRow(self.high_contrast)
        form.addRow(buddy(loc.ui("Paper size for printing"), self.paper), self.paper)
        self.contacts_title = title(loc.ui("Local contacts"))
        form.addRow(self.contacts_title)
        form.addRow(self.contacts)
        self.site_contacts = SiteContacts(controller, self._contacts_choice)
        form.addRow(
            buddy(loc.ui("Contacts for this site"), self.site_contacts.listing), self.site_contacts
        )
        form.addRow(buddy(loc.ui("New staff PIN (leave empty to keep)"), self.pin), self.pin)
        self.speech = SpeechControls(controller)
        form.addRow(self.speech)
        self.save = primary(button(loc.ui("Save")))
        self.back = button(loc.ui("Back"), icon_name="back")
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.save)
        # Scrolls at the largest text size, where the form no longer fits a laptop screen.
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(self.note)
        body.addStretch(1)
        scroll = scrolled(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(title(loc.ui("Settings")))
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        layout.setContentsMargins(32, 16, 32, 16)
        self.save.clicked.connect(self._save)
        self.back.clicked.connect(lambda: controller.send(i.GoHome()))
        self.country.currentIndexChanged.connect(self.site_contacts.refresh)
        self.contacts.changed.connect(self.site_contacts.refresh_soon)

    def prepare(self) -> None:
        c = self.controller
        self.idle.setValue(int(c.setting("idle_minutes", DEFAULT_IDLE_MINUTES)))
        self.country.blockSignals(True)  # one refresh of the site's contacts, at the end
        self.country.clear()
        try:
            from kiosk.core.content import list_countries

            countries = list_countries()
        except (ImportError, KioskError):
            countries = ["generic"]
        for code in countries:
            self.country.addItem(_country_name(code), code)
        self.country.setCurrentIndex(
            max(0, self.country.findData(c.setting("default_country", "generic")))
        )
        self.country.blockSignals(False)
        self.staff_language.setCurrentIndex(
            max(0, self.staff_language.findData(c.setting("staff_language", "en")))
        )
        self.text_size.setCurrentIndex(
            max(0, self.text_size.findData(c.setting("text_size", "normal")))
        )
        self.high_contrast.setChecked(bool(c.setting("high_contrast", False)))
        self.paper.setCurrentIndex(max(0, self.paper.findData(c.setting("paper_size", "a4"))))
        self.contacts.set_overrides(c.setting("contacts_overrides", {}))
        self.pin.clear()
        self.speech.load()
        self.note.clear()
        self.site_contacts.refresh()

    def _contacts_choice(self) -> tuple[str, dict[str, Any]]:
        """The country and local contacts as the form holds them now (not yet saved)."""
        loc = self.controller.services.localizer
        if self.contacts.incomplete():
            raise KioskError(loc.ui("A local contact needs a few more details."))
        overrides: dict[str, Any] = dict(self.contacts.overrides())
        return str(self.country.currentData() or "generic"), overrides

    def _save(self) -> None:
        c = self.controller
        loc = c.services.localizer
        if self.contacts.problems():  # each shown on its card
            c.messages.info(loc.ui("Not saved: a local contact needs a few more details."))
            return
        try:
            country, overrides = self._contacts_choice()
            if overrides:
                from kiosk.core.content import load_country

                load_country(country, overrides=overrides)
        except KioskError as error:
            c.messages.error(error)
            return
        pin = self.pin.text()
        if pin:
            problem = pin_problem(pin)
            if problem:
                c.messages.info(loc.ui("Not saved: {hint}.", hint=problem))
                return
            c.set_setting("staff_pin", hash_pin(pin))
        c.set_setting("idle_minutes", self.idle.value())
        c.set_setting("default_country", self.country.currentData())
        c.set_setting("staff_language", self.staff_language.currentData())
        c.set_setting("text_size", self.text_size.currentData())
        c.set_setting("high_contrast", self.high_contrast.isChecked())
        self.speech.save()
        c.set_setting("paper_size", self.paper.currentData())
        c.set_setting("contacts_overrides", overrides)
        self.pin.clear()
        self.note.setText(loc.ui("Saved."))
        c.messages.info(loc.ui("Settings saved."))
