"""Safe YAML loading that remembers line numbers, for `file:line: message` reports.

Mappings load as `LineDict` (a dict that knows its own line and each key's line) and sequences
as `LineList`. Anchors/aliases are refused: flows are small hand-written files, and aliases are
the usual way to make a tiny file expand into a huge one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.fileio import FileProblem, read_regular

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

    def line_of(self, key: Any) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def compose_node(self, parent: Node | None, index: int) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise YamlSourceError(
                event.start_mark.line + 1, "anchors and aliases (*name) are not allowed"
            )
        return super().compose_node(parent, index)  # type: ignore[no-any-return,arg-type]


def _construct_map(loader: _LineLoader, node: MappingNode):  # type: ignore[no-untyped-def]
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlSourceError(
                key_node.start_mark.line + 1, "a key must be plain text"
            ) from None
        if key in data:
            raise YamlSourceError(key_node.start_mark.line + 1, f"duplicate key '{key}'")
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _LineLoader, node: SequenceNode):  # type: ignore[no-untyped-def]
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


def _construct_int(loader: _LineLoader, node: ScalarNode) -> int:
    """Refuse an absurdly long integer before Python's own limit turns it into a crash."""
    digits = sum(character.isdigit() for character in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise YamlSourceError(
            node.start_mark.line + 1,
            f"a number is too long ({digits} digits; at most {MAX_INT_DIGITS})",
        )
    return SafeConstructor.construct_yaml_int(loader, node)  # type: ignore[no-any-return]


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_text(text: str) -> Any:
    """Parse YAML text; raise `YamlSourceError` with a line number on any problem."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlSourceError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or "not valid YAML"
        raise YamlSourceError(line, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as error:
        raise YamlSourceError(1, f"YAML syntax: {type(error).__name__}") from None
    except RecursionError:
        raise YamlSourceError(1, "the file is nested too deeply") from None


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
