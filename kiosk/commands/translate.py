"""`kiosk translate --from L1 --to L2 TEXT` — machine-translate text with installed models."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="machine-translate text offline",
        description="Machine-translate TEXT with installed models (offline). "
        "Use '-' to read the text from standard input, which keeps it out of shell history.",
    )
    parser.add_argument("--from", dest="from_lang", required=True, metavar="L1")
    parser.add_argument("--to", dest="to_lang", required=True, metavar="L2")
    parser.add_argument("text", metavar="TEXT")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON with the original, the translation and the machine mark",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.core.errors import KioskError
    from kiosk.core.translation import IncompleteTranslation, Translator

    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise KioskError("Nothing to translate: the text is empty.")
    result = Translator().translate_in_full(text, args.from_lang, args.to_lang)
    if args.json:
        record = {
            "from": args.from_lang,
            "to": args.to_lang,
            "original": text,
            "text": result.text,
            "machine": args.from_lang != args.to_lang,
            "complete": result.complete,
            "untranslated": list(result.untranslated),
        }
        print(json.dumps(record, ensure_ascii=False))
    else:
        print(result.text)
    if not result.complete:
        # Never a shortened text with exit 0: say so, and how much is left in the original.
        print(
            f"kiosk: {IncompleteTranslation(len(''.join(result.untranslated))).message} "
            "It is shown in the original language.",
            file=sys.stderr,
        )
        return 1
    return 0
