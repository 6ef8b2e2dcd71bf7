"""Coverage table, catalog checks, the `kiosk i18n` commands and machine-fill."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.i18n.catalogs import DRAFT_COMMENT, MACHINE_COMMENT, load_catalog
from kiosk.core.i18n.extract import extract, read_catalog, write_catalog
from kiosk.core.i18n.languages import TRANSLATED
from kiosk.core.i18n.machine_fill import machine_fill
from kiosk.core.i18n.status import check, coverage, coverage_table, template_keys


def _root(tmp_path: Path) -> Path:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "tiny.yaml").write_text(
        "format: 1\nflow: tiny\nversion: 1\ntitle: Tiny\nnodes:\n"
        "  - id: a\n    kind: info\n    text: One.\n"
        "  - id: b\n    kind: info\n    text: Two {count}.\n"
        "  - id: c\n    kind: info\n    text: Three.\n"
        "  - id: d\n    kind: end\n    text: Four.\n",
        encoding="utf-8",
    )
    extract(tmp_path, languages=["th", "ar"])
    return tmp_path


def _set(path: Path, msgid: str, msgstr: str, flags: set[str]) -> None:
    catalog = read_catalog(path)
    message = next(m for m in catalog if m.id == msgid)
    message.string, message.flags = msgstr, set(flags)
    write_catalog(catalog, path)


def test_coverage_counts(tmp_path: Path) -> None:
    root = _root(tmp_path)
    po = root / "translations" / "th.po"
    _set(po, "One.", "หนึ่ง", set())
    _set(po, "Two {count}.", "สอง {count}", {"fuzzy"})
    _set(po, "Three.", "สาม", {"fuzzy", "machine"})
    keys = template_keys(root / "translations")
    row = coverage("th", keys, root / "translations")
    # The flow asks no age: each text also has its neutral entry (kiosk.core.i18n.register).
    assert (row.entries, row.reviewed, row.draft, row.machine, row.missing) == (8, 1, 1, 1, 5)
    table = coverage_table(root / "translations", ("th", "ar"))
    lines = table.splitlines()
    assert lines[0].split() == [
        "lang", "name", "entries", "reviewed", "draft", "machine", "missing", "rejected"
    ]  # fmt: skip
    assert lines[1].split() == ["th", "ไทย", "8", "1", "1", "1", "5", "0"]
    assert lines[2].split() == ["ar", "العربية", "8", "0", "0", "0", "8", "0"]


def test_check_reports_a_catalog_missing_a_string(tmp_path: Path) -> None:
    root = _root(tmp_path)
    po = root / "translations" / "th.po"
    catalog = read_catalog(po)
    catalog.delete("Three.", context="flow:tiny:c:text")
    write_catalog(catalog, po)
    problems = [str(p) for p in check(root, codes=("th", "ar"))]
    assert len(problems) == 1
    assert problems[0].startswith(f"{po}:0: 1 entry is missing")
    assert "run: kiosk i18n extract" in problems[0]


def test_check_reports_placeholder_mismatch_and_stale_template(tmp_path: Path) -> None:
    root = _root(tmp_path)
    _set(root / "translations" / "ar.po", "Two {count}.", "اثنان {عدد}", {"fuzzy"})
    flow = root / "flows" / "tiny.yaml"
    flow.write_text(flow.read_text().replace("One.", "One!"))
    problems = [str(p) for p in check(root, codes=("th", "ar"))]
    assert any("template is out of date" in p for p in problems)
    [mismatch] = [p for p in problems if "placeholders" in p]
    assert mismatch.startswith(f"{root / 'translations' / 'ar.po'}:")
    assert "missing {count}" in mismatch


def test_stub_machine_fill_marks_entries_machine(tmp_path: Path) -> None:
    root = _root(tmp_path)
    po = root / "translations" / "th.po"
    _set(po, "One.", "หนึ่ง", set())

    def stub(text: str, from_lang: str, to_lang: str) -> str:
        return "??" if "{" in text else f"[{to_lang}] {text}"

    report = machine_fill("th", stub, root / "translations")
    # "Two {count}." lost its placeholder (its adult and neutral entries); a: only neutral
    assert (report.filled, report.skipped) == (5, 2)
    entries = load_catalog("th", root / "translations").entries
    assert entries[("flow:tiny:a:text", "One.")].status == "reviewed"  # untouched
    assert entries[("flow:tiny:c:text", "Three.")].status == "machine"
    assert MACHINE_COMMENT in next(m for m in read_catalog(po) if m.id == "Four.").user_comments


def test_machine_fill_through_a_real_argos_model(
    tmp_path: Path, tiny_argos_factory: object
) -> None:
    from kiosk.core.translation import Translator, models

    models.install_model(tiny_argos_factory("en", "th"))  # type: ignore[operator]
    root = _root(tmp_path)
    report = machine_fill("th", Translator().translate, root / "translations")
    # The upper-casing model turns {count} into {COUNT}: that entry is left for a translator.
    assert (report.filled, report.skipped) == (6, 2)  # adult and neutral entries
    entries = load_catalog("th", root / "translations").entries
    assert entries[("flow:tiny:a:text", "One.")].text == "ONE."
    assert entries[("flow:tiny:a:text", "One.")].status == "machine"
    assert ("flow:tiny:b:text", "Two {count}.") not in entries


def test_machine_fill_command_without_model_is_one_clear_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["i18n", "machine-fill", "--lang", "km"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "No translation model is installed for en → km" in err


def test_unknown_language_command_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "machine-fill", "--lang", "xx"]) == 1
    assert "Unknown language 'xx'" in capsys.readouterr().err


def test_status_command_prints_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "status"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [row.split()[0] for row in rows[1:]] == list(TRANSLATED)


def test_shipped_catalogs_are_complete_and_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "check"]) == 0, capsys.readouterr().out


def test_shipped_drafts_are_marked_for_native_review(repo_root: Path) -> None:
    for code in TRANSLATED:
        catalog = read_catalog(repo_root / "translations" / f"{code}.po")
        for message in catalog:
            if message.id and message.string and message.fuzzy and "machine" not in message.flags:
                assert DRAFT_COMMENT in message.user_comments, (code, message.id)
