"""`kiosk rights-summary` prints the person's language from the shipped catalogs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.documents.layout import DRAFT_MARK


@pytest.mark.parametrize(("lang", "low", "high"), [("km", 0x1780, 0x17FF), ("ar", 0x0600, 0x06FF)])
def test_rights_summary_command_uses_the_catalog(
    tmp_path: Path, lang: str, low: int, high: int, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"{lang}.pdf"
    assert main(["rights-summary", "--lang", lang, "-o", str(output)]) == 0
    text = subprocess.run(
        ["pdftotext", str(output), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert DRAFT_MARK in text  # the shipped catalogs are drafts: staff see it, in English
    text = text.replace(DRAFT_MARK, "")
    script_chars = sum(1 for char in text if low <= ord(char) <= high)
    latin_words = [word for word in text.split() if word.isascii() and word.isalpha()]
    assert script_chars > 200
    assert len(latin_words) < 10, latin_words[:10]
