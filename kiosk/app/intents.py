"""What someone at the kiosk wants, as typed values: the only input of the session layer.

Widgets (and `kiosk simulate`) turn presses into intents; `KioskSession.handle` checks that the
intent is possible on the page showing, records what happened, and returns the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.vocabulary import AlertAction

if TYPE_CHECKING:  # only named in annotations: the unlock screen must not load the store
    from kiosk.core.store import Store

# ---------------------------------------------------------------- credentials (staff proved
# who they are: the window checks the passphrase or PIN off the GUI thread, then says so)


@dataclass(frozen=True)
class Unlocked:
    """The store was opened with the staff passphrase."""

    store: Store


@dataclass(frozen=True)
class StaffVerified:
    """The staff passphrase or PIN was given on the lock screen / staff gate."""


# ---------------------------------------------------------------- anywhere


@dataclass(frozen=True)
class Hide:
    """Quick hide: blank the screen at once."""


@dataclass(frozen=True)
class Lock:
    """The idle lock, or staff's Lock button."""


@dataclass(frozen=True)
class GateBack:
    """On the staff gate: the person goes back to their own page (no code needed)."""


# ---------------------------------------------------------------- staff


@dataclass(frozen=True)
class GoHome:
    """Back to the staff home; whatever interview was open is closed on this kiosk."""


@dataclass(frozen=True)
class NewInterview:
    pass


@dataclass(frozen=True)
class OpenSettings:
    pass


@dataclass(frozen=True)
class OpenStudio:
    pass


@dataclass(frozen=True)
class StartInterview:
    """Setup is done: flow, languages, interpreter, and the safety check's confirmed items."""

    flow_path: Path
    language: str
    staff_language: str = "en"
    interpreter: dict[str, Any] = field(default_factory=dict)
    safety_checked: tuple[str, ...] = ()
    listen_only: bool = False


@dataclass(frozen=True)
class ResumeInterview:
    interview_id: str


@dataclass(frozen=True)
class ConfirmSafetyCheck:
    """The resume check's confirmed items."""

    checked: tuple[str, ...]


@dataclass(frozen=True)
class OpenReview:
    interview_id: str | None = None  # None: the interview already open


@dataclass(frozen=True)
class StaffContinue:
    """Past a staff note, or a staff checklist with its confirmed items."""

    checked: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffStop:
    reason: str = "staff stopped the interview"


@dataclass(frozen=True)
class HandleAlert:
    action: AlertAction


@dataclass(frozen=True)
class MarkCovered:
    """Questions the person already answered in their own story."""

    nodes: tuple[str, ...]


@dataclass(frozen=True)
class MarkChild:
    pass


@dataclass(frozen=True)
class SwitchAdult:
    reason: str


@dataclass(frozen=True)
class AddDisclosure:
    text: str
    node: str | None = None


@dataclass(frozen=True)
class Correct:
    node: str
    reason: str
    value: Any = None
    state: str = "answered"


@dataclass(frozen=True)
class DecideReferral:
    service: str
    decision: str
    note: str = ""


@dataclass(frozen=True)
class WithdrawConsent:
    """Staff record that the person withdrew a consent layer."""

    layer: str


# ---------------------------------------------------------------- the person


@dataclass(frozen=True)
class HandOver:
    """The handover page's button: the screen now belongs to whoever it was meant for."""


@dataclass(frozen=True)
class Answer:
    value: Any


@dataclass(frozen=True)
class Decline:
    pass


@dataclass(frozen=True)
class DontKnow:
    pass


@dataclass(frozen=True)
class Continue:
    pass


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class TakeBreak:
    pass


@dataclass(frozen=True)
class AnswerBreakOffer:
    taken: bool


@dataclass(frozen=True)
class EndBreak:
    pass


@dataclass(frozen=True)
class AskStop:
    pass


@dataclass(frozen=True)
class CancelStop:
    pass


@dataclass(frozen=True)
class Stop:
    pass


@dataclass(frozen=True)
class ChangeLanguage:
    language: str


Intent = (
    Unlocked
    | StaffVerified
    | Hide
    | Lock
    | GateBack
    | GoHome
    | NewInterview
    | OpenSettings
    | OpenStudio
    | StartInterview
    | ResumeInterview
    | ConfirmSafetyCheck
    | OpenReview
    | StaffContinue
    | StaffStop
    | HandleAlert
    | MarkCovered
    | MarkChild
    | SwitchAdult
    | AddDisclosure
    | Correct
    | DecideReferral
    | WithdrawConsent
    | HandOver
    | Answer
    | Decline
    | DontKnow
    | Continue
    | Back
    | TakeBreak
    | AnswerBreakOffer
    | EndBreak
    | AskStop
    | CancelStop
    | Stop
    | ChangeLanguage
)
