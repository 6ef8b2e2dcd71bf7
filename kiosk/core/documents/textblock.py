"""A reportlab flowable that lays out one block of text in any script the kiosk supports.

Each piece of text is shaped by HarfBuzz (through reportlab's `shapeStr`) in the font that
covers it, lines are broken with `text.atoms` / `text.clusters`, and right-to-left lines are
put into visual order word by word with the bidi levels from `text.bidi_levels`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from unicodedata import bidirectional, category

from reportlab.lib.colors import Color, black
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from kiosk.core.documents.fonts import FontRegistry, LoadedFont, registry
from kiosk.core.documents.text import (
    Atom,
    atoms,
    bidi_levels,
    clusters,
    script_of,
    visual_order,
)

# Line height per script, as a multiple of the font size: stacked scripts need more room.
_LEADING = {
    "latin": 1.35,
    "han": 1.5,
    "thai": 1.65,
    "lao": 1.65,
    "bengali": 1.6,
    "arabic": 1.75,
    "khmer": 1.7,
    "myanmar": 1.65,
}
_STRONG = frozenset({"L", "R", "AL", "EN", "AN"})


def script_leading(script: str) -> float:
    """The usual line height of `script`, as a multiple of the font size."""
    return _LEADING.get(script, 1.4)


@dataclass(frozen=True)
class TextStyle:
    size: float = 13.0
    bold: bool = False
    color: Color = black
    align: str = "start"  # start | center | end (start is the right edge for RTL text)
    space_before: float = 0.0
    space_after: float = 0.0
    leading: float | None = None  # multiple of size; None = per script


class _TextObject(PDFTextObject):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's text object with its text-rise bookkeeping mended.

    When two rises follow each other, reportlab replaces the first `Ts` operator but forgets
    the new rise, so after a stacked mark (a Khmer subscript with a vowel below, say) every
    following glyph of the word stays lowered. Here the current rise always matches what was
    written, so the word returns to its baseline.
    """

    _rise: float

    def setRise(self, rise: float) -> None:  # noqa: N802 - reportlab's name
        operator = f"{fp_str(rise)} Ts"
        if self._code and self._code[-1][-3:] == " Ts":
            self._code[-1] = operator
        else:
            self._code.append(operator)
        self._y += self._rise - rise
        self._rise = rise


@dataclass
class _Piece:
    text: object  # str or reportlab ShapedStr, ready for textOut
    font: str
    width: float
    source: str = ""  # the characters the glyphs stand for (logical order)


def actual_text(source: str) -> str:
    """A marked-content operator that tells PDF readers which characters a glyph run shows.

    Shaped runs use ligature and conjunct glyphs that a font maps to no character (reportlab
    gives them private-use codes), so copy, search and screen readers would lose them; with
    /ActualText they get the source text instead.
    """
    utf16 = ("\ufeff" + source).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <{utf16}>>> BDC"


@dataclass
class _Item:
    pieces: list[_Piece]
    width: float
    level: int
    is_space: bool = False


@dataclass
class _Line:
    items: list[_Item] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(item.width for item in self.items)


def _shape_text(text: str, font: str) -> tuple[object, float]:
    """Shaped text and its advance width in thousandths of the font size.

    Calls reportlab's `shapeStr` directly: its `bidiShapedText` silently skips shaping when
    the optional `rlbidi` package is missing. Shaping does not depend on the type size (the
    glyph positions come back per 1000 units of it), so one shape serves every size the fit
    search tries.
    """
    shaped = shapeStr(text, font, _SHAPE_SIZE)
    if isinstance(shaped, ShapedStr):
        return shaped, float(sum(sd.x_advance for sd in shaped.__shapeData__))
    return shaped, stringWidth(text, font, 1000)


_SHAPE_SIZE = 10.0
# Fixed wording (headings, labels) repeats across builds, so its shapes are kept for the life
# of the process. Text that may be personal (`TextBlock(private=True)`) never goes in here.
_shape = functools.lru_cache(maxsize=8192)(_shape_text)
_atoms = functools.lru_cache(maxsize=1024)(atoms)  # the same rule: fixed wording only


