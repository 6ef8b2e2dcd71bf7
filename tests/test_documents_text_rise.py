"""Stacked marks (a Khmer subscript with a vowel below) must not lower the rest of the word.

reportlab forgets the current text rise when two rises follow each other; Lantern's text
object mends that. The test reads the PDF operators back and counts which glyphs are raised.
"""

from __future__ import annotations

import io
import re

import pytest
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.documents.fonts import registry
from kiosk.core.documents.textblock import _TextObject

TOKEN = re.compile(r"(-?[\d.]+) Ts|\(((?:\\\d{3}|\\.|[^\\)])*)\)")
GLYPH = re.compile(r"\\\d{3}|\\.|.")


def raised_glyphs(code: str) -> int:
    """How many glyphs the operators draw with a non-zero text rise."""
    rise, raised = 0.0, 0
    for match in TOKEN.finditer(code):
        if match.group(1) is not None:
            rise = float(match.group(1))
        elif rise:
            raised += len(GLYPH.findall(match.group(2)))
    return raised


@pytest.mark.parametrize("word", ["តែក្នុងករណីដែល", "ស្ត្រីនិងក្មេង", "প্রশ্ন"])
def test_only_marks_are_raised(word: str) -> None:
    script = "bengali" if "\u0980" <= word[0] <= "\u09ff" else "khmer"
    font = registry().font(script)
    shaped = shapeStr(word, font.name, 12)
    assert isinstance(shaped, ShapedStr)
    expected = sum(1 for data in shaped.__shapeData__ if data.y_offset)
    text = _TextObject(Canvas(io.BytesIO()), 0, 0)
    text.setFont(font.name, 12)
    text.textOut(shaped)
    assert raised_glyphs(text.getCode()) == expected
