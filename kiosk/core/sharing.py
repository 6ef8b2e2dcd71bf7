"""What may leave the kiosk: consent to share per recipient, and self-incriminating answers.

One place for every part that shares (ODK send, the referral summary, exports): the person
agrees to each recipient separately (`consent: referral` questions with `recipients:` in the
flow), and answers that could expose them to punishment (`self_incriminating: true`) stay out
unless the flow's policy `share_self_incriminating` holds (the person agreed to include them).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.core import conditions

if TYPE_CHECKING:
    from kiosk.core.flow import Node
    from kiosk.core.interview_rules import InterviewState


class RecipientConsent(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"  # the person later withdrew consent to share


def recipient_consents(state: InterviewState) -> dict[str, RecipientConsent]:
    """Service kind -> the person's answer about sharing with it.

    A kind with no answer (not asked, declined, "I don't know") is absent: never consent. A
    "yes" for one kind in any recipient question counts (a kind may appear in two questions);
    a withdrawn referral layer withdraws every recipient.
    """
    found: dict[str, RecipientConsent] = {}
    for node in state.flow.questions:
        if not node.recipients or state.answer_state(node.id) != "answered":
            continue
        answer = state.answer_value(node.id)
        for kind in node.recipients:
            if answer == "yes":
                found[kind] = RecipientConsent.GIVEN
            elif answer == "no":
                found.setdefault(kind, RecipientConsent.REFUSED)
    if state.consent.get("referral") == "withdrawn":
        found = {kind: RecipientConsent.WITHDRAWN for kind in found}
    return found


def may_share_with(state: InterviewState, kind: str) -> bool:
    return recipient_consents(state).get(kind) == RecipientConsent.GIVEN


def self_incriminating_agreed(state: InterviewState) -> bool:
    """Whether the person agreed to include answers that could expose them (policy)."""
    condition = state.flow.policy.share_self_incriminating
    return condition is not None and conditions.evaluate(condition.tree, state)


def shared_questions(state: InterviewState) -> list[Node]:
    """The questions whose answers may go into anything shared, in flow order.

    Staff checks never leave; self-incriminating questions only with the person's agreement.
    (Whether anything is shared at all is `recipient_consents`.)
    """
    include_sensitive = self_incriminating_agreed(state)
    return [
        node
        for node in state.flow.questions
        if node.kind == "question" and (include_sensitive or not node.self_incriminating)
    ]


def referrals_without_consent(state: InterviewState) -> list[str]:
    """Services staff referred the person to (decision `made`) that the person did not agree to
    share with: nothing may go to them, and the review says so."""
    return [
        kind
        for kind, decision in state.referral_decisions.items()
        if decision.get("decision") == "made" and not may_share_with(state, kind)
    ]
