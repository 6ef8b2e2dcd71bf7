"""Which contacts a printed paper carries, and the words that introduce them.

The paper shows only contacts a person can use (a number or an address), each under a short
label in the page's language: organisation names stay off the paper, because they are usually
English and often say what the paper is about ("Anti-Trafficking ..."), which the person may not
want anyone to read over their shoulder. Staff see the names, sources and notes in Settings.

The card carries one number: a support line before a police line, the child line first for a
child, and never a child line on an adult's card (Cambodia's and Laos' child lines serve children
and young people; an adult given one may be turned away). A number that appears under two kinds
(Viet Nam's 111) is printed once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core.documents.layout import Translate, identity

if TYPE_CHECKING:
    from kiosk.core.content import Contact, CountryProfile

# Neutral labels: they say what kind of help, never what the person went through.
LABELS: dict[str, tuple[str, str]] = {
    "hotline": ("documents.contacts.hotline", "Help line"),
    "child_helpline": (
        "documents.contacts.child_helpline",
        "Help line for children and young people",
    ),
    "labour": ("documents.contacts.labour", "Help for workers"),
    "unhcr": ("documents.contacts.unhcr", "UNHCR, the UN Refugee Agency"),
    "iom": ("documents.contacts.iom", "IOM, the UN Migration Agency"),
    "child_protection": ("documents.contacts.child_protection", "Child protection"),
    "shelter": ("documents.contacts.shelter", "A safe place to stay"),
    "medical": ("documents.contacts.medical", "Health care"),
    "psychosocial": ("documents.contacts.psychosocial", "Someone to talk to"),
    "legal": ("documents.contacts.legal", "Free legal help"),
    "consular": ("documents.contacts.consular", "Your embassy or consulate"),
    "police_protection": ("documents.contacts.police_protection", "Police"),
    "formal_identification": (
        "documents.contacts.formal_identification",
        "Official support office",
    ),
}
# Whether and when the organisation running the kiosk checked these numbers for its site.
CHECKED_BY_SITE = (
    "documents.contacts.checked_by_site",
    "This organisation checked these numbers on {date}.",
)
NOT_CHECKED = (
    "documents.contacts.not_checked",
    "These numbers come from public sources. Ask staff if they are still right.",
)

# Paper order: support lines first, the police last; a child sees the child line first.
_ADULT_ORDER = (
    "hotline",
    "labour",
    "child_helpline",
    "unhcr",
    "iom",
    "shelter",
    "medical",
    "psychosocial",
    "legal",
    "child_protection",
    "consular",
    "formal_identification",
    "police_protection",
)
_CHILD_ORDER = ("child_helpline", "child_protection", "hotline", *_ADULT_ORDER)
# The card's one number: never an address, and the police only when nothing else has a number.
_CARD_ADULT = ("hotline", "labour", "shelter", "unhcr", "iom")
_CARD_CHILD = ("child_helpline", "child_protection", "hotline", "shelter")
# Lines that are for children only: never the number on an adult's card.
_CHILD_ONLY = frozenset({"child_helpline", "child_protection"})


@dataclass(frozen=True)
class PaperContact:
    """One kind of help on the paper: its label and every number or address for it."""

    kind: str
    reach: tuple[str, ...]  # "1383", "WhatsApp 08111 129 129", "https://..."

    def label(self, translate: Translate = identity) -> str:
        return translate(*LABELS[self.kind])

    def details(self) -> str:
        """The numbers and addresses on one line, as written (digits, a brand name, a URL)."""
        return "  /  ".join(self.reach)


def _reach(contact: Contact) -> list[str]:
    whatsapp = f"WhatsApp {contact.whatsapp}" if contact.whatsapp else None
    return [x for x in (contact.phone, whatsapp, contact.url) if x]


def paper_contacts(country: CountryProfile | None, *, child: bool = False) -> list[PaperContact]:
    """The contacts the rights paper prints: one line per kind of help that has a number or an
    address, most useful first; a number already printed under another kind is not repeated."""
    if country is None:
        return []
    order = _CHILD_ORDER if child else _ADULT_ORDER
    kinds = [k for k in dict.fromkeys(order) if k in LABELS]
    seen: set[str] = set()
    lines = []
    for kind in kinds:
        reach: list[str] = []
        for contact in country.of_kind(kind):
            for item in _reach(contact):
                if item not in seen:
                    seen.add(item)
                    reach.append(item)
        if reach:
            lines.append(PaperContact(kind, tuple(reach)))
    return lines


def card_number(country: CountryProfile | None, *, child: bool = False) -> str | None:
    """The one number for the discreet card, or None when the profile has no phone that fits
    (then the card gets a line to write the site's own number on)."""
    if country is None:
        return None
    phones = [c for c in country.services if c.phone and (child or c.kind not in _CHILD_ONLY)]
    for kind in _CARD_CHILD if child else _CARD_ADULT:
        for contact in phones:
            if contact.kind == kind:
                return contact.phone
    return phones[0].phone if phones else None


def checked_line(checked_on: datetime.date | None, lang: str, translate: Translate) -> str:
    """The sentence under the numbers: when this organisation checked them, or that it has not."""
    if checked_on is None:
        return translate(*NOT_CHECKED)
    return translate(*CHECKED_BY_SITE).replace("{date}", local_date(checked_on, lang))


def local_date(day: datetime.date, lang: str) -> str:
    """A date as the page's language writes it (2 December 2026, 2 ธันวาคม ค.ศ. 2026, ...)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    try:
        return str(format_date(day, format="long", locale=lang))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()
