"""Interview events: the append-only facts an interview is made of.

The state of an interview is a fold over its events (`kiosk.core.interview_state`). Events are
never changed or deleted; a correction or a later disclosure is a new event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# kind -> who may cause it
EVENT_KINDS: dict[str, str] = {
    "started": "staff",
    "answered": "person",
    "declined": "person",
    "dont_know": "person",
    "continued": "person",
    "back": "person",
    "break_offered": "system",
    "break_started": "person",
    "break_ended": "person",
    "stopped": "person",
    "resumed": "staff",
    "language_changed": "person",
    "consent_given": "person",
    "consent_withdrawn": "person",
    "path_switched": "staff",
    "disclosure_added": "staff",
    "answer_corrected": "staff",
    "indicator_noted": "staff",
    "referral_decided": "staff",
    "reference_set": "person",
}

# Kinds accepted after the interview has stopped or finished (review, later disclosure).
AFTER_CLOSE_KINDS = frozenset(
    {
        "resumed",
        "consent_given",
        "consent_withdrawn",
        "path_switched",
        "disclosure_added",
        "answer_corrected",
        "indicator_noted",
        "referral_decided",
        "reference_set",
        "language_changed",
    }
)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    actor: str = ""
    at: str = ""
    seq: int = 0

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}")
        if not self.actor:
            object.__setattr__(self, "actor", EVENT_KINDS[self.kind])
        if not self.at:
            object.__setattr__(self, "at", now_iso())

    def __repr__(self) -> str:
        # Never show the data: it may hold answers or free text.
        return f"Event(kind={self.kind!r}, seq={self.seq}, at={self.at!r})"
