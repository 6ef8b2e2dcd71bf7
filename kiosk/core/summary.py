"""What the staff review shows, as plain data: timeline, answers, indicators, referrals.

No Qt here, so the same summary can be tested headless and reused by documents. Wording for
indicators is the never-a-verdict wording from `kiosk.core.indicators`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from kiosk.core.events import Event
from kiosk.core.flow import Flow, Node
from kiosk.core.indicators import (
    CONTEXT_ONLY_WORDING,
    NONE_NOTED_WORDING,
    NOTED_WORDING,
    by_domain,
    noted_indicators,
)
from kiosk.core.interview_rules import InterviewState

STATE_WORDS = {
    "answered": "answered",
    "declined": "prefers not to say",
    "dont_know": "does not know",
    "not_asked": "not asked",
    "interrupted": "interrupted",
    "covered": "already told in their own story",
}

EVENT_WORDS = {
    "started": "Interview started",
    "answered": "Answered",
    "declined": "Prefers not to say",
    "dont_know": "Does not know",
    "continued": "Read",
    "back": "Went back",
    "break_offered": "Break offered",
    "break_started": "Break started",
    "break_ended": "Break ended",
    "stopped": "Stopped",
    "resumed": "Resumed",
    "language_changed": "Language changed",
    "consent_given": "Consent given",
    "consent_withdrawn": "Consent withdrawn",
    "path_switched": "Path changed",
    "disclosure_added": "Later disclosure",
    "answer_corrected": "Answer corrected",
    "indicator_noted": "Indicator noted by staff",
    "referral_decided": "Referral decision",
    "reference_set": "Reference number given",
    "safety_alert": "Safety alert: interview paused",
    "alert_handled": "Safety alert handled by staff",
    "questions_covered": "Marked as told in their own story",
}


@dataclass(frozen=True)
class TimelineRow:
    seq: int
    at: str
    actor: str
    what: str  # plain words for the event kind
    node: str | None
    question: str  # the question's adult wording, if any
    detail: str  # the value / state / reason in plain words


@dataclass(frozen=True)
class AnswerRow:
    node: str
    question: str
    state: str
    state_words: str
    value: str
    corrected: bool
    times_changed: int


@dataclass(frozen=True)
class IndicatorGroup:
    domain: str
    label: str
    items: tuple[tuple[str, str, str | None], ...]  # (tag, label, question id)
    suggests_referral: bool = False  # deception, coercion or exploitation (see content)


def describe_value(node: Node | None, value: Any) -> str:
    """An answer in words: option texts instead of codes, lists joined."""
    if value is None:
        return ""
    if node is None:
        return str(value)
    values = value if isinstance(value, list) else [value]
    words = []
    for item in values:
        if node.kind == "staff_check":
            text = next((i.text for i in node.items if i.id == item), str(item))
        elif node.type == "yes_no":
            text = {"yes": "Yes", "no": "No"}.get(str(item), str(item))
        else:
            option = node.option(str(item)) if isinstance(item, str) else None
            text = option.text if option else str(item)
        words.append(text)
    # Checklist items are whole sentences: one per line reads better than a run-on list.
    return ("\n" if node.kind == "staff_check" else "; ").join(words)


def timeline(flow: Flow, events: list[Event]) -> list[TimelineRow]:
    rows = []
    for event in events:
        data = event.data
        node_id = data.get("node") or data.get("from")
        node = flow.node(node_id) if isinstance(node_id, str) and flow.has(node_id) else None
        detail = ""
        if event.kind == "answered":
            detail = describe_value(node, data.get("value"))
        elif event.kind == "answer_corrected":
            state = data.get("state", "answered")
            shown = describe_value(node, data.get("value")) if state == "answered" else ""
            detail = f"{STATE_WORDS.get(state, state)} {shown}".strip()
            detail += f" (reason: {data.get('reason', '')})"
        elif event.kind == "disclosure_added":
            detail = str(data.get("text", ""))
        elif event.kind == "stopped":
            detail = str(data.get("reason") or "")
        elif event.kind == "break_offered":
            detail = "taken" if data.get("taken") else "not taken"
        elif event.kind in ("consent_given", "consent_withdrawn"):
            detail = str(data.get("layer", ""))
        elif event.kind == "path_switched":
            detail = f"to {data.get('to')} path" + (
                f" (reason: {data['reason']})" if data.get("reason") else ""
            )
        elif event.kind == "language_changed":
            detail = str(data.get("language", ""))
        elif event.kind == "referral_decided":
            detail = f"{data.get('service')}: {data.get('decision')}"
            if data.get("note"):
                detail += f" ({data['note']})"
        elif event.kind == "indicator_noted":
            detail = str(data.get("tag", ""))
        rows.append(
            TimelineRow(
                seq=event.seq,
                at=event.at,
                actor=event.actor,
                what=EVENT_WORDS.get(event.kind, event.kind),
                node=node.id if node else None,
                question=node.text if node else "",
                detail=detail,
            )
        )
    return rows


def answers(state: InterviewState) -> list[AnswerRow]:
    """Every question in flow order with its current state (after corrections)."""
    rows = []
    for node in state.flow.questions:
        record = state.answers.get(node.id)
        current = state.answer_state(node.id)
        rows.append(
            AnswerRow(
                node=node.id,
                question=node.text,
                state=current,
                state_words=STATE_WORDS.get(current, current),
                value=describe_value(node, record.value) if record else "",
                corrected=bool(record and record.corrected),
                times_changed=len(state.answer_history.get(node.id, [])),
            )
        )
    return rows


def indicator_groups(state: InterviewState, catalog: Any | None) -> list[IndicatorGroup]:
    """Noted indicators grouped by domain; `catalog` is a `kiosk.core.content.IndicatorCatalog`."""
    noted = noted_indicators(state)
    if catalog is None:
        items = tuple((n.tag, n.tag, n.node) for n in noted)
        # No catalogue to tell context from coercion: leave the judgement to staff.
        return [IndicatorGroup("other", "Indicators", items, True)] if items else []
    labels = {domain.id: domain.label for domain in catalog.domains}
    refers = {domain.id: domain.suggests_referral for domain in catalog.domains}
    groups = []
    for domain, entries in by_domain(noted, catalog).items():
        rows = []
        for entry in entries:
            indicator = catalog.get(entry.tag)
            rows.append((entry.tag, indicator.label if indicator else entry.tag, entry.node))
        groups.append(
            IndicatorGroup(
                domain, labels.get(domain, domain), tuple(rows), refers.get(domain, False)
            )
        )
    return groups


def suggests_formal_identification(groups: list[IndicatorGroup]) -> bool:
    """Only a deception, coercion or exploitation indicator (or a child-exploitation one)
    suggests referral for formal identification; context and vulnerability never do alone."""
    return any(group.suggests_referral for group in groups)


def indicator_wording(groups: list[IndicatorGroup]) -> str:
    if suggests_formal_identification(groups):
        return NOTED_WORDING
    return CONTEXT_ONLY_WORDING if groups else NONE_NOTED_WORDING


def referral_suggestions(
    state: InterviewState,
    groups: list[IndicatorGroup],
    refers_to: Collection[str] | None = None,
) -> list[str]:
    """Service kinds worth considering, most important first; staff decide, never the kiosk.

    `refers_to`: the kinds the organisation running the kiosk may refer to (its profile);
    child protection is always kept for a child.
    """
    kinds = _suggested_kinds(state, groups)
    if refers_to is None:
        return kinds
    return [
        kind for kind in kinds if kind in refers_to or (kind == "child_protection" and state.child)
    ]


def _suggested_kinds(state: InterviewState, groups: list[IndicatorGroup]) -> list[str]:
    kinds: list[str] = []
    if state.child:
        kinds.append("child_protection")
    if suggests_formal_identification(groups):
        kinds.append("formal_identification")
    for kind in state.referral_hints():  # the flow's own rules (its policy)
        if kind not in kinds:
            kinds.append(kind)
    for kind in ("psychosocial", "legal"):
        if suggests_formal_identification(groups) and kind not in kinds:
            kinds.append(kind)
    return kinds
