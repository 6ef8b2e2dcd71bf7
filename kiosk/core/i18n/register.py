"""Who a string speaks to, and which catalog entry holds the wording for them.

Most of Lantern's languages address an adult and a child differently (vi bạn / em, th คุณ / หนู,
bn আপনি / তুমি, id Anda / kamu), so the same English sentence needs one translation per
register. Before the age question is answered nobody is guessed at: the person is addressed in
polite, neutral wording.

Catalog keys (msgctxt) of a flow field, by register:
- adult:   `flow:<flow>:<node>:<field>`            e.g. `...:age:text`, `...:age:help`
- child:   `flow:<flow>:<node>:child_<field>`      e.g. `...:age:child_text`, `...:age:child_help`
- neutral: `flow:<flow>:<node>:neutral_<field>`    e.g. `...:age:neutral_text`
Options use `<node>.<value>` as the item. The child entry exists for every field a child can see,
even when its English is the adult English; the neutral entry exists for every field shown
before the flow's age question is answered (`before_age_nodes`), with the English the flow
shows then (its child wording, written for any age). Rights sections keep `title`/`text`
(adult) and `child_title`/`child_text` (child). UI and document strings have one entry each,
which must suit anyone (`NEUTRAL`).

Screens never pick a key themselves: they ask `wording(...)` for a register, which looks the
entries up in `FALLBACK` order (neutral -> child -> adult), so a catalog that lacks the
neutral or child entry still shows the wording that reader saw before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.flow import Flow, Node
    from kiosk.core.localizer import Localized, Localizer


class Register(StrEnum):
    ADULT = "adult"  # an adult: polite adult address
    CHILD = "child"  # a child: simple words, the address a caring adult uses with a child
    NEUTRAL = "neutral"  # anyone, or the person before the age is known: polite, never childish
    STAFF = "staff"  # staff screens and papers: professional, adult


# What a translator is told about each register (a `#.` note on every content entry).
_READER = {
    Register.ADULT: "an adult",
    Register.CHILD: "a child",
    Register.NEUTRAL: "anyone before the age is known",
    Register.STAFF: "staff",
}
_HOW = {
    Register.ADULT: "address an adult, politely",
    Register.CHILD: "simple words; address a child as a caring adult would",
    Register.NEUTRAL: "polite and neutral, never a child's or an intimate form of address",
    Register.STAFF: "professional wording for staff",
}


def translator_note(registers: frozenset[Register]) -> str:
    """The `#. register: ...` note of an entry read by `registers`."""
    if not registers:
        return "register: no screen shows this wording (kept for the flow)"
    ordered = [r for r in Register if r in registers]
    if len(ordered) == 1:
        return f"register: {ordered[0].value} — {_HOW[ordered[0]]}"
    readers = ", ".join(_READER[r] for r in ordered[:-1]) + f" and {_READER[ordered[-1]]}"
    return f"register: read by {readers} — wording that suits each of them"


# The register whose wording a person sees, and where to look when a catalog lacks that entry
# (a child without a child entry sees the adult one; before the age, the child wording the flow
# shows then, and last the adult one).
FALLBACK: dict[Register, tuple[Register, ...]] = {
    Register.ADULT: (Register.ADULT,),
    Register.CHILD: (Register.CHILD, Register.ADULT),
    Register.NEUTRAL: (Register.NEUTRAL, Register.CHILD, Register.ADULT),
    Register.STAFF: (Register.STAFF,),
}

_PREFIX = {Register.CHILD: "child_", Register.NEUTRAL: "neutral_"}
VARIANT_PREFIXES = tuple(_PREFIX.values())


def variant_field(field: str, register: Register) -> str:
    """The catalog field name of `field` in `register`: `help` -> `child_help`."""
    return _PREFIX.get(register, "") + field


def split_field(field: str) -> tuple[str, Register | None]:
    """`child_help` -> (`help`, CHILD); `text` -> (`text`, None): the base field and register."""
    for register, prefix in _PREFIX.items():
        if field.startswith(prefix):
            return field[len(prefix) :], register
    return field, None


class AgePath(StrEnum):
    """The engine's path while a node is shown."""

    UNKNOWN = "unknown"  # the age question is not answered yet (the engine presumes a child)
    CHILD = "child"
    ADULT = "adult"


PATH_REGISTER = {
    AgePath.UNKNOWN: Register.NEUTRAL,
    AgePath.CHILD: Register.CHILD,
    AgePath.ADULT: Register.ADULT,
}


class _DependsOnAnswers(Exception):
    pass


