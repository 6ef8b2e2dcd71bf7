"""Load flow files into `Flow` objects, collecting every problem as `file:line: message`.

Loading never raises on bad content: it returns the problems it found, so `kiosk validate`
can report all of them at once. `load_flow` (for the engine) raises `FlowError` instead.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from kiosk.core import conditions
from kiosk.core.errors import FlowError
from kiosk.core.flow import (
    CHOICE_TYPES,
    CONSENT_LAYERS,
    END_OUTCOMES,
    NODE_KINDS,
    QUESTION_TYPES,
    Branch,
    CheckItem,
    Condition,
    Flow,
    Node,
    Option,
    Policy,
    ReferralHint,
    SafetyAlert,
)
from kiosk.core.flow_validate import check_flow
from kiosk.core.invisible import invisible_in, shown
from kiosk.core.problems import Problem, errors_only
from kiosk.core.vocabulary import ConsentLayer, EndOutcome, NodeKind, QuestionType
from kiosk.core.yamlsrc import LineDict, LineList, YamlSourceError, cyclic_gc_paused, load_file

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")

TOP_FIELDS = {
    "format",
    "flow",
    "version",
    "title",
    "description",
    "language",
    "child_wording",
    "age_question",
    "start",
    "policy",
    "nodes",
}
POLICY_FIELDS = {
    "safety_check",
    "safe_to_start",
    "not_ready",
    "paper_is_safe",
    "take_away_on",
    "break_before",
    "safety_alerts",
    "referral_hints",
    "share_self_incriminating",
}
COMMON_FIELDS = {"id", "kind", "when", "next", "branches", "help", "interpreter_note"}
KIND_FIELDS: dict[str, set[str]] = {
    "section": {"id", "kind", "title", "when", "next", "branches"},
    "info": COMMON_FIELDS | {"text", "child_text"},
    "question": COMMON_FIELDS
    | {
        "text",
        "child_text",
        "type",
        "options",
        "sensitive",
        "indicators",
        "notes_when",
        "consent",
        "recipients",
        "self_incriminating",
        "min",
        "max",
        "dont_know",
    },
    "staff_check": COMMON_FIELDS | {"text", "items"},
    "staff_note": COMMON_FIELDS | {"text"},
    "end": {"id", "kind", "text", "child_text", "when", "outcome", "help", "interpreter_note"},
}
OPTION_FIELDS = {"value", "text", "child_text", "indicators", "picture", "exclusive"}


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, warning: bool = False) -> None:
        self.problems.append(Problem(self.file, line, message, warning))


# Fields a person reads: an invisible character there is a warning. Anywhere else (ids, kinds,
# conditions, values, keys) it is an error: it makes code differ from what reviewers see.
_TEXT_FIELDS = frozenset(
    {"text", "child_text", "title", "description", "help", "interpreter_note", "reason"}
)


def _check_invisible(data: Any, out: _Collector) -> None:
    """Bidirectional controls and zero-width characters anywhere in the file (one pass)."""
    stack: list[tuple[Any, str | None, int]] = [(data, None, 1)]
    while stack:
        value, field, line = stack.pop()
        if isinstance(value, LineDict):
            for key, item in value.items():
                key_line = value.line_of(key)
                if isinstance(key, str) and invisible_in(key):
                    out.add(key_line, _invisible_message(key, "a field name", invisible_in(key)))
                stack.append((item, key if isinstance(key, str) else None, key_line))
        elif isinstance(value, LineList):
            stack.extend((item, field, getattr(item, "line", 0) or value.line) for item in value)
        elif isinstance(value, str):
            found = invisible_in(value)
            if not found:
                continue
            if field in _TEXT_FIELDS:
                out.add(
                    line,
                    f"'{field}' contains {', '.join(found)}: invisible, it can make the text "
                    "read differently from what reviewers saw; remove it unless the script "
                    "needs it",
                    warning=True,
                )
            else:
                out.add(line, _invisible_message(value, f"'{field or 'value'}'", found))


def _invisible_message(value: str, where: str, found: list[str]) -> str:
    return (
        f"{where} '{shown(value)}' contains {', '.join(found)}; ids, values and conditions may not "
        "hold invisible characters"
    )


def _line(container: Any, key: Any = None) -> int:
    if isinstance(container, LineDict):
        return container.line_of(key) if key is not None else container.line
    return getattr(container, "line", 0)


def _text(raw: LineDict, key: str, out: _Collector, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            out.add(_line(raw), f"'{key}' is required")
        return None
    if not isinstance(value, str) or not value.strip():
        out.add(_line(raw, key), f"'{key}' must be non-empty text")
        return None
    return value.strip()


def _condition(raw: LineDict, key: str, out: _Collector) -> Condition | None:
    source = raw.get(key)
    if source is None:
        return None
    return _parse_condition(source, _line(raw, key), f"'{key}'", out)


def _parse_condition(source: Any, line: int, where: str, out: _Collector) -> Condition | None:
    if isinstance(source, bool):
        source = "true" if source else "false"
    if not isinstance(source, str):
        out.add(line, f"{where} must be a condition written as text")
        return None
    try:
        return Condition(source, conditions.parse(source), line)
    except conditions.ConditionError as error:
        out.add(
            line, f"condition {source!r} does not parse: {error.message} (column {error.column})"
        )
        return None


def _tags(raw: LineDict, key: str, out: _Collector) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        out.add(_line(raw, key), f"'{key}' must be a list of indicator tags")
        return ()
    return tuple(value)


def _unknown_fields(raw: LineDict, allowed: set[str], what: str, out: _Collector) -> None:
    for key in raw:
        if key not in allowed:
            out.add(_line(raw, key), f"unknown field '{key}' in {what}")


def _options(raw: LineDict, out: _Collector) -> tuple[Option, ...]:
    value = raw.get("options")
    if value is None:
        return ()
    if not isinstance(value, list):
        out.add(_line(raw, "options"), "'options' must be a list")
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for entry in value:
        if not isinstance(entry, LineDict):
            out.add(_line(value), "each option must be a mapping with 'value' and 'text'")
            continue
        _unknown_fields(entry, OPTION_FIELDS, "an option", out)
        option_value = entry.get("value")
        if not isinstance(option_value, str) or not ID_PATTERN.fullmatch(option_value):
            out.add(_line(entry), "option 'value' must be a short id like 'fishing'")
            continue
        if option_value in seen:
            out.add(_line(entry), f"option value '{option_value}' is used twice")
        seen.add(option_value)
        text = _text(entry, "text", out, required=True) or option_value
        options.append(
            Option(
                option_value,
                text,
                _text(entry, "child_text", out),
                _tags(entry, "indicators", out),
                _picture(entry, out),
                _flag(entry, "exclusive", False, out),
            )
        )
    return tuple(options)


def _picture(entry: LineDict, out: _Collector) -> str | None:
    """An option's pictogram: the name of a drawing the kiosk ships (kiosk.core.pictograms)."""
    from kiosk.core.pictograms import names

    value = entry.get("picture")
    if value is None:
        return None
    if not isinstance(value, str) or value not in names():
        known = ", ".join(sorted(names()))
        out.add(
            _line(entry, "picture"), f"'picture' must be one of the kiosk's pictograms: {known}"
        )
        return None
    return value


