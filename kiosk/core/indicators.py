"""Indicators noted in an interview: what answers point to, never a verdict or a score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core import conditions
from kiosk.core.localizer import ui_text

if TYPE_CHECKING:
    from kiosk.core.content import IndicatorCatalog
    from kiosk.core.interview_rules import InterviewState

NOTED_WORDING = ui_text("Indicators noted - consider referral for formal identification.")
# Context and vulnerability alone (no deception, coercion or exploitation noted): worth knowing,
# never by themselves a reason to refer for formal identification.
CONTEXT_ONLY_WORDING = ui_text(
    "Only context and vulnerability noted. This is not by itself a reason to refer for formal "
    "identification: offer the help the person asks for. People often share more later."
)
NONE_NOTED_WORDING = ui_text(
    "No indicators noted in the answers given. This is not a decision: people often share "
    "more later, and declined questions are not answers."
)


@dataclass(frozen=True)
class NotedIndicator:
    tag: str
    node: str | None  # the question whose answer points to it; None for a staff note
    source: str  # answer | option | staff


def noted_indicators(state: InterviewState) -> list[NotedIndicator]:
    """Indicators that the current answers (after corrections) and staff notes point to."""
    noted: list[NotedIndicator] = []
    for node in state.flow.questions:
        record = state.answers.get(node.id)
        if record is None or record.state != "answered":
            continue  # declined / don't know never note (or rule out) anything
        if node.indicators:
            if node.notes_when is not None:
                holds = conditions.evaluate(node.notes_when.tree, state)
            else:
                holds = node.type == "yes_no" and record.value == "yes"
            if holds:
                noted.extend(NotedIndicator(tag, node.id, "answer") for tag in node.indicators)
        chosen = record.value if isinstance(record.value, list) else [record.value]
        for option in node.options:
            if option.value in chosen:
                noted.extend(NotedIndicator(tag, node.id, "option") for tag in option.indicators)
    for note in state.manual_indicators:
        noted.append(NotedIndicator(note["tag"], None, "staff"))
    return noted


def by_domain(
    noted: list[NotedIndicator], catalog: IndicatorCatalog
) -> dict[str, list[NotedIndicator]]:
    """Group noted indicators by the catalogue's domains (in catalogue order)."""
    grouped: dict[str, list[NotedIndicator]] = {domain.id: [] for domain in catalog.domains}
    for item in noted:
        indicator = catalog.get(item.tag)
        domain = indicator.domain if indicator else "other"
        grouped.setdefault(domain, []).append(item)
    return {domain: items for domain, items in grouped.items() if items}
