"""Safe YAML loading that remembers line numbers, for `file:line: message` reports.

Mappings load as `LineDict` (a dict that knows its own line and each key's line) and sequences
as `LineList`. Anchors/aliases are refused: flows are small hand-written files, and aliases are
the usual way to make a tiny file expand into a huge one. Files are parsed by libyaml when PyYAML
has it (it does on every platform Lantern ships for), else by PyYAML's own parser.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml parses a 1 MB flow in well under a second; the pure-Python parser takes ~15 s
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from kiosk.core.fileio import FileProblem, read_regular
from kiosk.core.invisible import invisible_in

MAX_BYTES = 1_000_000
MAX_INT_DIGITS = 18  # any count, version or bound fits; SQLite's integers hold 18 digits


class YamlSourceError(Exception):
    """The file cannot be read as YAML. `line` is 1-based (1 when the problem is the whole file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class LineDict(dict):  # type: ignore[type-arg]
    line: int = 0
    key_lines: dict[Any, int]
    # False when the text it was loaded from holds no invisible (bidi / zero-width) character,
    # so checks for them can skip the walk; True when unknown.
    may_hold_invisible: bool = True

    def line_of(self, key: Any) -> int:
        lines: dict[Any, int] = getattr(self, "key_lines", {})
        return lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    line: int = 0


class _LineLoader(_BaseLoader):
    """Parses and composes the node tree (in C with libyaml); `_build` turns it into data."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # Most scalars are plain words that no implicit type (bool, int, null…) can start
        # with: skip trying each type's pattern on them.
        if (
            kind is ScalarNode
            and implicit[0]
            and value
            and value[0] not in self.yaml_implicit_resolvers
        ):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_CONTAINERS = (LineDict, LineList)


class _AliasMet(Exception):
    """A node met twice: an alias (the composer shares the anchored node, losing where the
    alias itself was written; `_alias_line` finds it)."""


def _alias_line(text: str) -> int:
    for event in yaml.parse(text, Loader=_LineLoader):
        if isinstance(event, AliasEvent) and event.start_mark is not None:
            return int(event.start_mark.line) + 1
    return 1


def _build(root: Node, loader: _LineLoader) -> Any:
    """The node tree as LineDict / LineList / scalars, iteratively (no recursion limit), with
    every node visited once: meeting one again means an alias, which is refused."""
    seen: set[int] = set()

    def make(node: Node) -> Any:
        if id(node) in seen:
            raise _AliasMet()
        seen.add(id(node))
        if isinstance(node, MappingNode):
            mapping = LineDict()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            return mapping
        if isinstance(node, SequenceNode):
            sequence = LineList()
            sequence.line = node.start_mark.line + 1
            return sequence
        if node.tag == _STR:
            return node.value
        if node.tag == _INT:
            return _integer(loader, node)  # type: ignore[arg-type]
        return loader.construct_object(node, deep=True)  # bool, float, null, timestamp…

    top = make(root)
    work = [(root, top)] if isinstance(top, _CONTAINERS) else []
    while work:
        node, container = work.pop()
        if isinstance(container, LineDict):
            for key_node, value_node in node.value:
                key = make(key_node)
                line = key_node.start_mark.line + 1
                if isinstance(key, _CONTAINERS):
                    raise YamlSourceError(line, "a key must be plain text")
                if key in container:
                    raise YamlSourceError(line, f"duplicate key '{key}'")
                value = make(value_node)
                container[key] = value
                container.key_lines[key] = line
                if isinstance(value, _CONTAINERS):
                    work.append((value_node, value))
        else:
            for child in node.value:
                value = make(child)
                container.append(value)
                if isinstance(value, _CONTAINERS):
                    work.append((child, value))
    return top


def _integer(loader: _LineLoader, node: ScalarNode) -> int:
    """Refuse an absurdly long integer before Python's own limit turns it into a crash."""
    digits = sum(character.isdigit() for character in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise YamlSourceError(
            node.start_mark.line + 1,
            f"a number is too long ({digits} digits; at most {MAX_INT_DIGITS})",
        )
    return SafeConstructor.construct_yaml_int(loader, node)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a big tree of objects is built and checked.

    Each collection walks every live object, and building a tree of a million objects triggers
    hundreds of them: loading and validating a 1 MB flow grew 4x for 2.5x the size. The tree
    holds no cycles, so nothing is lost by collecting once, afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_text(text: str) -> Any:
    """Parse YAML text; raise `YamlSourceError` with a line number on any problem."""
    loader = _LineLoader(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else _build(root, loader)
        if isinstance(data, LineDict):
            data.may_hold_invisible = invisible_in(text) != []
        return data
    except YamlSourceError:
        raise
    except _AliasMet:
        raise YamlSourceError(
            _alias_line(text), "anchors and aliases (*name) are not allowed"
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or "not valid YAML"
        raise YamlSourceError(line, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlSourceError(1, f"YAML syntax: {type(error).__name__}") from None
    except RecursionError:
        raise YamlSourceError(1, "the file is nested too deeply") from None
    finally:
        loader.dispose()


def load_file(path: Path) -> Any:
    """Read and parse a YAML file with kind (regular files only), size, encoding and syntax
    checks: a FIFO or /dev/zero given by mistake is refused, never waited on or read for ever."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileProblem as problem:
        raise YamlSourceError(1, problem.reason) from None
    if b"\x00" in raw:
        raise YamlSourceError(1, "this is a binary file, not a YAML text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlSourceError(line, "the file is not valid UTF-8 text") from None
    return load_text(text)
