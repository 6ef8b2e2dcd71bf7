"""Read an XLSForm workbook (.xlsx or .xls) through pyxform, within fixed limits.

The file is read once, bounded (kiosk.core.fileio: a regular file, at most `MAX_FILE_BYTES`;
an .xlsx may unpack to at most `MAX_UNPACKED_BYTES`), and handed to pyxform as bytes: pyxform
gives the sheets' rows (`DefinitionData`, kept for row numbers) and its parsed form
(`workbook_to_json`), which is what the importer converts. pyxform's own refusals come back
as `SheetProblem`s.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.errors import KioskError
from kiosk.core.fileio import FileProblem, read_regular
from kiosk.core.problems import Problem

MAX_FILE_BYTES = 10_000_000
MAX_UNPACKED_BYTES = 100_000_000
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SHEETS = ("survey", "choices", "settings")
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_SHEET = re.compile(r"(?:On the|sheet:?)\s*'(\w+)'", re.IGNORECASE)
_DUPLICATE_HEADER = re.compile(r"Duplicate column header: (.*)")


# One reason a form cannot be imported, printed `sheet:row: reason` (row 1 is the header): the
# same shape as a flow file's `file:line: message`.
SheetProblem = Problem


class XLSFormReadError(KioskError):
    """The file is not a workbook Lantern can read at all (whole-file problem)."""


class FormRefused(KioskError):
    """The form cannot be imported; `problems` says where and why, one line each."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the form")
        self.problems = sorted(set(problems), key=_problem_order)


def _problem_order(problem: SheetProblem) -> tuple[int, int, str]:
    sheet = SHEETS.index(problem.file) if problem.file in SHEETS else len(SHEETS)
    return (sheet, problem.line, problem.message)


@dataclass(frozen=True)
class ParsedWorkbook:
    """What pyxform makes of the file: sheet rows (for row numbers) and the parsed form."""

    definition: Any  # pyxform.xls2json_backends.DefinitionData
    form: dict[str, Any]
    warnings: tuple[str, ...]


def file_type(path: Path, data: bytes) -> str:
    """`.xlsx` or `.xls`, from the bytes themselves (a renamed file is still recognised)."""
    if data.startswith(XLSX_MAGIC):
        _check_unpacked_size(path, data)
        return ".xlsx"
    if data.startswith(XLS_MAGIC):
        return ".xls"
    raise XLSFormReadError(f"{path}: not an Excel workbook (.xlsx or .xls)")


def _check_unpacked_size(path: Path, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise XLSFormReadError(f"{path}: a damaged .xlsx file (not a readable zip)") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise XLSFormReadError(
            f"{path}: unpacks to {unpacked} bytes, more than an XLSForm needs "
            f"(limit {MAX_UNPACKED_BYTES})"
        )


def read_workbook(path: Path) -> ParsedWorkbook:
    """Read and parse `path`; `XLSFormReadError` or `FormRefused` when that is not possible."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)  # a pipe or a device is refused, not waited on
    except FileProblem as problem:
        raise XLSFormReadError(problem.message) from None
    kind = file_type(path, data)
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    found: list[str] = []
    # pyxform and openpyxl warn about workbook features they skip (e.g. unknown extensions);
    # the importer reports what matters itself, so those warnings are not shown.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            definition = get_xlsform(io.BytesIO(data), file_type=kind)
            _shield_quotes(definition)
            form = workbook_to_json(
                definition,
                fallback_form_name=path.stem,
                warnings=found,
            )
        except PyXFormError as error:
            raise FormRefused([_locate(str(error), data, kind)]) from None
        except Exception as error:  # noqa: BLE001 - untrusted bytes inside a third-party parser
            raise XLSFormReadError(
                f"{path}: the workbook cannot be read ({type(error).__name__})"
            ) from None
    return ParsedWorkbook(definition, _unshield(form), tuple(found))


# pyxform turns every curly quote into a straight one, in labels too, because Excel "corrects"
# the quotes people type in expressions. A translator's “ ” in a Thai or Chinese label is text,
# not a typo: the quotes are shielded from pyxform as noncharacters and put back afterwards.
# Expressions get pyxform's straight quotes from `straight_quotes`, as pyxform intends.
_SMART_QUOTES = "\u2018\u2019\u201c\u201d"
_SHIELDS = "\ufdd0\ufdd1\ufdd2\ufdd3"
_SHIELD = str.maketrans(_SMART_QUOTES, _SHIELDS)
_UNSHIELD = str.maketrans(_SHIELDS, _SMART_QUOTES)
_STRAIGHT = str.maketrans(_SMART_QUOTES, "''\"\"")


def straight_quotes(expression: str) -> str:
    """An expression with the curly quotes an editor put in made straight (as pyxform does)."""
    return expression.translate(_STRAIGHT)


def _shield_quotes(definition: Any) -> None:
    for sheet in (definition.survey, definition.choices, definition.settings):
        for row in sheet or []:
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = value.translate(_SHIELD)


def _unshield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_UNSHIELD)
    if isinstance(value, dict):
        return {key: _unshield(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unshield(item) for item in value]
    return value


def _locate(message: str, data: bytes, kind: str) -> SheetProblem:
    """pyxform's message as `sheet:row: reason` (the row it names, else the header row)."""
    text = " ".join(message.split())
    row_match = _ROW.search(text)
    row = int(row_match.group(1)) if row_match else 1
    reason = _ROW.sub("", text, count=1).strip() if row_match else text
    sheet_match = _SHEET.search(reason)
    sheet = sheet_match.group(1).lower() if sheet_match else "survey"
    duplicate = _DUPLICATE_HEADER.fullmatch(reason)
    if duplicate:
        sheet = _sheet_with_duplicate(data, kind, duplicate.group(1).strip()) or sheet
    return SheetProblem(sheet, row, f"{reason[:1].lower()}{reason[1:]}")


def _sheet_with_duplicate(data: bytes, kind: str, column: str) -> str | None:
    """Which sheet's header row repeats `column` (pyxform's message does not say)."""
    for name, header in _header_rows(data, kind):
        cells = [str(cell).strip() for cell in header if cell not in (None, "")]
        if cells.count(column) > 1:
            return name.lower()
    return None


def _header_rows(data: bytes, kind: str) -> list[tuple[str, list[Any]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if kind == ".xls":
                import xlrd

                book = xlrd.open_workbook(file_contents=data)
                return [
                    (sheet.name, sheet.row_values(0) if sheet.nrows else [])
                    for sheet in book.sheets()
                ]
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return [
                    (sheet.title, list(next(sheet.iter_rows(max_row=1, values_only=True), ())))
                    for sheet in workbook.worksheets
                ]
            finally:
                workbook.close()
        except Exception:  # noqa: BLE001 - only used to say where a known problem is
            return []
