"""`kiosk i18n extract | status | check | lint | machine-fill` — the translation catalogs."""

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

    lint = actions.add_parser(
        "lint",
        help="find register, wording, English-left and markup problems, per language",
        description=(
            "Check every catalog against translations/lint-rules.yaml: a child's form of address "
            "for an adult or before the age is known (and the reverse), adult and child entries "
            "sharing one translation, consent asked as ability, promises, terms to avoid, English "
            "left behind, a button named other than it reads, placeholders, markup and stray "
            "comments. Exit 1 when anything is found "
            "(with --baseline: only when a count rises above it)."
        ),
    )
    lint.add_argument("--lang", action="append", help="only this language (repeatable)")
    lint.add_argument(
        "--summary", action="store_true", help="print only the table of findings per language"
    )
    lint.add_argument("--baseline", help="a JSON file of allowed counts per language and kind")
    lint.add_argument(
        "--write-baseline", metavar="FILE", help="write today's counts as the new baseline"
    )
    lint.set_defaults(handler=run_lint)

    sheet = actions.add_parser(
        "review-sheet",
        help="write a sheet a native reviewer marks on paper or in a spreadsheet",
        description=(
            "Write the entries still to review (English, translation, where it appears, who "
            "reads it, lint checks) as FILE.xlsx (prints on paper too) or FILE.csv. The reviewer "
            "marks 'approve' or 'change' and may write a better translation; bring the marks back "
            "with: kiosk i18n review-apply --lang L FILE."
        ),
    )
    sheet.add_argument("--lang", required=True, help="language code, e.g. th")
    sheet.add_argument("--all", action="store_true", help="also entries already reviewed")
    sheet.add_argument("-o", "--output", required=True, help="FILE.xlsx or FILE.csv")
    sheet.set_defaults(handler=run_review_sheet)

    apply = actions.add_parser(
        "review-apply",
        help="bring a marked review sheet back: approved entries lose their draft flag",
    )
    apply.add_argument("--lang", required=True, help="language code, e.g. th")
    apply.add_argument("--reviewer", default="", help="the reviewer's name or role, noted")
    apply.add_argument("sheet", help="the marked FILE.xlsx or FILE.csv")
    apply.set_defaults(handler=run_review_apply)

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


def run_lint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.core.i18n.languages import TRANSLATED, language
    from kiosk.core.i18n.lint import (
        above_baseline,
        lint,
        read_baseline,
        summary_table,
        write_baseline,
    )

    codes = args.lang or list(TRANSLATED)
    for code in codes:
        language(code)  # a clear error for an unknown code
    report = lint(codes)
    if not args.summary:
        for finding in report.findings:
            print(finding)
    print(summary_table(report))
    if args.write_baseline:
        write_baseline(report, Path(args.write_baseline))
        print(f"Wrote the baseline {args.write_baseline}")
        return 0
    if args.baseline:
        rises = above_baseline(report, read_baseline(Path(args.baseline)))
        for line in rises:
            print(line)
        if rises:
            print("New translation problems above the baseline.")
            return 1
        print(f"{len(report.findings)} finding(s), none above the baseline.")
        return 0
    if report.findings:
        print(f"{len(report.findings)} finding(s) in the translation catalogs.")
        return 1
    print("Translation catalogs: no lint findings.")
    return 0


def run_review_sheet(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.core.errors import KioskError
    from kiosk.core.i18n.languages import SOURCE_LANGUAGE, language
    from kiosk.core.i18n.review_sheet import sheet_rows, write_sheet

    if language(args.lang).code == SOURCE_LANGUAGE:
        raise KioskError("English is the source language; choose a translated language.")
    rows = sheet_rows(args.lang, include_reviewed=args.all)
    path = write_sheet(rows, Path(args.output).expanduser(), args.lang)
    print(f"Wrote {path}: {len(rows)} entr{'y' if len(rows) == 1 else 'ies'} to review.")
    return 0


def run_review_apply(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.core.i18n.languages import language
    from kiosk.core.i18n.review_sheet import apply_marks, read_marks

    language(args.lang)
    report = apply_marks(args.lang, read_marks(Path(args.sheet)), reviewer=args.reviewer)
    for line in report.skipped + report.warnings:
        print(line)
    print(
        f"{report.path}: {report.approved} approved (no longer draft), "
        f"{report.changed} better translation(s) kept as draft, {len(report.skipped)} skipped."
    )
    return 1 if report.skipped else 0