def _items(raw: LineDict, out: _Collector) -> tuple[CheckItem, ...]:
    value = raw.get("items")
    if not isinstance(value, list) or not value:
        out.add(_line(raw, "items"), "a staff_check needs a non-empty 'items' list")
        return ()
    items: list[CheckItem] = []
    for entry in value:
        if not isinstance(entry, LineDict):
            out.add(_line(value), "each item must be a mapping with 'id' and 'text'")
            continue
        _unknown_fields(entry, {"id", "text"}, "a checklist item", out)
        item_id = entry.get("id")
        if not isinstance(item_id, str) or not ID_PATTERN.fullmatch(item_id):
            out.add(_line(entry), "item 'id' must be a short id like 'quiet_room'")
            continue
        items.append(CheckItem(item_id, _text(entry, "text", out, required=True) or item_id))
    return tuple(items)


def _branches(raw: LineDict, out: _Collector) -> tuple[Branch, ...]:
    value = raw.get("branches")
    if value is None:
        return ()
    if not isinstance(value, list):
        out.add(_line(raw, "branches"), "'branches' must be a list of {if: ..., goto: ...}")
        return ()
    branches: list[Branch] = []
    for entry in value:
        if not isinstance(entry, LineDict):
            out.add(_line(value), "each branch must be a mapping {if: CONDITION, goto: NODE}")
            continue
        _unknown_fields(entry, {"if", "goto"}, "a branch", out)
        goto = entry.get("goto")
        if not isinstance(goto, str):
            out.add(_line(entry), "a branch needs 'goto: NODE_ID'")
            continue
        if "if" not in entry:
            out.add(_line(entry), "a branch needs 'if: CONDITION'")
            continue
        condition = _parse_condition(entry["if"], entry.line_of("if"), "'if'", out)
        if condition is not None:
            branches.append(Branch(condition, goto, entry.line_of("goto")))
    return tuple(branches)


