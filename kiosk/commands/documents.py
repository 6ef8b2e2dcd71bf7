"""`kiosk rights-summary` and `kiosk discreet-card`: printable documents as PDF files.

Neither document holds personal data (a reference number only if asked for). Heavy imports
(reportlab, fonts, content) happen inside the handlers so `kiosk --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime

from kiosk.core.documents.paper import CARD_SIZES, DEFAULT_SHEET, SHEET_SIZES
from kiosk.core.errors import KioskError


def register(subparsers: argparse._SubParsersAction) -> None:
    rights = subparsers.add_parser(
        "rights-summary",
        help="write the rights summary for the person as a PDF",
        description="Write the rights summary (no personal data) in a person's language.",
    )
    rights.add_argument("--lang", required=True, help="the person's language code, e.g. km")
    rights.add_argument("--country", help="country profile for contacts, e.g. TH")
    rights.add_argument("--second-lang", help="a second language shown after each section")
    rights.add_argument("--child", action="store_true", help="use the child wording")
    rights.add_argument("--reference", help="a reference number, only if the person wants one")
    rights.add_argument("--paper", choices=SHEET_SIZES, default=DEFAULT_SHEET)
    rights.add_argument(
        "--checked-on",
        metavar="YYYY-MM-DD",
        help="the day your organisation checked the country's contacts (printed on the paper)",
    )
    rights.add_argument("-o", "--output", required=True, help="the PDF file to write")
    rights.set_defaults(handler=run_rights_summary)

    card = subparsers.add_parser(
        "discreet-card",
        help="write a small neutral card with one number to call",
        description="Write a discreet card: neutral title, one number, optional reference.",
    )
    card.add_argument("--lang", default="en", help="language of the card's few words")
    source = card.add_mutually_exclusive_group(required=True)
    source.add_argument("--country", help="take the number from this country profile")
    source.add_argument("--contact", help="the number or place to print")
    card.add_argument("--label", help="a neutral label above the number (default: 'Phone')")
    card.add_argument("--reference", help="a reference number, only if the person wants one")
    card.add_argument("--size", choices=CARD_SIZES, default=CARD_SIZES[0])
    card.add_argument(
        "--sheet",
        choices=(*SHEET_SIZES, "none"),
        default=DEFAULT_SHEET,
        help="print the card on this sheet with cut marks (none: a page of the card's size)",
    )
    card.add_argument(
        "--child", action="store_true", help="with --country: the child line before others"
    )
    card.add_argument("-o", "--output", required=True, help="the PDF file to write")
    card.set_defaults(handler=run_discreet_card)


def _check_language(code: str) -> str:
    from kiosk.core.i18n.languages import SUPPORTED

    if code not in SUPPORTED:
        supported = ", ".join(sorted(SUPPORTED))
        raise KioskError(f"Unsupported language {code!r}; supported: {supported}.")
    return code


def _load_country(code: str | None):
    if not code:
        return None
    from kiosk.core.content import load_country

    return load_country(code.upper())


def _check_date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise KioskError(f"--checked-on must be a date written YYYY-MM-DD, not {text!r}.") from None
    if day > datetime.date.today():
        raise KioskError(f"--checked-on {day} is in the future.")
    return day


def run_rights_summary(args: argparse.Namespace) -> int:
    from kiosk.core.content import load_rights
    from kiosk.core.documents.rights_summary import build_rights_summary
    from kiosk.core.documents.safe_output import write_pdf
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.core.localizer import document_translate

    lang = _check_language(args.lang)
    second = _check_language(args.second_lang) if args.second_lang else None
    localizer = CatalogLocalizer()
    data = build_rights_summary(
        load_rights(),
        lang=lang,
        translate=document_translate(localizer, lang),
        country=_load_country(args.country),
        second_lang=second,
        second_translate=document_translate(localizer, second or "en"),
        child=args.child,
        reference=args.reference,
        paper=args.paper,
        contacts_checked=_check_date(args.checked_on),
    )
    path = write_pdf(data, args.output)
    print(f"Wrote {path}")
    return 0


def run_discreet_card(args: argparse.Namespace) -> int:
    from kiosk.core.documents.discreet_card import build_discreet_card, card_contact
    from kiosk.core.documents.safe_output import write_pdf
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.core.localizer import document_translate

    lang = _check_language(args.lang)
    # A profile without a phone number (Myanmar, generic) gives a card with a line to write
    # the site's own number on by hand.
    if args.contact is not None and not args.contact.strip():
        raise KioskError("--contact is empty: give the number or place to print on the card.")
    contact = args.contact or card_contact(_load_country(args.country), child=args.child)
    data = build_discreet_card(
        contact=contact,
        lang=lang,
        translate=document_translate(CatalogLocalizer(), lang),
        label=args.label,
        reference=args.reference,
        size=args.size,
        sheet=None if args.sheet == "none" else args.sheet,
    )
    path = write_pdf(data, args.output)
    print(f"Wrote {path}")
    return 0