def _font_runs(
    text: str, primary: LoadedFont, fonts: FontRegistry, bold: bool
) -> list[tuple[str, LoadedFont]]:
    """Split text into (substring, font) runs: the primary font where it has the glyph, else
    the font of the character's own script (Latin for digits and punctuation)."""
    runs: list[tuple[str, LoadedFont]] = []
    for ch in text:
        if runs and (category(ch).startswith("M") or ch in "\u200c\u200d"):
            font = runs[-1][1]  # marks and joiners stay with their base
        elif primary.covers(ch):
            font = primary
        else:
            font = fonts.font(script_of(ch) or "latin", bold)
            if not font.covers(ch):
                font = primary
        if runs and runs[-1][1] is font:
            runs[-1] = (runs[-1][0] + ch, font)
        else:
            runs.append((ch, font))
    return runs


def _actual_text_of(piece: _Piece, level: int) -> str:
    """The /ActualText of a drawn piece, or "" when its glyphs map to its characters already.

    Every shaped run of a complex script gets one: besides ligatures, their marks are drawn
    with a text rise and would be read out of order. Right-to-left runs are given in display
    order, as poppler (pdftotext, Evince, Okular and the screen readers built on them) puts an
    /ActualText span's characters into reading order with the line's own bidi pass.
    """
    if not piece.source:
        return ""
    if level % 2:
        # Right to left: poppler reads plain glyph runs back in order itself, so only runs
        # with ligatures (lam-alef) need the replacement, given in display order.
        return piece.source[::-1] if str(piece.text) != piece.source else ""
    complex_script = any(script_of(ch) for ch in piece.source)
    if not complex_script and str(piece.text) == piece.source:
        return ""
    return piece.source


def _split_neutrals(text: str, font: LoadedFont) -> list[tuple[str, LoadedFont]]:
    """A right-to-left run cut where punctuation and digits start and end, so each part has a
    single direction and its /ActualText reads back in order (punctuation never joins)."""
    parts: list[tuple[str, LoadedFont]] = []
    for ch in text:
        rtl = bidirectional(ch) in ("R", "AL", "NSM") or ch in "\u200c\u200d"
        if parts and (bidirectional(parts[-1][0][-1]) in ("R", "AL", "NSM")) == rtl:
            parts[-1] = (parts[-1][0] + ch, font)
        else:
            parts.append((ch, font))
    return parts


