"""The words of the interview model, as enums: one place to find every allowed value.

Each is a `StrEnum`, so a member equals its stored text (`AnswerState.DECLINED == "declined"`)
and JSON, the store and catalogs keep plain strings.
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    SECTION = "section"
    INFO = "info"
    QUESTION = "question"
    STAFF_CHECK = "staff_check"
    STAFF_NOTE = "staff_note"
    END = "end"


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    NUMBER = "number"
    AGE = "age"
    DATE = "date"
    FREE_TEXT = "free_text"


class ConsentLayer(StrEnum):
    TALK = "talk"
    NOTES = "notes"
    REFERRAL = "referral"


class EndOutcome(StrEnum):
    COMPLETED = "completed"
    DECLINED = "declined"
    STOPPED_SAFELY = "stopped_safely"


class Audience(StrEnum):
    """Who a screen is for."""

    PERSON = "person"
    STAFF = "staff"


class AnswerState(StrEnum):
    """How a question ended. Distinct everywhere: declined never counts as "no"."""

    ANSWERED = "answered"
    DECLINED = "declined"  # prefers not to say
    DONT_KNOW = "dont_know"
    NOT_ASKED = "not_asked"  # the path never reached it
    INTERRUPTED = "interrupted"  # on screen when the interview stopped
    COVERED = "covered"  # staff: already told in the person's own story, so not asked again


class InterviewStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    ON_BREAK = "on_break"
    ON_HOLD = "on_hold"  # a safety alert paused it until staff decide
    STOPPED = "stopped"
    FINISHED = "finished"


class PathKind(StrEnum):
    CHILD = "child"
    ADULT = "adult"


class ConsentStatus(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class ReferralDecision(StrEnum):
    SUGGESTED = "suggested"
    MADE = "made"
    DECLINED = "declined"
    NOT_NEEDED = "not_needed"


class AlertAction(StrEnum):
    """What staff chose after a safety alert."""

    CONTINUE = "continue"
    BREAK = "break"
    STOP = "stop"
