"""`kiosk xlsform import|export`: interview flows from and to XLSForm workbooks.

`import` reads an organisation's XLSForm (.xlsx or .xls) and writes a flow file; whatever Lantern
cannot carry over is reported as `sheet:row: reason`, one line each, and nothing is written.
`export` writes a flow as an XLSForm that imports back to the same flow. flows/README.md
("XLSForm") says what maps to what.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.core.errors import KioskError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "xlsform",
        help="import an XLSForm as a flow, or export a flow as an XLSForm",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="xlsform_action", metavar="ACTION", required=True)

    imports = actions.add_parser("import", help="convert an XLSForm into a flow file")
    imports.add_argument("form", type=Path, help="the XLSForm (.xlsx or .xls)")
    imports.add_argument("-o", "--output", type=Path, required=True, help="the flow file to write")
    where = imports.add_mutually_exclusive_group()
    where.add_argument(
        "--translations",
        type=Path,
        help="catalog folder for the form's translations (default: Lantern's translations/)",
    )
    where.add_argument(
        "--no-translations", action="store_true", help="do not write the form's translations"
    )
    imports.set_defaults(handler=run_import)

    exports = actions.add_parser("export", help="write a flow as an XLSForm (.xlsx)")
    exports.add_argument("flow", type=Path, help="the flow file")
    exports.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx to write")
    exports.add_argument(
        "--translations",
        type=Path,
        help="catalog folder to take translations from (default: Lantern's translations/)",
    )
    exports.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from kiosk.core import paths
    from kiosk.core.fileio import write_private
    from kiosk.core.validation import indicator_tags
    from kiosk.core.xlsform.catalog_entries import add_translations
    from kiosk.core.xlsform.importer import import_xlsform
    from kiosk.core.xlsform.reading import FormRefused, XLSFormReadError

    try:
        imported = import_xlsform(args.form, indicator_tags())
    except XLSFormReadError as error:
        raise KioskError(error.message) from None
    except FormRefused as refused:
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        print(
            f"kiosk: {args.form.name} was not imported: {len(refused.problems)} problem(s) above.",
            file=sys.stderr,
        )
        return 1
    output: Path = args.output
    write_private(output, imported.text.encode("utf-8"), replace=True)
    print(f"Wrote {output}: flow '{imported.flow_id}', {imported.node_count} nodes.")
    for note in imported.notes:
        print(f"note: {note}")
    if imported.translations and not args.no_translations:
        folder = args.translations or paths.translations_dir()
        try:
            changed = add_translations(folder, imported.translations, args.form.name)
        except OSError as error:
            raise KioskError(
                f"{folder}: cannot write the translations ({error.strerror or 'error'})"
            ) from None
        counts = ", ".join(f"{code} {count}" for code, count in changed.items())
        print(f"Translations (draft, for review) in {folder}: {counts}.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kiosk.core.fileio import write_private
    from kiosk.core.flow_loader import load_flow
    from kiosk.core.i18n.catalogs import Catalogs
    from kiosk.core.validation import indicator_tags
    from kiosk.core.xlsform.exporter import export_flow
    from kiosk.core.xlsform.workbook import xlsx_bytes

    flow = load_flow(args.flow, indicator_tags())
    catalogs = Catalogs(args.translations) if args.translations else Catalogs()
    workbook = export_flow(flow, args.flow, catalogs)
    output: Path = args.output
    write_private(output, xlsx_bytes(workbook), replace=True)
    print(f"Wrote {output}: {len(workbook.survey)} survey rows, {len(workbook.choices)} choices.")
    return 0
