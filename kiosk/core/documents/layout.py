"""Shared page set-up for printed documents: paper sizes, colours, and building a PDF in memory."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, A7, LETTER
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kiosk.core.documents.fonts import registry
from kiosk.core.documents.paper import CARD_SIZES, SHEET_SIZES
from kiosk.core.errors import KioskError

Translate = Callable[[str, str], str]

_DIMENSIONS: dict[str, tuple[float, float]] = {
    "a4": A4,
    "letter": LETTER,
    "a7": A7,
    "card": (85 * mm, 55 * mm),  # ISO 7810 ID-1, the size of a bank or business card
}
# One list of names (kiosk.core.documents.paper), their dimensions here.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    name: _DIMENSIONS[name] for name in (*SHEET_SIZES, *CARD_SIZES)
}

INK = HexColor("#1a1a1a")
MUTED = HexColor("#4d4d4d")
ACCENT = HexColor("#2b5f8a")  # calm blue; prints legibly in greyscale too
RULE = HexColor("#b8c4ce")

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")


def identity(key: str, source: str) -> str:
    """The default `translate`: the English source text as it is."""
    return source


def paper_size(name: str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[name.lower()]
    except KeyError:
        raise KioskError(
            f"Unknown paper size {name!r}; use one of: {', '.join(PAPER_SIZES)}."
        ) from None


def check_reference(reference: str | None) -> str | None:
    """A reference number is letters, digits and dashes only, so no name can ride on it."""
    if reference is None or reference == "":
        return None
    if not _REFERENCE.match(reference):
        raise KioskError("A reference number may only hold letters, digits and dashes (max 32).")
    return reference


def build_pdf(
    story: Sequence[Flowable],
    pagesize: tuple[float, float],
    margin: float,
    title: str,
    on_page: Callable[..., None] | None = None,
    box: tuple[float, float, float, float] | None = None,
) -> tuple[bytes, int]:
    """Lay out `story` and return the PDF bytes and page count; nothing touches the disk.

    `invariant` leaves out the creation time, so a print carries no date of the interview.
    """
    # The canvas opens every page in its initial font; make that an embedded one so the PDF
    # references no unembedded Helvetica.
    base_font = registry().font("latin").name
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="",
        subject="",
        creator="",
        invariant=1,
        initialFontName=base_font,
    )
    # `box` (x, y, width, height) places the text area anywhere on the page (a card on a sheet);
    # by default it is the page less `margin` on every side.
    x, y, width, height = box or (
        margin,
        margin,
        pagesize[0] - 2 * margin,
        pagesize[1] - 2 * margin,
    )
    frame = Frame(
        x,
        y,
        width,
        height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page or _no_op)])
    doc.build(list(story))
    return buffer.getvalue(), doc.page


def _no_op(canvas: object, doc: object) -> None:
    return None


def colour(name: str) -> Color:
    return {"ink": INK, "muted": MUTED, "accent": ACCENT, "rule": RULE}[name]


DRAFT_MARK = "Draft translation, not yet reviewed by a native speaker"


def is_draft(*translations: object) -> bool:
    """True when any `translate` used for a paper reports unreviewed text (see
    kiosk.core.localizer.DocumentTranslate); a plain function never does."""
    return any(getattr(t, "unreviewed", False) for t in translations)


def draw_draft_mark(canvas: Any, pagesize: tuple[float, float], margin: float) -> None:
    """A small grey line in the bottom margin, for staff: the paper's translation is a draft."""
    canvas.saveState()
    canvas.setFont(registry().font("latin").name, 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(margin, min(margin / 2, 5 * mm), DRAFT_MARK)
    canvas.restoreState()


def draw_cut_marks(canvas: Any, x: float, y: float, width: float, height: float) -> None:
    """Crop marks at the four corners of a card, outside it, so it can be cut out cleanly."""
    gap, length = 2 * mm, 6 * mm
    canvas.saveState()
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    for cx in (x, x + width):
        for cy in (y, y + height):
            out_x = -1 if cx == x else 1
            out_y = -1 if cy == y else 1
            canvas.line(cx + out_x * gap, cy, cx + out_x * (gap + length), cy)
            canvas.line(cx, cy + out_y * gap, cx, cy + out_y * (gap + length))
    canvas.restoreState()
