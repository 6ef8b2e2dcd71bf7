"""Checks on a parsed flow as a whole: references, reachability, exits, conditions, wording."""

from __future__ import annotations

from collections.abc import Callable, Collection

from kiosk.core import conditions
from kiosk.core.content import SERVICE_KINDS
from kiosk.core.flow import Condition, Flow, Node
from kiosk.core.flow_graph import Reachability
from kiosk.core.flow_paths import decide
from kiosk.core.organisation import CONDITION_VALUES as ORGANISATION_VALUES
from kiosk.core.problems import Problem

_TYPE_KINDS = {
    "yes_no": "yes_no",
    "single_choice": "choice",
    "multiple_choice": "multi",
    "number": "number",
    "age": "number",
    "date": "date",
    "free_text": "text",
}


Add = Callable[[int, str], None]


def name_info(flow: Flow) -> dict[str, conditions.NameInfo]:
    """What each name in a condition stands for, for type checking."""
    info: dict[str, conditions.NameInfo] = {
        "child": conditions.NameInfo("bool"),
        "path": conditions.NameInfo("path", ("child", "adult")),
        "language": conditions.NameInfo("language"),
        "organisation": conditions.NameInfo("choice", ORGANISATION_VALUES),
        "sensitive": conditions.NameInfo("bool"),
    }
    for node in flow.questions:
        if node.kind == "staff_check":
            info[node.id] = conditions.NameInfo("multi", node.allowed_values())
        else:
            kind = _TYPE_KINDS[node.type or "free_text"]
            info[node.id] = conditions.NameInfo(kind, node.allowed_values())
    return info