def _number(raw: LineDict, key: str, out: _Collector) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        out.add(_line(raw, key), f"'{key}' must be a number")
        return None
    return float(value)


def _flag(raw: LineDict, key: str, default: bool, out: _Collector) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        out.add(_line(raw, key), f"'{key}' must be true or false")
        return default
    return value


def _node(raw: Any, out: _Collector, fallback_line: int) -> Node | None:
    if not isinstance(raw, LineDict):
        out.add(fallback_line, "each node must be a mapping with 'id' and 'kind'")
        return None
    node_id = raw.get("id")
    if not isinstance(node_id, str) or not ID_PATTERN.fullmatch(node_id):
        out.add(_line(raw), "node 'id' must be lower-case letters, digits and underscores")
        return None
    raw_kind = raw.get("kind")
    if raw_kind not in NODE_KINDS:
        out.add(
            _line(raw, "kind"), f"node '{node_id}': 'kind' must be one of {', '.join(NODE_KINDS)}"
        )
        return None
    kind = NodeKind(raw_kind)
    _unknown_fields(raw, KIND_FIELDS[kind], f"a node of kind {kind}", out)
    line = _line(raw)
    fields: dict[str, Any] = {
        "id": node_id,
        "kind": kind,
        "line": line,
        "when": _condition(raw, "when", out),
        "help": _text(raw, "help", out),
        "interpreter_note": _text(raw, "interpreter_note", out),
        "branches": _branches(raw, out),
    }
    next_id = raw.get("next")
    if next_id is not None and not isinstance(next_id, str):
        out.add(_line(raw, "next"), "'next' must be a node id")
    fields["next"] = next_id if isinstance(next_id, str) else None
    if kind is NodeKind.SECTION:
        fields["title"] = _text(raw, "title", out, required=True) or node_id
    else:
        fields["text"] = _text(raw, "text", out, required=kind is not NodeKind.END) or ""
        fields["child_text"] = _text(raw, "child_text", out)
    if kind is NodeKind.QUESTION:
        raw_type = raw.get("type")
        question_type = QuestionType.FREE_TEXT
        if raw_type in QUESTION_TYPES:
            question_type = QuestionType(raw_type)
        else:
            out.add(
                _line(raw, "type") if "type" in raw else line,
                f"question '{node_id}': 'type' must be one of {', '.join(QUESTION_TYPES)}",
            )
        fields.update(
            type=question_type,
            options=_options(raw, out),
            sensitive=_flag(raw, "sensitive", False, out),
            indicators=_tags(raw, "indicators", out),
            notes_when=_condition(raw, "notes_when", out),
            min=_number(raw, "min", out),
            max=_number(raw, "max", out),
            dont_know=_flag(raw, "dont_know", question_type is not QuestionType.FREE_TEXT, out),
        )
        raw_consent = raw.get("consent")
        consent = None
        if raw_consent is not None and raw_consent not in CONSENT_LAYERS:
            out.add(_line(raw, "consent"), f"'consent' must be one of {', '.join(CONSENT_LAYERS)}")
        elif raw_consent is not None:
            consent = ConsentLayer(raw_consent)
        if consent is not None and question_type is not QuestionType.YES_NO:
            out.add(_line(raw, "consent"), "a consent question must be a yes_no question")
        fields["consent"] = consent
        fields["recipients"] = _recipients(raw, consent, out)
        fields["self_incriminating"] = _flag(raw, "self_incriminating", False, out)
        choice = question_type in CHOICE_TYPES
        if choice and not fields["options"]:
            out.add(line, f"question '{node_id}': a {question_type} question needs 'options'")
        if not choice and "options" in raw:
            out.add(_line(raw, "options"), f"a {question_type} question takes no 'options'")
        if question_type is not QuestionType.MULTIPLE_CHOICE and any(
            option.exclusive for option in fields["options"]
        ):
            out.add(_line(raw, "options"), "only a multiple_choice option can be 'exclusive'")
    if kind is NodeKind.STAFF_CHECK:
        fields["items"] = _items(raw, out)
    if kind is NodeKind.END:
        outcome = raw.get("outcome", EndOutcome.COMPLETED)
        if outcome not in END_OUTCOMES:
            out.add(_line(raw, "outcome"), f"'outcome' must be one of {', '.join(END_OUTCOMES)}")
            outcome = EndOutcome.COMPLETED
        fields["outcome"] = EndOutcome(outcome)
    return Node(**fields)


