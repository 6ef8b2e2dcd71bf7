"""The rules of one interview: what may happen now, and what follows, as a fold over events.

`InterviewState.check(event)` says whether an event may happen now (raising `EngineError` with a
plain message); `apply(event)` folds an accepted event in. Replaying the stored events through
`apply` rebuilds exactly the state the interview had, so a crashed or reopened interview resumes
where it was. Branching is decided here, from the flow and the answers, never in the GUI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, assert_never

from kiosk.core import conditions
from kiosk.core.errors import EngineError, FlowError
from kiosk.core.events import AFTER_CLOSE_KINDS, Event, EventKind
from kiosk.core.flow import CONSENT_LAYERS, NUMBER_TYPES, Flow, Node, SafetyAlert
from kiosk.core.organisation import NOT_SET
from kiosk.core.vocabulary import (
    AlertAction,
    AnswerState,
    Audience,
    ConsentStatus,
    InterviewStatus,
    NodeKind,
    PathKind,
    QuestionType,
    ReferralDecision,
)

ADULT_AGE = 18
MAX_FREE_TEXT = 10_000
REFERRAL_DECISIONS = tuple(ReferralDecision)
# What a person's answer event records, by kind.
ANSWER_EVENTS = {
    EventKind.ANSWERED: AnswerState.ANSWERED,
    EventKind.DECLINED: AnswerState.DECLINED,
    EventKind.DONT_KNOW: AnswerState.DONT_KNOW,
}
CORRECTABLE_STATES = (AnswerState.ANSWERED, AnswerState.DECLINED, AnswerState.DONT_KNOW)


@dataclass(frozen=True)
class AnswerRecord:
    """One answer state of a question, as given or as later corrected."""

    state: AnswerState  # answered | declined | dont_know | covered
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


class _Lookup:
    """The answers a `safe_to_start` condition sees before the interview exists: the check."""

    def __init__(self, node_id: str, checked: Sequence[str]) -> None:
        self.node_id = node_id
        self.checked = list(checked)

    def answer_state(self, name: str) -> str:
        return AnswerState.ANSWERED if name == self.node_id else AnswerState.NOT_ASKED

    def answer_value(self, name: str) -> Any:
        return self.checked if name == self.node_id else None

    def builtin(self, name: str) -> Any:
        return {
            "child": True,
            "path": PathKind.CHILD,
            "language": "",
            "sensitive": False,
            "organisation": NOT_SET,
        }[name]


def safety_check_passes(flow: Flow, checked: Sequence[str]) -> bool:
    """Would the flow's safety check, answered with `checked`, let the person's part begin?"""
    policy = flow.policy
    if policy.safety_check is None or policy.safe_to_start is None:
        return True
    return conditions.evaluate(policy.safe_to_start.tree, _Lookup(policy.safety_check, checked))


@dataclass
class InterviewState:
    flow: Flow
    language: str = "en"
    staff_language: str = "en"
    interpreter: dict[str, Any] = field(default_factory=dict)
    listen_only: bool = False  # staff chose at setup: the person listens, staff press the answers
    organisation: str = NOT_SET  # who ran the interview (kiosk.core.organisation)
    status: InterviewStatus = InterviewStatus.NEW
    current: str | None = None
    history: list[str] = field(default_factory=list)
    answers: dict[str, AnswerRecord] = field(default_factory=dict)
    answer_history: dict[str, list[AnswerRecord]] = field(default_factory=dict)
    consent: dict[str, ConsentStatus] = field(default_factory=dict)  # layer -> status
    child: bool = True  # presumption of minority until an age of 18+ is known
    child_override: bool = False
    adult_override_reason: str = ""
    path_changes: list[dict[str, Any]] = field(default_factory=list)
    breaks: list[BreakRecord] = field(default_factory=list)
    break_offered_for: set[str] = field(default_factory=set)
    stops: list[dict[str, Any]] = field(default_factory=list)
    resumes: list[dict[str, Any]] = field(default_factory=list)
    disclosures: list[dict[str, Any]] = field(default_factory=list)
    manual_indicators: list[dict[str, Any]] = field(default_factory=list)
    referral_decisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    alerts_raised: list[str] = field(default_factory=list)  # in the order they fired
    alerts_pending: list[str] = field(default_factory=list)  # fired, not yet seen by staff
    reference: str | None = None
    last_seq: int = 0

    # ------------------------------------------------------------ queries

    @property
    def path(self) -> PathKind:
        return PathKind.CHILD if self.child else PathKind.ADULT

    @property
    def current_node(self) -> Node | None:
        return self.flow.node(self.current) if self.current else None

    @property
    def is_closed(self) -> bool:
        return self.status in (InterviewStatus.STOPPED, InterviewStatus.FINISHED)

    def answer_state(self, name: str) -> AnswerState:
        record = self.answers.get(name)
        if record is not None:
            return record.state
        if self.status is InterviewStatus.STOPPED and name == self.current:
            return AnswerState.INTERRUPTED
        return AnswerState.NOT_ASKED

    def answer_value(self, name: str) -> Any:
        record = self.answers.get(name)
        return record.value if record else None

    def builtin(self, name: str) -> Any:
        if name == "sensitive":
            node = self.current_node
            return node is not None and node.sensitive
        return {
            "child": self.child,
            "path": self.path,
            "language": self.language,
            "organisation": self.organisation,
        }[name]

    def holds(self, condition: conditions.Expr) -> bool:
        return conditions.evaluate(condition, self)

    def wording(self, node: Node) -> str:
        return node.wording(self.child)

    @property
    def age_known(self) -> bool:
        """The path is settled: the age question was answered (or declined, or not known), or
        staff chose the path. Until then (and throughout a flow that asks no age) nobody is
        addressed as a child or as an adult (kiosk.core.i18n.register: neutral wording)."""
        age = self.flow.age_question
        return (age is not None and age in self.answers) or bool(self.path_changes)

    def can_go_back(self) -> bool:
        return self.status is InterviewStatus.OPEN and self._back_target() is not None

    def needs_break_offer(self) -> bool:
        """True when the flow's `break_before` holds for the question on screen and no break
        was offered for it yet."""
        node = self.current_node
        return (
            self.status is InterviewStatus.OPEN
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

    def due_alerts(self) -> list[str]:
        """Safety alerts whose condition now holds and that have not fired yet."""
        if self.status is not InterviewStatus.OPEN:
            return []
        return [
            alert.id
            for alert in self.flow.policy.safety_alerts
            if alert.id not in self.alerts_raised and self.holds(alert.condition.tree)
        ]

    def pending_alerts(self) -> list[SafetyAlert]:
        """The alerts staff have not seen yet, with their reasons."""
        found = (self.flow.policy.alert(alert_id) for alert_id in self.alerts_pending)
        return [alert for alert in found if alert is not None]

    def coverable(self) -> list[Node]:
        """Questions still ahead that staff may mark as already told in the person's story."""
        if self.status is not InterviewStatus.OPEN:
            return []
        return [
            node
            for node in self.flow.nodes
            if node.is_question
            and node.consent is None
            and node.id not in self.answers
            and node.id != self.flow.age_question
            and node.id != self.current
        ]

    def question_states(self) -> dict[str, AnswerState]:
        """Every answerable node's state, `not_asked` for those the path never reached."""
        return {node.id: self.answer_state(node.id) for node in self.flow.questions}

    def asked(self) -> list[str]:
        return [
            node_id
            for node_id, state in self.question_states().items()
            if state is not AnswerState.NOT_ASKED
        ]

    # ------------------------------------------------------------ checking

    def check(self, event: Event) -> None:
        """Raise `EngineError` if `event` may not happen now. Messages hold no answer data."""
        kind, data = event.kind, event.data
        if kind is EventKind.STARTED:
            if self.status is not InterviewStatus.NEW:
                raise EngineError("this interview has already started")
            return
        if self.status is InterviewStatus.NEW:
            raise EngineError("the interview has not started")
        if self.is_closed and kind not in AFTER_CLOSE_KINDS:
            raise EngineError("the interview is closed; add a disclosure or a correction instead")
        if self.status is InterviewStatus.ON_BREAK and kind not in (
            EventKind.BREAK_ENDED,
            EventKind.STOPPED,
            EventKind.RESUMED,
        ):
            raise EngineError("the interview is on a break; resume it first")
        if self.status is InterviewStatus.ON_HOLD and kind not in (
            EventKind.ALERT_HANDLED,
            EventKind.RESUMED,
        ):
            raise EngineError("a safety alert is waiting for staff")
        match kind:
            case EventKind.ANSWERED:
                node = self._node_here(data)
                if not node.is_answerable:
                    raise EngineError("this screen takes no answer; continue instead")
                validate_value(node, data.get("value"))
            case EventKind.DECLINED:
                if not self._node_here(data).is_question:
                    raise EngineError("only a question can be declined")
            case EventKind.DONT_KNOW:
                if not self._node_here(data).is_question:
                    raise EngineError("only a question can be answered with 'I don't know'")
            case EventKind.CONTINUED:
                node = self._node_here(data)
                if node.is_answerable or node.kind is NodeKind.END:
                    raise EngineError("this screen needs an answer")
            case EventKind.BACK:
                if self._back_target() is None:
                    raise EngineError("there is no earlier question to go back to")
            case EventKind.BREAK_OFFERED:
                self._node_here(data)
            case EventKind.BREAK_STARTED:
                if self.status is not InterviewStatus.OPEN:
                    raise EngineError("a break can only start during the interview")
            case EventKind.BREAK_ENDED:
                if self.status is not InterviewStatus.ON_BREAK:
                    raise EngineError("there is no break to end")
            case EventKind.RESUMED:
                if self.status is InterviewStatus.FINISHED:
                    raise EngineError("a finished interview cannot be resumed; review it instead")
                self._check_resume(data)
            case EventKind.CONSENT_GIVEN | EventKind.CONSENT_WITHDRAWN:
                if data.get("layer") not in CONSENT_LAYERS:
                    raise EngineError("unknown consent layer")
            case EventKind.PATH_SWITCHED:
                self._check_path_switched(data)
            case EventKind.ANSWER_CORRECTED:
                self._check_answer_corrected(data)
            case EventKind.DISCLOSURE_ADDED:
                self._check_disclosure_added(data)
            case EventKind.INDICATOR_NOTED:
                if not isinstance(data.get("tag"), str) or not data["tag"]:
                    raise EngineError("an indicator note needs an indicator")
            case EventKind.REFERRAL_DECIDED:
                if not isinstance(data.get("service"), str) or not data["service"]:
                    raise EngineError("a referral decision needs a service")
                if data.get("decision") not in REFERRAL_DECISIONS:
                    raise EngineError(
                        "a referral decision is one of " + ", ".join(REFERRAL_DECISIONS)
                    )
            case EventKind.LANGUAGE_CHANGED:
                if not isinstance(data.get("language"), str) or not data["language"]:
                    raise EngineError("a language code is needed")
            case EventKind.SAFETY_ALERT:
                if self.status is not InterviewStatus.OPEN:
                    raise EngineError("a safety alert fires only during the interview")
                alerts = data.get("alerts")
                if not isinstance(alerts, list) or not alerts:
                    raise EngineError("a safety alert names the flow's alerts")
                if any(self.flow.policy.alert(a) is None for a in alerts):
                    raise EngineError("the flow has no such safety alert")
            case EventKind.ALERT_HANDLED:
                if self.status is not InterviewStatus.ON_HOLD:
                    raise EngineError("no safety alert is waiting")
                if data.get("action") not in tuple(AlertAction):
                    raise EngineError("after an alert staff continue, take a break or stop")
            case EventKind.QUESTIONS_COVERED:
                self._check_covered(data)
            case EventKind.STOPPED | EventKind.REFERENCE_SET | EventKind.STARTED:
                pass
            case _:
                assert_never(kind)

    def _node_here(self, data: dict[str, Any]) -> Node:
        node = self.current_node
        if node is None:
            raise EngineError("there is no question on screen")
        if data.get("node") != node.id:
            raise EngineError("the answer is for a different screen than the one showing")
        return node

    def _check_resume(self, data: dict[str, Any]) -> None:
        checked = data.get("check")
        if checked is None:
            return
        check_id = self.flow.policy.safety_check
        if check_id is None:
            raise EngineError("this flow has no safety check")
        validate_value(self.flow.node(check_id), checked)
        if not safety_check_passes(self.flow, checked):
            raise EngineError("the safety check did not pass; the interview stays as it was")

    def _check_path_switched(self, data: dict[str, Any]) -> None:
        target = data.get("to")
        if target not in tuple(PathKind):
            raise EngineError("the path can only switch to 'child' or 'adult'")
        if target == PathKind.ADULT and not str(data.get("reason", "")).strip():
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
        state = data.get("state", AnswerState.ANSWERED)
        if state not in CORRECTABLE_STATES:
            raise EngineError("a correction sets the answer, 'declined' or 'dont_know'")
        if state == AnswerState.ANSWERED:
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

    def _check_covered(self, data: dict[str, Any]) -> None:
        nodes = data.get("nodes")
        if not isinstance(nodes, list) or not nodes:
            raise EngineError("mark at least one question as already covered")
        allowed = {node.id for node in self.coverable()}
        if any(node_id not in allowed for node_id in nodes):
            raise EngineError(
                "only questions still ahead (not consent or age) can be marked as covered"
            )

    # ------------------------------------------------------------ folding

    def apply(self, event: Event) -> None:
        """Fold one accepted event into the state."""
        data = event.data
        match event.kind:
            case EventKind.STARTED:
                self.language = data.get("language", self.flow.language)
                self.staff_language = data.get("staff_language", self.language)
                self.interpreter = dict(data.get("interpreter") or {})
                self.listen_only = bool(data.get("listen_only", False))
                self.organisation = str(data.get("organisation") or NOT_SET)
                self.status = InterviewStatus.OPEN
                self._enter(self._settle(self.flow.start))
            case EventKind.ANSWERED | EventKind.DECLINED | EventKind.DONT_KNOW:
                self._apply_answer(event, ANSWER_EVENTS[event.kind])
            case EventKind.CONTINUED:
                self._advance(self.flow.node(data["node"]))
            case EventKind.BACK:
                self._go_back()
            case EventKind.BREAK_OFFERED:
                self.break_offered_for.add(data["node"])
            case EventKind.BREAK_STARTED:
                self.status = InterviewStatus.ON_BREAK
                self.breaks.append(BreakRecord(self.current, event.at))
            case EventKind.BREAK_ENDED:
                self.status = InterviewStatus.OPEN
                self._end_break(event.at)
            case EventKind.STOPPED:
                self._end_break(event.at)
                self.status = InterviewStatus.STOPPED
                self.stops.append(
                    {"at": event.at, "reason": data.get("reason", ""), "node": self.current}
                )
            case EventKind.RESUMED:
                self._apply_resumed(event)
            case EventKind.LANGUAGE_CHANGED:
                self.language = data["language"]
            case EventKind.CONSENT_GIVEN:
                self.consent[data["layer"]] = ConsentStatus.GIVEN
            case EventKind.CONSENT_WITHDRAWN:
                self.consent[data["layer"]] = ConsentStatus.WITHDRAWN
            case EventKind.PATH_SWITCHED:
                self.child = data["to"] == PathKind.CHILD
                self.child_override = self.child
                self.adult_override_reason = "" if self.child else data.get("reason", "")
                self.path_changes.append({"at": event.at, **data})
                self._resettle()
            case EventKind.DISCLOSURE_ADDED:
                self.disclosures.append({"at": event.at, "seq": event.seq, **data})
            case EventKind.ANSWER_CORRECTED:
                self._apply_corrected(event)
            case EventKind.INDICATOR_NOTED:
                self.manual_indicators.append({"at": event.at, **data})
            case EventKind.REFERRAL_DECIDED:
                self.referral_decisions[data["service"]] = {"at": event.at, **data}
            case EventKind.REFERENCE_SET:
                self.reference = data.get("reference")
            case EventKind.SAFETY_ALERT:
                fired = [a for a in data.get("alerts", []) if a not in self.alerts_raised]
                self.alerts_raised.extend(fired)
                self.alerts_pending.extend(fired)
                if self.status is InterviewStatus.OPEN:
                    self.status = InterviewStatus.ON_HOLD
            case EventKind.ALERT_HANDLED:
                self.alerts_pending.clear()
                self.status = InterviewStatus.OPEN
            case EventKind.QUESTIONS_COVERED:
                for node_id in data.get("nodes", []):
                    self._record(
                        node_id, AnswerRecord(AnswerState.COVERED, None, event.at, event.seq)
                    )
            case _:
                assert_never(event.kind)
        self.last_seq = max(self.last_seq, event.seq)

    def _record(self, node_id: str, record: AnswerRecord) -> None:
        self.answers[node_id] = record
        self.answer_history.setdefault(node_id, []).append(record)

    def _set_consent(self, node: Node, value: Any) -> None:
        """A consent question's answer sets its layer. Consent to share is asked one recipient
        at a time: the layer is given while any recipient question is answered yes."""
        layer = node.consent
        if layer is None:
            return
        if not node.recipients:
            self.consent[layer] = ConsentStatus.GIVEN if value == "yes" else ConsentStatus.REFUSED
            return
        anyone = any(
            other.recipients
            and other.consent == layer
            and self.answer_state(other.id) is AnswerState.ANSWERED
            and self.answer_value(other.id) == "yes"
            for other in self.flow.questions
        )
        self.consent[layer] = ConsentStatus.GIVEN if anyone else ConsentStatus.REFUSED

    def _resettle(self) -> None:
        """After a path switch the screen showing may not belong to the new path (an adult
        question when staff mark a child): move on to the next screen the new path shows, never
        ask it."""
        node = self.current_node
        live = (InterviewStatus.OPEN, InterviewStatus.ON_BREAK, InterviewStatus.ON_HOLD)
        if self.status in live and node is not None and node.when is not None:
            if not self.holds(node.when.tree):
                self._enter(self._settle(node.id))

    def _apply_answer(self, event: Event, state: AnswerState) -> None:
        node = self.flow.node(event.data["node"])
        value = event.data.get("value") if state is AnswerState.ANSWERED else None
        self._record(node.id, AnswerRecord(state, value, event.at, event.seq))
        self._set_consent(node, value)
        if self.flow.age_question == node.id:
            self._update_age_path(state, value)
        self._advance(node)

    def _apply_corrected(self, event: Event) -> None:
        data = event.data
        node = self.flow.node(data["node"])
        state = AnswerState(data.get("state", AnswerState.ANSWERED))
        value = data.get("value") if state is AnswerState.ANSWERED else None
        self._record(
            node.id,
            AnswerRecord(state, value, event.at, event.seq, corrected=True, reason=data["reason"]),
        )
        self._set_consent(node, value)
        if self.flow.age_question == node.id:
            self._update_age_path(state, value)

    def _apply_resumed(self, event: Event) -> None:
        """A stored interview goes on, after a fresh safety check where the flow has one."""
        self._end_break(event.at)
        checked = event.data.get("check")
        check_id = self.flow.policy.safety_check
        if checked is not None and check_id is not None:
            self._record(
                check_id, AnswerRecord(AnswerState.ANSWERED, list(checked), event.at, event.seq)
            )
        self.resumes.append({"at": event.at, "check": checked})
        self.status = InterviewStatus.ON_HOLD if self.alerts_pending else InterviewStatus.OPEN

    def _end_break(self, at: str) -> None:
        if self.breaks and self.breaks[-1].ended is None:
            self.breaks[-1].ended = at

    # ------------------------------------------------------------ movement

    def _update_age_path(self, state: AnswerState, value: Any) -> None:
        """Presumption of minority: only a stated age of 18 or more leads to the adult path."""
        answered = state is AnswerState.ANSWERED
        if answered and isinstance(value, int | float) and value >= ADULT_AGE:
            if not self.child_override:
                self.child = False
        elif answered:
            self.child = True  # a stated age under 18 outweighs any earlier adult switch
            self.adult_override_reason = ""
        elif not self.adult_override_reason:
            self.child = True

    def _enter(self, node_id: str) -> None:
        self.current = node_id
        self.history.append(node_id)
        if self.flow.node(node_id).kind is NodeKind.END:
            self.status = InterviewStatus.FINISHED

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

    def _skipped(self, node: Node) -> bool:
        """A false `when`, or a question staff marked as already told in the person's story."""
        if node.when is not None and not self.holds(node.when.tree):
            return True
        return self.answer_state(node.id) is AnswerState.COVERED

    def _settle(self, node_id: str) -> str:
        """Pass through section markers and skipped nodes."""
        for _ in range(len(self.flow.nodes) + 1):
            node = self.flow.node(node_id)
            target: str | None
            if self._skipped(node):
                target = self.flow.default_next(node)
            elif node.kind is NodeKind.SECTION:
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
            if node.audience is Audience.STAFF:
                return None  # never lead the person back into the staff's screens
            return node_id
        return None

    def _go_back(self) -> None:
        target = self._back_target()
        if target is None:
            return
        while self.history and self.history[-1] != target:
            self.history.pop()
        self.current = target

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
    """Raise `EngineError` if `value` is not a possible answer to `node` (never echoing it).

    The one place for answer-type rules; the window's entry fields and the review's
    corrections follow it."""
    allowed = node.allowed_values()
    if node.takes_list:
        if not isinstance(value, list) or not all(item in allowed for item in value):
            raise EngineError("choose from the listed answers")
        if len(set(value)) != len(value):
            raise EngineError("an answer was chosen twice")
        alone = {option.value for option in node.options if option.exclusive}
        if len(value) > 1 and alone.intersection(value):
            raise EngineError("'none of these' cannot be chosen together with other answers")
        return
    match node.type:
        case QuestionType.YES_NO | QuestionType.SINGLE_CHOICE:
            if value not in allowed:
                raise EngineError("choose one of the listed answers")
        case QuestionType.NUMBER | QuestionType.AGE:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise EngineError("the answer must be a number")
            low, high = number_range(node)
            if (low is not None and value < low) or (high is not None and value > high):
                raise EngineError("the number is outside the range this question accepts")
        case QuestionType.DATE:
            if not isinstance(value, str) or not _DATE.fullmatch(value):
                raise EngineError("the date must be written as YYYY-MM-DD")
            try:
                date.fromisoformat(value)
            except ValueError:
                raise EngineError("that date does not exist") from None
        case QuestionType.FREE_TEXT | QuestionType.MULTIPLE_CHOICE | None:
            if not isinstance(value, str) or not value.strip():
                raise EngineError("the answer is empty")
            if len(value) > MAX_FREE_TEXT:
                raise EngineError(f"the answer can be at most {MAX_FREE_TEXT} characters")
        case _:
            assert_never(node.type)


