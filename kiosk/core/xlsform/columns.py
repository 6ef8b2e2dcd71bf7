"""The XLSForm columns Lantern reads and writes, and how a Lantern field is spelled in a cell.

Standard XLSForm carries what it can: `type`, `name`, `label` (a section's title), `hint` (help),
`guidance_hint` (the interpreter note), `relevant` (a `when` that XPath can say), `constraint`
(a number's range), and the choices sheet. Everything else a flow holds travels in extra
columns named `lantern.FIELD`; a translated one takes XLSForm's language suffix on the survey
sheet (`lantern.child_text::Khmer (km)`) and a Lantern code on the choices sheet
(`lantern.child_text.km`), because pyxform cannot turn a translated extra column of the choices
sheet into an XForm. pyxform keeps these columns in its parsed form and still converts the form.
flows/README.md ("XLSForm") documents the result for form authors.

Cell spellings of `lantern.FIELD` values:
- conditions (`when`, `notes_when`) are written in Lantern's condition language;
- `branches`: one line per branch, `goto NODE if CONDITION`;
- true/false fields: `true` or `false` (also read: TRUE, yes, 1, ...);
- tag lists (`indicators`): tags separated by spaces;
- plain words (`kind`, `type`, `consent`, `outcome`, `next`, ...): as they are;
- any other field, present or added to the format later: the value as YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from kiosk.core.yamlsrc import LineDict, LineList, YamlSourceError, load_text

PREFIX = "lantern."
CONDITION_FIELDS = ("when", "notes_when")
FLAG_FIELDS = ("sensitive", "dont_know")
TAG_FIELDS = ("indicators",)
WORD_FIELDS = ("kind", "type", "consent", "outcome", "next")
# Flow-level fields written as plain text in the settings sheet; other flow fields as YAML.
SETTINGS_TEXT_FIELDS = ("description", "child_wording", "age_question", "start")

# Standard XLSForm columns and the node field each one carries.
LABEL = "label"
HINT = "hint"
GUIDANCE_HINT = "guidance_hint"
TEXT_COLUMNS = {LABEL: "text", HINT: "help", GUIDANCE_HINT: "interpreter_note"}

_BRANCH_LINE = re.compile(r"goto\s+(\S+)\s+if\s+(.+)", re.DOTALL)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class CellError(ValueError):
    """A `lantern.` cell that cannot be read; the message says what was expected."""


def column(field: str, language: str | None = None) -> str:
    """`lantern.FIELD`, or `lantern.FIELD::Khmer (km)` for a translated text (survey sheet)."""
    name = f"{PREFIX}{field}"
    return f"{name}::{language}" if language else name


def choice_column(field: str, code: str | None = None) -> str:
    """`lantern.FIELD`, or `lantern.FIELD.km` for a translated text (choices sheet)."""
    name = f"{PREFIX}{field}"
    return f"{name}.{code}" if code else name


def lantern_cells(element: Mapping[str, Any]) -> dict[str, Any]:
    """The `lantern.FIELD` values of a parsed element (or settings), by FIELD."""
    return {
        str(key)[len(PREFIX) :]: value
        for key, value in element.items()
        if str(key).startswith(PREFIX) and len(str(key)) > len(PREFIX)
    }


# ---------------------------------------------------------------- writing cells


def branch_cell(branches: list[Any]) -> str:
    return "\n".join(f"goto {entry['goto']} if {_one_line(entry['if'])}" for entry in branches)


def flag_cell(value: bool) -> str:
    return "true" if value else "false"


def tags_cell(tags: list[str]) -> str:
    return " ".join(tags)


def yaml_cell(value: Any) -> str:
    """A value of any other field, as YAML (block style for mappings, so a cell stays legible)."""
    return yaml.safe_dump(
        plain(value), allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    ).strip()


def condition_cell(source: Any) -> str:
    return _one_line(source)


def _one_line(source: Any) -> str:
    # A condition's strings never hold a line break, so folding lines keeps its meaning.
    if isinstance(source, bool):
        return "true" if source else "false"
    return " ".join(str(source).split())


# ---------------------------------------------------------------- reading cells


def read_branches(cell: str) -> list[dict[str, str]]:
    branches = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        match = _BRANCH_LINE.fullmatch(line.strip())
        if match is None:
            raise CellError(f"each branch line reads 'goto NODE if CONDITION', not {line!r}")
        branches.append({"if": match.group(2).strip(), "goto": match.group(1)})
    return branches


def read_flag(cell: str) -> bool:
    word = cell.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(f"expected true or false, not {cell!r}")


def read_tags(cell: str) -> list[str]:
    return cell.replace(",", " ").split()


def read_yaml(cell: str) -> Any:
    try:
        return plain(load_text(cell))
    except YamlSourceError as error:
        raise CellError(f"not readable as YAML ({error.message})") from None


def read_field(field: str, cell: str) -> Any:
    """The flow value of a `lantern.FIELD` cell on a node or an option."""
    if field in FLAG_FIELDS:
        return read_flag(cell)
    if field in TAG_FIELDS:
        return read_tags(cell)
    if field == "branches":
        return read_branches(cell)
    if field in CONDITION_FIELDS or field in WORD_FIELDS:
        return " ".join(cell.split())
    return read_yaml(cell)


def write_field(field: str, value: Any) -> str:
    """The cell for a node or option field (the inverse of `read_field`)."""
    if field in FLAG_FIELDS:
        return flag_cell(bool(value))
    if field in TAG_FIELDS:
        return tags_cell(list(value))
    if field == "branches":
        return branch_cell(list(value))
    if field in CONDITION_FIELDS:
        return condition_cell(value)
    if field in WORD_FIELDS and isinstance(value, str):
        return value
    return yaml_cell(value)


def plain(value: Any) -> Any:
    """Plain dicts, lists and scalars (the loader's line-keeping types dropped, for dumping)."""
    if isinstance(value, LineDict | dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, LineList | list | tuple):
        return [plain(item) for item in value]
    return value
