"""Rights summary PDFs in every supported language: fonts embedded, ≤ 2 pages, rendered,
shaped (Khmer/Bengali conjuncts) and in the right visual order (Arabic)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from kiosk.core.content import load_country, load_rights
from kiosk.core.documents.fonts import registry
from kiosk.core.documents.layout import build_pdf
from kiosk.core.documents.rights_summary import MAX_PAGES, build_rights_summary
from kiosk.core.documents.text import LANGUAGE_SCRIPTS, is_rtl_language
from kiosk.core.documents.textblock import TextBlock
from kiosk.core.errors import KioskError
from kiosk.core.i18n.languages import language
from tests.fixtures.documents_samples import (
    ARABIC_WORDS,
    BENGALI_CONJUNCT,
    KHMER_CONJUNCT,
    SUPPORTED_LANGUAGES,
    sample_translate,
)


@pytest.fixture(scope="module")
def sections():
    return load_rights()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


def _fonts(pdf: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    # columns: name type encoding emb sub uni id gen; name and type never contain the flags
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def _check_pdf(pdf: Path) -> None:
    fonts = _fonts(pdf)
    assert fonts, "no fonts at all"
    assert all(emb == "yes" for _, emb in fonts), fonts
    assert 1 <= _pages(pdf) <= MAX_PAGES


def test_every_supported_language_has_its_print_script():
    # A language missing here would silently print in the Latin font.
    assert set(LANGUAGE_SCRIPTS) == set(SUPPORTED_LANGUAGES)
    assert all(is_rtl_language(code) == language(code).rtl for code in SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_rights_summary_every_language(lang, sections, tmp_path):
    data = build_rights_summary(
        sections, lang=lang, translate=sample_translate(lang), country=load_country("TH")
    )
    pdf = _write(tmp_path, lang, data)
    _check_pdf(pdf)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == _pages(pdf)
    assert all(p.stat().st_size > 500 for p in pngs)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_child_and_two_language_versions_fit(lang, sections, tmp_path):
    child = build_rights_summary(sections, lang=lang, translate=sample_translate(lang), child=True)
    _check_pdf(_write(tmp_path, "child", child))
    second = "en" if lang != "en" else "ar"
    both = build_rights_summary(
        sections,
        lang=lang,
        translate=sample_translate(lang),
        second_lang=second,
        second_translate=sample_translate(second),
        country=load_country("TH"),
        reference="AB-1234",
    )
    _check_pdf(_write(tmp_path, "both", both))


def test_letter_paper(sections, tmp_path):
    data = build_rights_summary(
        sections, lang="km", translate=sample_translate("km"), paper="letter"
    )
    pdf = _write(tmp_path, "letter", data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "612 x 792 pts" in info.stdout
    _check_pdf(pdf)


def test_child_wording_is_used(sections, tmp_path):
    adult = build_rights_summary(sections, lang="en")
    child = build_rights_summary(sections, lang="en", child=True)
    adult_text = _text(_write(tmp_path, "adult", adult))
    child_text = _text(_write(tmp_path, "child", child))
    first = sections[0]
    assert first.child_text.split(".")[0] in " ".join(child_text.split())
    assert first.text.split(".")[0] in " ".join(adult_text.split())


def test_no_personal_data_and_reference_only_when_asked(sections, tmp_path):
    without = _text(_write(tmp_path, "a", build_rights_summary(sections, lang="en")))
    with_ref = _text(
        _write(tmp_path, "b", build_rights_summary(sections, lang="en", reference="ZX-9921"))
    )
    assert "ZX-9921" not in without
    assert "ZX-9921" in with_ref
    assert "traffick" not in (without + with_ref).lower()


def test_reference_cannot_carry_a_name(sections):
    with pytest.raises(KioskError):
        build_rights_summary(sections, lang="en", reference="Maria Santos")


def test_second_language_appears(sections, tmp_path):
    data = build_rights_summary(
        sections, lang="km", translate=sample_translate("km"), second_lang="en"
    )
    text = " ".join(_text(_write(tmp_path, "km-en", data)).split())
    assert sections[0].title in text  # English beside the Khmer
    assert "អ្នក" in text or "\ue000" in text  # Khmer text is there too


def _text(pdf: Path, *extra: str) -> str:
    out = subprocess.run(["pdftotext", *extra, str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _hb_glyphs(script: str, text: str, shaped: bool) -> list[int]:
    import uharfbuzz as hb

    font = registry().font(script)
    if not shaped:  # one glyph per character, straight from the cmap
        from reportlab.pdfbase.pdfmetrics import getFont

        return [getFont(font.name).face.charToGlyph[ord(ch)] for ch in text]
    face = hb.Face(hb.Blob.from_file_path(str(font.path)))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb.Font(face), buf, {})
    return [info.codepoint for info in buf.glyph_infos]


@pytest.mark.parametrize(
    ("script", "conjunct"), [("khmer", KHMER_CONJUNCT), ("bengali", BENGALI_CONJUNCT)]
)
def test_conjuncts_are_shaped_in_the_pdf(script, conjunct, tmp_path):
    # HarfBuzz really changes the glyphs of this conjunct in this font ...
    assert _hb_glyphs(script, conjunct, True) != _hb_glyphs(script, conjunct, False)
    # ... and the PDF carries the shaped glyphs: reportlab gives glyphs that have no
    # character of their own (the subscript/ligature forms) private-use codes, which is what
    # the font's own character map says (pdfminer reads it) ...
    from pdfminer.high_level import extract_text

    data, _ = build_pdf([TextBlock(conjunct, script)], (300, 200), 20, "t")
    pdf = _write(tmp_path, script, data)
    glyphs = extract_text(str(pdf)).strip()
    assert any(0xE000 <= ord(ch) <= 0xF8FF for ch in glyphs), [hex(ord(c)) for c in glyphs]
    # ... while copy, search and screen readers get the conjunct itself (/ActualText).
    assert _text(pdf).strip() == conjunct


def test_arabic_words_run_right_to_left(tmp_path):
    data, _ = build_pdf([TextBlock(" ".join(ARABIC_WORDS), "arabic", True)], (500, 200), 20, "t")
    bbox = _text(_write(tmp_path, "ar", data), "-bbox")
    positions = {}
    for x_min, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox):
        logical = unicodedata.normalize("NFKC", word)[::-1]  # glyphs come out in visual order
        positions[logical] = float(x_min)
    known = [w for w in ARABIC_WORDS if w in positions]
    assert len(known) >= 4, positions
    xs = [positions[w] for w in known]
    assert xs == sorted(xs, reverse=True)  # first word rightmost
    assert max(xs) > 500 - 20 - 80  # right-aligned: the first word hugs the right margin


def test_mixed_scripts_on_one_line_use_both_fonts(tmp_path):
    data, _ = build_pdf([TextBlock("អ្នកមានសិទ្ធិ Lantern 1300", "khmer")], (400, 200), 20, "t")
    names = [name for name, _ in _fonts(_write(tmp_path, "mixed", data))]
    assert any("Khmer" in n for n in names) and any(n.endswith("NotoSans-Regular") for n in names)
