"""A small discreet card for when carrying paper is unsafe.

It shows a neutral title, one number or place to ask for help and, if the person wants one,
a reference number; nothing on it says what it is about. Contact *names* from a country
profile (e.g. a named hotline) are not printed by default, only a neutral label. A profile
without a phone number still gives a card: a blank line where staff write the number by hand.

The card (85 x 55 mm, or A7) is printed at its true size on an A4 sheet with cut marks at its
corners; `sheet=None` gives a page of exactly the card's size (for card printers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm

from kiosk.core.documents.contact_lines import card_number
from kiosk.core.documents.layout import (
    INK,
    MUTED,
    Translate,
    build_pdf,
    check_reference,
    draw_cut_marks,
    identity,
    paper_size,
)
from kiosk.core.documents.paper import CARD_SIZES, DEFAULT_SHEET
from kiosk.core.documents.text import is_rtl_language, script_for_language
from kiosk.core.documents.textblock import TextBlock, TextStyle
from kiosk.core.errors import KioskError

if TYPE_CHECKING:
    from kiosk.core.content import CountryProfile

TITLE = ("documents.card.title", "Useful number")
LABEL = ("documents.card.label", "Phone")
REFERENCE = ("documents.card.reference", "Ref.")


def card_contact(country: CountryProfile | None, *, child: bool = False) -> str | None:
    """The one number to print (kiosk.core.documents.contact_lines.card_number)."""
    return card_number(country, child=child)


WRITE_IN = "_______________"  # a line to write a number on by hand


def build_discreet_card(
    *,
    contact: str | None,
    lang: str = "en",
    translate: Translate = identity,
    label: str | None = None,
    reference: str | None = None,
    size: str = "card",
    sheet: str | None = DEFAULT_SHEET,
) -> bytes:
    """The card as PDF bytes: one card of `size` (card = 85 x 55 mm, or a7), with cut marks on
    a `sheet` (a4, letter) or alone on a page of its own size (`sheet=None`)."""
    if size not in CARD_SIZES:
        raise KioskError(f"Unknown card size {size!r}; use one of: {', '.join(CARD_SIZES)}.")
    contact = (contact or "").strip() or WRITE_IN
    reference = check_reference(reference)
    script, rtl = script_for_language(lang), is_rtl_language(lang)
    card = paper_size(size)
    scale = card[0] / (85 * mm)

    def block(
        text: str, pt: float, lang_script: str = script, is_rtl: bool = rtl, **kw: Any
    ) -> TextBlock:
        return TextBlock(text, lang_script, is_rtl, TextStyle(size=pt * scale, **kw))

    story = [
        block(translate(*TITLE), 11, bold=True, color=MUTED),
        block(label if label is not None else translate(*LABEL), 9, color=MUTED, space_before=6),
        # numbers and addresses are shown left to right whatever the page language
        block(contact, 16, "latin", False, bold=True, color=INK, align="end" if rtl else "start"),
    ]
    if reference:
        story.append(block(f"{translate(*REFERENCE)} {reference}", 9, color=MUTED, space_before=8))
    margin = 6 * mm * scale
    if sheet is None:
        data, pages = build_pdf(story, card, margin, translate(*TITLE))
    else:
        page = paper_size(sheet)
        x, y = (page[0] - card[0]) / 2, page[1] - 25 * mm - card[1]  # top centre of the sheet

        def marks(canvas: object, _doc: object) -> None:
            draw_cut_marks(canvas, x, y, card[0], card[1])

        box = (x + margin, y + margin, card[0] - 2 * margin, card[1] - 2 * margin)
        data, pages = build_pdf(story, page, margin, translate(*TITLE), on_page=marks, box=box)
    if pages != 1:
        raise KioskError("The card text is too long for one card; shorten the label.")
    return data
