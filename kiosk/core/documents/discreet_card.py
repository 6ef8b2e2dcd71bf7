"""A small discreet card for when carrying paper is unsafe.

It shows a neutral title, one number or place to ask for help and, if the person wants one,
a reference number; nothing on it says what it is about. Contact *names* from a country
profile (e.g. a named hotline) are not printed by default, only a neutral label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm

from kiosk.core.documents.layout import (
    INK,
    MUTED,
    Translate,
    build_pdf,
    check_reference,
    identity,
    paper_size,
)
from kiosk.core.documents.text import is_rtl_language, script_for_language
from kiosk.core.documents.textblock import TextBlock, TextStyle
from kiosk.core.errors import KioskError

if TYPE_CHECKING:
    from kiosk.core.content import CountryProfile

CARD_SIZES = ("card", "a7")
TITLE = ("documents.card.title", "Useful number")
LABEL = ("documents.card.label", "Phone")
REFERENCE = ("documents.card.reference", "Ref.")
_PREFERRED_KINDS = ("hotline", "helpline", "ngo", "shelter")


def card_contact(country: CountryProfile | None) -> str | None:
    """The one number to print: a hotline if the profile has one, else its first phone."""
    if country is None:
        return None
    phones = [c for c in country.services if c.phone]
    for kind in _PREFERRED_KINDS:
        for contact in phones:
            if contact.kind == kind:
                return contact.phone
    return phones[0].phone if phones else None


def build_discreet_card(
    *,
    contact: str,
    lang: str = "en",
    translate: Translate = identity,
    label: str | None = None,
    reference: str | None = None,
    size: str = "card",
) -> bytes:
    """The card as PDF bytes: one page of `size` (card = 85 x 55 mm, or a7)."""
    if size not in CARD_SIZES:
        raise KioskError(f"Unknown card size {size!r}; use card or a7.")
    contact = contact.strip()
    if not contact:
        raise KioskError("The card needs a number or place to ask for help.")
    reference = check_reference(reference)
    script, rtl = script_for_language(lang), is_rtl_language(lang)
    pagesize = paper_size(size)
    scale = pagesize[0] / (85 * mm)

    def block(text: str, pt: float, lang_script: str = script, is_rtl: bool = rtl, **kw):
        return TextBlock(text, lang_script, is_rtl, TextStyle(size=pt * scale, **kw))

    story = [
        block(translate(*TITLE), 11, bold=True, color=MUTED),
        block(label if label is not None else translate(*LABEL), 9, color=MUTED, space_before=6),
        # numbers and addresses are shown left to right whatever the page language
        block(contact, 16, "latin", False, bold=True, color=INK, align="end" if rtl else "start"),
    ]
    if reference:
        story.append(block(f"{translate(*REFERENCE)} {reference}", 9, color=MUTED, space_before=8))
    data, pages = build_pdf(story, pagesize, 6 * mm * scale, translate(*TITLE))
    if pages != 1:
        raise KioskError("The card text is too long for one card; shorten the label.")
    return data
