"""Native review without a PO editor: a sheet to read and mark, and the marks back into the PO.

`kiosk i18n review-sheet --lang L -o FILE.xlsx|FILE.csv` writes one row per entry still to review:
where it appears, who reads it (adult, child, anyone before the age is known, staff), the
English, the translation, what the lint says, and two columns for the reviewer: a mark
(`approve` or `change`) and a better translation. The .xlsx prints on paper (landscape, wrapped,
header on every page) and offers the marks as a list; the .csv opens in any spreadsheet.

`kiosk i18n review-apply --lang L FILE` takes the marks back:
- `approve`: the entry (with the better translation, if one is written) loses its draft flag;
- a better translation without `approve`: it replaces the draft, which stays a draft;
- no mark: nothing changes. Nothing is ever approved without a person's mark.
A row whose English or translation changed since the sheet was made is skipped and reported
(the reviewer approved a text that is no longer there); a better translation that breaks a
placeholder is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.atomic import write_atomic
from kiosk.core.errors import KioskError
from kiosk.core.i18n.catalogs import DRAFT_COMMENT, MACHINE_COMMENT, MACHINE_FLAG, entry_status
from kiosk.core.i18n.extract import UI_CONTEXT, SourceString, collect, read_catalog, write_catalog
from kiosk.core.i18n.languages import language
from kiosk.core.i18n.lint import Finding, lint
from kiosk.core.i18n.placeholders import mismatch
from kiosk.core.i18n.register import Register

COLUMNS = (
    "No.",
    "Where it appears",
    "Who reads it",
    "English",
    "Translation",
    "Status",
    "Checks found",
    "Your mark (approve / change)",
    "Better translation",
    "Comment",
    "Key",
)
APPROVE = frozenset({"approve", "approved", "ok", "yes", "y", "x", "✓", "✔"})
CHANGE = frozenset({"change", "no", "n", "✗", "✘"})
_READERS = {
    Register.ADULT: "adult",
    Register.CHILD: "child",
    Register.NEUTRAL: "anyone, also before the age is known",
    Register.STAFF: "staff",
}


@dataclass(frozen=True)
class SheetRow:
    key: str  # msgctxt
    english: str
    translation: str
    status: str  # draft | machine | reviewed | missing
    where: str
    reader: str
    checks: str


def _where(source: SourceString | None, context: str) -> str:
    if context == UI_CONTEXT:
        files = sorted({Path(f).stem for f, _ in source.locations}) if source else []
        return "Kiosk screen (button, label or message)" + (
            f": {', '.join(files)}" if files else ""
        )
    if context.startswith("documents.referral."):
        return "Referral summary (printed, for staff)"
    if context.startswith("documents.card."):
        return "Discreet card (printed)"
    if context.startswith("documents."):
        return "Rights paper (printed)"
    if context.startswith(("indicators:", "indicator_domains:")):
        return "Indicator noted for staff (review screen, referral summary)"
    parts = context.split(":")
    if context.startswith("rights:") and len(parts) == 3:
        return (
            f"Rights paper and spoken rights, section '{parts[1]}' ({parts[2].replace('_', ' ')})"
        )
    if context.startswith("flow:") and len(parts) == 4:
        note = source.notes[0] if source and source.notes else ""
        return f"Interview '{parts[1]}', screen '{parts[2]}' ({parts[3].replace('_', ' ')}): {note}"
    return context


def _reader(source: SourceString | None, context: str) -> str:
    if source is None:
        return "?"
    if not source.registers:
        return "nobody (kept for the flow)"
    if context == UI_CONTEXT:
        return "anyone"
    return " or ".join(_READERS[r] for r in Register if r in source.registers)


def sheet_rows(
    code: str, *, include_reviewed: bool = False, root: Path | None = None
) -> list[SheetRow]:
    """The rows of `code`'s review sheet: interview first, then papers, then screens."""
    root = root or paths.resource_root()
    folder = root / "translations"
    catalog = read_catalog(folder / f"{code}.po", language(code).locale_id)
    strings = {(s.context, s.msgid): s for s in collect(root)}
    checks: dict[tuple[str, int], list[Finding]] = {}
    for finding in lint([code], root=root, folder=folder).findings:
        checks.setdefault((finding.context, finding.line), []).append(finding)
    rows = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        status = entry_status(message)
        if status == "reviewed" and not include_reviewed:
            continue
        context = message.context or ""
        source = strings.get((context, message.id))
        found = checks.get((context, message.lineno or 0), [])
        rows.append(
            SheetRow(
                key=context,
                english=message.id,
                translation=message.string if isinstance(message.string, str) else "",
                status=status,
                where=_where(source, context),
                reader=_reader(source, context),
                checks="; ".join(f"[{f.kind}] {f.message}" for f in found),
            )
        )
    order = ("flow:", "rights:", "indicator", "documents.", UI_CONTEXT)

    def place(row: SheetRow) -> int:
        return next((i for i, p in enumerate(order) if row.key.startswith(p)), len(order))

    return sorted(rows, key=place)


