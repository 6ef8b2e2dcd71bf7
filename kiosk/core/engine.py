"""The interview engine: turns actions into stored events and says what to show next.

Every action is checked against the current state, committed to the store, and only then
folded into the state, so what the engine reports as saved is on disk. The GUI and
`kiosk simulate` drive an `InterviewSession`; neither decides branching itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.core.errors import EngineError
from kiosk.core.events import Event
from kiosk.core.flow import Flow, Node
from kiosk.core.interview_state import InterviewState, fold
from kiosk.core.store import Store

REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)


@dataclass(frozen=True)
class Screen:
    """What the kiosk should show now, decided by the engine."""

    node: Node | None
    audience: str  # person | staff | none
    text: str
    status: str
    child: bool
    section_index: int
    section_count: int
    section_title: str
    offer_break: bool
    can_go_back: bool


def new_reference() -> str:
    """A short code the person may take away to come back later (e.g. 'K7Q-4MX')."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


class InterviewSession:
    """One interview, live: actions in, events stored, state folded."""

    def __init__(self, store: Store, flow: Flow, interview_id: str, state: InterviewState) -> None:
        self.store = store
        self.flow = flow
        self.interview_id = interview_id
        self.state = state
        self.listeners: list[Callable[[Event], None]] = []

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def start(
        cls,
        store: Store,
        flow: Flow,
        language: str,
        staff_language: str = "en",
        interpreter: dict[str, Any] | None = None,
    ) -> InterviewSession:
        state = InterviewState(flow=flow)
        event = Event(
            "started",
            {
                "flow": flow.id,
                "version": flow.version,
                "language": language,
                "staff_language": staff_language,
                "interpreter": interpreter or {},
            },
        )
        state.check(event)
        interview_id, stored = store.create_interview(flow.id, flow.version, language, event)
        state.apply(stored)
        return cls(store, flow, interview_id, state)

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

    def record(self, kind: str, data: dict[str, Any] | None = None) -> Event:
        """Check, fold, then commit one event; returns it once it is on disk.

        The fold runs first so a changed summary (status, path…) is written in the same
        transaction as the event. If the commit fails, the state is rebuilt from what the
        store holds, so memory never claims more than the disk.
        """
        event = Event(kind, data or {}, seq=self.state.last_seq + 1)
        self.state.check(event)
        before = self._summary_fields()
        self.state.apply(event)
        after = self._summary_fields()
        try:
            self.store.append(self.interview_id, event, after if after != before else None)
        except Exception:
            self.state = fold(self.flow, self.store.events(self.interview_id))
            raise
        for listener in list(self.listeners):
            listener(event)
        return event

    def _summary_fields(self) -> dict[str, Any]:
        return {
            "status": self.state.status,
            "language": self.state.language,
            "path": self.state.path,
            "reference": self.state.reference,
        }

    # ------------------------------------------------------------ person actions

    def _here(self) -> str:
        if self.state.current is None:
            raise EngineError("there is no question on screen")
        return self.state.current

    def answer(self, value: Any) -> Event:
        return self.record("answered", {"node": self._here(), "value": value})

    def decline(self) -> Event:
        return self.record("declined", {"node": self._here()})

    def dont_know(self) -> Event:
        return self.record("dont_know", {"node": self._here()})

    def proceed(self) -> Event:
        """Continue past an information screen."""
        return self.record("continued", {"node": self._here()})

    def back(self) -> Event:
        return self.record("back", {"from": self._here()})

    def offer_break(self, taken: bool) -> Event:
        """Record that a break was offered before a sensitive question, and take it if wanted."""
        event = self.record("break_offered", {"node": self._here(), "taken": taken})
        if taken:
            return self.take_break()
        return event

    def take_break(self) -> Event:
        return self.record("break_started", {"node": self.state.current})

    def end_break(self) -> Event:
        return self.record("break_ended", {"node": self.state.current})

    def stop(self, reason: str = "", by: str = "person") -> Event:
        return self.record("stopped", {"reason": reason, "by": by})

    def change_language(self, language: str) -> Event:
        return self.record("language_changed", {"language": language})

    def give_consent(self, layer: str) -> Event:
        return self.record("consent_given", {"layer": layer})

    def withdraw_consent(self, layer: str) -> Event:
        return self.record("consent_withdrawn", {"layer": layer})

    def ask_reference(self) -> str:
        """Give the person a reference number to come back with (only when they want one)."""
        if self.state.reference:
            return self.state.reference
        reference = new_reference()
        self.record("reference_set", {"reference": reference})
        return reference

    # ------------------------------------------------------------ staff actions

    def resume_interview(self) -> Event:
        return self.record("resumed", {})

    def switch_path(self, to: str, reason: str = "") -> Event:
        return self.record("path_switched", {"to": to, "reason": reason})

    def mark_appears_child(self) -> Event:
        return self.switch_path("child", "staff: appears to be a child")

    def add_disclosure(self, text: str, node: str | None = None) -> Event:
        data: dict[str, Any] = {"text": text}
        if node:
            data["node"] = node
        return self.record("disclosure_added", data)

    def correct(self, node: str, reason: str, value: Any = None, state: str = "answered") -> Event:
        data: dict[str, Any] = {"node": node, "state": state, "reason": reason}
        if state == "answered":
            data["value"] = value
        return self.record("answer_corrected", data)

    def note_indicator(self, tag: str, note: str = "") -> Event:
        return self.record("indicator_noted", {"tag": tag, "note": note})

    def decide_referral(self, service: str, decision: str, note: str = "") -> Event:
        return self.record(
            "referral_decided", {"service": service, "decision": decision, "note": note}
        )

    # ------------------------------------------------------------ what to show

    def screen(self) -> Screen:
        state = self.state
        node = state.current_node
        index, count, title = state.section_progress()
        if state.status in ("on_break", "stopped") or node is None:
            audience = "none"
            text = ""
        else:
            audience = node.audience
            text = state.wording(node)
        return Screen(
            node=node,
            audience=audience,
            text=text,
            status=state.status,
            child=state.child,
            section_index=index,
            section_count=count,
            section_title=title,
            offer_break=state.needs_break_offer(),
            can_go_back=state.can_go_back(),
        )
