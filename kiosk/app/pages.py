"""The pages of the kiosk, as typed values: what the session layer decided to show.

A page says *what* is on screen and for *whom*; the window draws it, `kiosk simulate` reads it.
Every page has an `audience`: the person's pages, staff pages (reached from a person's page
only through the staff gate), and neutral ones (unlock, the lock screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # only named in annotations: the unlock screen must not load the engine
    from kiosk.core.flow import Node, SafetyAlert
    from kiosk.core.interview import Screen


class PageKind(StrEnum):
    UNLOCK = "unlock"
    HOME = "home"
    SETUP = "setup"
    SETTINGS = "settings"
    STUDIO = "studio"
    RESUME_CHECK = "resume_check"
    HANDOVER = "handover"
    QUESTION = "question"
    BREAK_OFFER = "break_offer"
    BREAK = "break"
    STOP_CONFIRM = "stop_confirm"
    STOPPED = "stopped"
    SAFETY_HOLD = "safety_hold"
    LOCKED = "lock"
    STAFF_STEP = "staff_step"
    SAFETY_ALERT = "safety_alert"
    FINISHED = "finished"
    REVIEW = "review"


class Audience(StrEnum):
    PERSON = "person"
    STAFF = "staff"
    NEUTRAL = "neutral"  # shows nothing of any interview


class LockReason(StrEnum):
    HIDE = "hidden"  # quick hide: a blank screen
    IDLE = "locked"  # the idle lock or staff's Lock button
    STAFF_GATE = "staff_gate"  # the screen passes from the person to staff


class HandoverTo(StrEnum):
    PERSON = "person"  # "This screen is for you"
    STAFF = "staff"  # "Thank you. Please give the screen back to the staff member"


@dataclass(frozen=True)
class Page:
    kind: ClassVar[PageKind]
    audience: ClassVar[Audience]


# ---------------------------------------------------------------- neutral


@dataclass(frozen=True)
class Unlock(Page):
    kind = PageKind.UNLOCK
    audience = Audience.NEUTRAL


@dataclass(frozen=True)
class Locked(Page):
    """Quick hide, idle lock or the staff gate: only the passphrase or staff PIN leads on."""

    kind = PageKind.LOCKED
    audience = Audience.NEUTRAL
    reason: LockReason = LockReason.IDLE


# ---------------------------------------------------------------- staff


@dataclass(frozen=True)
class Home(Page):
    kind = PageKind.HOME
    audience = Audience.STAFF


class SetupProblem(StrEnum):
    NOT_READY = "not_ready"  # the safety check did not pass: nothing was recorded
    INTERPRETER_NOT_INDEPENDENT = "interpreter_not_independent"


@dataclass(frozen=True)
class Setup(Page):
    """New interview: flow, languages, interpreter and the flow's safety check.

    `problem`: why the last Start did not start (nothing was recorded); `not_ready`: the flow's
    staff note for a safety check that did not pass."""

    kind = PageKind.SETUP
    audience = Audience.STAFF
    problem: SetupProblem | None = None
    not_ready: Node | None = None


@dataclass(frozen=True)
class Settings(Page):
    kind = PageKind.SETTINGS
    audience = Audience.STAFF


@dataclass(frozen=True)
class Studio(Page):
    kind = PageKind.STUDIO
    audience = Audience.STAFF


@dataclass(frozen=True)
class ResumeCheck(Page):
    """The safety check again, before a stored interview goes on."""

    kind = PageKind.RESUME_CHECK
    audience = Audience.STAFF
    interview_id: str
    check: Node
    not_ready: Node | None = None
    refused: bool = False


@dataclass(frozen=True)
class StaffStep(Page):
    """A staff note or checklist inside the interview; `coverable`: questions still ahead that
    staff may mark as already told in the person's own story."""

    kind = PageKind.STAFF_STEP
    audience = Audience.STAFF
    screen: Screen
    coverable: tuple[Node, ...] = ()


@dataclass(frozen=True)
class SafetyAlertPage(Page):
    """Unmistakable, staff only: why the interview paused; continue, take a break or stop."""

    kind = PageKind.SAFETY_ALERT
    audience = Audience.STAFF
    alerts: tuple[SafetyAlert, ...]


@dataclass(frozen=True)
class Finished(Page):
    kind = PageKind.FINISHED
    audience = Audience.STAFF
    screen: Screen


@dataclass(frozen=True)
class Review(Page):
    kind = PageKind.REVIEW
    audience = Audience.STAFF
    interview_id: str


# ---------------------------------------------------------------- the person's


@dataclass(frozen=True)
class Handover(Page):
    """The clear moment the screen changes hands; shown to the person either way."""

    kind = PageKind.HANDOVER
    audience = Audience.PERSON
    to: HandoverTo


@dataclass(frozen=True)
class Question(Page):
    """A question or an information screen."""

    kind = PageKind.QUESTION
    audience = Audience.PERSON
    screen: Screen


@dataclass(frozen=True)
class BreakOffer(Page):
    kind = PageKind.BREAK_OFFER
    audience = Audience.PERSON
    screen: Screen


@dataclass(frozen=True)
class Break(Page):
    kind = PageKind.BREAK
    audience = Audience.PERSON


@dataclass(frozen=True)
class StopConfirm(Page):
    kind = PageKind.STOP_CONFIRM
    audience = Audience.PERSON


@dataclass(frozen=True)
class Stopped(Page):
    kind = PageKind.STOPPED
    audience = Audience.PERSON


@dataclass(frozen=True)
class SafetyHold(Page):
    """After a safety alert: a calm page in the person's language; a staff member will come."""

    kind = PageKind.SAFETY_HOLD
    audience = Audience.PERSON


AnyPage = (
    Unlock
    | Locked
    | Home
    | Setup
    | Settings
    | Studio
    | ResumeCheck
    | StaffStep
    | SafetyAlertPage
    | Finished
    | Review
    | Handover
    | Question
    | BreakOffer
    | Break
    | StopConfirm
    | Stopped
    | SafetyHold
)