def _cells(number: int, row: SheetRow) -> list[str | int]:
    return [
        number,
        row.where,
        row.reader,
        row.english,
        row.translation,
        row.status,
        row.checks,
        "",
        "",
        "",
        row.key,
    ]


def write_sheet(rows: list[SheetRow], path: Path, code: str) -> Path:
    """Write `rows` as .xlsx or .csv (by the file name), atomically."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows(_cells(i, row) for i, row in enumerate(rows, 1))
        data = ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM: Excel reads UTF-8
    elif suffix == ".xlsx":
        data = _xlsx(rows, code)
    else:
        raise KioskError(f"{path.name}: write the review sheet as .xlsx or .csv")
    if not path.parent.is_dir():
        raise KioskError(f"The folder {path.parent} does not exist.")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise KioskError(f"Could not write {path.name}: {error.strerror}.") from None
    return path


def _xlsx(rows: list[SheetRow], code: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet: Any = book.active
    sheet.title = f"Review {code}"
    sheet.append(list(COLUMNS))
    for number, row in enumerate(rows, 1):
        sheet.append(_cells(number, row))
    widths = (5, 30, 14, 40, 40, 9, 30, 14, 40, 25, 30)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for cells in sheet.iter_rows(min_row=1, max_row=len(rows) + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    marks = DataValidation(type="list", formula1='"approve,change"', allow_blank=True)
    sheet.add_data_validation(marks)
    marks.add(f"H2:H{len(rows) + 1}")
    sheet.freeze_panes = "A2"
    # On paper: landscape, one page wide, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- marks back into the catalog -------------------------------------------------------------


@dataclass
class ApplyReport:
    path: Path
    approved: int = 0
    changed: int = 0  # a better translation, still a draft
    skipped: list[str] = field(default_factory=list)  # "row N: why"
    warnings: list[str] = field(default_factory=list)


def read_marks(path: Path) -> list[dict[str, str]]:
    """The rows of a returned sheet as {column: text}."""
    if not path.is_file():
        raise KioskError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            return [dict(row) for row in csv.DictReader(io.StringIO(text))]
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                values = list(book.active.iter_rows(values_only=True))
            finally:
                book.close()  # read-only workbooks keep the file open until closed
            header = [str(v or "") for v in values[0]] if values else []
            return [
                {h: "" if v is None else str(v) for h, v in zip(header, row, strict=False)}
                for row in values[1:]
            ]
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as error:
        raise KioskError(f"{path}: cannot read the review sheet ({error})") from None
    except Exception as error:  # openpyxl raises its own (zip, XML) errors for a broken file
        raise KioskError(f"{path}: cannot read the review sheet ({type(error).__name__})") from None
    raise KioskError(f"{path.name}: a review sheet is .xlsx or .csv")


def apply_marks(
    code: str,
    marks: Iterable[dict[str, str]],
    *,
    reviewer: str = "",
    folder: Path | None = None,
    today: date | None = None,
) -> ApplyReport:
    folder = folder or paths.translations_dir()
    path = folder / f"{code}.po"
    catalog = read_catalog(path, language(code).locale_id)
    by_key = {(m.context or "", m.id): m for m in catalog if m.id and isinstance(m.id, str)}
    report = ApplyReport(path)
    stamp = f"reviewed {(today or date.today()).isoformat()}" + (
        f" by {reviewer}" if reviewer else ""
    )
    missing = [c for c in ("Key", "English", "Translation", COLUMNS[7], "Better translation")]
    for number, row in enumerate(marks, 2):
        if any(c not in row for c in missing):
            raise KioskError("This is not a Lantern review sheet (columns are missing).")
        mark = row[COLUMNS[7]].strip().lower()
        better = row["Better translation"].strip()
        if not mark and not better:
            continue
        if mark and mark not in APPROVE | CHANGE:
            report.skipped.append(f"row {number}: unknown mark {mark!r} (use approve or change)")
            continue
        message = by_key.get((row["Key"], row["English"]))
        if message is None:
            report.skipped.append(f"row {number}: the English changed since the sheet was made")
            continue
        current = message.string if isinstance(message.string, str) else ""
        if current.strip() != row["Translation"].strip():
            report.skipped.append(f"row {number}: the translation changed since the sheet was made")
            continue
        if better:
            if problem := mismatch(message.id, better):
                report.skipped.append(f"row {number}: better translation refused: {problem}")
                continue
            message.string = better
        if mark in APPROVE:
            message.flags.discard("fuzzy")
            message.flags.discard(MACHINE_FLAG)
            message.user_comments = [
                c for c in message.user_comments if c not in (DRAFT_COMMENT, MACHINE_COMMENT)
            ] + [stamp]
            report.approved += 1
        elif better:
            message.flags.add("fuzzy")
            report.changed += 1
        else:
            report.warnings.append(f"row {number}: marked 'change' without a better translation")
        if row.get("Comment", "").strip():
            message.user_comments.append(f"reviewer: {row['Comment'].strip()}")
    write_catalog(catalog, path)
    return report
