"""`kiosk import FOLDER` and `kiosk languages` — first-run set-up from a USB folder, and what
each language has on this machine (text, synthetic voice, recordings, translation models)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from kiosk.core.textwidth import format_table


def register(subparsers: argparse._SubParsersAction) -> None:
    importing = subparsers.add_parser(
        "import",
        help="import translation models and recorded prompts from a folder (e.g. a USB stick)",
        description=(
            "Install every .argosmodel file and every recorded-prompt folder "
            "(<lang>/manifest.yaml with its WAV files) found in FOLDER. Each file is checked; "
            "damaged ones are refused with a reason and the others still imported."
        ),
    )
    importing.add_argument("folder", type=Path, metavar="FOLDER")
    importing.add_argument(
        "--replace", action="store_true", help="replace models already installed for a pair"
    )
    importing.set_defaults(handler=run_import)

    languages = subparsers.add_parser(
        "languages",
        help="show which languages have text, voice, recordings and translation models",
    )
    languages.add_argument("--json", action="store_true", help="print JSON")
    languages.set_defaults(handler=run_languages)


def run_import(args: argparse.Namespace) -> int:
    from kiosk.core.first_run import import_from_folder

    report = import_from_folder(args.folder, replace=args.replace)
    for item in report.imported:
        print(item.line())
    for item in report.refused:
        print(item.line(), file=sys.stderr)
    if not report.items:
        print(f"Nothing to import in {args.folder}: no .argosmodel files, no <lang>/manifest.yaml.")
        return 1
    print(f"{len(report.imported)} imported, {len(report.refused)} refused.")
    return 1 if report.refused else 0


def run_languages(args: argparse.Namespace) -> int:
    from kiosk.core.first_run import language_overview, secure_data_dir

    secure_data_dir()
    rows = language_overview()
    if args.json:
        print(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    table = [("lang", "name", "text", "voice", "recordings", "translation")]
    for row in rows:
        if row.problem:
            text = row.problem
        elif row.source:
            text = "source"
        else:
            text = f"{row.text_share:.0%} ({row.text_reviewed}/{row.text_entries} reviewed)"
        table.append(
            (
                row.code,
                f"{row.english_name} — {row.native_name}",
                text,
                row.voice or "none",
                str(row.recordings) if row.recordings else "none",
                ", ".join(row.models) if row.models else ("—" if row.source else "none"),
            )
        )
    print(format_table(table))
    return 0
