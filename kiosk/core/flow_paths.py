"""How long an interview can get: the longest path through a flow, for one path (adult/child).

A flow promises to stay short (the child protocol asks at most 20 questions). This measures it
statically, without answers: a condition that depends only on the path (`child`, `not child`,
`child and ...` when the path makes it false) is decided; any condition that depends on an
answer is taken both ways. The result is therefore an upper bound on what any real interview
on that path asks. Loops (a jump back to an earlier node, like "change the language and check
again") repeat questions already counted, so edges that go backwards in the file are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core import conditions
from kiosk.core.flow import Flow, Node


@dataclass(frozen=True)
class PathLength:
    """The longest path on one path of a flow: person-facing questions and screens."""

    questions: int
    screens: int
    question_ids: tuple[str, ...]


def decide(expr: conditions.Expr, known: Mapping[str, Any]) -> bool | None:
    """True/False when `known` built-ins decide the condition, None when answers are needed."""
    match expr:
        case conditions.Name(name, _):
            if name in known:
                return bool(known[name])
            return None
        case conditions.Not(operand):
            inner = decide(operand, known)
            return None if inner is None else not inner
        case conditions.BoolOp("and", operands):
            values = [decide(operand, known) for operand in operands]
            if False in values:
                return False
            return True if all(value is True for value in values) else None
        case conditions.BoolOp(_, operands):
            values = [decide(operand, known) for operand in operands]
            if True in values:
                return True
            return False if all(value is False for value in values) else None
        case conditions.Compare(op, conditions.Name(name, _), conditions.Literal(value), _) if (
            name in known
        ):
            actual = known[name]
            if op == "==":
                return bool(actual == value)
            if op == "!=":
                return bool(actual != value)
            return None
        case conditions.Compare(op, conditions.Name(name, _), conditions.ListExpr(items), _) if (
            name in known and op in ("in", "notin")
        ):
            values = [item.value for item in items if isinstance(item, conditions.Literal)]
            inside = known[name] in values
            return inside if op == "in" else not inside
        case _:
            return None


def _targets(flow: Flow, node: Node, known: Mapping[str, Any]) -> list[str]:
    """Where the interview may go after `node` is shown, given only what `known` decides."""
    targets: list[str] = []
    for branch in node.branches:
        decided = decide(branch.condition.tree, known)
        if decided is True:
            return [*targets, branch.goto]
        if decided is None:
            targets.append(branch.goto)
    default = flow.default_next(node)
    if default is not None:
        targets.append(default)
    return targets


def longest_path(flow: Flow, child: bool, extra: Mapping[str, Any] | None = None) -> PathLength:
    """The longest path from the start on the child or adult path (an upper bound).

    `extra` may decide further built-ins (for example an organisation kind); anything it does
    not name is taken both ways.
    """
    known: dict[str, Any] = {"child": child, "path": "child" if child else "adult"}
    known.update(extra or {})
    best: dict[str, tuple[int, int, tuple[str, ...]]] = {}

    def forward(source: str, target: str) -> bool:
        return flow.position(target) > flow.position(source)

    def measure(node_id: str) -> tuple[int, int, tuple[str, ...]]:
        if node_id in best:
            return best[node_id]
        node = flow.node(node_id)
        options: list[tuple[int, int, tuple[str, ...]]] = []
        shown = decide(node.when.tree, known) if node.when else True
        if shown is not False and node.kind == "end":
            options.append((0, 1, ()))
        elif shown is not False:
            counts_as_question = node.kind == "question"
            counts_as_screen = node.kind != "section"
            for target in _targets(flow, node, known):
                if not forward(node_id, target):
                    continue
                questions, screens, ids = measure(target)
                options.append(
                    (
                        questions + int(counts_as_question),
                        screens + int(counts_as_screen),
                        ((node_id,) if counts_as_question else ()) + ids,
                    )
                )
        if shown is not True:
            default = flow.default_next(node)
            if default is not None and forward(node_id, default):
                options.append(measure(default))
        best[node_id] = max(options, default=(0, 0, ()))
        return best[node_id]

    questions, screens, ids = measure(flow.start)
    return PathLength(questions=questions, screens=screens, question_ids=ids)
