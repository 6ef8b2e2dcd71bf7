"""The rights summary the person takes away: their rights in their language, no personal data.

The text comes from the rights content (already translated through `translate`); a second
language (the local or staff language) may follow each section. The layout starts at full size
and shrinks its type only as far as needed to fit two pages, never below 11 pt in the person's
language and 9 pt in the second language (a person must be able to read it); it refuses to print
a third page.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kiosk.core.documents.contact_lines import checked_line, paper_contacts
from kiosk.core.documents.fonts import registry
from kiosk.core.documents.icons import icon
from kiosk.core.documents.layout import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    Translate,
    build_pdf,
    check_reference,
    draw_draft_mark,
    identity,
    is_draft,
    paper_size,
)
from kiosk.core.documents.paper import DEFAULT_SHEET
from kiosk.core.documents.text import is_rtl_language, script_for_language
from kiosk.core.documents.textblock import TextBlock, TextStyle, script_leading
from kiosk.core.errors import ContentError
from kiosk.core.localizer import content_key

if TYPE_CHECKING:
    from kiosk.core.content import CountryProfile, RightsSection

MAX_PAGES = 2
# Type shrinks in these steps until the summary fits (body text 13.5 pt at 1.0); the last steps
# also tighten line spacing, gaps and margins (`compact`), for two languages on two pages ...
_STEPS: tuple[tuple[float, bool], ...] = (
    (1.0, False),
    (0.95, False),
    (0.9, False),
    (0.85, False),
    (0.8, False),
    (0.75, False),
    (0.7, False),
    (0.65, False),
    (0.65, True),
)
_COMPACT_LEADING = 0.88  # of each script's usual line height: stacked marks still clear
# ... but never below these sizes: readable by a person under stress, with a second language
# that stays legible for staff or a companion reader.
MIN_BODY_PT = 11.0
MIN_SECOND_PT = 9.0
_FILL = 0.92  # pages are not filled to the last point: sections are kept whole
CONTACTS_SECTION = "contacts"  # the content section whose place the country contacts fill

# Fixed wording: (context key, English source). Neutral: nothing says what the interview was.
TITLE = ("documents.rights.title", "Information for you")
INTRO = (
    "documents.rights.intro",
    "You can keep this paper and read it again later. Keep it only if that is safe for you.",
)
CONTACTS = ("documents.rights.contacts", "Where you can ask for help")
ASK_STAFF = ("documents.rights.ask_staff", "Ask staff for contact details.")
REFERENCE = ("documents.rights.reference", "Your reference number")
REFERENCE_HINT = (
    "documents.rights.reference_hint",
    "Show this number if you come back. It does not show your name.",
)
FOOTER = (
    "documents.rights.footer",
    "This paper does not have your name or your answers on it. You can ask someone to read "
    "it to you.",
)


@dataclass(frozen=True)
class SummaryBlock:
    id: str
    icon: str
    title: str
    text: str


def summary_blocks(
    sections: Sequence[RightsSection], *, child: bool, translate: Translate = identity
) -> list[SummaryBlock]:
    """The rights sections in one language: the child wording on the child path."""
    blocks = []
    for s in sections:
        use_child = child and bool(s.child_text)
        title_key, title = (
            ("child_title", s.child_title or s.title) if use_child else ("title", s.title)
        )
        text_key, text = ("child_text", s.child_text) if use_child else ("text", s.text)
        blocks.append(
            SummaryBlock(
                s.id,
                s.icon,
                translate(content_key("rights", s.id, title_key), title),
                translate(content_key("rights", s.id, text_key), text),
            )
        )
    return blocks


def spoken_rights_summary(
    sections: Sequence[RightsSection], *, child: bool, translate: Translate = identity
) -> list[str]:
    """The same wording as the printed summary, one paragraph per item, for the speech layer."""
    parts = [translate(*TITLE), translate(*INTRO)]
    for block in summary_blocks(sections, child=child, translate=translate):
        parts.append(f"{block.title}. {block.text}")
    parts.append(translate(*FOOTER))
    return parts


@dataclass(frozen=True)
class _Lang:
    code: str
    script: str
    rtl: bool
    translate: Translate

    @classmethod
    def of(cls, code: str, translate: Translate) -> _Lang:
        return cls(code, script_for_language(code), is_rtl_language(code), translate)


# Names and numbers written in Latin letters, left to right, whatever the page language.
_LATIN = _Lang("en", "latin", False, identity)


class _Builder:
    def __init__(
        self,
        first: _Lang,
        second: _Lang | None,
        scale: float,
        width: float,
        compact: bool = False,
    ) -> None:
        self.first, self.second, self.scale, self.width = first, second, scale, width
        self.compact = compact
        self.gap = 0.5 if compact else 1.0  # spacing between sections, as a share of normal

    def block(self, lang: _Lang, text: str, size: float, **style: Any) -> TextBlock:
        floor = MIN_SECOND_PT if lang is self.second else MIN_BODY_PT
        size = max(size * self.scale, floor)
        if self.compact:
            style.setdefault("leading", script_leading(lang.script) * _COMPACT_LEADING)
        return TextBlock(text, lang.script, lang.rtl, TextStyle(size=size, **style))

    def header(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.block(self.first, self.first.translate(*TITLE), 24, bold=True, color=ACCENT),
            self.block(self.first, self.first.translate(*INTRO), 14, color=INK, space_before=4),
        ]
        if self.second:
            out.append(
                self.block(
                    self.second,
                    self.second.translate(*TITLE),
                    14,
                    bold=True,
                    color=MUTED,
                    space_before=6,
                )
            )
            out.append(self.block(self.second, self.second.translate(*INTRO), 11, color=MUTED))
        out.append(Spacer(1, 8 * self.scale))
        return out

    def row(self, icon_name: str, cells: list[Flowable]) -> Flowable:
        """An icon beside its text; the icon sits on the reading side (right for RTL)."""
        side = (24 if self.compact else 30) * self.scale
        pic = icon(icon_name, side, ACCENT)
        gutter = side + (7 if self.compact else 12) * self.scale
        body_width = self.width - gutter
        columns = [cells, pic] if self.first.rtl else [pic, cells]
        widths = [body_width, gutter] if self.first.rtl else [gutter, body_width]
        table = Table([columns], colWidths=widths)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    # tables select a cell font even for flowable cells; keep it embedded
                    ("FONTNAME", (0, 0), (-1, -1), registry().font("latin").name),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8 * self.scale * self.gap),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                    # the icon hugs the text: right edge of its column on RTL pages
                    ("ALIGN", (0, 0), (-1, -1), "RIGHT" if self.first.rtl else "LEFT"),
                ]
            )
        )
        return KeepTogether([table, Spacer(1, 7 * self.scale * self.gap)])

    def section(self, first: SummaryBlock, second: SummaryBlock | None) -> Flowable:
        cells: list[Flowable] = [
            self.block(self.first, first.title, 16, bold=True, color=INK),
            self.block(self.first, first.text, 13.5, color=INK, space_before=2),
        ]
        if second and self.second and self.compact:
            # One paragraph, title first: a line saved per section when space is tight.
            text = f"{second.title}: {second.text}"
            cells.append(self.block(self.second, text, 10.5, color=MUTED, space_before=3))
        elif second and self.second:
            cells.append(
                self.block(self.second, second.title, 11.5, bold=True, color=MUTED, space_before=6)
            )
            cells.append(self.block(self.second, second.text, 10.5, color=MUTED))
        return self.row(first.icon, cells)

    def contacts(
        self,
        country: CountryProfile | None,
        first: SummaryBlock | None,
        second: SummaryBlock | None,
        *,
        child: bool = False,
        checked_on: datetime.date | None = None,
    ) -> Flowable:
        """The content's contacts section, filled with the country's numbers if it has any.

        Each number sits under a short label in the page's language (kiosk.core.documents.
        contact_lines); organisation names stay off the paper. Then one line says whether this
        organisation checked the numbers, and when."""
        lang, other = self.first, self.second
        cells: list[Flowable] = [
            self.block(lang, first.title if first else lang.translate(*CONTACTS), 16, bold=True)
        ]
        if other:
            title = second.title if second else other.translate(*CONTACTS)
            cells.append(self.block(other, title, 11.5, bold=True, color=MUTED))
        lines = paper_contacts(country, child=child)
        if not lines:
            cells.append(
                self.block(lang, first.text if first else lang.translate(*ASK_STAFF), 13.5)
            )
            if other:
                text = second.text if second else other.translate(*ASK_STAFF)
                cells.append(self.block(other, text, 10.5, color=MUTED))
        align = "end" if lang.rtl else "start"
        for line in lines:
            cells.append(
                self.block(lang, line.label(lang.translate), 12, bold=True, space_before=4)
            )
            if other:
                cells.append(self.block(other, line.label(other.translate), 10, color=MUTED))
            # numbers and addresses are printed as written, always left to right
            cells.append(self.block(_LATIN, line.details(), 13.5, align=align))
        if lines:
            checked = checked_line(checked_on, lang.code, lang.translate)
            cells.append(self.block(lang, checked, 11, color=MUTED, space_before=4))
            if other:
                cells.append(
                    self.block(
                        other,
                        checked_line(checked_on, other.code, other.translate),
                        10,
                        color=MUTED,
                    )
                )
        return self.row(first.icon if first else "phone", cells)

    def reference(self, reference: str) -> Flowable:
        lang = self.first
        cells: list[Flowable] = [
            self.block(lang, lang.translate(*REFERENCE), 14, bold=True),
            self.block(
                _LATIN,
                reference,
                20,
                bold=True,
                color=ACCENT,
                align="end" if lang.rtl else "start",
            ),
            self.block(lang, lang.translate(*REFERENCE_HINT), 12, color=MUTED),
        ]
        return self.row("paper", cells)

    def footer(self) -> list[Flowable]:
        out: list[Flowable] = [
            self.block(self.first, self.first.translate(*FOOTER), 11.5, color=MUTED, space_before=2)
        ]
        if self.second:
            out.append(self.block(self.second, self.second.translate(*FOOTER), 10, color=MUTED))
        return out


def story_height(story: Sequence[Flowable], width: float, canv: Canvas) -> float:
    """The height `story` needs at `width`, counting what is inside KeepTogether groups.

    reportlab's KeepTogether.wrap answers with a huge sentinel height (16,777,215) instead of
    its content's, which once made every summary print at the smallest type step.
    """
    total = 0.0
    for flowable in story:
        inner = getattr(flowable, "_content", None)
        if isinstance(flowable, KeepTogether) and inner is not None:
            total += story_height(inner, width, canv)
            continue
        total += flowable.wrapOn(canv, width, 1e6)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def build_rights_summary(
    sections: Sequence[RightsSection],
    *,
    lang: str,
    translate: Translate = identity,
    country: CountryProfile | None = None,
    second_lang: str | None = None,
    second_translate: Translate = identity,
    child: bool = False,
    reference: str | None = None,
    paper: str = DEFAULT_SHEET,
    contacts_checked: datetime.date | None = None,
) -> bytes:
    """The rights summary as PDF bytes (in memory; save or print them, never a temp file).

    `contacts_checked` is the day this organisation confirmed the country's contacts for its
    site (kiosk.core.contact_check); None prints that they are not yet checked."""
    if not sections:
        raise ContentError("The rights content is empty; nothing to print.")
    reference = check_reference(reference)
    pagesize = paper_size(paper)
    first = _Lang.of(lang, translate)
    second = _Lang.of(second_lang, second_translate) if second_lang else None
    first_blocks = summary_blocks(sections, child=child, translate=first.translate)
    second_blocks = (
        summary_blocks(sections, child=child, translate=second.translate) if second else None
    )
    title = first.translate(*TITLE)

    def story_at(scale: float, compact: bool) -> tuple[list[Flowable], float]:
        margin = 10 * mm if compact else 16 * mm * (0.75 + 0.25 * scale)
        b = _Builder(first, second, scale, pagesize[0] - 2 * margin, compact)
        story = b.header()
        if reference:
            story.append(b.reference(reference))
        contacts: tuple[SummaryBlock | None, SummaryBlock | None] = (None, None)
        for i, block in enumerate(first_blocks):
            other = second_blocks[i] if second_blocks else None
            if block.id == CONTACTS_SECTION:
                contacts = (block, other)  # printed last, with the country's services
            else:
                story.append(b.section(block, other))
        story.append(b.contacts(country, *contacts, child=child, checked_on=contacts_checked))
        story.extend(b.footer())
        return story, margin

    # Each full PDF build costs ~0.1-0.2 s, so guess the scale first from the measured height
    # of the story at each candidate scale (wrapping alone is cheap), then build and check.
    canv = Canvas(io.BytesIO())  # in memory; only lends the wrap pass a canvas
    stories = {}

    def fits(index: int) -> bool:
        step = _STEPS[index]
        stories[step] = story_at(*step)
        story, margin = stories[step]
        width, room = pagesize[0] - 2 * margin, MAX_PAGES * (pagesize[1] - 2 * margin) * _FILL
        return story_height(story, width, canv) <= room

    # The largest step whose measured height fits (heights shrink step by step): a binary
    # search, as each measurement wraps the whole story.
    low, high = 0, len(_STEPS) - 1
    if fits(low):
        high = low
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    start = high
    for step in _STEPS[start:]:
        story, margin = stories[step] if step in stories else story_at(*step)
        # Asked after the story is made: by then every text has gone through `translate`.
        draft = is_draft(first.translate, second.translate if second else None)

        def mark(canvas: Any, _doc: Any, margin: float = margin, draft: bool = draft) -> None:
            if draft:
                draw_draft_mark(canvas, pagesize, margin)

        data, pages = build_pdf(story, pagesize, margin, title, on_page=mark)
        if pages <= MAX_PAGES:
            return data
    raise ContentError(
        f"The rights summary in {lang} does not fit on {MAX_PAGES} pages even in smaller type; "
        "shorten the rights content."
    )
