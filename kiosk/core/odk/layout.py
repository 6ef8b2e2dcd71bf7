"""The shape of Lantern's referral form, described once.

The XForm (`form.py`) and each submission's XML (`submission.py`) are both rendered from this
tree, so a submission always fits the form it is sent to. Labels are (catalog context, English
source) pairs; the form writer looks each one up in every catalog language.

One submission carries one interview for one recipient: the interview's facts, the consent
layers, the referral (recipient, whether sensitive answers were shared, the staff note for the
receiver), every answerable node with its state and value, later disclosures, corrections and
indicators noted. Node ids of the flow become element names (flows already restrict them to
`[a-z][a-z0-9_]*`); nothing of a particular flow is named here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.core.content import SERVICE_KINDS
from kiosk.core.flow import CONSENT_LAYERS, Flow, Node
from kiosk.core.i18n.extract import UI_CONTEXT
from kiosk.core.localizer import flow_key, ui_text

LAYOUT_VERSION = 1  # bump when the tree below changes shape: the form's version changes with it
FORM_ID_PREFIX = "lantern_"


class AnswerState(StrEnum):
    ANSWERED = "answered"
    DECLINED = "declined"
    DONT_KNOW = "dont_know"
    NOT_ASKED = "not_asked"
    INTERRUPTED = "interrupted"
    COVERED = "covered"  # staff: already told in the person's own story
    NOT_SHARED = "not_shared"  # held back: the person did not agree to share sensitive answers


@dataclass(frozen=True)
class Label:
    context: str
    source: str


def as_label(label: Label | str) -> Label:
    """A plain string is a UI string (written inside `ui_text` so the extractor finds it)."""
    return label if isinstance(label, Label) else Label(UI_CONTEXT, label)


@dataclass(frozen=True)
class Choice:
    value: str
    label: Label | str


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # XLSForm type: text, integer, decimal, date, dateTime, select_one, select_multiple
    label: Label | str
    choices: str | None = None  # choice list name for selects


@dataclass(frozen=True)
class Group:
    name: str
    label: Label | str
    children: tuple[Field | Group, ...]
    repeat: bool = False


@dataclass(frozen=True)
class Layout:
    form_id: str
    version: str
    title: Label | str
    root: tuple[Field | Group, ...]
    choice_lists: dict[str, tuple[Choice, ...]] = field(default_factory=dict)


def form_id(flow: Flow) -> str:
    return FORM_ID_PREFIX + flow.id


def form_version(flow: Flow) -> str:
    return f"{flow.version}.{LAYOUT_VERSION}"


# UI strings (extracted into the catalogs through `ui_text`).
TITLE = ui_text("Lantern referral")
STATE_LABELS = {
    AnswerState.ANSWERED: ui_text("answered"),
    AnswerState.DECLINED: ui_text("prefers not to say"),
    AnswerState.DONT_KNOW: ui_text("does not know"),
    AnswerState.NOT_ASKED: ui_text("not asked"),
    AnswerState.INTERRUPTED: ui_text("interrupted"),
    AnswerState.COVERED: ui_text("already told in their own story"),
    AnswerState.NOT_SHARED: ui_text("not shared (no agreement to share sensitive answers)"),
}
CONSENT_LABELS = {
    "talk": ui_text("Consent to talk"),
    "notes": ui_text("Consent to keep notes"),
    "referral": ui_text("Consent to referral"),
}
CONSENT_STATE_LABELS = {
    "given": ui_text("given"),
    "refused": ui_text("refused"),
    "withdrawn": ui_text("withdrawn"),
    "not_asked": ui_text("not asked"),
}
# The same English words the staff screens use for service kinds (kiosk/ui/code_words.py).
RECIPIENT_LABELS = {
    "child_protection": ui_text("child protection"),
    "formal_identification": ui_text("formal identification"),
    "medical": ui_text("medical"),
    "psychosocial": ui_text("psychosocial"),
    "legal": ui_text("legal"),
    "shelter": ui_text("shelter"),
    "consular": ui_text("consular"),
    "hotline": ui_text("helpline"),
    "labour": ui_text("labour"),
    "police_protection": ui_text("police protection"),
    "child_helpline": ui_text("child helpline"),
    "unhcr": ui_text("UNHCR"),
    "iom": ui_text("IOM"),
}
RECIPIENTS = tuple(dict.fromkeys((*SERVICE_KINDS, "formal_identification")))
INDICATOR_SOURCES = {
    "answer": ui_text("an answer"),
    "option": ui_text("a chosen answer"),
    "staff": ui_text("staff"),
}
PATH_LABELS = {"child": ui_text("child path"), "adult": ui_text("adult path")}
YES_NO = {"yes": ui_text("Yes"), "no": ui_text("No")}


def _choices(labels: dict[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, text) for value, text in labels.items())


def _node_label(flow: Flow, node: Node) -> Label:
    source = node.text or node.title or node.id
    return Label(flow_key(flow.id, node.id, "text" if node.text else "title"), source)


def _value_field(flow: Flow, node: Node) -> tuple[Field, tuple[Choice, ...] | None]:
    """The typed `value` field of a node, and its own choice list when it has one."""
    label = ui_text("Answer")
    if node.kind == "staff_check":
        choices = tuple(
            Choice(item.id, Label(flow_key(flow.id, f"{node.id}.{item.id}", "text"), item.text))
            for item in node.items
        )
        return Field("value", "select_multiple", label, "q_" + node.id), choices
    if node.type == "yes_no":
        return Field("value", "select_one", label, "yes_no"), None
    if node.type in ("single_choice", "multiple_choice"):
        choices = tuple(
            Choice(
                option.value,
                Label(flow_key(flow.id, f"{node.id}.{option.value}", "text"), option.text),
            )
            for option in node.options
        )
        kind = "select_one" if node.type == "single_choice" else "select_multiple"
        return Field("value", kind, label, "q_" + node.id), choices
    xls_type = {"number": "decimal", "age": "integer", "date": "date"}.get(node.type or "", "text")
    return Field("value", xls_type, label), None


def build_layout(flow: Flow, indicator_tags: dict[str, str]) -> Layout:
    """The form's tree for `flow`; `indicator_tags` maps each catalogue tag to its label."""
    lists: dict[str, tuple[Choice, ...]] = {
        "yes_no": _choices(YES_NO),
        "answer_state": _choices({state.value: STATE_LABELS[state] for state in AnswerState}),
        "consent_state": _choices(CONSENT_STATE_LABELS),
        "recipient": _choices({kind: RECIPIENT_LABELS.get(kind, kind) for kind in RECIPIENTS}),
        "path": _choices(PATH_LABELS),
        "indicator_source": _choices(INDICATOR_SOURCES),
    }
    if indicator_tags:
        lists["indicator"] = tuple(
            Choice(tag, Label("indicator", label)) for tag, label in indicator_tags.items()
        )
    interview = Group(
        "interview",
        ui_text("Interview"),
        (
            Field("flow", "text", ui_text("Flow")),
            Field("flow_version", "integer", ui_text("Flow version")),
            Field("language", "text", ui_text("Language of the interview")),
            Field("path", "select_one", ui_text("Path"), "path"),
            Field("adult_path_reason", "text", ui_text("Staff reason for the adult path")),
            Field("status", "text", ui_text("Status")),
            Field("outcome", "text", ui_text("Outcome")),
            Field("started", "dateTime", ui_text("Started")),
            Field("reference", "text", ui_text("Reference number")),
            Field("interpreter", "text", ui_text("Interpreter")),
            Field("breaks", "integer", ui_text("Breaks taken")),
        ),
    )
    referral = Group(
        "referral",
        ui_text("Referral"),
        (
            Field("recipient", "select_one", ui_text("Referred to"), "recipient"),
            Field("consent_at", "dateTime", ui_text("Referral consent given")),
            Field(
                "sensitive_shared",
                "select_one",
                ui_text("Sensitive answers shared, with the person's agreement"),
                "yes_no",
            ),
            Field("staff_note", "text", ui_text("Note from staff for the receiver")),
        ),
    )
    consent = Group(
        "consent",
        ui_text("Consent"),
        tuple(
            Field(layer, "select_one", CONSENT_LABELS[layer], "consent_state")
            for layer in CONSENT_LAYERS
        ),
    )
    answer_groups: list[Group] = []
    for node in flow.questions:
        value, own = _value_field(flow, node)
        if own is not None:
            lists[str(value.choices)] = own
        answer_groups.append(
            Group(
                node.id,
                _node_label(flow, node),
                (
                    Field("state", "select_one", ui_text("Answer state"), "answer_state"),
                    value,
                    Field("corrected", "select_one", ui_text("Corrected later"), "yes_no"),
                ),
            )
        )
    answers = Group("answers", ui_text("Answers"), tuple(answer_groups))
    disclosure = Group(
        "disclosure",
        ui_text("Later disclosures"),
        (
            Field("at", "dateTime", ui_text("When")),
            Field("question", "text", ui_text("About question")),
            Field("text", "text", ui_text("What was said")),
        ),
        repeat=True,
    )
    correction = Group(
        "correction",
        ui_text("Corrections"),
        (
            Field("at", "dateTime", ui_text("When")),
            Field("question", "text", ui_text("Question")),
            Field("state", "select_one", ui_text("Answer state"), "answer_state"),
            Field("value", "text", ui_text("Answer")),
            Field("reason", "text", ui_text("Reason")),
        ),
        repeat=True,
    )
    indicator = Group(
        "indicator",
        ui_text("Indicators noted - consider referral for formal identification."),
        (
            Field("tag", "select_one", ui_text("Indicator"), "indicator")
            if indicator_tags
            else Field("tag", "text", ui_text("Indicator")),
            Field("source", "select_one", ui_text("Noted from"), "indicator_source"),
            Field("question", "text", ui_text("Question")),
            Field("note", "text", ui_text("Staff note")),
        ),
        repeat=True,
    )
    return Layout(
        form_id=form_id(flow),
        version=form_version(flow),
        title=TITLE,
        root=(interview, referral, consent, answers, disclosure, correction, indicator),
        choice_lists=lists,
    )
