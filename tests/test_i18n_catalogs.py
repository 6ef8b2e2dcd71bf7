"""Catalog lookups: review status, placeholder checks, run-time machine-translation fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs, load_catalog
from kiosk.core.i18n.extract import write_catalog
from kiosk.core.localizer import Localizer, document_translate


def _write_po(folder: Path, code: str, entries: list[tuple[str, str, str, set[str]]]) -> Path:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=code)
    for context, msgid, msgstr, flags in entries:
        catalog.add(msgid, msgstr, context=context, flags=flags)
    path = folder / f"{code}.po"
    write_catalog(catalog, path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _write_po(
        tmp_path,
        "th",
        [
            ("flow:f:a:text", "Reviewed text.", "ข้อความ", set()),
            ("flow:f:b:text", "Draft text.", "ร่าง", {"fuzzy"}),
            ("flow:f:c:text", "Machine text.", "เครื่อง", {"fuzzy", "machine"}),
            ("flow:f:d:text", "Empty.", "", set()),
            ("ui", "Part {index} of {count}", "ส่วน {index} จาก {count}", set()),
            ("ui", "Hello {name}", "สวัสดี {nom}", {"fuzzy"}),
        ],
    )
    return tmp_path


def test_statuses(folder: Path) -> None:
    loc = CatalogLocalizer(Catalogs(folder))
    assert loc.content("th", "flow:f:a:text", "Reviewed text.").status == "reviewed"
    assert loc.content("th", "flow:f:b:text", "Draft text.").status == "draft"
    machine = loc.content("th", "flow:f:c:text", "Machine text.")
    assert (machine.text, machine.status) == ("เครื่อง", "machine")
    empty = loc.content("th", "flow:f:d:text", "Empty.")
    assert (empty.text, empty.status) == ("Empty.", "missing") and empty.needs_review_flag
    assert loc.content("en", "flow:f:a:text", "Reviewed text.").status == "source"


def test_a_changed_source_is_not_shown_with_the_old_translation(folder: Path) -> None:
    loc = CatalogLocalizer(Catalogs(folder))
    shown = loc.content("th", "flow:f:a:text", "Reviewed text, reworded.")
    assert (shown.text, shown.status) == ("Reviewed text, reworded.", "missing")


def test_language_without_catalog_is_missing(folder: Path) -> None:
    shown = CatalogLocalizer(Catalogs(folder)).content("lo", "flow:f:a:text", "Reviewed text.")
    assert shown.status == "missing"


def test_ui_strings_translate_and_format(folder: Path) -> None:
    loc: Localizer = CatalogLocalizer(Catalogs(folder), language="th")
    assert loc.ui("Part {index} of {count}", index=2, count=5) == "ส่วน 2 จาก 5"
    assert loc.ui("Part {index} of {count}", "en", index=2, count=5) == "Part 2 of 5"
    assert loc.ui("Not in catalog") == "Not in catalog"


def test_placeholder_mismatch_is_rejected_with_a_clear_message(folder: Path) -> None:
    loaded = load_catalog("th", folder)
    assert ("ui", "Hello {name}") not in loaded.entries
    [problem] = loaded.problems
    text = str(problem)
    assert text.startswith(f"{folder / 'th.po'}:") and problem.line > 0
    assert "missing {name}" in text and "unknown {nom}" in text and "rejected" in text
    loc = CatalogLocalizer(Catalogs(folder), language="th")
    assert loc.ui("Hello {name}", name="Ana") == "Hello Ana"


class StubTranslator:
    def __init__(self, result: str = "แปลแล้ว") -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.result = result

    def __call__(self, text: str, from_lang: str, to_lang: str) -> str:
        self.calls.append((text, from_lang, to_lang))
        return self.result


def test_missing_content_is_machine_translated_once_and_marked(folder: Path) -> None:
    stub = StubTranslator()
    loc = CatalogLocalizer(Catalogs(folder), machine=stub)
    first = loc.content("th", "flow:f:z:text", "New question?")
    second = loc.content("th", "flow:f:z:text", "New question?")
    assert (first.text, first.status) == ("แปลแล้ว", "machine") and second == first
    assert stub.calls == [("New question?", "en", "th")]
    # Curated translations win over machine translation; UI strings are never machine-translated.
    assert loc.content("th", "flow:f:b:text", "Draft text.").status == "draft"
    assert loc.ui("Not in catalog", "th") == "Not in catalog" and len(stub.calls) == 1


def test_filipino_uses_the_machine_translation_code(folder: Path) -> None:
    stub = StubTranslator("isinalin")
    CatalogLocalizer(Catalogs(folder), machine=stub).content("fil", "flow:f:a:text", "Hi.")
    assert stub.calls == [("Hi.", "en", "tl")]


def test_machine_fallback_without_model_or_with_broken_placeholders(folder: Path) -> None:
    def unavailable(text: str, from_lang: str, to_lang: str) -> str:
        raise KioskError("No translation model is installed for en → th.")

    shown = CatalogLocalizer(Catalogs(folder), machine=unavailable).content(
        "th", "flow:f:z:text", "New?"
    )
    assert (shown.text, shown.status) == ("New?", "missing")
    broken = CatalogLocalizer(Catalogs(folder), machine=StubTranslator("สวัสดี {x}"))
    assert broken.content("th", "flow:f:z:text", "Hello {name}").status == "missing"


def test_document_translate_maps_rights_keys(tmp_path: Path) -> None:
    _write_po(
        tmp_path,
        "ar",
        [
            ("rights:privacy:title", "Your privacy", "خصوصيتك", {"fuzzy"}),
            ("documents.card.title", "Useful number", "رقم مفيد", {"fuzzy"}),
        ],
    )
    translate = document_translate(CatalogLocalizer(Catalogs(tmp_path)), "ar")
    assert translate("rights:privacy:title", "Your privacy") == "خصوصيتك"
    assert translate("documents.card.title", "Useful number") == "رقم مفيد"
    assert translate("documents.card.label", "Phone") == "Phone"