class _PathProbe:
    """Evaluates a condition knowing only the path."""

    def __init__(self, path: AgePath) -> None:
        self.child = path is not AgePath.ADULT  # presumption of minority until the age is known

    def answer_state(self, name: str) -> str:
        raise _DependsOnAnswers

    def answer_value(self, name: str) -> object:
        raise _DependsOnAnswers

    def builtin(self, name: str) -> object:
        if name == "child":
            return self.child
        if name == "path":
            return "child" if self.child else "adult"
        raise _DependsOnAnswers


def _holds(condition: object, path: AgePath) -> bool | None:
    """True or False when the path alone decides the condition, None when answers matter."""
    from kiosk.core import conditions

    try:
        return conditions.evaluate(condition, _PathProbe(path))  # type: ignore[arg-type]
    except _DependsOnAnswers:
        return None


def readers(flow: Flow) -> dict[str, frozenset[AgePath]]:
    """For every node the flow can show, the paths on which it can be shown.

    Every way through the flow is followed (branches whose outcome depends on answers both
    ways); the path is UNKNOWN until the age question, then CHILD or ADULT. A person's screen
    shown before the age is known can come back on either path, by Back once the age is
    answered, so it is read on all three (an end screen never comes back). A staff switch of
    path is not followed: it is the exception, and the person then sees the other path's
    wording, which the same entries hold.
    """
    found: dict[str, set[AgePath]] = {}
    if not flow.start or not flow.has(flow.start):
        return {}
    queue: deque[tuple[str, AgePath]] = deque([(flow.start, AgePath.UNKNOWN)])
    seen: set[tuple[str, AgePath]] = set()
    while queue:
        node_id, path = queue.popleft()
        if (node_id, path) in seen or not flow.has(node_id):
            continue
        seen.add((node_id, path))
        node = flow.node(node_id)
        shown = _holds(node.when.tree, path) if node.when is not None else True
        if shown is False:
            default = flow.default_next(node)
            if default is not None:
                queue.append((default, path))
            continue
        found.setdefault(node_id, set()).add(path)
        after = (AgePath.CHILD, AgePath.ADULT) if node_id == flow.age_question else (path,)
        for target in _next_nodes(flow, node, path):
            queue.extend((target, next_path) for next_path in after)
        if shown is None:  # perhaps passed over: what follows it may come next, too
            default = flow.default_next(node)
            if default is not None:
                queue.append((default, path))
    for node_id, paths in found.items():
        node = flow.node(node_id)
        comes_back = node.audience == "person" and node.kind != "end"
        if flow.age_question and AgePath.UNKNOWN in paths and comes_back:
            paths.update((AgePath.CHILD, AgePath.ADULT))  # again, after Back
    return {node_id: frozenset(paths) for node_id, paths in found.items()}


def _next_nodes(flow: Flow, node: Node, path: AgePath) -> list[str]:
    if node.kind == "end":
        return []
    targets = []
    for branch in node.branches:
        taken = _holds(branch.condition.tree, path)
        if taken is False:
            continue
        targets.append(branch.goto)
        if taken is True:
            return targets  # the first branch that holds wins; later ones are never reached
    default = flow.default_next(node)
    if default is not None:
        targets.append(default)
    return targets


def before_age_nodes(flow: Flow) -> frozenset[str]:
    """Ids of the nodes the flow can show before its age question is answered."""
    return frozenset(node for node, paths in readers(flow).items() if AgePath.UNKNOWN in paths)


def screen_register(*, age_known: bool, child: bool) -> Register:
    """The register of the person's screen: neutral until the age is known (answered, declined
    or decided by staff), then the path's."""
    if not age_known:
        return Register.NEUTRAL
    return Register.CHILD if child else Register.ADULT


def register_sources(adult: str, child: str | None) -> dict[Register, str]:
    """The English each register reads for one field: a child reads the flow's child wording
    (else the adult one), and before the age the flow shows its child wording too."""
    young = child or adult
    return {
        Register.ADULT: adult,
        Register.CHILD: young,
        Register.NEUTRAL: young,
        Register.STAFF: adult,
    }


def wording(
    loc: Localizer,
    language: str,
    key: Callable[[str], str],
    field: str,
    register: Register,
    adult: str,
    child: str | None = None,
) -> Localized:
    """The words of one field for a reader in `register`.

    `key(name)` builds the catalog context of a field name (`text`, `child_text`, ...);
    `adult`/`child` are the flow's English. The register's own entry comes first, then its
    `FALLBACK` entries from the catalog, and only then machine translation or the English.
    """
    english = register_sources(adult, child)
    candidates = [(key(variant_field(field, r)), english[r]) for r in FALLBACK[register]]
    (context, source), *others = candidates
    return loc.content(language, context, source, fallbacks=tuple(others))


def wording_key(key: Callable[[str], str], field: str, register: Register) -> str:
    """The catalog context of `field`'s own entry in `register` (e.g. for recorded speech)."""
    return key(variant_field(field, register))
