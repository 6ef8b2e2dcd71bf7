"""The state of one interview, computed as a fold over its events.

`InterviewState.check(event)` says whether an event may happen now (raising `EngineError` with a
plain message); `apply(event)` folds an accepted event in. Replaying the stored events through
`apply` rebuilds exactly the state the interview had, so a crashed or reopened interview resumes
where it was. Branching is decided here, from the flow and the answers, never in the GUI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.core import conditions
from kiosk.core.errors import EngineError, FlowError
from kiosk.core.events import AFTER_CLOSE_KINDS, Event
from kiosk.core.flow import CONSENT_LAYERS, Flow, Node

ADULT_AGE = 18
MAX_FREE_TEXT = 10_000
REFERRAL_DECISIONS = ("suggested", "made", "declined", "not_needed")


@dataclass(frozen=True)
class AnswerRecord:
    """One answer state of a question, as given or as later corrected."""

    state: str  # answered | declined | dont_know | interrupted
    value: Any
    at: str
    seq: int
    corrected: bool = False
    reason: str = ""


@dataclass
class BreakRecord:
    node: str | None
    started: str
    ended: str | None = None


@dataclass
class InterviewState:
    flow: Flow
    language: str = "en"
    staff_language: str = "en"
    interpreter: dict[str, Any] = field(default_factory=dict)
    status: str = "new"  # new | open | on_break | stopped | finished
    current: str | None = None
    history: list[str] = field(default_factory=list)
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    answer_history: dict[str, list[AnswerRecord]] = field(default_factory=dict)
    consent: dict[str, str] = field(default_factory=dict)  # layer -> given|refused|withdrawn
    child: bool = True  # presumption of minority until an age of 18+ is known
    child_override: bool = False
    adult_override_reason: str = ""
    path_changes: list[dict[str, Any]] = field(default_factory=list)
    breaks: list[BreakRecord] = field(default_factory=list)
    break_offered_for: set[str] = field(default_factory=set)
    stops: list[dict[str, Any]] = field(default_factory=list)
    disclosures: list[dict[str, Any]] = field(default_factory=list)
    manual_indicators: list[dict[str, Any]] = field(default_factory=list)
    referral_decisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    reference: str | None = None
    last_seq: int = 0

    # ------------------------------------------------------------ queries

    @property
    def path(self) -> str:
        return "child" if self.child else "adult"

    @property
    def current_node(self) -> Node | None:
        return self.flow.node(self.current) if self.current else None

    @property
    def is_closed(self) -> bool:
        return self.status in ("stopped", "finished")

    def answer_state(self, name: str) -> str:
        record = self.answers.get(name)
        if record is not None:
            return record.state
        if self.status == "stopped" and name == self.current:
            return "interrupted"
        return "not_asked"

    def answer_value(self, name: str) -> Any:
        record = self.answers.get(name)
        return record.value if record else None

    def builtin(self, name: str) -> Any:
        if name == "sensitive":
            node = self.current_node
            return node is not None and node.sensitive
        return {"child": self.child, "path": self.path, "language": self.language}[name]

    def holds(self, condition: conditions.Expr) -> bool:
        return conditions.evaluate(condition, self)

    def wording(self, node: Node) -> str:
        return node.wording(self.child)

    def can_go_back(self) -> bool:
        return self.status == "open" and self._back_target() is not None

    def needs_break_offer(self) -> bool:
        """True when the flow's `break_before` holds for the question on screen and no break
        was offered for it yet."""
        node = self.current_node
        return (
            self.status == "open"
            and node is not None
            and node.is_question
            and node.id not in self.break_offered_for
            and node.id not in self.answers
            and self.holds(self.flow.policy.break_before.tree)
        )

    def paper_is_safe(self) -> bool:
        """The flow's `paper_is_safe`: the printed paper, else the discreet card (also when the
        flow does not say)."""
        condition = self.flow.policy.paper_is_safe
        return condition is not None and self.holds(condition.tree)

    def offers_take_away(self) -> bool:
        """The screen showing is one where staff may print or save the paper or card."""
        return self.current is not None and self.current in self.flow.policy.take_away_on

    def referral_hints(self) -> list[str]:
        """Services the flow's `referral_hints` suggest for these answers, in flow order."""
        return [h.service for h in self.flow.policy.referral_hints if self.holds(h.condition.tree)]

    def question_states(self) -> dict[str, str]:
        """Every answerable node's state, `not_asked` for those the path never reached."""
        return {node.id: self.answer_state(node.id) for node in self.flow.questions}

    def asked(self) -> list[str]:
        return [
            node_id for node_id, state in self.question_states().items() if state != "not_asked"
        ]

    # ------------------------------------------------------------ checking

    def check(self, event: Event) -> None:
        """Raise `EngineError` if `event` may not happen now. Messages hold no answer data."""
        kind, data = event.kind, event.data
        if kind == "started":
            if self.status != "new":
                raise EngineError("this interview has already started")
            return
        if self.status == "new":
            raise EngineError("the interview has not started")
        if self.is_closed and kind not in AFTER_CLOSE_KINDS:
            raise EngineError("the interview is closed; add a disclosure or a correction instead")
        if kind == "resumed":
            if self.status != "stopped":
                raise EngineError("only a stopped interview can be resumed")
            return
        if self.status == "on_break" and kind not in ("break_ended", "stopped"):
            raise EngineError("the interview is on a break; resume it first")
        checker = getattr(self, f"_check_{kind}", None)
        if checker is not None:
            checker(data)

    def _node_here(self, data: dict[str, Any]) -> Node:
        node = self.current_node
        if node is None:
            raise EngineError("there is no question on screen")
        if data.get("node") != node.id:
            raise EngineError("the answer is for a different screen than the one showing")
        return node

    def _check_answered(self, data: dict[str, Any]) -> None:
        node = self._node_here(data)
        if not node.is_answerable:
            raise EngineError("this screen takes no answer; continue instead")
        validate_value(node, data.get("value"))

    def _check_declined(self, data: dict[str, Any]) -> None:
        node = self._node_here(data)
        if not node.is_question:
            raise EngineError("only a question can be declined")

    def _check_dont_know(self, data: dict[str, Any]) -> None:
        node = self._node_here(data)
        if not node.is_question:
            raise EngineError("only a question can be answered with 'I don't know'")

    def _check_continued(self, data: dict[str, Any]) -> None:
        node = self._node_here(data)
        if node.is_answerable or node.kind == "end":
            raise EngineError("this screen needs an answer")

    def _check_back(self, data: dict[str, Any]) -> None:
        if self._back_target() is None:
            raise EngineError("there is no earlier question to go back to")

    def _check_break_started(self, data: dict[str, Any]) -> None:
        if self.status != "open":
            raise EngineError("a break can only start during the interview")

    def _check_break_ended(self, data: dict[str, Any]) -> None:
        if self.status != "on_break":
            raise EngineError("there is no break to end")

    def _check_break_offered(self, data: dict[str, Any]) -> None:
        self._node_here(data)

    def _check_consent_given(self, data: dict[str, Any]) -> None:
        if data.get("layer") not in CONSENT_LAYERS:
            raise EngineError("unknown consent layer")

    _check_consent_withdrawn = _check_consent_given

    def _check_path_switched(self, data: dict[str, Any]) -> None:
        target = data.get("to")
        if target not in ("child", "adult"):
            raise EngineError("the path can only switch to 'child' or 'adult'")
        if target == "adult" and not str(data.get("reason", "")).strip():
            raise EngineError("switching to the adult path needs a recorded staff reason")

    def _check_answer_corrected(self, data: dict[str, Any]) -> None:
        node_id = data.get("node")
        if not isinstance(node_id, str) or not self.flow.has(node_id):
            raise EngineError("there is no such question to correct")
        node = self.flow.node(node_id)
        if not node.is_answerable:
            raise EngineError("only a question's answer can be corrected")
        if not str(data.get("reason", "")).strip():
            raise EngineError("a correction needs a reason")
        state = data.get("state", "answered")
        if state not in ("answered", "declined", "dont_know"):
            raise EngineError("a correction sets the answer, 'declined' or 'dont_know'")
        if state == "answered":
            validate_value(node, data.get("value"))

    def _check_disclosure_added(self, data: dict[str, Any]) -> None:
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise EngineError("a disclosure needs some text")
        if len(text) > MAX_FREE_TEXT:
            raise EngineError(f"a disclosure can be at most {MAX_FREE_TEXT} characters")
        node_id = data.get("node")
        if node_id is not None and not self.flow.has(node_id):
            raise EngineError("the disclosure refers to an unknown question")

    def _check_indicator_noted(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("tag"), str) or not data["tag"]:
            raise EngineError("an indicator note needs an indicator")

    def _check_referral_decided(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("service"), str) or not data["service"]:
            raise EngineError("a referral decision needs a service")
        if data.get("decision") not in REFERRAL_DECISIONS:
            raise EngineError("a referral decision is one of " + ", ".join(REFERRAL_DECISIONS))

    def _check_language_changed(self, data: dict[str, Any]) -> None:
        if not isinstance(data.get("language"), str) or not data["language"]:
            raise EngineError("a language code is needed")

    # ------------------------------------------------------------ folding

    def apply(self, event: Event) -> None:
        """Fold one accepted event into the state."""
        handler = getattr(self, f"_apply_{event.kind}", None)
        if handler is not None:
            handler(event)
        self.last_seq = max(self.last_seq, event.seq)

    def _apply_started(self, event: Event) -> None:
        data = event.data
        self.language = data.get("language", self.flow.language)
        self.staff_language = data.get("staff_language", self.language)
        self.interpreter = dict(data.get("interpreter") or {})
        self.status = "open"
        self._enter(self._settle(self.flow.start))

    def _record(self, node_id: str, record: AnswerRecord) -> None:
        self.answers[node_id] = record
        self.answer_history.setdefault(node_id, []).append(record)

    def _apply_answer_state(self, event: Event, state: str) -> None:
        node = self.flow.node(event.data["node"])
        value = event.data.get("value") if state == "answered" else None
        self._record(node.id, AnswerRecord(state, value, event.at, event.seq))
        if node.consent:
            self.consent[node.consent] = "given" if value == "yes" else "refused"
        if self.flow.age_question == node.id:
            self._update_age_path(node, state, value)
        self._advance(node)

    def _apply_answered(self, event: Event) -> None:
        self._apply_answer_state(event, "answered")

    def _apply_declined(self, event: Event) -> None:
        self._apply_answer_state(event, "declined")

    def _apply_dont_know(self, event: Event) -> None:
        self._apply_answer_state(event, "dont_know")

    def _apply_continued(self, event: Event) -> None:
        self._advance(self.flow.node(event.data["node"]))

    def _apply_back(self, event: Event) -> None:
        target = self._back_target()
        if target is None:
            return
        while self.history and self.history[-1] != target:
            self.history.pop()
        self.current = target

    def _apply_break_offered(self, event: Event) -> None:
        self.break_offered_for.add(event.data["node"])

    def _apply_break_started(self, event: Event) -> None:
        self.status = "on_break"
        self.breaks.append(BreakRecord(self.current, event.at))

    def _apply_break_ended(self, event: Event) -> None:
        self.status = "open"
        if self.breaks and self.breaks[-1].ended is None:
            self.breaks[-1].ended = event.at

    def _apply_stopped(self, event: Event) -> None:
        if self.breaks and self.breaks[-1].ended is None:
            self.breaks[-1].ended = event.at
        self.status = "stopped"
        self.stops.append(
            {"at": event.at, "reason": event.data.get("reason", ""), "node": self.current}
        )

    def _apply_resumed(self, event: Event) -> None:
        self.status = "open"

    def _apply_language_changed(self, event: Event) -> None:
        self.language = event.data["language"]

    def _apply_consent_given(self, event: Event) -> None:
        self.consent[event.data["layer"]] = "given"

    def _apply_consent_withdrawn(self, event: Event) -> None:
        self.consent[event.data["layer"]] = "withdrawn"

    def _apply_path_switched(self, event: Event) -> None:
        target = event.data["to"]
        self.child = target == "child"
        self.child_override = self.child
        self.adult_override_reason = "" if self.child else event.data.get("reason", "")
        self.path_changes.append({"at": event.at, **event.data})

    def _apply_disclosure_added(self, event: Event) -> None:
        self.disclosures.append({"at": event.at, "seq": event.seq, **event.data})

    def _apply_answer_corrected(self, event: Event) -> None:
        data = event.data
        node = self.flow.node(data["node"])
        state = data.get("state", "answered")
        value = data.get("value") if state == "answered" else None
        self._record(
            node.id,
            AnswerRecord(state, value, event.at, event.seq, corrected=True, reason=data["reason"]),
        )
        if node.consent:
            self.consent[node.consent] = "given" if value == "yes" else "refused"
        if self.flow.age_question == node.id:
            self._update_age_path(node, state, value)

    def _apply_indicator_noted(self, event: Event) -> None:
        self.manual_indicators.append({"at": event.at, **event.data})

    def _apply_referral_decided(self, event: Event) -> None:
        self.referral_decisions[event.data["service"]] = {"at": event.at, **event.data}

    def _apply_reference_set(self, event: Event) -> None:
        self.reference = event.data.get("reference")

    # ------------------------------------------------------------ movement

    def _update_age_path(self, node: Node, state: str, value: Any) -> None:
        """Presumption of minority: only a stated age of 18 or more leads to the adult path."""
        if state == "answered" and isinstance(value, int | float) and value >= ADULT_AGE:
            if not self.child_override:
                self.child = False
        elif state == "answered":
            self.child = True  # a stated age under 18 outweighs any earlier adult switch
            self.adult_override_reason = ""
        elif not self.adult_override_reason:
            self.child = True

    def _enter(self, node_id: str) -> None:
        self.current = node_id
        self.history.append(node_id)
        if self.flow.node(node_id).kind == "end":
            self.status = "finished"

    def _advance(self, node: Node) -> None:
        self._enter(self._settle(self._choose_next(node)))

    def _choose_next(self, node: Node) -> str:
        for branch in node.branches:
            if self.holds(branch.condition.tree):
                return branch.goto
        target = self.flow.default_next(node)
        if target is None:
            raise FlowError(f"the flow has nowhere to go after '{node.id}'")
        return target

    def _settle(self, node_id: str) -> str:
        """Pass through section markers and nodes whose `when` is false."""
        for _ in range(len(self.flow.nodes) + 1):
            node = self.flow.node(node_id)
            if node.when is not None and not self.holds(node.when.tree):
                target = self.flow.default_next(node)
            elif node.kind == "section":
                target = self._choose_next(node)
            else:
                return node_id
            if target is None:
                raise FlowError(f"the flow has nowhere to go after '{node.id}'")
            node_id = target
        raise FlowError("the flow loops without showing anything")

    def _back_target(self) -> str | None:
        """The previous person-facing screen, if the person may go back to it."""
        for node_id in reversed(self.history[:-1]):
            node = self.flow.node(node_id)
            if node.audience == "staff":
                return None  # never lead the person back into the staff's screens
            return node_id
        return None

    # ------------------------------------------------------------ progress

    def section_progress(self) -> tuple[int, int, str]:
        """(index of current section, number of sections, its title) for a gentle progress cue."""
        count = self.flow.section_count
        section = self.flow.section_of(self.current) if self.current else None
        if section is None:
            return (0, count, "")
        return (self.flow.section_number(section.id), count, section.title)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def validate_value(node: Node, value: Any) -> None:
    """Raise `EngineError` if `value` is not a possible answer to `node` (never echoing it)."""
    allowed = node.allowed_values()
    if node.kind == "staff_check" or node.type == "multiple_choice":
        if not isinstance(value, list) or not all(item in allowed for item in value):
            raise EngineError("choose from the listed answers")
        if len(set(value)) != len(value):
            raise EngineError("an answer was chosen twice")
        return
    if node.type in ("yes_no", "single_choice"):
        if value not in allowed:
            raise EngineError("choose one of the listed answers")
        return
    if node.type in ("number", "age"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EngineError("the answer must be a number")
        low = node.min if node.min is not None else (0 if node.type == "age" else None)
        high = node.max if node.max is not None else (120 if node.type == "age" else None)
        if (low is not None and value < low) or (high is not None and value > high):
            raise EngineError("the number is outside the range this question accepts")
        return
    if node.type == "date":
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise EngineError("the date must be written as YYYY-MM-DD")
        try:
            date.fromisoformat(value)
        except ValueError:
            raise EngineError("that date does not exist") from None
        return
    if not isinstance(value, str) or not value.strip():
        raise EngineError("the answer is empty")
    if len(value) > MAX_FREE_TEXT:
        raise EngineError(f"the answer can be at most {MAX_FREE_TEXT} characters")


def fold(flow: Flow, events: list[Event]) -> InterviewState:
    """Rebuild an interview's state from its stored events."""
    state = InterviewState(flow=flow)
    for event in events:
        state.apply(event)
    return state
