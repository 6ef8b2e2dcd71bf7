"""One live interview: actions in, events stored, state folded.

Every action is checked against the current state (`kiosk.core.interview_rules`), folded in and
committed to the store before it returns, so what is reported as saved is on disk. Inside
`one_commit()` (the kiosk session opens one per intent) the events of the block are committed
together when it ends, in one transaction: one sync of the disk per click, however many events
the click made (an answer and the safety alert it raised; a break offered and taken). The kiosk
session (`kiosk.app`) drives an `InterviewSession`; it never decides branching itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kiosk.core.errors import EngineError
from kiosk.core.events import DEFAULT_ACTOR, Actor, Event, EventKind
from kiosk.core.flow import Flow, Node
from kiosk.core.i18n.register import Register, screen_register
from kiosk.core.interview_rules import InterviewState, fold, safety_check_passes
from kiosk.core.organisation import NOT_SET
from kiosk.core.store import NewInterview, Store, new_interview_id
from kiosk.core.vocabulary import AlertAction, Audience, InterviewStatus, PathKind

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)
# Events about the node on screen: recorded as staff when that node is a staff screen.
_ABOUT_THE_SCREEN = (
    EventKind.ANSWERED,
    EventKind.DECLINED,
    EventKind.DONT_KNOW,
    EventKind.CONTINUED,
)


class SafetyCheckNotPassed(EngineError):
    """The safety check does not let the interview start (or go on); nothing was recorded."""

    def __init__(self) -> None:
        super().__init__(
            "The safety check is not complete: do not start the interview yet. "
            "Nothing was recorded."
        )


@dataclass(frozen=True)
class Screen:
    """What the interview shows now, decided by the rules."""

    node: Node | None
    audience: Audience | None  # None: nothing of the interview is on screen (break, stopped…)
    text: str
    status: InterviewStatus
    child: bool
    section_index: int
    section_count: int
    section_title: str
    offer_break: bool
    can_go_back: bool
    # Whose wording the person's screen uses: neutral until the age is known, then the path's.
    register: Register


def new_reference() -> str:
    """A short code the person may take away to come back later (e.g. 'K7Q-4MX')."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


