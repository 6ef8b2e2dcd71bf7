"""Interview events: the append-only facts an interview is made of.

The state of an interview is a fold over its events (`kiosk.core.interview_rules`). Events are
never changed or deleted; a correction or a later disclosure is a new event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    STARTED = "started"
    ANSWERED = "answered"
    DECLINED = "declined"
    DONT_KNOW = "dont_know"
    CONTINUED = "continued"
    BACK = "back"
    BREAK_OFFERED = "break_offered"
    BREAK_STARTED = "break_started"
    BREAK_ENDED = "break_ended"
    STOPPED = "stopped"
    RESUMED = "resumed"
    LANGUAGE_CHANGED = "language_changed"
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    PATH_SWITCHED = "path_switched"
    DISCLOSURE_ADDED = "disclosure_added"
    ANSWER_CORRECTED = "answer_corrected"
    INDICATOR_NOTED = "indicator_noted"
    REFERRAL_DECIDED = "referral_decided"
    REFERENCE_SET = "reference_set"
    SAFETY_ALERT = "safety_alert"  # the flow's safety alert fired: the interview waits for staff
    ALERT_HANDLED = "alert_handled"  # staff saw the alert and chose continue / break / stop
    QUESTIONS_COVERED = "questions_covered"  # staff: already told in the person's own story


class Actor(StrEnum):
    """Who caused an event. Staff actions are recorded as staff, never as the person."""

    PERSON = "person"
    STAFF = "staff"
    SYSTEM = "system"


# Who causes each kind of event, unless the engine records otherwise (an answer to a staff
# checklist, or a break or stop that staff chose, is recorded as staff).
DEFAULT_ACTOR: dict[EventKind, Actor] = {
    EventKind.STARTED: Actor.STAFF,
    EventKind.ANSWERED: Actor.PERSON,
    EventKind.DECLINED: Actor.PERSON,
    EventKind.DONT_KNOW: Actor.PERSON,
    EventKind.CONTINUED: Actor.PERSON,
    EventKind.BACK: Actor.PERSON,
    EventKind.BREAK_OFFERED: Actor.SYSTEM,
    EventKind.BREAK_STARTED: Actor.PERSON,
    EventKind.BREAK_ENDED: Actor.PERSON,
    EventKind.STOPPED: Actor.PERSON,
    EventKind.RESUMED: Actor.STAFF,
    EventKind.LANGUAGE_CHANGED: Actor.PERSON,
    EventKind.CONSENT_GIVEN: Actor.PERSON,
    EventKind.CONSENT_WITHDRAWN: Actor.PERSON,
    EventKind.PATH_SWITCHED: Actor.STAFF,
    EventKind.DISCLOSURE_ADDED: Actor.STAFF,
    EventKind.ANSWER_CORRECTED: Actor.STAFF,
    EventKind.INDICATOR_NOTED: Actor.STAFF,
    EventKind.REFERRAL_DECIDED: Actor.STAFF,
    EventKind.REFERENCE_SET: Actor.PERSON,
    EventKind.SAFETY_ALERT: Actor.SYSTEM,
    EventKind.ALERT_HANDLED: Actor.STAFF,
    EventKind.QUESTIONS_COVERED: Actor.STAFF,
}

# Kinds accepted after the interview has stopped or finished (review, later disclosure).
AFTER_CLOSE_KINDS = frozenset(
    {
        EventKind.RESUMED,
        EventKind.CONSENT_GIVEN,
        EventKind.CONSENT_WITHDRAWN,
        EventKind.PATH_SWITCHED,
        EventKind.DISCLOSURE_ADDED,
        EventKind.ANSWER_CORRECTED,
        EventKind.INDICATOR_NOTED,
        EventKind.REFERRAL_DECIDED,
        EventKind.REFERENCE_SET,
        EventKind.LANGUAGE_CHANGED,
    }
)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Event:
    kind: EventKind
    data: dict[str, Any] = field(default_factory=dict)
    actor: Actor | str = ""
    at: str = ""
    seq: int = 0

    def __post_init__(self) -> None:
        try:
            kind = EventKind(self.kind)
        except ValueError:
            raise ValueError(f"unknown event kind {self.kind!r}") from None
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "actor", Actor(self.actor) if self.actor else DEFAULT_ACTOR[kind])
        if not self.at:
            object.__setattr__(self, "at", now_iso())

    def __repr__(self) -> str:
        # Never show the data: it may hold answers or free text.
        return f"Event(kind={self.kind!r}, seq={self.seq}, at={self.at!r})"
