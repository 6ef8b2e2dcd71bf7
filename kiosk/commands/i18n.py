"""`kiosk i18n extract | status | check | machine-fill --lang L` — the translation catalogs."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "i18n",
        help="extract, check and report the translation catalogs",
        description="Manage the translation catalogs in translations/ (gettext PO files).",
    )
    actions = parser.add_subparsers(dest="i18n_action", metavar="ACTION", required=True)

    extract = actions.add_parser(
        "extract", help="collect every UI and content string; update translations/*.po"
    )
    extract.add_argument("--lang", action="append", help="only this catalog (repeatable)")
    extract.set_defaults(handler=run_extract)

    status = actions.add_parser("status", help="coverage table per language")
    status.set_defaults(handler=run_status)

    check = actions.add_parser(
        "check", help="report missing entries and placeholder mismatches as file:line: message"
    )
    check.set_defaults(handler=run_check)

    fill = actions.add_parser(
        "machine-fill", help="pre-fill missing entries by machine translation, marked 'machine'"
    )
    fill.add_argument("--lang", required=True, help="language code, e.g. th")
    fill.set_defaults(handler=run_machine_fill)


def run_extract(args: argparse.Namespace) -> int:
    from kiosk.core.i18n.extract import extract
    from kiosk.core.i18n.languages import language

    for code in args.lang or []:
        language(code)  # a clear error for an unknown code before anything is written
    report = extract(languages=args.lang or ())
    print(f"{report.strings} strings → {report.template}")
    for path in report.catalogs:
        print(f"updated {path}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from kiosk.core.i18n.status import coverage_table

    print(coverage_table())
    return 0


def run_check(args: argparse.Namespace) -> int:
    from kiosk.core.i18n.status import check

    problems = check()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the translation catalogs.")
        return 1
    print("Translation catalogs: no problems.")
    return 0


def run_machine_fill(args: argparse.Namespace) -> int:
    from kiosk.core.errors import KioskError
    from kiosk.core.i18n.languages import SOURCE_LANGUAGE, language
    from kiosk.core.i18n.machine_fill import machine_fill
    from kiosk.core.translation import Translator

    target = language(args.lang)
    translator = Translator()
    if not translator.can_translate(SOURCE_LANGUAGE, target.mt_code):
        raise KioskError(
            f"No translation model is installed for {SOURCE_LANGUAGE} → {target.mt_code} "
            f"({target.english_name}). Install one with: kiosk models install FILE.argosmodel"
        )
    report = machine_fill(args.lang, translator.translate)
    print(f"{report.path}: {report.filled} entr(ies) machine-translated, marked 'machine'.")
    if report.skipped:
        print(f"{report.skipped} left empty: the machine output broke a placeholder.")
    return 0