class TextBlock(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """One or more paragraphs (separated by newlines) in one language and style.

    `private` marks text that may be personal (answers, disclosures): it is shaped without the
    process-wide cache, so none of it stays in memory once the document is built.
    """

    def __init__(
        self,
        text: str,
        script: str,
        rtl: bool = False,
        style: TextStyle | None = None,
        fonts: FontRegistry | None = None,
        _lines: list[_Line] | None = None,
        *,
        private: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self.script = script
        self.rtl = rtl
        self.private = private
        self.style = style or TextStyle()
        self._fonts = fonts or registry()
        self._primary = self._fonts.font(script, self.style.bold)
        factor = self.style.leading or script_leading(script)
        self.line_height = self.style.size * factor
        self._lines = _lines
        self._laid_width: float | None = None
        self.spaceBefore = self.style.space_before
        self.spaceAfter = self.style.space_after

    # -- layout -----------------------------------------------------------------------------
    def _item(self, text: str, level: int) -> _Item:
        size = self.style.size
        pieces = []
        shape = _shape_text if self.private else _shape
        runs = _font_runs(text, self._primary, self._fonts, self.style.bold)
        if level % 2:
            runs = [part for run in runs for part in _split_neutrals(*run)]
        for run, font in runs:
            shaped, units = shape(run, font.name)
            pieces.append(_Piece(shaped, font.name, units * size / 1000, run))
        if level % 2 and len(pieces) > 1:
            pieces.reverse()  # runs inside a right-to-left word are displayed right to left
        return _Item(pieces, sum(p.width for p in pieces), level)

    def _space(self, level: int) -> _Item:
        width = stringWidth(" ", self._primary.name, self.style.size)
        return _Item([], width, level, is_space=True)

    def lines_for(self, width: float) -> list[_Line]:
        if self._lines is not None and self._laid_width is None:
            return self._lines  # a split part keeps the lines it was given
        if self._lines is None or self._laid_width != width:
            self._lines = [ln for para in self.text.split("\n") for ln in self._wrap(para, width)]
            self._laid_width = width
        return self._lines

    def _wrap(self, para: str, width: float) -> list[_Line]:
        has_rtl = any(bidirectional(ch) in ("R", "AL") for ch in para)
        levels = bidi_levels(para, self.rtl) if (self.rtl or has_rtl) else None
        lines: list[_Line] = [_Line()]
        for atom in (atoms if self.private else _atoms)(para):
            for part in self._fit_parts(atom, width):
                item = self._item(part.text, self._atom_level(part, levels))
                line = lines[-1]
                gap = self._space(levels[part.start - 1] if levels else 0)
                needed = item.width + (gap.width if part.space_before and line.items else 0)
                if line.items and line.width + needed > width:
                    lines.append(_Line())
                    line = lines[-1]
                if line.items and part.space_before:
                    line.items.append(gap)
                line.items.append(item)
        if levels is not None:
            for line in lines:
                order = [item.level for item in line.items]
                line.items = [line.items[i] for i in visual_order(order)]
        return [ln for ln in lines if ln.items] or [_Line()]

    def _atom_level(self, atom: Atom, levels: list[int] | None) -> int:
        if levels is None:
            return 0
        for offset, ch in enumerate(atom.text):
            if bidirectional(ch) in _STRONG:
                return levels[atom.start + offset]
        return levels[atom.start]

    def _fit_parts(self, atom: Atom, width: float) -> list[Atom]:
        """The atom itself, or (if wider than a line) its clusters packed into line-wide parts."""
        if self._item(atom.text, 0).width <= width:
            return [atom]
        parts: list[Atom] = []
        current, start = "", atom.start
        for cluster in clusters(atom.text):
            if current and self._item(current + cluster, 0).width > width:
                parts.append(Atom(current, start, atom.space_before if not parts else False))
                start += len(current)
                current = ""
            current += cluster
        parts.append(Atom(current, start, atom.space_before if not parts else False))
        return parts

    # -- flowable protocol ------------------------------------------------------------------
    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines_for(availWidth)) * self.line_height
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines_for(availWidth)
        fit = int(availHeight // self.line_height)
        if fit <= 0 or fit >= len(lines):
            return []
        head = TextBlock(
            self.text,
            self.script,
            self.rtl,
            replace(self.style, space_after=0),
            self._fonts,
            _lines=lines[:fit],
            private=self.private,
        )
        tail = TextBlock(
            self.text,
            self.script,
            self.rtl,
            replace(self.style, space_before=0),
            self._fonts,
            _lines=lines[fit:],
            private=self.private,
        )
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.style.color)
        size = self.style.size
        # baseline sits so the extra leading is split above and below the glyphs
        first = self.line_height - (self.line_height - size) / 2 - 0.2 * size
        for index, line in enumerate(self._lines or []):
            y = self.height - first - index * self.line_height
            x = self._line_x(line.width)
            for item in line.items:
                for piece in item.pieces:
                    text = _TextObject(canvas, x, y)
                    text.setFont(piece.font, size)
                    text.textOut(piece.text)
                    spoken = _actual_text_of(piece, item.level)
                    if spoken:
                        canvas.addLiteral(actual_text(spoken))
                    canvas.drawText(text)
                    if spoken:
                        canvas.addLiteral("EMC")
                    x += piece.width
                if item.is_space:
                    x += item.width

    def _line_x(self, line_width: float) -> float:
        align = self.style.align
        if align == "center":
            return (self.width - line_width) / 2
        at_end = (align == "end") != self.rtl
        return self.width - line_width if at_end else 0.0
