"""A native reviewer's sheet (.xlsx / .csv) and the marks coming back into the catalog."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.cli import main
from kiosk.core.i18n.catalogs import DRAFT_COMMENT, load_catalog
from kiosk.core.i18n.extract import read_catalog, write_catalog
from kiosk.core.i18n.review_sheet import (
    COLUMNS,
    apply_marks,
    read_marks,
    sheet_rows,
    write_sheet,
)
from tests.test_i18n_lint import _translate, _tree

MARK = COLUMNS[7]


def _root(tmp_path: Path) -> Path:
    root = _tree(tmp_path)
    _translate(
        root,
        "vi",
        {
            "flow:tiny:hello:neutral_text": "Chào em. Chúng tôi rất vui vì em đã đến.",
            "flow:tiny:forced:text": "Có ai bắt bạn đi khi bạn không muốn không?",
            "flow:tiny:forced:child_text": "Có ai bắt em đi khi em không muốn không?",
            "flow:tiny:bye:text": "Cảm ơn. Bạn có thể nghỉ bất cứ lúc nào.",
            "ui|Volume {level}": "Âm lượng {level}",
        },
        comment=DRAFT_COMMENT,
    )
    return root


def test_the_sheet_says_where_who_and_what_the_lint_found(tmp_path: Path) -> None:
    rows = {row.key: row for row in sheet_rows("vi", root=_root(tmp_path))}
    hello = rows["flow:tiny:hello:neutral_text"]
    assert hello.reader == "anyone, also before the age is known"
    assert "child-word-for-anyone" in hello.checks and "'em'" in hello.checks
    assert rows["flow:tiny:forced:child_text"].reader == "child"
    assert (
        rows["flow:tiny:forced:text"].reader == "adult"
        and rows["flow:tiny:forced:text"].checks == ""
    )
    assert "screen 'forced'" in rows["flow:tiny:forced:text"].where
    assert rows["flow:tiny:bye:text"].status == "draft"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_marks_come_back_and_only_approved_entries_lose_the_draft_flag(
    tmp_path: Path, suffix: str
) -> None:
    root = _root(tmp_path / "tree")
    folder = root / "translations"
    sheet = write_sheet(sheet_rows("vi", root=root), tmp_path / f"vi{suffix}", "vi")
    marks = read_marks(sheet)
    assert list(marks[0]) == list(COLUMNS)
    by_key = {row["Key"]: row for row in marks}
    by_key["flow:tiny:forced:text"][MARK] = "approve"
    by_key["flow:tiny:hello:neutral_text"]["Better translation"] = "Xin chào. Rất vui vì bạn đến."
    by_key["flow:tiny:forced:child_text"][MARK] = "approve"
    by_key["flow:tiny:forced:child_text"]["Better translation"] = "Có ai bắt em đi không?"
    by_key["flow:tiny:bye:text"][MARK] = "approve"
    by_key["flow:tiny:bye:text"]["Better translation"] = "Cảm ơn {name}."  # a new placeholder
    _save(sheet, marks)

    # Meanwhile someone changed the Volume translation: that approval must not apply.
    by_key["ui"] = next(r for r in marks if r["Key"] == "ui" and "{level}" in r["English"])
    by_key["ui"][MARK] = "approve"
    _save(sheet, marks)
    _retranslate(folder / "vi.po", "Volume {level}", "Âm lượng: {level}")

    report = apply_marks("vi", read_marks(sheet), reviewer="shelter reviewer", folder=folder)
    assert report.approved == 2 and report.changed == 1
    assert len(report.skipped) == 2
    assert any("placeholders" in line for line in report.skipped)
    assert any("translation changed" in line for line in report.skipped)

    entries = load_catalog("vi", folder).entries
    assert (
        entries[
            ("flow:tiny:forced:text", "Did anyone make you go when you did not want to?")
        ].status
        == "reviewed"
    )
    child = entries[
        ("flow:tiny:forced:child_text", "Did anyone make you go when you did not want to?")
    ]
    assert (child.text, child.status) == ("Có ai bắt em đi không?", "reviewed")
    hello = entries[("flow:tiny:hello:neutral_text", "Hello. We are glad you came.")]
    assert (hello.text, hello.status) == ("Xin chào. Rất vui vì bạn đến.", "draft")  # no mark
    assert (
        entries[("flow:tiny:bye:text", "Thank you. You can take a break at any time.")].status
        == "draft"
    )
    message = next(
        m for m in read_catalog(folder / "vi.po") if m.context == "flow:tiny:forced:text"
    )
    assert DRAFT_COMMENT not in message.user_comments
    assert any(c.startswith("reviewed ") and "shelter reviewer" in c for c in message.user_comments)


def _save(sheet: Path, marks: list[dict[str, str]]) -> None:
    if sheet.suffix == ".csv":
        with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            writer.writerows(marks)
        return
    book = load_workbook(sheet)
    page = book.active
    for index, row in enumerate(marks, 2):
        for column, name in enumerate(COLUMNS, 1):
            page.cell(row=index, column=column, value=row[name] or None)
    book.save(sheet)


def _retranslate(po: Path, msgid: str, text: str) -> None:
    catalog = read_catalog(po)
    next(m for m in catalog if m.id == msgid).string = text
    write_catalog(catalog, po)


def test_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "th.xlsx"
    assert main(["i18n", "review-sheet", "--lang", "th", "-o", str(out)]) == 0
    assert "entries to review" in capsys.readouterr().out
    page = load_workbook(out).active
    assert [c.value for c in page[1]] == list(COLUMNS)
    readers = {page.cell(row=r, column=3).value for r in range(2, page.max_row + 1)}
    assert {"adult", "child", "staff", "anyone, also before the age is known"} <= readers
    assert main(["i18n", "review-sheet", "--lang", "th", "-o", str(tmp_path / "x.txt")]) == 1
    assert "xlsx or .csv" in capsys.readouterr().err
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    assert main(["i18n", "review-apply", "--lang", "th", str(junk)]) == 1
    assert "cannot read the review sheet" in capsys.readouterr().err