AGE_RANGE = (0, 120)


def number_range(node: Node) -> tuple[float | None, float | None]:
    """The allowed range of a number or age question (an age is 0-120 unless the flow says)."""
    if node.type not in NUMBER_TYPES:
        return (None, None)
    age = node.type is QuestionType.AGE
    low = node.min if node.min is not None else (AGE_RANGE[0] if age else None)
    high = node.max if node.max is not None else (AGE_RANGE[1] if age else None)
    return (low, high)


class RecordDoesNotFitFlow(EngineError):
    """The stored events name something this copy of the flow lacks: the interview was
    recorded with another copy of the flow with the same id and version."""

    def __init__(self, flow: Flow, name: str) -> None:
        super().__init__(
            f"This interview was recorded with another copy of flow '{flow.id}' "
            f"v{flow.version}: it names '{name}', which this copy does not have. "
            "Nothing was changed."
        )
        self.name = name


def fold(flow: Flow, events: list[Event]) -> InterviewState:
    """Rebuild an interview's state from its stored events."""
    state = InterviewState(flow=flow)
    for event in events:
        try:
            state.apply(event)
        except KeyError as error:  # a node, item or field the events name is not there
            raise RecordDoesNotFitFlow(flow, str(error.args[0]) if error.args else "?") from None
    return state
