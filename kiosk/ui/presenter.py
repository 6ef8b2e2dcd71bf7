"""Turn the engine's `Screen` into the words a screen shows, in the right language.

Qt-free on purpose: the question screen, the interpreter view and the tests share one
view model. Every UI string goes through `loc.ui`, every flow text through `loc.content`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.flow import Flow, Node, SafetyAlert
from kiosk.core.interview import Screen
from kiosk.core.interview_rules import number_range
from kiosk.core.localizer import Localized, Localizer, alert_item, flow_key


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


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

    @property
    def machine(self) -> bool:
        return self.status == "machine"


def _field(node: Node, child: bool) -> tuple[str, str]:
    if child and node.child_text:
        return "child_text", node.child_text
    return "text", node.text or node.title


def node_text(loc: Localizer, flow: Flow, node: Node, language: str, child: bool) -> Localized:
    field, source = _field(node, child)
    return loc.content(language, flow_key(flow.id, node.id, field), source)


def choices(loc: Localizer, flow: Flow, node: Node, language: str, child: bool) -> list[Choice]:
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
    result = []
    for option in node.options:
        field = "child_text" if child and option.child_text else "text"
        source = option.child_text if field == "child_text" and option.child_text else option.text
        key = flow_key(flow.id, f"{node.id}.{option.value}", field)
        result.append(Choice(option.value, loc.content(language, key, source).text))
    return result


def alert_reason(loc: Localizer, flow: Flow, alert: SafetyAlert, language: str) -> Localized:
    """A safety alert's reason, in the staff's language."""
    return loc.content(language, flow_key(flow.id, alert_item(alert.id), "reason"), alert.reason)


def question_view(loc: Localizer, flow: Flow, screen: Screen, language: str) -> QuestionView:
    node = screen.node
    if node is None:
        raise ValueError("no node on screen")
    main = node_text(loc, flow, node, language, screen.child)
    help_text = ""
    if node.help:
        help_text = loc.content(language, flow_key(flow.id, node.id, "help"), node.help).text
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
            index=screen.section_index,
            count=screen.section_count,
            title=title,
        )
    return QuestionView(
        node_id=node.id,
        kind=node.kind,
        type=node.type,
        language=language,
        text=main.text,
        text_key=flow_key(flow.id, node.id, _field(node, screen.child)[0]),
        status=main.status,
        help=help_text,
        choices=tuple(choices(loc, flow, node, language, screen.child)),
        dont_know=node.is_question and node.dont_know,
        can_go_back=screen.can_go_back,
        child=screen.child,
        progress=progress,
        section_index=screen.section_index,
        section_count=screen.section_count,
        minimum=number_range(node)[0],
        maximum=number_range(node)[1],
        interpreter_note=node.interpreter_note or "",
    )