def _recipients(raw: LineDict, consent: str | None, out: _Collector) -> tuple[str, ...]:
    """`recipients: [kind, ...]` on a `consent: referral` question (kinds checked later)."""
    value = raw.get("recipients")
    if value is None:
        return ()
    if consent != "referral":
        out.add(_line(raw, "recipients"), "'recipients' belongs on a 'consent: referral' question")
    if not isinstance(value, list) or not value:
        out.add(_line(raw, "recipients"), "'recipients' must be a list of service kinds")
        return ()
    kinds = tuple(item for item in value if isinstance(item, str) and ID_PATTERN.fullmatch(item))
    if len(kinds) != len(value):
        out.add(_line(raw, "recipients"), "each recipient is a service kind like 'medical'")
    return kinds


def _node_ref(raw: LineDict, key: str, out: _Collector) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        out.add(_line(raw, key), f"'{key}' must be a node id")
        return None
    return value


def _node_refs(raw: LineDict, key: str, out: _Collector) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(item, str) and ID_PATTERN.fullmatch(item) for item in value
    ):
        out.add(_line(raw, key), f"'{key}' must be a list of node ids")
        return ()
    return tuple(value)


def _entries(
    raw: LineDict, key: str, fields: set[str], what: str, out: _Collector
) -> list[LineDict]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        out.add(_line(raw, key), f"'{key}' must be a list")
        return []
    entries: list[LineDict] = []
    for entry in value:
        if not isinstance(entry, LineDict):
            out.add(_line(value), f"each entry of '{key}' must be a mapping")
            continue
        _unknown_fields(entry, fields, what, out)
        entries.append(entry)
    return entries


def _required_condition(entry: LineDict, what: str, out: _Collector) -> Condition | None:
    if "if" not in entry:
        out.add(_line(entry), f"{what} needs 'if: CONDITION'")
        return None
    return _parse_condition(entry["if"], entry.line_of("if"), "'if'", out)


def _safety_alerts(raw: LineDict, out: _Collector) -> tuple[SafetyAlert, ...]:
    alerts: list[SafetyAlert] = []
    seen: set[str] = set()
    fields = {"id", "if", "reason"}
    for entry in _entries(raw, "safety_alerts", fields, "a safety alert", out):
        alert_id = entry.get("id")
        if not isinstance(alert_id, str) or not ID_PATTERN.fullmatch(alert_id):
            out.add(_line(entry), "a safety alert needs an 'id' like 'in_danger'")
            continue
        if alert_id in seen:
            out.add(_line(entry), f"safety alert id '{alert_id}' is used twice")
        seen.add(alert_id)
        reason = _text(entry, "reason", out, required=True)
        condition = _required_condition(entry, "a safety alert", out)
        if condition is not None and reason is not None:
            alerts.append(SafetyAlert(alert_id, condition, reason, _line(entry)))
    return tuple(alerts)


def _referral_hints(raw: LineDict, out: _Collector) -> tuple[ReferralHint, ...]:
    hints: list[ReferralHint] = []
    fields = {"service", "if"}
    for entry in _entries(raw, "referral_hints", fields, "a referral hint", out):
        service = entry.get("service")
        if not isinstance(service, str) or not ID_PATTERN.fullmatch(service):
            out.add(_line(entry), "a referral hint needs a 'service' like 'medical'")
            continue
        condition = _required_condition(entry, "a referral hint", out)
        if condition is not None:
            hints.append(ReferralHint(service, condition, _line(entry)))
    return tuple(hints)


def _policy(data: LineDict, out: _Collector) -> Policy:
    raw = data.get("policy")
    if raw is None:
        return Policy()
    if not isinstance(raw, LineDict):
        out.add(_line(data, "policy"), "'policy' must be a mapping (see flows/README.md)")
        return Policy()
    _unknown_fields(raw, POLICY_FIELDS, "the policy", out)
    fields: dict[str, Any] = {
        "safety_check": _node_ref(raw, "safety_check", out),
        "safe_to_start": _condition(raw, "safe_to_start", out),
        "not_ready": _node_ref(raw, "not_ready", out),
        "paper_is_safe": _condition(raw, "paper_is_safe", out),
        "take_away_on": _node_refs(raw, "take_away_on", out),
        "safety_alerts": _safety_alerts(raw, out),
        "referral_hints": _referral_hints(raw, out),
        "share_self_incriminating": _condition(raw, "share_self_incriminating", out),
        "line": _line(data, "policy"),
    }
    break_before = _condition(raw, "break_before", out)
    if break_before is not None:
        fields["break_before"] = break_before
    return Policy(**fields)