class InterviewSession:
    """One interview, live: actions in, events stored, state folded."""

    def __init__(
        self,
        store: Store,
        flow: Flow,
        interview_id: str,
        state: InterviewState,
        new: NewInterview | None = None,
    ) -> None:
        self.store = store
        self.flow = flow
        self.interview_id = interview_id
        self.state = state
        self.listeners: list[Callable[[Event], None]] = []
        self._new = new  # the interview's row, until its first commit creates it
        self._unsaved: list[Event] = []  # folded in, committed when the open block ends
        self._blocks = 0  # how deep in `one_commit` blocks
        self._saved_summary = self._summary_fields()

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def start(
        cls,
        store: Store,
        flow: Flow,
        language: str,
        staff_language: str = "en",
        interpreter: dict[str, Any] | None = None,
        safety_check: Sequence[str] | None = None,
        listen_only: bool = False,
        organisation: str = NOT_SET,
    ) -> InterviewSession:
        """Create the interview record. With `safety_check` (the items staff confirmed), the
        flow's check is answered first, as staff, and a check that does not pass creates no
        record at all (`SafetyCheckNotPassed`)."""
        check_id = flow.policy.safety_check
        if safety_check is not None and check_id is not None:
            if not safety_check_passes(flow, safety_check):
                raise SafetyCheckNotPassed()
        state = InterviewState(flow=flow)
        new = NewInterview(flow.id, flow.version, language)
        session = cls(store, flow, new_interview_id(), state, new)
        with session.one_commit():  # the record and the check's answer: saved together
            session.record(
                EventKind.STARTED,
                {
                    "flow": flow.id,
                    "version": flow.version,
                    "language": language,
                    "staff_language": staff_language,
                    "interpreter": interpreter or {},
                    **({"listen_only": True} if listen_only else {}),
                    "organisation": organisation,
                },
            )
            if safety_check is not None and state.current == check_id:
                session.answer(list(safety_check))
        return session

    @classmethod
    def resume(cls, store: Store, flow: Flow, interview_id: str) -> InterviewSession:
        summary = store.interview(interview_id)
        if summary.flow_id != flow.id:
            raise EngineError("this interview was recorded with a different flow")
        if summary.flow_version != flow.version:
            raise EngineError(
                f"this interview was recorded with version {summary.flow_version} of the flow; "
                f"this kiosk has version {flow.version}"
            )
        state = fold(flow, store.events(summary.id))
        return cls(store, flow, summary.id, state)

    # ------------------------------------------------------------ core step

    def record(
        self, kind: EventKind, data: dict[str, Any] | None = None, actor: Actor | None = None
    ) -> Event:
        """Check and fold one event, then commit it; returns it once it is on disk (inside
        `one_commit`: once the block ends).

        The fold runs first so a changed summary (status, path…) is written in the same
        transaction as the event. If the commit fails, the state is rebuilt from what the
        store holds, so memory never claims more than the disk. A safety alert that the event
        made due is recorded right after it, in the same transaction.
        """
        event = Event(kind, data or {}, actor or self._actor(kind), seq=self.state.last_seq + 1)
        with self.one_commit():
            self._fold(event)
            due = self.state.due_alerts()
            if due:
                self._fold(
                    Event(EventKind.SAFETY_ALERT, {"alerts": due}, seq=self.state.last_seq + 1)
                )
        return event

    def _actor(self, kind: EventKind) -> Actor:
        node = self.state.current_node
        if kind in _ABOUT_THE_SCREEN and node is not None and node.audience is Audience.STAFF:
            return Actor.STAFF
        return DEFAULT_ACTOR[kind]

    def _fold(self, event: Event) -> None:
        self.state.check(event)
        self.state.apply(event)
        self._unsaved.append(event)

    @contextmanager
    def one_commit(self) -> Iterator[None]:
        """Everything recorded inside the block is committed in ONE transaction (one sync)
        when the outermost block ends; nested blocks join it. A block that ends with an error
        saves none of it: the state is rebuilt from the store, so memory, disk and the page on
        screen agree on what happened (nothing half of one click)."""
        self._blocks += 1
        try:
            yield
        except BaseException:
            self._blocks -= 1
            if not self._blocks:
                self._forget_unsaved()
            raise
        self._blocks -= 1
        if not self._blocks:
            self._save()

    def _forget_unsaved(self) -> None:
        if not self._unsaved:
            return
        self._unsaved = []
        if self._new is None:
            self.state = fold(self.flow, self.store.events(self.interview_id))
        else:
            self.state = InterviewState(flow=self.flow)

    def _save(self) -> None:
        events, self._unsaved = self._unsaved, []
        if not events:
            return
        summary = self._summary_fields()
        changed = summary if summary != self._saved_summary or self._new else None
        try:
            self.store.append_all(self.interview_id, events, changed, new=self._new)
        except Exception:
            if self._new is None:
                self.state = fold(self.flow, self.store.events(self.interview_id))
            raise
        self._new = None
        self._saved_summary = summary
        for event in events:
            for listener in list(self.listeners):
                listener(event)

    def _summary_fields(self) -> dict[str, Any]:
        return {
            "status": self.state.status,
            "language": self.state.language,
            "path": self.state.path,
            "reference": self.state.reference,
        }

    # ------------------------------------------------------------ the screen's actions

    def _here(self) -> str:
        if self.state.current is None:
            raise EngineError("there is no question on screen")
        return self.state.current

    def answer(self, value: Any) -> Event:
        return self.record(EventKind.ANSWERED, {"node": self._here(), "value": value})

    def decline(self) -> Event:
        return self.record(EventKind.DECLINED, {"node": self._here()})

    def dont_know(self) -> Event:
        return self.record(EventKind.DONT_KNOW, {"node": self._here()})

    def proceed(self) -> Event:
        """Continue past an information screen (or a staff note)."""
        return self.record(EventKind.CONTINUED, {"node": self._here()})

    def back(self) -> Event:
        return self.record(EventKind.BACK, {"from": self._here()})

    def offer_break(self, taken: bool) -> Event:
        """Record that a break was offered before a question, and take it if wanted."""
        with self.one_commit():
            event = self.record(EventKind.BREAK_OFFERED, {"node": self._here(), "taken": taken})
            if taken:
                return self.take_break()
        return event

    def take_break(self, by: Actor = Actor.PERSON) -> Event:
        return self.record(EventKind.BREAK_STARTED, {"node": self.state.current}, by)

    def end_break(self) -> Event:
        return self.record(EventKind.BREAK_ENDED, {"node": self.state.current})

    def stop(self, reason: str = "", by: Actor | str = Actor.PERSON) -> Event:
        actor = Actor(by)
        return self.record(EventKind.STOPPED, {"reason": reason, "by": actor}, actor)

    def change_language(self, language: str) -> Event:
        return self.record(EventKind.LANGUAGE_CHANGED, {"language": language})

    def give_consent(self, layer: str) -> Event:
        return self.record(EventKind.CONSENT_GIVEN, {"layer": layer})

    def withdraw_consent(self, layer: str, by: Actor = Actor.PERSON) -> Event:
        return self.record(EventKind.CONSENT_WITHDRAWN, {"layer": layer}, by)

    def ask_reference(self) -> str:
        """Give the person a reference number to come back with (only when they want one)."""
        if self.state.reference:
            return self.state.reference
        reference = new_reference()
        self.record(EventKind.REFERENCE_SET, {"reference": reference})
        return reference

    # ------------------------------------------------------------ staff actions

    def resume_interview(self, safety_check: Sequence[str] | None = None) -> Event:
        """Go on with a stored interview; with the items of a fresh safety check where the flow
        has one (a check that does not pass records nothing)."""
        if safety_check is not None and not safety_check_passes(self.flow, safety_check):
            raise SafetyCheckNotPassed()
        data = {} if safety_check is None else {"check": list(safety_check)}
        return self.record(EventKind.RESUMED, data)

    def handle_alert(self, action: AlertAction) -> Event:
        """Staff saw the safety alert: continue, or take a break, or stop, as staff."""
        with self.one_commit():
            event = self.record(EventKind.ALERT_HANDLED, {"action": action})
            if action is AlertAction.BREAK:
                self.take_break(by=Actor.STAFF)
            elif action is AlertAction.STOP:
                self.stop("safety alert", by=Actor.STAFF)
        return event

    def mark_covered(self, nodes: Sequence[str]) -> Event:
        """Questions the person already answered in their own story: not asked again."""
        return self.record(EventKind.QUESTIONS_COVERED, {"nodes": list(nodes)})

    def switch_path(self, to: str, reason: str = "") -> Event:
        return self.record(EventKind.PATH_SWITCHED, {"to": to, "reason": reason})

    def mark_appears_child(self) -> Event:
        return self.switch_path(PathKind.CHILD, "staff: appears to be a child")

    def add_disclosure(self, text: str, node: str | None = None) -> Event:
        data: dict[str, Any] = {"text": text}
        if node:
            data["node"] = node
        return self.record(EventKind.DISCLOSURE_ADDED, data)

    def correct(self, node: str, reason: str, value: Any = None, state: str = "answered") -> Event:
        data: dict[str, Any] = {"node": node, "state": state, "reason": reason}
        if state == "answered":
            data["value"] = value
        return self.record(EventKind.ANSWER_CORRECTED, data)

    def note_indicator(self, tag: str, note: str = "") -> Event:
        return self.record(EventKind.INDICATOR_NOTED, {"tag": tag, "note": note})

    def decide_referral(self, service: str, decision: str, note: str = "") -> Event:
        return self.record(
            EventKind.REFERRAL_DECIDED, {"service": service, "decision": decision, "note": note}
        )

    # ------------------------------------------------------------ what to show

    def screen(self) -> Screen:
        state = self.state
        node = state.current_node
        index, count, title = state.section_progress()
        showing = state.status in (InterviewStatus.OPEN, InterviewStatus.FINISHED)
        return Screen(
            node=node,
            audience=node.audience if showing and node is not None else None,
            text=state.wording(node) if showing and node is not None else "",
            status=state.status,
            child=state.child,
            section_index=index,
            section_count=count,
            section_title=title,
            offer_break=state.needs_break_offer(),
            can_go_back=state.can_go_back(),
            register=screen_register(age_known=state.age_known, child=state.child),
        )
