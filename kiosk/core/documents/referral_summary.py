"""The referral summary for the receiving agency, printed only with the person's consent.

It tells the agency what was noted and what was already asked (so nobody asks again), in
the staff language, with answers as the person gave them. It never states a verdict: it
lists indicators and suggests referral for formal identification. The PDF is built in memory;
the GUI prints it or saves it with `safe_output.write_pdf` after `REFERRAL_SAVE_WARNING`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kiosk.core.documents.fonts import registry
from kiosk.core.documents.layout import (
    ACCENT,
    INK,
    MUTED,
    Translate,
    build_pdf,
    check_reference,
    identity,
    paper_size,
)
from kiosk.core.documents.paper import DEFAULT_SHEET
from kiosk.core.documents.text import (
    is_rtl_language,
    language_name,
    script_for_language,
    text_script,
)
from kiosk.core.documents.textblock import TextBlock, TextStyle
from kiosk.core.errors import KioskError

ANSWER_STATES: dict[str, tuple[str, str]] = {
    "answered": ("documents.referral.state.answered", "Answered"),
    "declined": ("documents.referral.state.declined", "Prefers not to say"),
    "dont_know": ("documents.referral.state.dont_know", "Does not know"),
    "not_asked": ("documents.referral.state.not_asked", "Not asked"),
    "interrupted": ("documents.referral.state.interrupted", "Interrupted"),
    "covered": ("documents.referral.state.covered", "Already told in their own story"),
}
TITLE = ("documents.referral.title", "Referral summary")
NOT_A_VERDICT = (
    "documents.referral.not_a_verdict",
    "Indicators noted — consider referral for formal identification. This summary is not a "
    "determination of anyone's status. 'Prefers not to say' never means 'no'.",
)


@dataclass(frozen=True)
class AnswerRow:
    question: str
    state: str  # one of ANSWER_STATES
    answer: str | None = None


# A staff note written by the kiosk, e.g. "2024-05-02 14:10: stopped (tired)".
STOPPED = ("documents.referral.stopped", "stopped")
PRESENT = ("documents.referral.interpreter_present", "present")  # an interpreter, role not given


@dataclass(frozen=True)
class Disclosure:
    when: str  # as the staff console shows it, e.g. "2024-05-02 14:10"
    text: str


@dataclass(frozen=True)
class ReferralInput:
    """What the GUI maps from the interview session; nothing here is read from the store."""

    consent_referral: bool
    language: str
    interpreter: str | None = None  # e.g. "in person, Khmer–English"; None = no interpreter
    child_path: bool = False
    answers: tuple[AnswerRow, ...] = ()
    indicators: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (domain, indicators noted)
    disclosures: tuple[Disclosure, ...] = ()
    breaks: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    not_asked: tuple[str, ...] = ()
    reference: str | None = None
    receiving_agency: str | None = None
    notes: tuple[str, ...] = field(default=())


class _Writer:
    def __init__(self, lang: str, translate: Translate) -> None:
        self.script = script_for_language(lang)
        self.rtl = is_rtl_language(lang)
        self.t = translate
        self.story: list[Flowable] = []

    def add(self, text: str, size: float = 10.5, free: bool = False, **style: Any) -> None:
        """Staff-language text; `free` text (answers, disclosures) is laid out paragraph by
        paragraph in its own direction (its first strong letter, as Unicode's bidi rule says)
        and script, as private text (never kept in a cache)."""
        if not free:
            self.story.append(TextBlock(text, self.script, self.rtl, TextStyle(size=size, **style)))
            return
        for paragraph in text.split("\n"):
            rtl = paragraph_rtl(paragraph, self.rtl)
            script = text_script(paragraph, self.script if rtl == self.rtl else "latin")
            style_ = TextStyle(size=size, **style)
            self.story.append(TextBlock(paragraph, script, rtl, style_, private=True))

    def heading(self, key: str, source: str) -> None:
        self.add(self.t(key, source), 13, bold=True, color=ACCENT, space_before=10, space_after=2)

    def items(self, values: Sequence[str], empty: tuple[str, str]) -> None:
        if not values:
            self.add(self.t(*empty), color=MUTED)
        for value in values:
            self.add(f"• {value}", free=True)


def build_referral_summary(
    data: ReferralInput,
    *,
    staff_lang: str = "en",
    translate: Translate = identity,
    paper: str = DEFAULT_SHEET,
) -> bytes:
    """The referral summary as PDF bytes. Refuses without the person's referral consent."""
    if not data.consent_referral:
        raise KioskError(
            "No referral summary: the person has not consented to referral. "
            "They can still take their rights summary."
        )
    reference = check_reference(data.reference)
    t = translate
    w = _Writer(staff_lang, translate)
    none = ("documents.referral.none", "None recorded.")
    w.add(t(*TITLE), 18, bold=True, color=INK)
    w.add(t(*NOT_A_VERDICT), 10.5, bold=True, color=ACCENT, space_before=4, space_after=6)

    facts = [
        (
            ("documents.referral.language", "Language of the interview"),
            language_name(data.language, staff_lang),
        ),
        (
            ("documents.referral.interpreter", "Interpreter"),
            data.interpreter or t("documents.referral.no_interpreter", "None"),
        ),
        (
            ("documents.referral.path", "Interview path"),
            t("documents.referral.child", "Child (presumption of minority)")
            if data.child_path
            else t("documents.referral.adult", "Adult"),
        ),
    ]
    if data.receiving_agency:
        facts.append((("documents.referral.agency", "For"), data.receiving_agency))
    if reference:
        facts.append((("documents.referral.reference", "Reference"), reference))
    for (key, source), value in facts:
        w.add(f"{t(key, source)}: {value}", free=True)

    w.heading("documents.referral.indicators", "Indicators noted")
    if not data.indicators:
        w.add(t(*none), color=MUTED)
    for domain, noted in data.indicators:
        w.add(domain, 11, bold=True, space_before=3)
        for item in noted:
            w.add(f"• {item}", free=True)

    w.heading("documents.referral.answers", "Questions and answers")
    if not data.answers:
        w.add(t(*none), color=MUTED)
    for row in data.answers:
        key, source = ANSWER_STATES.get(row.state, ("", row.state))
        w.add(row.question, 10.5, free=True, bold=True, space_before=4)
        w.add(f"{t('documents.referral.state', 'State')}: {t(key, source)}", 10, color=MUTED)
        if row.answer:
            w.add(row.answer, 10.5, free=True)

    w.heading("documents.referral.disclosures", "Later disclosures")
    w.items([f"{d.when}: {d.text}" for d in data.disclosures], none)
    w.heading("documents.referral.breaks", "Breaks")
    w.items(list(data.breaks), none)
    w.heading("documents.referral.asked", "Already asked (please do not ask again)")
    w.items(list(data.asked), none)
    w.heading("documents.referral.not_asked", "Not asked")
    w.items(list(data.not_asked), none)
    if data.notes:
        w.heading("documents.referral.notes", "Staff notes")
        w.items(list(data.notes), none)

    pdf, _pages = build_pdf(w.story, paper_size(paper), 18 * mm, t(*TITLE), on_page=_page_number)
    return pdf


def paragraph_rtl(text: str, default: bool) -> bool:
    """The direction of a paragraph: that of its first strong letter (bidi rule P2), else
    `default` (the staff language's)."""
    from unicodedata import bidirectional

    for ch in text:
        kind = bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return default


def _page_number(canvas: Any, doc: Any) -> None:
    """The page number at the foot of every page (the summary often runs to several)."""
    canvas.saveState()
    canvas.setFont(registry().font("latin").name, 8)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(doc.pagesize[0] / 2, 10 * mm, str(doc.page))
    canvas.restoreState()
