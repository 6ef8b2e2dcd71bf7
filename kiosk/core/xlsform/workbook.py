"""A small XLSForm workbook: survey, choices and settings rows, written as .xlsx and converted.

Shared by the XLSForm export (flow -> XLSForm) and the ODK referral form. Rows are plain dicts
of column -> cell text; a sheet's columns are its rows' keys in first-seen order, so callers
write `label::Khmer (km)` columns exactly as XLSForm spells them. `to_xform` runs pyxform on the
written workbook's bytes, so what it returns is what pyxform makes of the real file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core.errors import KioskError


class XLSFormError(KioskError):
    """pyxform refused the workbook."""


@dataclass
class Workbook:
    survey: list[dict[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)

    def sheets(self) -> dict[str, list[dict[str, str]]]:
        sheets = {"survey": self.survey, "choices": self.choices}
        if self.settings:
            sheets["settings"] = [self.settings]
        return {name: rows for name, rows in sheets.items() if rows}


def _columns(rows: list[dict[str, str]]) -> list[str]:
    return list(dict.fromkeys(column for row in rows for column in row))


def xlsx_bytes(workbook: Workbook) -> bytes:
    """The workbook as .xlsx bytes (built in memory; nothing is written to disk)."""
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook()
    book.remove(book.active)
    for name, rows in workbook.sheets().items():
        sheet = book.create_sheet(name)
        columns = _columns(rows)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column, "") for column in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(workbook: Workbook, path: Path) -> None:
    from kiosk.core.atomic import write_atomic

    write_atomic(path, xlsx_bytes(workbook))


def to_xform(workbook: Workbook, form_name: str = "data") -> tuple[str, list[str]]:
    """(XForm XML, pyxform's warnings) for the workbook, converted from its .xlsx bytes."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    try:
        result = convert(
            xlsx_bytes(workbook), warnings=warnings, form_name=form_name, file_type=".xlsx"
        )
    except PyXFormError as error:
        raise XLSFormError(f"pyxform refused the form: {error}") from None
    return result.xform, warnings
