"""Write a flow (plain data) as a flow file's YAML text, remembering where each node starts.

The line of each node lets the importer say which spreadsheet row a validation problem comes
from. Keys are written in a fixed, readable order: the order flows/README.md lists them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import yaml

TOP_ORDER = (
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
)
NODE_ORDER = (
    "id",
    "kind",
    "type",
    "consent",
    "when",
    "title",
    "text",
    "child_text",
    "help",
    "interpreter_note",
    "sensitive",
    "dont_know",
    "min",
    "max",
    "options",
    "items",
    "indicators",
    "notes_when",
    "outcome",
    "branches",
    "next",
)


@dataclass(frozen=True)
class FlowText:
    text: str
    node_lines: tuple[int, ...]  # 1-based first line of each node, in order

    def node_at(self, line: int) -> int | None:
        """Index of the node written at `line`, or None for a line above the nodes."""
        position = bisect.bisect_right(self.node_lines, line) - 1
        return position if position >= 0 else None


def _ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    first = {key: mapping[key] for key in order if key in mapping}
    return {**first, **{key: value for key, value in mapping.items() if key not in first}}


def _dump(value: Any) -> str:
    return yaml.safe_dump(
        value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )


def flow_yaml(data: dict[str, Any], comment: str) -> FlowText:
    """The flow file for `data` (top-level fields and `nodes`), headed by a `# comment`."""
    top = _ordered({key: value for key, value in data.items() if key != "nodes"}, TOP_ORDER)
    lines = [f"# {comment}"]
    lines.extend(_dump(top).splitlines())
    lines.append("nodes:")
    node_lines = []
    for node in data["nodes"]:
        node_lines.append(len(lines) + 1)
        text = _dump([_ordered(node, NODE_ORDER)])
        lines.extend("  " + line for line in text.splitlines())
    return FlowText("\n".join(lines) + "\n", tuple(node_lines))