def parse_flow(data: Any, file: str) -> tuple[Flow | None, list[Problem]]:
    """Build a `Flow` from loaded YAML; returns (flow or None, problems)."""
    out = _Collector(file)
    if data is None:
        out.add(1, "the file is empty")
        return None, out.problems
    if not isinstance(data, LineDict):
        out.add(
            _line(data) or 1, "a flow file must be a mapping with 'flow', 'version' and 'nodes'"
        )
        return None, out.problems
    _unknown_fields(data, TOP_FIELDS, "the flow", out)
    if data.may_hold_invisible:
        _check_invisible(data, out)
    file_format = data.get("format")
    if file_format != FORMAT_VERSION:
        out.add(
            _line(data, "format"),
            f"'format' must be {FORMAT_VERSION} (this Lantern reads flow format {FORMAT_VERSION})",
        )
    flow_id = data.get("flow")
    if not isinstance(flow_id, str) or not ID_PATTERN.fullmatch(flow_id):
        out.add(_line(data, "flow"), "'flow' must be an id like 'identification'")
        flow_id = "unnamed"
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        out.add(_line(data, "version"), "'version' must be a whole number, 1 or more")
        version = 0
    child_wording = data.get("child_wording", "optional")
    if child_wording not in ("required", "optional"):
        out.add(_line(data, "child_wording"), "'child_wording' must be 'required' or 'optional'")
        child_wording = "optional"
    raw_nodes = data.get("nodes")
    if not isinstance(raw_nodes, LineList) or not raw_nodes:
        out.add(_line(data, "nodes"), "'nodes' must be a non-empty list")
        return None, out.problems
    nodes: list[Node] = []
    seen: dict[str, int] = {}
    for raw in raw_nodes:
        node = _node(raw, out, raw_nodes.line)
        if node is None:
            continue
        if node.id in seen:
            out.add(node.line, f"node id '{node.id}' is already used on line {seen[node.id]}")
            continue
        seen[node.id] = node.line
        nodes.append(node)
    if not nodes:
        return None, out.problems
    start = data.get("start", nodes[0].id)
    if not isinstance(start, str):
        out.add(_line(data, "start"), "'start' must be a node id")
        start = nodes[0].id
    flow = Flow(
        id=flow_id,
        version=version,
        title=_text(data, "title", out, required=True) or flow_id,
        description=_text(data, "description", out) or "",
        language=_text(data, "language", out) or "en",
        child_wording=child_wording,
        age_question=_text(data, "age_question", out),
        start=start,
        nodes=tuple(nodes),
        path=file,
        policy=_policy(data, out),
    )
    return flow, out.problems


def read_flow(
    path: Path, indicator_tags: Collection[str] | None = None
) -> tuple[Flow | None, list[Problem]]:
    """Read one file: syntax problems, then structure problems, then graph checks."""
    with cyclic_gc_paused():
        try:
            data = load_file(path)
        except YamlSourceError as error:
            return None, [Problem(str(path), error.line, error.message)]
        flow, problems = parse_flow(data, str(path))
        if flow is not None:
            problems.extend(check_flow(flow, indicator_tags))
        return flow, sorted(set(problems))


def load_flow(path: Path, indicator_tags: Collection[str] | None = None) -> Flow:
    """Load a flow for running; raise `FlowError` naming the first problems if it is invalid."""
    flow, found = read_flow(path, indicator_tags)
    problems = errors_only(found)
    if problems or flow is None:
        shown = "; ".join(str(problem) for problem in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise FlowError(f"the flow cannot be used: {shown}{more}")
    return flow


FLOW_SUFFIXES = (".yaml", ".yml")


def flow_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their flow files, `.yaml` and `.yml` alike, in name order (README
    and schema are not flows). The one place that says what a flow file is."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.iterdir() if p.suffix in FLOW_SUFFIXES and p.is_file())
            result.extend(sorted(found))
        else:
            result.append(path)
    return result