def _reachable_from(flow: Flow, start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node_id = stack.pop()
        if node_id in seen or not flow.has(node_id):
            continue
        seen.add(node_id)
        stack.extend(flow.successors(flow.node(node_id)))
    return seen


def check_flow(flow: Flow, indicator_tags: Collection[str] | None = None) -> list[Problem]:
    """Every problem in the flow's graph, conditions and wording."""
    problems: list[Problem] = []

    def add(line: int, message: str) -> None:
        problems.append(Problem(flow.path, line, message))

    _check_references(flow, add)
    if not flow.has(flow.start):
        return problems
    reachable = _reachable_from(flow, flow.start)
    if flow.policy.not_ready is not None:  # the kiosk shows it when the safety check fails
        reachable |= _reachable_from(flow, flow.policy.not_ready)
    for node in flow.nodes:
        if node.id not in reachable:
            add(node.line, f"node '{node.id}' can never be reached")
    _check_exits(flow, reachable, add)
    _check_conditions(flow, add)
    _check_policy(flow, add)
    _check_wording_and_tags(flow, indicator_tags, add)
    return problems


def _check_references(flow: Flow, add) -> None:  # type: ignore[no-untyped-def]
    if not flow.has(flow.start):
        add(1, f"'start' names an unknown node '{flow.start}'")
    if flow.age_question is not None:
        if not flow.has(flow.age_question):
            add(1, f"'age_question' names an unknown node '{flow.age_question}'")
        elif flow.node(flow.age_question).type != "age":
            add(1, f"'age_question' must name a question of type age, not '{flow.age_question}'")
    elif any(node.type == "age" for node in flow.nodes):
        add(1, "the flow asks an age question but does not name it in 'age_question'")
    for node in flow.nodes:
        if node.id in conditions.BUILTIN_NAMES:
            add(node.line, f"node id '{node.id}' is a built-in name of conditions; rename it")
        if node.next is not None and not flow.has(node.next):
            add(node.line, f"node '{node.id}': 'next' names an unknown node '{node.next}'")
        for branch in node.branches:
            if not flow.has(branch.goto):
                add(
                    branch.line, f"node '{node.id}': branch goes to an unknown node '{branch.goto}'"
                )
        if node.kind != "end" and flow.default_next(node) is None:
            add(node.line, f"node '{node.id}' is last in the file but is not an end node")


def _check_exits(flow: Flow, reachable: set[str], add) -> None:  # type: ignore[no-untyped-def]
    ends = {node.id for node in flow.nodes if node.kind == "end"}
    if not ends:
        add(1, "the flow has no end node")
        return
    # Walk the graph backwards from the ends: whatever is not reached cannot finish.
    predecessors: dict[str, set[str]] = {node.id: set() for node in flow.nodes}
    for node in flow.nodes:
        for target in flow.successors(node):
            if flow.has(target):
                predecessors[target].add(node.id)
    can_finish: set[str] = set()
    stack = list(ends)
    while stack:
        node_id = stack.pop()
        if node_id in can_finish:
            continue
        can_finish.add(node_id)
        stack.extend(predecessors[node_id])
    for node in flow.nodes:
        dangling = any(not flow.has(target) for target in flow.successors(node))
        if node.id in reachable and node.id not in can_finish and not dangling:
            add(node.line, f"node '{node.id}' is in a cycle or dead end with no way to an end node")


def _conditions_of(node: Node) -> list[Condition]:
    found = [branch.condition for branch in node.branches]
    found.extend(c for c in (node.when, node.notes_when) if c is not None)
    return found


def _questions_named(
    flow: Flow, condition: Condition, add: Add, sensitive_allowed: bool = False
) -> list[tuple[conditions.Name, Node]]:
    """The questions a condition names; unknown names and misplaced built-ins are problems."""
    found: list[tuple[conditions.Name, Node]] = []
    for name in conditions.names_in(condition.tree):
        if name.name == "sensitive" and not sensitive_allowed:
            add(
                condition.line,
                f"condition {condition.source!r}: 'sensitive' only has a meaning in the "
                "policy's 'break_before'",
            )
            continue
        if name.name in conditions.BUILTIN_NAMES:
            continue
        if not flow.has(name.name):
            add(
                condition.line,
                f"condition {condition.source!r} names an unknown question '{name.name}'",
            )
            continue
        target = flow.node(name.name)
        if not target.is_answerable:
            add(condition.line, f"condition {condition.source!r}: '{name.name}' is not a question")
            continue
        found.append((name, target))
    return found


def _first_screen(flow: Flow) -> str | None:
    """The first node shown, passing section markers without branches."""
    node_id: str | None = flow.start
    seen: set[str] = set()
    while node_id is not None and flow.has(node_id) and node_id not in seen:
        seen.add(node_id)
        node = flow.node(node_id)
        if node.kind != "section" or node.branches or node.when is not None:
            return node_id
        node_id = flow.default_next(node)
    return None


def _check_policy(flow: Flow, add: Add) -> None:
    policy = flow.policy
    line = policy.line or 1

    def names(label: str, node_id: str | None, kinds: tuple[str, ...]) -> bool:
        if node_id is None:
            return False
        if not flow.has(node_id):
            add(line, f"policy '{label}' names an unknown node '{node_id}'")
            return False
        if flow.node(node_id).kind not in kinds:
            add(line, f"policy '{label}' must name a node of kind {' or '.join(kinds)}")
            return False
        return True

    check = policy.safety_check
    if names("safety_check", check, ("staff_check",)):
        if _first_screen(flow) != check or flow.node(check or "").when is not None:
            add(line, "policy 'safety_check' must be the flow's first screen, always shown")
    elif policy.safe_to_start is not None and check is None:
        add(policy.safe_to_start.line, "policy 'safe_to_start' needs a 'safety_check'")
    names("not_ready", policy.not_ready, ("staff_note",))
    for node_id in policy.take_away_on:
        names("take_away_on", node_id, ("info", "question"))
    info = name_info(flow)
    for field, condition in policy.conditions():
        named = _questions_named(flow, condition, add, sensitive_allowed=field == "break_before")
        if field == "safe_to_start" and any(target.id != check for _, target in named):
            add(
                condition.line,
                f"condition {condition.source!r}: 'safe_to_start' can only use the safety check",
            )
        for error in conditions.check_types(condition.tree, info):
            add(condition.line, f"condition {condition.source!r}: {error.message}")
    for hint in policy.referral_hints:
        if hint.service not in SERVICE_KINDS:
            add(
                hint.line,
                f"referral hint service '{hint.service}' is not one of {', '.join(SERVICE_KINDS)}",
            )
    for node in flow.questions:
        for kind in node.recipients:
            if kind not in SERVICE_KINDS:
                add(
                    node.line,
                    f"question '{node.id}': recipient '{kind}' is not one of "
                    f"{', '.join(SERVICE_KINDS)}",
                )


def _check_conditions(flow: Flow, add) -> None:  # type: ignore[no-untyped-def]
    info = name_info(flow)
    uses = [
        (node, condition, _questions_named(flow, condition, add))
        for node in flow.nodes
        for condition in _conditions_of(node)
    ]
    # One pass answers every "is this question asked before that node?" (a search per
    # condition made validation quadratic in the flow's size).
    reach = Reachability(
        [node.id for node in flow.nodes],
        lambda node_id: flow.successors(flow.node(node_id)),
        (target.id for _node, _condition, named in uses for _name, target in named),
    )
    for node, condition, named in uses:
        for name, target in named:
            is_own_answer = condition is node.notes_when or (
                target.id == node.id and condition is not node.when
            )
            if not is_own_answer and not reach.reaches(target.id, node.id):
                add(
                    condition.line,
                    f"condition {condition.source!r} uses '{name.name}', "
                    f"which is never asked before node '{node.id}'",
                )
        for error in conditions.check_types(condition.tree, info):
            add(condition.line, f"condition {condition.source!r}: {error.message}")


def _check_wording_and_tags(  # type: ignore[no-untyped-def]
    flow: Flow, indicator_tags: Collection[str] | None, add
) -> None:
    for node in flow.nodes:
        # A node the child path never shows (its `when` is false for a child, as with
        # `when: not child`) needs no child wording.
        child_may_see = node.when is None or decide(node.when.tree, {"child": True}) is not False
        if flow.child_wording == "required" and node.kind in ("info", "question") and child_may_see:
            if not node.child_text:
                add(
                    node.line,
                    f"node '{node.id}' needs 'child_text' (the flow requires child wording)",
                )
        if node.min is not None and node.max is not None and node.min > node.max:
            add(node.line, f"question '{node.id}': 'min' is larger than 'max'")
        if node.kind == "question" and node.type == "yes_no" and node.options:
            add(node.line, f"question '{node.id}': yes/no questions have fixed answers")
        if indicator_tags is None:
            continue
        tags = list(node.indicators) + [tag for option in node.options for tag in option.indicators]
        for tag in tags:
            if tag not in indicator_tags:
                add(node.line, f"node '{node.id}': unknown indicator tag '{tag}'")
