"""Local contacts, edited as cards (not JSON): kind of service, name, phone, web address, and
where and when the number was checked. They replace the shipped entries of the same kind on the
rights paper and the small card (kiosk.core.content.load_country, `overrides`).

The rule of the content files holds here too: a phone number or web address needs its public
source and the date it was checked, so nobody at risk is handed an unverified number.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import SERVICE_KINDS
from kiosk.core.localizer import Localizer
from kiosk.ui.code_words import service_words
from kiosk.ui.screens.common import buddy, button, text_label

FIELDS = ("name", "phone", "url", "source", "checked")


class ContactCard(QFrame):
    """One local contact."""

    removed = Signal(object)
    changed = Signal()  # any field edited

    def __init__(self, loc: Localizer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.loc = loc
        self.kind = QComboBox()
        for kind in SERVICE_KINDS:
            self.kind.addItem(service_words(loc, kind), kind)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.url = QLineEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText(loc.ui("For example: the ministry's web page"))
        self.checked = QDateEdit()
        self.checked.setDisplayFormat("yyyy-MM-dd")
        self.checked.setCalendarPopup(True)
        self.checked.setMaximumDate(QDate.currentDate())
        self.checked.setDate(QDate.currentDate())
        self.problem = text_label()
        self.problem.setObjectName("inputProblem")
        self.problem.hide()
        self.remove = button(loc.ui("Remove this contact"), icon_name="trash")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(buddy(loc.ui("Kind of service"), self.kind), self.kind)
        form.addRow(buddy(loc.ui("Name"), self.name), self.name)
        form.addRow(buddy(loc.ui("Phone"), self.phone), self.phone)
        form.addRow(buddy(loc.ui("Web address"), self.url), self.url)
        form.addRow(
            buddy(loc.ui("Where the number was checked (a public source)"), self.source),
            self.source,
        )
        form.addRow(buddy(loc.ui("Checked on"), self.checked), self.checked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.kind.currentIndexChanged.connect(self.changed)
        for line in (self.name, self.phone, self.url, self.source):
            line.textChanged.connect(self.changed)
        self.checked.dateChanged.connect(self.changed)

    def load(self, kind: str, entry: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.name.setText(str(entry.get("name") or ""))
        self.phone.setText(str(entry.get("phone") or ""))
        self.url.setText(str(entry.get("url") or ""))
        self.source.setText(str(entry.get("source") or ""))
        checked = QDate.fromString(str(entry.get("checked") or ""), "yyyy-MM-dd")
        self.checked.setDate(checked if checked.isValid() else QDate.currentDate())

    def entry(self) -> dict[str, Any]:
        """The contact as kiosk.core.content reads it (empty fields left out)."""
        values = {
            "name": self.name.text().strip(),
            "phone": self.phone.text().strip(),
            "url": self.url.text().strip(),
            "source": self.source.text().strip(),
        }
        entry: dict[str, Any] = {key: value for key, value in values.items() if value}
        if entry.get("phone") or entry.get("url"):
            entry["checked"] = self.checked.date().toString("yyyy-MM-dd")
        return entry

    def problem_text(self) -> str:
        """What is missing, in plain words ("" when the card is complete)."""
        entry = self.entry()
        if not entry.get("name"):
            return self.loc.ui("Give the contact a name.")
        if (entry.get("phone") or entry.get("url")) and not entry.get("source"):
            return self.loc.ui(
                "Say where this number was checked (a public source), so nobody is given a "
                "number that was never verified."
            )
        return ""

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class ContactsEditor(QWidget):
    changed = Signal()  # a contact added, removed or edited

    def __init__(self, loc: Localizer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loc = loc
        self.cards: list[ContactCard] = []
        self.explain = text_label(
            loc.ui(
                "Local contacts replace the built-in ones of the same kind on the rights paper "
                "and the small card. Add only numbers you have checked."
            )
        )
        self.empty = text_label(loc.ui("No local contacts yet."))
        self.add = button(loc.ui("Add a local contact"), icon_name="plus")
        self._cards = QVBoxLayout()
        self._cards.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explain)
        layout.addWidget(self.empty)
        layout.addLayout(self._cards)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addStretch(1)
        layout.addLayout(row)
        self.add.clicked.connect(self._add_empty)

    def set_overrides(self, overrides: object) -> None:
        for card in list(self.cards):
            self._remove(card)
        if isinstance(overrides, dict):
            for kind, entries in overrides.items():
                for entry in entries if isinstance(entries, list) else []:
                    if isinstance(entry, dict):
                        self._add().load(str(kind), entry)
        self.empty.setVisible(not self.cards)
        self.changed.emit()

    def overrides(self) -> dict[str, list[dict[str, Any]]]:
        result: dict[str, list[dict[str, Any]]] = {}
        for card in self.cards:
            result.setdefault(str(card.kind.currentData()), []).append(card.entry())
        return result

    def incomplete(self) -> bool:
        """Some contact still needs details (nothing shown: staff may be typing it now)."""
        return any(card.problem_text() for card in self.cards)

    def problems(self) -> list[str]:
        """Shows each card's problem on the card; returns them all."""
        found = []
        for card in self.cards:
            text = card.problem_text()
            card.show_problem(text)
            if text:
                found.append(text)
        return found

    def _add(self) -> ContactCard:
        card = ContactCard(self.loc, self)
        card.removed.connect(self._remove)
        card.changed.connect(self.changed)
        self._cards.addWidget(card)
        card.show()  # at once, not on the next pass of the event loop (the layout would queue it)
        self.cards.append(card)
        self.empty.hide()
        return card

    def _add_empty(self) -> None:
        card = self._add()
        self.changed.emit()
        card.kind.setFocus()

    def _remove(self, card: object) -> None:
        if isinstance(card, ContactCard) and card in self.cards:
            self.cards.remove(card)
            card.hide()
            card.deleteLater()
            self.changed.emit()
        self.empty.setVisible(not self.cards)
        self.add.setFocus()
