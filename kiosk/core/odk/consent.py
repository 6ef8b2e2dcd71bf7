"""Who the person agreed to be referred to, and what may be shared with them.

This is the one place the outbox reads consent from; nothing is built or sent for a recipient
this module does not return. It follows `kiosk.core.sharing` (the content rules every sharing
part uses). A recipient needs both:
- the person's own yes for that service kind (`sharing.recipient_consents`: a `consent: referral`
  question naming it in `recipients:`; declined, "I don't know" or not asked is never consent,
  and a withdrawn referral layer withdraws every recipient);
- staff's referral to it (`referral_decided`, decision `made`); its note is the staff note meant
  for the receiver.
A referral staff made to a service the person did not agree to is never sent. Answers outside
`sharing.shared_questions` (self-incriminating ones without the person's agreement, staff checks)
go as `not_shared`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core import sharing
from kiosk.core.interview_rules import InterviewState
from kiosk.core.vocabulary import AnswerState

REFERRAL_LAYER = "referral"


@dataclass(frozen=True)
class RecipientConsent:
    recipient: str
    given_at: str
    include_sensitive: bool
    staff_note: str


def _given_at(state: InterviewState, kind: str) -> str:
    """When the person said yes to sharing with `kind` (that question's answer time)."""
    for node in state.flow.questions:
        record = state.answers.get(node.id)
        if (
            kind in node.recipients
            and record is not None
            and record.state == AnswerState.ANSWERED
            and record.value == "yes"
        ):
            return record.at
    return ""


def referral_consents(state: InterviewState) -> dict[str, RecipientConsent]:
    """recipient -> what the person agreed to, for every referral their consent covers now."""
    include = sharing.self_incriminating_agreed(state)
    agreed = sharing.recipient_consents(state)
    return {
        kind: RecipientConsent(
            recipient=kind,
            given_at=_given_at(state, kind),
            include_sensitive=include,
            staff_note=str(decision.get("note") or ""),
        )
        for kind, decision in state.referral_decisions.items()
        if decision.get("decision") == "made" and agreed.get(kind) == sharing.RecipientConsent.GIVEN
    }


def withheld_questions(state: InterviewState, consent: RecipientConsent) -> set[str]:
    """Answerable nodes whose answers may not leave the kiosk in this submission."""
    shared = {node.id for node in sharing.shared_questions(state)}
    return {node.id for node in state.flow.questions if node.id not in shared}
