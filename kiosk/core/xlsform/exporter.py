"""Lantern flow -> XLSForm, so that importing the result gives the same flow back.

Standard columns say what XLSForm can say (and what ODK tools then show); `lantern.FIELD`
columns carry the rest (kiosk.core.xlsform.columns). Sections become top-level groups: a group
opens at each section and closes before the next one. A `when` goes into `relevant` only when
reading that XPath back gives the very same condition; otherwise it stays in Lantern's words in
`lantern.when`. Translations come from the catalogs, in `label::Khmer (km)` style columns;
machine translations are left out (an XLSForm cannot mark them, and Lantern never passes them
off as curated text).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.core import conditions
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow, Node
from kiosk.core.i18n.catalogs import Catalogs
from kiosk.core.i18n.extract import UI_CONTEXT
from kiosk.core.i18n.languages import SOURCE_LANGUAGE, TRANSLATED
from kiosk.core.localizer import flow_key
from kiosk.core.xlsform import columns
from kiosk.core.xlsform.language_columns import language_column
from kiosk.core.xlsform.relevance import (
    VALUE_KINDS,
    QuestionRef,
    RelevanceError,
    ValueKind,
    from_xpath,
    lantern_source,
    to_xpath,
)
from kiosk.core.xlsform.workbook import Workbook
from kiosk.core.yamlsrc import LineDict, YamlSourceError, load_file

XLSFORM_TYPES = {
    "yes_no": "select_one",
    "single_choice": "select_one",
    "multiple_choice": "select_multiple",
    "number": "decimal",
    "age": "integer",
    "date": "date",
    "free_text": "text",
}
# Node fields standard columns carry; every other field goes into a `lantern.` column.
STANDARD_FIELDS = {
    "id",
    "kind",
    "type",
    "text",
    "title",
    "child_text",
    "help",
    "interpreter_note",
    "min",
    "max",
    "options",
    "items",
}
TOP_STANDARD = {"format", "flow", "version", "title", "language", "nodes"}
OPTION_STANDARD = {"value", "text", "child_text"}
# The order of survey columns in the written sheet (others follow, as first met).
SURVEY_ORDER = ("type", "name", "label", "relevant", "constraint", "hint", "guidance_hint")


def export_flow(flow: Flow, path: Path, catalogs: Catalogs | None) -> Workbook:
    """The XLSForm of `flow` (loaded and valid) read from `path`; translations from `catalogs`."""
    try:
        raw = load_file(path)
    except YamlSourceError as error:
        raise KioskError(f"{path}:{error.line}: {error.message}") from None
    if not isinstance(raw, LineDict):
        raise KioskError(f"{path}: not a flow file")
    return _Exporter(flow, raw, catalogs).workbook()


class _Exporter:
    def __init__(self, flow: Flow, raw: LineDict, catalogs: Catalogs | None) -> None:
        self.flow = flow
        self.raw = raw
        self.catalogs = catalogs

        self.kinds = {
            node.id: ValueKind.MULTI
            if node.kind == "staff_check"
            else VALUE_KINDS[node.type or "free_text"]
            for node in flow.questions
        }
        self.refs = {node_id: QuestionRef(node_id, kind) for node_id, kind in self.kinds.items()}
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.yes_no_list = self._free_list_name("yes_no")

    def workbook(self) -> Workbook:
        group_open = False
        for raw_node in self.raw.get("nodes") or []:
            node = self.flow.node(raw_node["id"])
            if node.kind == "section":
                if group_open:
                    self.survey.append({"type": "end group", "name": ""})
                group_open = True
            self.survey.append(self._row(node, raw_node))
        if group_open:
            self.survey.append({"type": "end group", "name": ""})
        if any(node.type == "yes_no" for node in self.flow.nodes):
            self._yes_no_choices()
        return Workbook(
            _aligned(self.survey, SURVEY_ORDER), _aligned(self.choices, ()), self._settings()
        )

    # ------------------------------------------------------------ survey rows

    def _row(self, node: Node, raw: LineDict) -> dict[str, str]:
        row: dict[str, str] = {"type": self._type(node), "name": node.id}
        if node.kind == "section":
            self._texts(row, "label", node.id, "title", node.title)
        else:
            self._texts(row, "label", node.id, "text", node.text)
        if node.kind != "section" and node.when is not None:
            xpath = self._xpath(node.when.tree)
            if xpath is not None:
                row["relevant"] = xpath
            else:
                row[columns.column("when")] = columns.condition_cell(node.when.source)
        if node.min is not None or node.max is not None:
            row["constraint"] = _constraint(raw)
        if node.help:
            self._texts(row, "hint", node.id, "help", node.help)
        if node.interpreter_note:
            row[f"guidance_hint::{language_column(SOURCE_LANGUAGE)}"] = node.interpreter_note
        if node.child_text:
            self._texts(row, columns.column("child_text"), node.id, "child_text", node.child_text)
        if node.kind in ("staff_note", "end", "staff_check"):
            row[columns.column("kind")] = node.kind
        if node.kind == "question" and node.type:
            row[columns.column("type")] = node.type
        for name, value in raw.items():
            if name in STANDARD_FIELDS or (name == "when" and node.kind != "section"):
                continue
            row[columns.column(name)] = columns.write_field(name, value)
        if node.options:
            self._options(node, raw)
        if node.items:
            self._items(node)
        return row

    def _type(self, node: Node) -> str:
        if node.kind == "section":
            return "begin group"
        if node.kind in ("info", "staff_note", "end"):
            return "note"
        if node.kind == "staff_check":
            return f"select_multiple {node.id}"
        kind = XLSFORM_TYPES[node.type or "free_text"]
        if node.type == "yes_no":
            return f"{kind} {self.yes_no_list}"
        return f"{kind} {node.id}" if kind.startswith("select") else kind

    def _xpath(self, tree: conditions.Expr) -> str | None:
        """`relevant` for a condition, only if reading it back gives the same condition."""
        xpath = to_xpath(tree, self.kinds)
        if xpath is None:
            return None
        try:
            back = from_xpath(xpath, self.refs)
        except RelevanceError:
            return None
        return xpath if lantern_source(back) == lantern_source(tree) else None

    # ------------------------------------------------------------ choices

    def _options(self, node: Node, raw: LineDict) -> None:
        raw_options = {entry["value"]: entry for entry in raw.get("options") or []}
        for option in node.options:
            item = f"{node.id}.{option.value}"
            row = {"list_name": node.id, "name": option.value}
            self._texts(row, "label", item, "text", option.text)
            if option.child_text:
                row[columns.choice_column("child_text")] = option.child_text
                context = flow_key(self.flow.id, item, "child_text")
                for code in TRANSLATED:
                    translated = self._translation(code, context, option.child_text)
                    if translated:
                        row[columns.choice_column("child_text", code)] = translated
            for name, value in raw_options.get(option.value, {}).items():
                if name not in OPTION_STANDARD:
                    row[columns.choice_column(name)] = columns.write_field(name, value)
            self.choices.append(row)

    def _items(self, node: Node) -> None:
        for check in node.items:
            row = {"list_name": node.id, "name": check.id}
            self._texts(row, "label", f"{node.id}.{check.id}", "text", check.text)
            self.choices.append(row)

    def _yes_no_choices(self) -> None:
        for value, source in (("yes", "Yes"), ("no", "No")):
            row = {"list_name": self.yes_no_list, "name": value}
            row[f"label::{language_column(SOURCE_LANGUAGE)}"] = source
            for code in TRANSLATED:
                translated = self._translation(code, UI_CONTEXT, source)
                if translated:
                    row[f"label::{language_column(code)}"] = translated
            self.choices.append(row)

    def _free_list_name(self, wanted: str) -> str:
        taken = {node.id for node in self.flow.nodes if node.options or node.items}
        name, number = wanted, 1
        while name in taken:
            number += 1
            name = f"{wanted}_{number}"
        return name

    # ------------------------------------------------------------ settings

    def _settings(self) -> dict[str, str]:
        settings = {
            "form_title": self.flow.title,
            "form_id": self.flow.id,
            "version": str(self.flow.version),
            "default_language": language_column(SOURCE_LANGUAGE),
        }
        for name, value in self.raw.items():
            if name in TOP_STANDARD:
                continue
            if name in columns.SETTINGS_TEXT_FIELDS and isinstance(value, str):
                settings[columns.column(name)] = value
            else:
                settings[columns.column(name)] = columns.yaml_cell(value)
        return settings

    # ------------------------------------------------------------ texts

    def _texts(self, row: dict[str, str], column: str, item: str, name: str, source: str) -> None:
        """`column::English (en)` and one column per language that has a curated translation."""
        row[f"{column}::{language_column(SOURCE_LANGUAGE)}"] = source
        context = flow_key(self.flow.id, item, name)
        for code in TRANSLATED:
            translated = self._translation(code, context, source)
            if translated:
                row[f"{column}::{language_column(code)}"] = translated

    def _translation(self, code: str, context: str, source: str) -> str | None:
        if self.catalogs is None:
            return None
        entry = self.catalogs.lookup(code, context, source)
        if entry is None or entry.status == "machine":
            return None
        return entry.text


def _constraint(raw: Mapping[str, Any]) -> str:
    parts = []
    if raw.get("min") is not None:
        parts.append(f". >= {raw['min']!r}")
    if raw.get("max") is not None:
        parts.append(f". <= {raw['max']!r}")
    return " and ".join(parts)


def _aligned(rows: list[dict[str, str]], order: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows whose first row names every column, in a readable order (the writer takes the
    columns from the keys in first-seen order)."""
    if not rows:
        return rows
    seen = list(dict.fromkeys(key for row in rows for key in row))

    def rank(key: str) -> tuple[int, int]:
        base = key.split("::")[0]
        standard = order.index(base) if base in order else len(order)
        return (standard, seen.index(key))

    first = {key: rows[0].get(key, "") for key in sorted(seen, key=rank)}
    return [first, *rows[1:]]
