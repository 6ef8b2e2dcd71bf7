"""Who the person agreed to be referred to, and what may be shared with them.

This is the one place the outbox reads consent from; nothing is built or sent for a recipient
this module does not return. A withdrawn referral consent returns no recipient at all.

Read from the interview's folded state:
- referral consent: the `referral` consent layer is `given`;
- a recipient: a service staff recorded a referral to (`referral_decided`, decision `made`);
  its note is the staff note meant for the receiver;
- sensitive answers (questions marked `sensitive` in the flow) are shared only with the person's
  agreement; without it they go as `not_shared`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.flow import Node
from kiosk.core.interview_rules import InterviewState

REFERRAL_LAYER = "referral"


@dataclass(frozen=True)
class RecipientConsent:
    recipient: str
    given_at: str
    include_sensitive: bool
    staff_note: str


def consent_time(state: InterviewState, layer: str) -> str:
    """When the consent layer was last given (the consent question's answer time)."""
    for node in state.flow.questions:
        record = state.answers.get(node.id)
        if node.consent == layer and record is not None:
            return record.at
    return ""


def referral_consents(state: InterviewState) -> dict[str, RecipientConsent]:
    """recipient -> what the person agreed to, for every recipient consent covers now."""
    if state.consent.get(REFERRAL_LAYER) != "given":
        return {}
    given_at = consent_time(state, REFERRAL_LAYER)
    return {
        service: RecipientConsent(
            recipient=service,
            given_at=given_at,
            include_sensitive=False,
            staff_note=str(decision.get("note") or ""),
        )
        for service, decision in state.referral_decisions.items()
        if decision.get("decision") == "made"
    }


def needs_agreement(node: Node) -> bool:
    """Answers that could harm the person if shared are sent only with their agreement."""
    return node.sensitive


def withheld_questions(state: InterviewState, consent: RecipientConsent) -> set[str]:
    """Answerable nodes whose answers may not leave the kiosk in this submission."""
    if consent.include_sensitive:
        return set()
    return {node.id for node in state.flow.questions if needs_agreement(node)}
