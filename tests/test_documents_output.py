"""Referral summary (consent, no temp copies), discreet card, safe output and the CLI."""

from __future__ import annotations

import os
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.documents import textblock
from kiosk.core.documents.discreet_card import build_discreet_card, card_contact
from kiosk.core.documents.referral_summary import (
    AnswerRow,
    Disclosure,
    ReferralInput,
    build_referral_summary,
)
from kiosk.core.documents.safe_output import write_pdf
from kiosk.core.errors import KioskError
from tests.fixtures.documents_samples import COUNTRY

SECRET = "ZQX-SECRET-ANSWER"


def _referral(consent: bool = True) -> ReferralInput:
    return ReferralInput(
        consent_referral=consent,
        language="km",
        interpreter="in person",
        answers=(
            AnswerRow("Were you free to leave?", "declined"),
            AnswerRow("Who kept your passport?", "answered", f"មេការ {SECRET}"),
        ),
        indicators=(("Movement", ("Could not leave the workplace",)),),
        disclosures=(Disclosure("2024-05-02 14:10", "Employer kept passport"),),
        breaks=("14:00-14:10",),
        asked=("Work conditions",),
        not_asked=("Travel",),
    )


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    # NFKC folds the "fi" ligature HarfBuzz picks back into two letters
    return " ".join(unicodedata.normalize("NFKC", out.stdout.decode()).split())


def test_referral_refused_without_consent():
    with pytest.raises(KioskError, match="consent"):
        build_referral_summary(_referral(consent=False))


def test_referral_content_and_never_a_verdict(tmp_path):
    pdf = write_pdf(build_referral_summary(_referral()), tmp_path / "ref.pdf")
    text = _text(pdf)
    assert "consider referral for formal identification" in text
    assert "Prefers not to say" in text and "Not asked" in text and "Travel" in text
    assert "Khmer" in text and SECRET in text
    assert "victim" not in text.lower() and "traffick" not in text.lower()


def test_referral_answers_are_not_kept_in_the_shaping_cache(monkeypatch):
    kept: list[str] = []
    cached = textblock._shape

    def recording(text, font):
        kept.append(text)
        return cached(text, font)

    monkeypatch.setattr(textblock, "_shape", recording)
    build_referral_summary(_referral())
    assert kept, "fixed wording still goes through the cache"
    shaped = " ".join(kept)
    assert SECRET not in shaped and "passport" not in shaped and "មេការ" not in shaped


def test_referral_leaves_no_copy_in_temp_folders(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    target = tmp_path / "chosen" / "referral.pdf"
    target.parent.mkdir()
    write_pdf(build_referral_summary(_referral()), target)
    assert target.exists() and os.stat(target).st_mode & 0o077 == 0  # owner-only
    assert list(temp.rglob("*")) == []
    assert [p.name for p in target.parent.iterdir()] == ["referral.pdf"]  # no .part left


def test_failed_write_removes_partial_file(tmp_path):
    target = tmp_path / "out.pdf"
    target.mkdir()  # a folder in the way: replace fails
    with pytest.raises(KioskError):
        write_pdf(b"%PDF-1.4 x", target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_write_refuses_non_pdf_and_missing_folder(tmp_path):
    with pytest.raises(KioskError):
        write_pdf(b"hello", tmp_path / "a.pdf")
    with pytest.raises(KioskError):
        write_pdf(b"%PDF-1.4", tmp_path / "missing" / "a.pdf")


def test_discreet_card_is_neutral_and_one_page(tmp_path):
    assert card_contact(COUNTRY) == "1300"  # the hotline before other services
    pdf = write_pdf(build_discreet_card(contact="1300", reference="AB-12"), tmp_path / "c.pdf")
    text = _text(pdf)
    assert "1300" in text and "AB-12" in text
    assert not any(w in text.lower() for w in ("traffick", "victim", "rights", "hotline"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           1" in info.stdout


def test_cli_rights_summary_and_card(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    code = main(
        ["rights-summary", "--lang", "ar", "--second-lang", "en", "--child", "-o", str(out)]
    )
    assert code == 0 and out.read_bytes().startswith(b"%PDF-")
    card = tmp_path / "c.pdf"
    assert main(["discreet-card", "--contact", "+66 2 000", "-o", str(card)]) == 0
    assert card.exists()


def test_cli_bad_input_is_one_line(tmp_path, capsys):
    assert main(["rights-summary", "--lang", "xx", "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Unsupported language" in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_card_is_cut_from_a_sheet_and_works_without_a_number(tmp_path):
    from kiosk.core.content import load_country
    from kiosk.core.documents.discreet_card import WRITE_IN

    for code in ("TH", "KH", "PH", "MM", "generic"):
        contact = card_contact(load_country(code))  # shipped profiles may have no number
        pdf = write_pdf(build_discreet_card(contact=contact, lang="km"), tmp_path / f"{code}.pdf")
        assert (contact or WRITE_IN) in _text(pdf)
    sheet = tmp_path / "sheet.pdf"
    write_pdf(build_discreet_card(contact="1300"), sheet)
    info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts" in info  # A4, the card at its true size on it
    # Cut marks: short strokes just outside each of the card's four corners.
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "144", "-png", str(sheet), str(tmp_path / "s")], check=True)
    page = Image.open(next(tmp_path.glob("s*.png"))).convert("L")
    mm = 144 / 25.4
    left, top = (595.276 - 240.945) / 2 * 2, 25 * mm  # the card's corner, in pixels
    right, bottom = left + 85 * mm, top + 55 * mm
    for x, y, dx in ((left, top, -1), (right, top, 1), (left, bottom, -1), (right, bottom, 1)):
        stroke = [
            min(page.getpixel((round(x + dx * k * mm), round(y) + dy)) for dy in (-1, 0, 1))
            for k in (3, 5, 7)
        ]
        assert max(stroke) < 200, (x, y, stroke)  # dark: a mark is there
        assert page.getpixel((round(x + dx * mm), round(y + 2 * mm))) > 240  # nothing inside
    alone = tmp_path / "alone.pdf"
    write_pdf(build_discreet_card(contact="1300", sheet=None), alone)
    info = subprocess.run(["pdfinfo", str(alone)], capture_output=True, text=True).stdout
    assert "240.945 x 155.905 pts" in info  # 85 x 55 mm, for card printers
    assert main(["discreet-card", "--country", "generic", "-o", str(tmp_path / "g.pdf")]) == 0


def test_referral_paragraphs_take_their_own_direction_and_pages_are_numbered(tmp_path):
    import re

    pdf = write_pdf(build_referral_summary(_referral(), staff_lang="ar"), tmp_path / "ar.pdf")
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    words = {w: float(x) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>', bbox)}
    # An English disclosure on an Arabic staff paper starts at the left margin (18 mm), with
    # its time first, instead of being pushed to the right like Arabic text.
    assert words["Employer"] < 18 * 72 / 25.4 + 120
    assert words["2024-05-02"] < words["Employer"]
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout,
        ).group(1)
    )
    for page in range(1, pages + 1):
        foot = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
        ).stdout.split()
        assert str(page) in foot[-3:]
