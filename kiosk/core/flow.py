"""The typed model of an interview flow (see flows/README.md for the file format)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core import conditions
from kiosk.core.vocabulary import Audience, ConsentLayer, EndOutcome, NodeKind, QuestionType

NODE_KINDS = tuple(NodeKind)
QUESTION_TYPES = tuple(QuestionType)
CONSENT_LAYERS = tuple(ConsentLayer)
END_OUTCOMES = tuple(EndOutcome)
STAFF_KINDS = (NodeKind.STAFF_CHECK, NodeKind.STAFF_NOTE)
YES_NO_VALUES = ("yes", "no")
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
NUMBER_TYPES = (QuestionType.NUMBER, QuestionType.AGE)


@dataclass(frozen=True)
class Condition:
    """A parsed condition, kept with its source text for display."""

    source: str
    tree: conditions.Expr
    line: int = 0


@dataclass(frozen=True)
class Branch:
    condition: Condition
    goto: str
    line: int = 0


@dataclass(frozen=True)
class Option:
    value: str
    text: str
    child_text: str | None = None
    indicators: tuple[str, ...] = ()
    picture: str | None = None  # a pictogram of kiosk.core.pictograms shown with the words
    exclusive: bool = False  # multiple choice: "None of these" stands alone


@dataclass(frozen=True)
class CheckItem:
    id: str
    text: str


@dataclass(frozen=True)
class SafetyAlert:
    """A flow's safety alert: when `condition` holds, the interview pauses for staff."""

    id: str
    condition: Condition
    reason: str  # staff-facing, in the flow's source language (translated by catalog)
    line: int = 0


@dataclass(frozen=True)
class ReferralHint:
    """An extra "consider referral to" service when `condition` holds."""

    service: str
    condition: Condition
    line: int = 0


# Today's rule, and the default: offer a break before each question marked `sensitive: true`.
DEFAULT_BREAK_BEFORE = Condition("sensitive", conditions.parse("sensitive"))


@dataclass(frozen=True)
class Policy:
    """The flow-specific rules the kiosk session follows (the flow's `policy:` block).

    The kiosk names no node of a shipped flow: which node is the safety check, when paper is
    safe, which answers alert staff, which questions get a break offer all come from here.
    """

    safety_check: str | None = None  # the staff_check opening every interview and resume
    safe_to_start: Condition | None = None  # over the check; None: any answer passes
    not_ready: str | None = None  # staff_note shown when the check does not pass
    paper_is_safe: Condition | None = None  # None: the discreet card (the careful choice)
    take_away_on: tuple[str, ...] = ()  # screens offering the rights paper / card to staff
    break_before: Condition = DEFAULT_BREAK_BEFORE
    safety_alerts: tuple[SafetyAlert, ...] = ()
    referral_hints: tuple[ReferralHint, ...] = ()
    # when self-incriminating answers may be shared (None: never)
    share_self_incriminating: Condition | None = None
    line: int = 0

    def alert(self, alert_id: str) -> SafetyAlert | None:
        return next((alert for alert in self.safety_alerts if alert.id == alert_id), None)

    def conditions(self) -> list[tuple[str, Condition]]:
        """Every condition of the policy with the field it belongs to (for checking)."""
        found: list[tuple[str, Condition]] = []
        for name, condition in (
            ("safe_to_start", self.safe_to_start),
            ("paper_is_safe", self.paper_is_safe),
            ("break_before", self.break_before),
            ("share_self_incriminating", self.share_self_incriminating),
        ):
            if condition is not None:
                found.append((name, condition))
        found.extend(("safety_alerts", alert.condition) for alert in self.safety_alerts)
        found.extend(("referral_hints", hint.condition) for hint in self.referral_hints)
        return found


