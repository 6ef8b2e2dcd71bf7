"""The shipped country contacts: every number sourced and dated (and listed in SOURCES.md), the
names the 2026-12 practice review asked to correct, the person's paper and discreet card for
every country in every language (read back with pdftotext), and staff's check for their site."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import contact_check, content
from kiosk.core.documents.contact_lines import (
    CHECKED_BY_SITE,
    LABELS,
    NOT_CHECKED,
    card_number,
    paper_contacts,
)
from kiosk.core.documents.discreet_card import WRITE_IN, build_discreet_card
from kiosk.core.documents.rights_summary import ASK_STAFF, MAX_PAGES, build_rights_summary
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.i18n.languages import SUPPORTED
from kiosk.core.localizer import document_translate

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SOURCES = (CONTENT / "SOURCES.md").read_text(encoding="utf-8")
COUNTRIES = content.list_countries(CONTENT)
LANGUAGES = sorted(SUPPORTED)
TODAY = datetime.date(2026, 12, 2)  # the day the sources were read

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDFs",
)


@cache
def _localizer() -> CatalogLocalizer:
    return CatalogLocalizer()


def _pdf_text(data: bytes, tmp_path: Path, name: str) -> tuple[str, int]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    # NFKC: pdftotext gives Latin ligatures ("staﬀ") as one character
    return unicodedata.normalize("NFKC", text.decode("utf-8")), pages


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the data --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", COUNTRIES)
def test_every_number_has_its_dated_source_listed_in_sources_md(code: str) -> None:
    profile = content.load_country(code, CONTENT)
    for contact in profile.services:
        assert contact.kind in content.SERVICE_KINDS and contact.kind in LABELS
        if contact.source:
            # Every source is an address, and SOURCES.md lists it with the same date.
            assert contact.source.startswith(("http://", "https://")), contact.source
            rows = [line for line in SOURCES.splitlines() if f"<{contact.source}>" in line]
            assert rows, f"{code} {contact.kind}: {contact.source} is not in content/SOURCES.md"
            assert any((contact.source_date or "undated") in row for row in rows), (code, rows)
        if contact.reachable:
            assert contact.source_date and contact.checked == TODAY, (code, contact.name)
            assert contact.source_date <= contact.checked.isoformat()


def test_every_shipped_country_but_myanmar_gives_a_number_never_a_child_line_to_adults() -> None:
    for code in COUNTRIES:
        profile = content.load_country(code, CONTENT)
        phones = [c.phone for c in profile.services if c.phone]
        if code in ("MM", "generic"):
            assert not any(c.reachable for c in profile.services), code
        else:
            assert phones, code
            assert card_number(profile, child=True) in phones
            adult = [
                c.phone for c in profile.services if c.phone and not c.kind.startswith("child")
            ]
            # an adult's card never carries a child line (Laos has only one: staff write in)
            assert card_number(profile) in adult if adult else card_number(profile) is None


def test_names_and_caution_the_review_asked_for() -> None:
    def names(code: str, kind: str) -> str:
        return " | ".join(c.name for c in content.load_country(code, CONTENT).of_kind(kind))

    assert "Anti-Human Trafficking and Juvenile Protection" in names("KH", "formal_identification")
    assert "adults and juveniles" not in names("KH", "police_protection")
    assert "1343 Actionline" in names("PH", "hotline")
    assert "KP2MI" in names("ID", "labour") and "formerly BP2MI" in names("ID", "labour")
    assert "Home Affairs" in names("VN", "labour")
    assert "Ministry of Health" in names("VN", "hotline")
    caution = content.load_country("MM", CONTENT).caution or ""
    assert "1 February 2021" in caution and "only" in caution
    # the kinds the review found missing now exist where a source names them
    kinds = {c.kind for code in COUNTRIES for c in content.load_country(code, CONTENT).services}
    assert {"formal_identification", "unhcr", "iom", "child_helpline"} <= kinds


def test_the_paper_lists_each_kind_once_most_useful_first() -> None:
    vn = content.load_country("VN", CONTENT)
    # 111 is both the anti-trafficking and the child line: printed once, under the first label
    assert [line.reach for line in paper_contacts(vn)] == [("111",)]
    assert paper_contacts(vn)[0].kind == "hotline"
    assert paper_contacts(vn, child=True)[0].kind == "child_helpline"
    ph = content.load_country("PH", CONTENT)
    assert [line.kind for line in paper_contacts(ph)][:2] == ["hotline", "labour"]
    assert paper_contacts(ph, child=True)[0].details() == "1383  /  163"
    # the police come last, and a child's card carries the child line
    kh = content.load_country("KH", CONTENT)
    assert [line.kind for line in paper_contacts(kh)] == ["child_helpline", "police_protection"]
    assert card_number(kh, child=True) == "1280"
    assert card_number(kh) == "117"  # the trafficking report line; 1280 serves the young
    assert card_number(content.load_country("LA", CONTENT)) is None  # 1554 is a youth line
    my = content.load_country("MY", CONTENT)
    assert card_number(my) == "03-8000 8000" and card_number(my, child=True) == "15999"


# --- staff's check for their site ---------------------------------------------------------------


def test_a_site_check_holds_only_for_what_was_checked() -> None:
    th = content.load_country("TH", CONTENT)
    stored = contact_check.confirm(th, TODAY).as_setting()
    assert contact_check.checked_on(stored, th) == TODAY
    assert contact_check.checked_on(stored, content.load_country("KH", CONTENT)) is None
    local = {
        "shelter": [
            {
                "name": "Our shelter",
                "phone": "02 555 0100",
                "source": "staff",
                "checked": "2026-11-30",
            }
        ]
    }
    changed = content.load_country("TH", CONTENT, overrides=local)
    assert contact_check.checked_on(stored, changed) is None  # a new number: check again
    assert contact_check.read(stored) == contact_check.SiteCheck("TH", TODAY, stored["fingerprint"])
    for junk in (None, "2026-12-02", {"country": "TH", "on": "yesterday", "fingerprint": "x"}):
        assert contact_check.checked_on(junk, th) is None


# --- the person's paper and card, every country x language --------------------------------------


def _paper(code: str, lang: str, **options: object) -> bytes:
    loc = _localizer()
    return build_rights_summary(
        content.load_rights(CONTENT),
        lang=lang,
        translate=document_translate(loc, lang),
        country=content.load_country(code, CONTENT),
        **options,  # type: ignore[arg-type]
    )


def _english_lines_on_a_translated_paper(text: str, code: str) -> list[str]:
    """English words a reader of another language would see in the contacts part."""
    english = [source for _key, source in LABELS.values()]
    english += [NOT_CHECKED[1], CHECKED_BY_SITE[1].split("{")[0].strip(), ASK_STAFF[1]]
    english.append("(ask staff)")
    names = [c.name for c in content.load_country(code, CONTENT).services]
    flat = " ".join(text.split())
    return [line for line in english + names if line in flat]


def _check_paper(code: str, lang: str, tmp_path: Path, **options: object) -> str:
    text, pages = _pdf_text(_paper(code, lang, **options), tmp_path, f"{code}-{lang}")
    assert 1 <= pages <= MAX_PAGES
    child = bool(options.get("child"))
    squeezed = _squeezed(text)
    for line in paper_contacts(content.load_country(code, CONTENT), child=child):
        for item in line.reach:
            assert _squeezed(item) in squeezed, (code, lang, item)
    if lang != "en":
        assert _english_lines_on_a_translated_paper(text, code) == [], (code, lang)
    return text


@needs_poppler
def test_paper_in_a_few_languages_shows_numbers_and_no_english(tmp_path: Path) -> None:
    _check_paper("KH", "km", tmp_path)
    _check_paper(
        "ID",
        "ar",
        tmp_path,
        second_lang="id",
        second_translate=document_translate(_localizer(), "id"),
    )
    th = _check_paper("PH", "th", tmp_path, child=True, contacts_checked=TODAY)
    assert "ธันวาคม" in th  # the check date in Thai words
    assert _squeezed(th).index("1383") < _squeezed(th).index("1343")  # a child's line first
    en = _check_paper("TH", "en", tmp_path)
    assert NOT_CHECKED[1] in " ".join(en.split())
    # no number for Myanmar: the contacts part says to ask staff, and claims no check
    mm = " ".join(_check_paper("MM", "en", tmp_path).split())
    contacts = next(s for s in content.load_rights(CONTENT) if s.id == "contacts")
    assert contacts.text in mm and NOT_CHECKED[1] not in mm


@needs_poppler
@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_paper_and_card_for_every_country(lang: str, tmp_path: Path) -> None:
    translate = document_translate(_localizer(), lang)
    for code in COUNTRIES:
        _check_paper(code, lang, tmp_path, contacts_checked=TODAY)
        number = card_number(content.load_country(code, CONTENT))
        if number is None:
            assert code in ("MM", "generic", "LA")  # the card gets a line to write on
            continue
        card, pages = _pdf_text(
            build_discreet_card(contact=number, lang=lang, translate=translate),
            tmp_path,
            f"card-{code}-{lang}",
        )
        assert pages == 1 and _squeezed(number) in _squeezed(card), (code, lang)


@needs_poppler
def test_card_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "card.pdf"
    assert (
        main(["discreet-card", "--country", "KH", "--lang", "km", "--child", "-o", str(out)]) == 0
    )
    assert "1280" in _pdf_text(out.read_bytes(), tmp_path, "cli")[0]
    # Myanmar ships no number: the card has a line for the site's own number, written by hand
    mm = tmp_path / "mm.pdf"
    assert main(["discreet-card", "--country", "MM", "--lang", "my", "-o", str(mm)]) == 0
    assert WRITE_IN in _pdf_text(mm.read_bytes(), tmp_path, "mm")[0]
    paper = tmp_path / "paper.pdf"
    args = ["rights-summary", "--lang", "vi", "--country", "VN", "-o", str(paper)]
    assert main([*args, "--checked-on", "2026-12-01"]) == 0
    assert "111" in _pdf_text(paper.read_bytes(), tmp_path, "cli-paper")[0]
    capsys.readouterr()
    assert main([*args[:-1], str(tmp_path / "x.pdf"), "--checked-on", "soon"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
