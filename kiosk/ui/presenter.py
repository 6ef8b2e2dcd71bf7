"""Turn the engine's `Screen` into the words a screen shows, in the right language.

Qt-free on purpose: the question screen, the interpreter view and the tests share one
view model. Every UI string goes through `loc.ui`, every flow text through `loc.content`.
Flow texts are asked for in the register of the reader (`kiosk.core.i18n.register.wording`):
neutral before the age is known, then child or adult; staff screens in the staff register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.core.flow import Flow, Node, SafetyAlert
from kiosk.core.i18n.register import Register, wording, wording_key
from kiosk.core.interview import Screen
from kiosk.core.interview_rules import AnswerRecord, number_range
from kiosk.core.localizer import Localized, Localizer, alert_item, flow_key
from kiosk.core.numerals import in_digits


@dataclass(frozen=True)
class Choice:
    value: str
    text: str
    picture: str | None = None  # a pictogram name (kiosk.core.pictograms)
    exclusive: bool = False  # "None of these": chosen alone


@dataclass(frozen=True)
class QuestionView:
    node_id: str
    kind: str  # info | question | staff_check | staff_note | end
    type: str | None
    language: str
    text: str
    text_key: str
    status: str  # translation status of the main text
    help: str
    choices: tuple[Choice, ...]
    dont_know: bool
    can_go_back: bool
    child: bool
    progress: str
    section_index: int
    section_count: int
    minimum: float | None
    maximum: float | None
    interpreter_note: str
    earlier_state: str | None = None  # the answer given before Back (shown chosen again)
    earlier_value: Any = None

    @property
    def machine(self) -> bool:
        return self.status == "machine"


def reader_register(node: Node, register: Register) -> Register:
    """Staff screens are always in the staff register; the person's follow the interview."""
    return Register.STAFF if node.audience == "staff" else register


def _node_key(flow: Flow, item: str) -> Callable[[str], str]:
    """The catalog context of one of `item`'s fields, by field name (`text`, `child_help`)."""
    return lambda name: flow_key(flow.id, item, name)


def node_wording(
    loc: Localizer, flow: Flow, node: Node, language: str, register: Register
) -> Localized:
    """A node's main text for a reader in `register`."""
    register = reader_register(node, register)
    key = _node_key(flow, node.id)
    return wording(loc, language, key, "text", register, node.text or node.title, node.child_text)


def node_text(loc: Localizer, flow: Flow, node: Node, language: str, child: bool) -> Localized:
    """A node's main text on a path already known (staff lists, setup): child or adult."""
    return node_wording(loc, flow, node, language, Register.CHILD if child else Register.ADULT)


def choices(
    loc: Localizer, flow: Flow, node: Node, language: str, register: Register
) -> list[Choice]:
    if node.kind == "staff_check":
        return [
            Choice(
                item.id,
                loc.content(
                    language, flow_key(flow.id, f"{node.id}.{item.id}", "text"), item.text
                ).text,
            )
            for item in node.items
        ]
    if node.type == "yes_no":
        return [
            Choice("yes", loc.ui("Yes", language=language)),
            Choice("no", loc.ui("No", language=language)),
        ]
    register = reader_register(node, register)
    return [
        Choice(
            option.value,
            wording(
                loc,
                language,
                _node_key(flow, f"{node.id}.{option.value}"),
                "text",
                register,
                option.text,
                option.child_text,
            ).text,
            option.picture,
            option.exclusive,
        )
        for option in node.options
    ]


def alert_reason(loc: Localizer, flow: Flow, alert: SafetyAlert, language: str) -> Localized:
    """A safety alert's reason, in the staff's language."""
    return loc.content(language, flow_key(flow.id, alert_item(alert.id), "reason"), alert.reason)


def question_view(
    loc: Localizer,
    flow: Flow,
    screen: Screen,
    language: str,
    earlier: AnswerRecord | None = None,
) -> QuestionView:
    """What the screen shows; `earlier` is this question's stored answer (after Back)."""
    node = screen.node
    if node is None:
        raise ValueError("no node on screen")
    register = reader_register(node, screen.register)
    main = node_wording(loc, flow, node, language, register)
    help_text = ""
    if node.help:
        key = _node_key(flow, node.id)
        help_text = wording(loc, language, key, "help", register, node.help).text
    progress = ""
    if screen.section_count:
        title = ""
        section = flow.section_of(node.id)
        if section is not None:
            title = loc.content(
                language, flow_key(flow.id, section.id, "title"), section.title
            ).text
        progress = loc.ui(
            "Part {index} of {count}: {title}",
            language=language,
            index=in_digits(screen.section_index, language),
            count=in_digits(screen.section_count, language),
            title=title,
        )
    return QuestionView(
        node_id=node.id,
        kind=node.kind,
        type=node.type,
        language=language,
        text=main.text,
        text_key=wording_key(_node_key(flow, node.id), "text", register),
        status=main.status,
        help=help_text,
        choices=tuple(choices(loc, flow, node, language, register)),
        dont_know=node.is_question and node.dont_know,
        can_go_back=screen.can_go_back,
        child=screen.child,
        progress=progress,
        section_index=screen.section_index,
        section_count=screen.section_count,
        minimum=number_range(node)[0],
        maximum=number_range(node)[1],
        interpreter_note=node.interpreter_note or "",
        earlier_state=earlier.state if earlier is not None else None,
        earlier_value=earlier.value if earlier is not None else None,
    )