@dataclass(frozen=True)
class Node:
    id: str
    kind: NodeKind
    line: int = 0
    text: str = ""
    child_text: str | None = None
    title: str = ""
    when: Condition | None = None
    next: str | None = None
    branches: tuple[Branch, ...] = ()
    help: str | None = None
    interpreter_note: str | None = None
    # questions
    type: QuestionType | None = None
    options: tuple[Option, ...] = ()
    sensitive: bool = False
    indicators: tuple[str, ...] = ()
    notes_when: Condition | None = None
    consent: ConsentLayer | None = None
    # a `consent: referral` question asks consent to share with these service kinds (content
    # SERVICE_KINDS): one recipient at a time, so consent to share is given per recipient
    recipients: tuple[str, ...] = ()
    # an answer that could expose the person to punishment (unlawful acts, selling sex): left
    # out of anything shared unless the policy's `share_self_incriminating` holds
    self_incriminating: bool = False
    min: float | None = None
    max: float | None = None
    dont_know: bool = True
    # staff checks
    items: tuple[CheckItem, ...] = ()
    # end
    outcome: EndOutcome = EndOutcome.COMPLETED

    @property
    def is_question(self) -> bool:
        return self.kind is NodeKind.QUESTION

    @property
    def is_answerable(self) -> bool:
        """Nodes whose answer is recorded: questions and staff checklists."""
        return self.kind in (NodeKind.QUESTION, NodeKind.STAFF_CHECK)

    @property
    def takes_list(self) -> bool:
        """The answer is a list of chosen values (multiple choice, staff checklist)."""
        return self.kind is NodeKind.STAFF_CHECK or self.type is QuestionType.MULTIPLE_CHOICE

    @property
    def audience(self) -> Audience:
        return Audience.STAFF if self.kind in STAFF_KINDS else Audience.PERSON

    def wording(self, child: bool) -> str:
        if child and self.child_text:
            return self.child_text
        return self.text or self.title

    def option(self, value: str) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None

    def allowed_values(self) -> tuple[str, ...]:
        if self.type is QuestionType.YES_NO:
            return YES_NO_VALUES
        if self.kind is NodeKind.STAFF_CHECK:
            return tuple(item.id for item in self.items)
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Flow:
    id: str
    version: int
    title: str
    nodes: tuple[Node, ...]
    description: str = ""
    language: str = "en"
    child_wording: str = "optional"
    age_question: str | None = None
    start: str = ""
    path: str = ""
    policy: Policy = field(default_factory=Policy)
    _index: dict[str, int] = field(default_factory=dict, init=False, compare=False, repr=False)

    _sections: dict[str, Node | None] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    _section_numbers: dict[str, int] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self._index.update({node.id: position for position, node in enumerate(self.nodes)})
        # The nearest section marker above each node, worked out once (asked on every screen).
        section: Node | None = None
        for node in self.nodes:
            if node.kind is NodeKind.SECTION:
                section = node
                self._section_numbers[node.id] = len(self._section_numbers) + 1
            self._sections[node.id] = section

    def node(self, node_id: str) -> Node:
        return self.nodes[self._index[node_id]]

    def has(self, node_id: str) -> bool:
        return node_id in self._index

    def position(self, node_id: str) -> int:
        return self._index[node_id]

    def following(self, node_id: str) -> str | None:
        """The node written directly below `node_id`, if any."""
        position = self._index[node_id] + 1
        return self.nodes[position].id if position < len(self.nodes) else None

    def default_next(self, node: Node) -> str | None:
        return node.next if node.next is not None else self.following(node.id)

    def successors(self, node: Node) -> list[str]:
        """Every node that may follow `node`, whatever the answers."""
        if node.kind is NodeKind.END:
            return []
        targets = [branch.goto for branch in node.branches]
        default = self.default_next(node)
        if default is not None:
            targets.append(default)
        return targets

    @property
    def questions(self) -> list[Node]:
        return [node for node in self.nodes if node.is_answerable]

    def sections(self) -> list[Node]:
        return [node for node in self.nodes if node.kind is NodeKind.SECTION]

    def section_of(self, node_id: str) -> Node | None:
        """The nearest section marker written above `node_id`."""
        return self._sections[node_id]

    def section_number(self, section_id: str) -> int:
        """1-based position of a section marker among the flow's sections."""
        return self._section_numbers[section_id]

    @property
    def section_count(self) -> int:
        return len(self._section_numbers)
