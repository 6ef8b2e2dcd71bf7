"""What a person holds: the rights summary in each of the 12 languages, measured from the PDF.

Type sizes come from the PDF's own characters (pdfminer), the text from `pdftotext` (poppler, as
copy, search and Linux screen readers see it), both with the shipped catalogs.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent

from kiosk.core.content import load_country, load_rights
from kiosk.core.documents.layout import DRAFT_MARK, MUTED
from kiosk.core.documents.rights_summary import (
    CONTACTS_SECTION,
    MAX_PAGES,
    MIN_BODY_PT,
    MIN_SECOND_PT,
    SummaryBlock,
    build_rights_summary,
    summary_blocks,
)
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.i18n.languages import SUPPORTED, language
from kiosk.core.localizer import document_translate

LOCALIZER = CatalogLocalizer()
_IGNORED = "\u200b\u200c\u200d\u00ad\u202a\u202b\u202c\u202d\u202e"  # joiners, bidi marks
_MUTED = tuple(round(c, 2) for c in (MUTED.red, MUTED.green, MUTED.blue))


_MARK_ZONE = 9 * 72 / 25.4  # the bottom 9 mm hold only the draft mark for staff (7 pt)


def _chars(pdf: Path, *, with_mark: bool = False) -> list[LTChar]:
    """The characters of the PDF (without the staff's draft mark in the bottom margin)."""
    found: list[LTChar] = []
    stack: list[LTComponent] = list(extract_pages(str(pdf)))
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar) and (with_mark or item.y0 > _MARK_ZONE):
            found.append(item)
        elif hasattr(item, "__iter__"):
            stack.extend(item)  # type: ignore[arg-type]
    return found


def _is_muted(char: LTChar) -> bool:
    colour = char.graphicstate.ncolor
    return isinstance(colour, tuple) and tuple(round(c, 2) for c in colour) == _MUTED


def _pdftotext(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    return out.stdout.decode("utf-8")


def _squeeze(text: str) -> str:
    """Compare text whatever the line breaks: no spaces, joiners or bidi controls."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace() and ch not in _IGNORED
    )


def _summary(tmp_path: Path, lang: str, second: str | None = None, child: bool = False) -> Path:
    data = build_rights_summary(
        load_rights(),
        lang=lang,
        translate=document_translate(LOCALIZER, lang),
        second_lang=second,
        second_translate=document_translate(LOCALIZER, second or "en"),
        country=load_country("TH"),
        child=child,
    )
    pdf = tmp_path / f"{lang}-{second}.pdf"
    pdf.write_bytes(data)
    return pdf


def _pages(pdf: Path) -> int:
    return sum(1 for _ in extract_pages(str(pdf)))


def _words(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text)
    return Counter(re.findall(r"[^\W_]+", "".join(" " if ch in _IGNORED else ch for ch in text)))


def lost_text(lang: str, blocks: list[SummaryBlock], extracted: str) -> list[str]:
    """Ids of the blocks whose title or text `pdftotext` did not give back.

    Left-to-right text must come back verbatim (whatever the line breaks). For right-to-left
    text poppler orders the sentences of a line by its own heuristics, so every word must come
    back, nothing more is asked.
    """
    if language(lang).rtl:
        found = _words(extracted)
        return [b.id for b in blocks if _words(b.title + " " + b.text) - found]
    text = _squeeze(extracted)
    return [b.id for b in blocks if _squeeze(b.title) not in text or _squeeze(b.text) not in text]


@pytest.mark.parametrize("lang", SUPPORTED)
def test_printed_at_eleven_points_or_more_and_copied_as_written(lang: str, tmp_path: Path) -> None:
    pdf = _summary(tmp_path, lang)
    sizes = [round(char.size, 1) for char in _chars(pdf) if char.get_text().strip()]
    assert sizes and min(sizes) >= MIN_BODY_PT, (lang, min(sizes))
    assert _pages(pdf) <= MAX_PAGES
    # Copy, search and screen readers (pdftotext) get the text back.
    extracted = _pdftotext(pdf)
    translate = document_translate(LOCALIZER, lang)
    blocks = summary_blocks(load_rights(), child=False, translate=translate)
    printed = [b for b in blocks if b.id != CONTACTS_SECTION]  # its text gives way to contacts
    assert lost_text(lang, printed, extracted) == [], f"{lang}: pdftotext lost text"
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in extracted)  # no private-use codes


@pytest.mark.parametrize("lang", SUPPORTED)
def test_two_languages_fit_two_pages_at_readable_sizes(lang: str, tmp_path: Path) -> None:
    second = "ar" if lang == "en" else "en"
    child = lang in ("km", "my", "bn")  # the child wording too, in the longest scripts
    pdf = _summary(tmp_path, lang, second, child=child)
    chars = [char for char in _chars(pdf) if char.get_text().strip()]
    first = [round(c.size, 1) for c in chars if not _is_muted(c)]
    muted = [round(c.size, 1) for c in chars if _is_muted(c)]
    assert first and min(first) >= MIN_BODY_PT, (lang, min(first))
    assert muted and min(muted) >= MIN_SECOND_PT, (lang, min(muted))
    assert _pages(pdf) <= MAX_PAGES
    translate = document_translate(LOCALIZER, second)
    blocks = summary_blocks(load_rights(), child=child, translate=translate)
    printed = [b for b in blocks if b.id != CONTACTS_SECTION]
    assert lost_text(second, printed, _pdftotext(pdf)) == []


def test_papers_from_draft_translations_carry_a_discreet_mark_for_staff(tmp_path: Path) -> None:
    draft = _summary(tmp_path, "th")  # the shipped Thai catalog is all drafts
    assert DRAFT_MARK in _pdftotext(draft)
    mark = [c for c in _chars(draft, with_mark=True) if c.y0 <= _MARK_ZONE]
    assert mark and max(round(c.size, 1) for c in mark) <= 7  # small, in the margin
    assert _pages(draft) == _pdftotext(draft).count(DRAFT_MARK)  # on every page
    english = _summary(tmp_path, "en")  # the source text: nothing to review
    assert DRAFT_MARK not in _pdftotext(english)
    assert [c for c in _chars(english, with_mark=True) if c.y0 <= _MARK_ZONE] == []
