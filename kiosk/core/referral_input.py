"""Map an interview's folded state to the referral summary's input (pure Python, no Qt).

The referral summary is only built with the person's referral consent; this module reports
that consent as it stands (a withdrawn consent counts as none). Answer states stay distinct:
"prefers not to say" is never shown as "no". Indicators are grouped by the catalogue's
domains, never scored. Answers that could expose the person to punishment, and the indicators
they note, are left out unless the person agreed to include them (`kiosk.core.sharing`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.core import sharing, summary
from kiosk.core.documents.referral_summary import (
    PRESENT,
    STOPPED,
    AnswerRow,
    Disclosure,
    ReferralInput,
)
from kiosk.core.flow import Node
from kiosk.core.staff_words import StaffWords

if TYPE_CHECKING:
    from kiosk.core.content import IndicatorCatalog
    from kiosk.core.interview_rules import InterviewState

QuestionText = Callable[[Node], str]


def has_referral_consent(state: InterviewState) -> bool:
    return state.consent.get("referral") == "given"


def _when(at: str) -> str:
    """'2024-05-02T14:10:33+00:00' -> '2024-05-02 14:10' (minutes are enough for staff)."""
    return at[:16].replace("T", " ")


def _interpreter(data: dict[str, object], present: str) -> str | None:
    if not data or not data.get("present"):
        return None
    role = str(data.get("role") or "").strip()
    return role or present


def _breaks(state: InterviewState, text: QuestionText) -> tuple[str, ...]:
    rows = []
    for item in state.breaks:
        span = f"{_when(item.started)} – {_when(item.ended)}" if item.ended else _when(item.started)
        node = state.flow.node(item.node) if item.node and state.flow.has(item.node) else None
        rows.append(f"{span} ({text(node)})" if node else span)
    return tuple(rows)


def build_referral_input(
    state: InterviewState,
    catalog: IndicatorCatalog | None,
    *,
    question_text: QuestionText | None = None,
    receiving_agency: str | None = None,
    words: StaffWords | None = None,
) -> ReferralInput:
    """Everything the referral summary shows, taken from `state` (nothing read from the store).

    `question_text` gives a question's words in the staff language (default: the flow's
    English source). Only the person's questions are listed, not the staff's safety checklist.
    """
    text = question_text or (words.question if words else lambda node: node.text or node.title)
    describe = words.answer if words else summary.describe_value
    questions = sharing.shared_questions(state)
    withheld = {node.id for node in state.flow.questions} - {node.id for node in questions}
    rows: list[AnswerRow] = []
    asked: list[str] = []
    not_asked: list[str] = []
    for node in questions:
        current = state.answer_state(node.id)
        record = state.answers.get(node.id)
        value = None
        if current == "answered" and record is not None:
            value = describe(node, record.value)
        rows.append(AnswerRow(question=text(node), state=current, answer=value))
        (not_asked if current == "not_asked" else asked).append(text(node))
    groups = summary.indicator_groups(state, catalog)
    if words is not None:
        groups = [words.group(group) for group in groups]
    shown_groups = [
        (group.label, [label for _tag, label, node in group.items if node not in withheld])
        for group in groups
    ]
    indicators = tuple(
        (label, tuple(dict.fromkeys(items))) for label, items in shown_groups if items
    )
    disclosures = tuple(
        Disclosure(when=_when(str(d.get("at", ""))), text=str(d.get("text", "")))
        for d in state.disclosures
    )
    stopped = words.document(*STOPPED) if words else STOPPED[1]
    notes = tuple(
        f"{_when(stop['at'])}: {stopped}" + (f" ({stop['reason']})" if stop.get("reason") else "")
        for stop in state.stops
    )
    return ReferralInput(
        consent_referral=has_referral_consent(state),
        language=state.language,
        interpreter=_interpreter(
            state.interpreter, words.document(*PRESENT) if words else PRESENT[1]
        ),
        child_path=state.child,
        answers=tuple(rows),
        indicators=indicators,
        disclosures=disclosures,
        breaks=_breaks(state, text),
        asked=tuple(asked),
        not_asked=tuple(not_asked),
        reference=state.reference,
        receiving_agency=receiving_agency,
        notes=notes,
    )
