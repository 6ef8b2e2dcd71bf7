"""XLSForm -> Lantern flow: pyxform's parsed form converted node by node, or refused.

What maps (flows/README.md, "XLSForm", is the user's account):
- a top-level `begin group` with a label starts a `section` (its label is the title); groups
  inside groups only pass their relevance on; `relevant` on a group is added to every question
  in it, as XLSForm means it;
- `select_one` -> `single_choice` (or `yes_no` when its choices are exactly yes and no),
  `select_multiple` -> `multiple_choice`, `integer`/`decimal` -> `number`, `text` ->
  `free_text`, `date` -> `date`, `note` -> `info`; `lantern.kind` / `lantern.type` say when a
  row is something XLSForm has no word for (a staff check, a staff note, an end, an age question);
- `relevant` -> `when` (kiosk.core.xlsform.relevance); `hint` -> `help`; `guidance_hint` ->
  `interpreter_note`; a number's range in `constraint` -> `min`/`max`;
- `label::Language (code)` (and hint, child text) in a language Lantern ships -> catalog entries.

Three outcomes for everything else. Refused (the import fails, `sheet:row: reason`): whatever
would change what is asked, in which order, which answers are possible or what is recorded
(repeats, calculations, defaults, choice filters, media, labels showing earlier answers, other
constraints, unsupported types and expressions). Not carried over, with a note: presentation
(appearance, style), `required` (every Lantern question can be declined), device metadata
(Lantern records its own times and never the device), unknown annotation columns, languages
Lantern does not ship. Everything that is converted is then checked as `kiosk validate` checks a
flow file, and its problems are reported at the rows they come from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core import conditions
from kiosk.core.conditions import BoolOp, ConditionError, Expr
from kiosk.core.flow_loader import FORMAT_VERSION, ID_PATTERN
from kiosk.core.i18n.languages import SOURCE_LANGUAGE, TRANSLATED
from kiosk.core.localizer import flow_key
from kiosk.core.xlsform import columns
from kiosk.core.xlsform.flow_text import FlowText, flow_yaml
from kiosk.core.xlsform.language_columns import column_code
from kiosk.core.xlsform.reading import (
    FormRefused,
    ParsedWorkbook,
    SheetProblem,
    read_workbook,
    straight_quotes,
)
from kiosk.core.xlsform.relevance import (
    VALUE_KINDS,
    QuestionRef,
    RelevanceError,
    from_xpath,
    lantern_source,
)

# pyxform's type names (after its aliases) -> Lantern question type.
QUESTION_TYPES = {
    "select one": "single_choice",
    "select all that apply": "multiple_choice",
    "integer": "number",
    "int": "number",
    "decimal": "number",
    "text": "free_text",
    "string": "free_text",
    "date": "date",
}
# Metadata pyxform fills in on a device; nothing to ask. Lantern never records the device.
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "uri:deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "uri:email",
    "uri:username",
    "audit",
    "start-geopoint",
    "background-audio",
}
REFUSED_TYPES = {
    "repeat": "'begin repeat' is not supported: a Lantern interview asks each question once",
    "calculate": "calculations are not supported: Lantern records only what the person says",
}
# Lantern condition words and built-in names cannot be node ids of an imported form.
RESERVED_IDS = {"and", "or", "not", "in", "is", "true", "false", *conditions.BUILTIN_NAMES}
NOTE_KINDS = {"info", "staff_note", "end"}
# Settings columns the import reads (with pyxform's spellings of them).
SETTINGS_USED = {"form_title", "title", "form_id", "id_string", "version", "default_language"}
IGNORED_CONTROL = {"appearance", "rows", "autoplay", "bodyless"}
# Columns of a survey row that say only how ODK tools show or store it.
PRESENTATION_KEYS = {"control", "instance", "sms_field", "__row_number", "tags"}
_OR_OTHER = re.compile(r" or (specify )?other$")
_PLACEHOLDER = re.compile(r"\$\{[^}]*\}")
_RANGE_PART = re.compile(r"\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class ImportedFlow:
    """A converted form: the flow file's text and the translations found for its texts."""

    text: str
    flow_id: str
    node_count: int
    # language code -> {(catalog context, English source): translation}
    translations: dict[str, dict[tuple[str, str], str]]
    notes: tuple[str, ...]


@dataclass
class _Source:
    """Where an element of the parsed form was written: its sheet row."""

    survey: dict[tuple[str, ...], int] = field(default_factory=dict)
    choices: dict[tuple[str, str], int] = field(default_factory=dict)
    raw_types: dict[int, str] = field(default_factory=dict)


@dataclass
class _Languages:
    """Which label column is the English source and which are catalog languages."""

    source_keys: tuple[str, ...]  # in order of preference
    codes: dict[str, str]  # language key in the parsed form -> Lantern code (not English)
    skipped: set[str]
    plain_is_english: bool


class _Notes:
    """What was not carried over, grouped so a long form gives a short report."""

    def __init__(self) -> None:
        self.rows: dict[str, list[str]] = defaultdict(list)

    def add(self, what: str, where: str) -> None:
        if where not in self.rows[what]:
            self.rows[what].append(where)

    def lines(self) -> tuple[str, ...]:
        found = []
        for what, places in self.rows.items():
            shown = ", ".join(places[:5]) + (
                f" and {len(places) - 5} more" if len(places) > 5 else ""
            )
            found.append(f"{shown}: {what}")
        return tuple(found)


def import_xlsform(path: Path, indicator_tags: Collection[str] | None = None) -> ImportedFlow:
    """Convert the XLSForm at `path`; `FormRefused` lists every reason it cannot be imported."""
    parsed = read_workbook(path)
    return _Importer(parsed, path, indicator_tags).run()


class _Importer:
    def __init__(
        self, parsed: ParsedWorkbook, path: Path, indicator_tags: Collection[str] | None
    ) -> None:
        self.form = parsed.form
        self.definition = parsed.definition
        self.path = path
        self.indicator_tags = indicator_tags
        self.problems: list[SheetProblem] = []
        self.notes = _Notes()
        self.source = _source_rows(parsed.definition)
        self.languages = self._languages()
        self.nodes: list[dict[str, Any]] = []
        self.node_rows: list[tuple[str, int]] = []
        self.ids: dict[str, int] = {}  # Lantern node id -> row
        self.refs: dict[str, QuestionRef] = {}  # XLSForm name -> question
        self.translations: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
        self.pending: list[tuple[str, str, str, dict[str, str]]] = []

    # ------------------------------------------------------------ the whole form

    def run(self) -> ImportedFlow:
        top = self._top_level()
        elements = list(self._elements(self.form.get("children", []), (), ()))
        for element in elements:
            self._register(element)
        for element in elements:
            self._convert(element)
        if not any(node["kind"] == "end" for node in self.nodes):
            self._append_end()
        ages = [node["id"] for node in self.nodes if node.get("type") == "age"]
        if "age_question" not in top and len(ages) == 1:
            top["age_question"] = ages[0]  # the one age question drives the child path
        if self.problems:
            raise FormRefused(self.problems)
        data = {**top, "nodes": self.nodes}
        text = flow_yaml(
            data, f"Imported from the XLSForm {self.path.name} by kiosk xlsform import."
        )
        self._check(text)
        flow_id = str(top["flow"])
        for item, name, english, translated in self.pending:
            context = flow_key(flow_id, item, name)
            for code, text_in_language in translated.items():
                self.translations[code][(context, english)] = text_in_language
        if self.definition.entities:
            self.notes.add("the entities sheet is not used by Lantern", "entities")
        if "policy" not in top:
            self.notes.add(
                "no safety check: add one (settings column lantern.policy, flows/README.md) "
                "before this flow is used with people",
                "settings",
            )
        for key in sorted(self.languages.skipped):
            self.notes.add(
                f"language '{key}' is not one Lantern ships; its texts are left out", "survey:1"
            )
        return ImportedFlow(
            text.text, flow_id, len(self.nodes), dict(self.translations), self.notes.lines()
        )

    def _top_level(self) -> dict[str, Any]:
        settings_rows = self.definition.settings or []
        settings = dict(settings_rows[0]) if settings_rows else {}
        lantern = columns.lantern_cells(self.form)
        top: dict[str, Any] = {"format": FORMAT_VERSION}
        raw_id = str(self.form.get("id_string") or self.path.stem)
        flow_id = _lantern_id(raw_id, "form")
        if flow_id is None:
            self._refuse("settings", 2, f"form_id {raw_id!r} cannot be a Lantern flow id")
            flow_id = "imported"
        top["flow"] = flow_id
        top["version"] = self._version(settings.get("version"))
        top["title"] = str(self.form.get("title") or raw_id)
        for name in columns.SETTINGS_TEXT_FIELDS:
            if isinstance(lantern.get(name), str):
                top[name] = lantern[name]
        top["language"] = SOURCE_LANGUAGE
        for name, cell in lantern.items():
            if name in columns.SETTINGS_TEXT_FIELDS or name == "language":
                continue
            if not isinstance(cell, str):
                self._refuse("settings", 1, f"column lantern.{name} takes no language suffix")
                continue
            try:
                top[name] = columns.read_yaml(cell)
            except columns.CellError as error:
                self._refuse("settings", 2, f"lantern.{name}: {error}")
        for key in settings:
            used = key.strip().lower() in SETTINGS_USED or key.startswith(columns.PREFIX)
            if not used:
                self.notes.add(f"settings column '{key}' is not used by Lantern", "settings:1")
        return top

    def _version(self, raw: Any) -> int:
        text = str(raw or "1").strip()
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.notes.add(
            f"version {text!r} is not a whole number; the flow starts at version 1", "settings:2"
        )
        return 1

    def _languages(self) -> _Languages:
        keys: set[str] = set()
        for element in _walk(self.form.get("children", [])):
            for value in _text_values(element):
                if isinstance(value, dict):
                    keys.update(value)
        default = str(self.form.get("default_language") or "default")
        # Unlabelled columns are XLSForm's default language: English unless settings say else.
        plain_is_english = default == "default" or column_code(default) == SOURCE_LANGUAGE
        codes: dict[str, str] = {}
        english: list[str] = []
        skipped: set[str] = set()
        for key in sorted(keys):
            code = column_code(key)
            if code == SOURCE_LANGUAGE:
                english.append(key)
            elif code is not None:
                codes[key] = code
            elif key != "default" and key != default:
                skipped.add(key)
        if plain_is_english:
            english.extend(["default", default])
        elif column_code(default) is None:
            skipped.add(default)
        return _Languages(tuple(english), codes, skipped, plain_is_english)

    # ------------------------------------------------------------ walking the elements

    def _elements(
        self, children: list[Any], path: tuple[str, ...], relevance: tuple[tuple[str, int], ...]
    ) -> Iterator[_Element]:
        """Every element in form order, with its row and the relevance of its groups."""
        for child in children:
            if not isinstance(child, dict):
                continue
            name = str(child.get("name", ""))
            kind = str(child.get("type", ""))
            here = (*path, name)
            row = self.source.survey.get(here, 0)
            if row == 0:
                # Not written in the form: pyxform made it (the instance id in `meta`, the
                # text box of `or_other`, a table-list's header row) from a row that is
                # converted or refused on its own.
                continue
            element = _Element(child, kind, name, row, len(path), relevance)
            yield element
            if kind in ("group", "repeat"):  # a refused repeat's rows are checked too
                rel = _bind(child).get("relevant")
                inner = (*relevance, (str(rel), row)) if rel else relevance
                yield from self._elements(child.get("children", []), here, inner)

    def _register(self, element: _Element) -> None:
        """Learn each question's Lantern id and kind before any condition is read."""
        lantern_type = self._question_type(element, report=False)
        if lantern_type is None:
            return
        node_id = _lantern_id(element.name, "question")
        if node_id is None:
            return
        values = {}
        for choice in element.data.get("choices") or []:
            if isinstance(choice, dict):
                value = _lantern_id(str(choice.get("name", "")), "choice")
                if value is not None:
                    values[str(choice.get("name"))] = value
        self.refs[element.name] = QuestionRef(
            node_id, VALUE_KINDS[lantern_type], values=values, xls_name=element.name
        )

    def _convert(self, element: _Element) -> None:
        data = element.data
        kind = element.kind
        row = element.row
        if kind in METADATA_TYPES:
            self.notes.add(
                f"'{kind}' is device metadata; Lantern does not record it", f"survey:{row}"
            )
            return
        if kind in REFUSED_TYPES:
            self._refuse("survey", row, REFUSED_TYPES[kind])
            return
        if kind == "group":
            self._group(element)
            return
        lantern = _lantern_cells(data)
        node_kind = lantern.pop("kind", None)
        if kind == "note":
            self._note(element, node_kind or "info", lantern)
            return
        question_type = self._question_type(element, report=True)
        if question_type is None:
            return
        node_id = self._node_id(element)
        if node_kind not in (None, "question", "staff_check"):
            self._refuse("survey", row, f"lantern.kind '{node_kind}' does not fit type '{kind}'")
            return
        if node_kind == "staff_check":
            if question_type != "multiple_choice":
                self._refuse("survey", row, "a staff check is written as select_multiple")
                return
            node = self._node(node_id, "staff_check", element, lantern)
            node["items"] = self._items(element, node_id)
        else:
            node = self._node(node_id, "question", element, lantern)
            node["type"] = question_type
            lantern.pop("type", None)
            if question_type in ("single_choice", "multiple_choice"):
                node["options"] = self._options(element, node_id)
        self._constraint(element, node, question_type)
        self._lantern_fields(element, node, lantern)
        self._add(node, row)

    # ------------------------------------------------------------ node kinds

    def _group(self, element: _Element) -> None:
        lantern = _lantern_cells(element.data)
        label = element.data.get("label")
        node_kind = lantern.pop("kind", None)
        if node_kind not in (None, "section"):
            self._refuse("survey", element.row, f"lantern.kind '{node_kind}' does not fit a group")
            return
        if element.depth > 0 or not label:
            if label:
                self.notes.add(
                    "a group inside a group is not a section of its own (sections do not nest)",
                    f"survey:{element.row}",
                )
            return
        node_id = self._node_id(element)
        node: dict[str, Any] = {"id": node_id, "kind": "section"}
        title = self._text(element, "label", node_id, "title")
        if title:
            node["title"] = title
        self._unsupported_keys(element, allow_bind={"relevant"})
        self._lantern_fields(element, node, lantern)
        self._add(node, element.row)

    def _note(self, element: _Element, node_kind: str, lantern: dict[str, Any]) -> None:
        if node_kind not in NOTE_KINDS:
            self._refuse(
                "survey",
                element.row,
                f"lantern.kind '{node_kind}' does not fit a note (info, staff_note or end)",
            )
            return
        node_id = self._node_id(element)
        node = self._node(node_id, node_kind, element, lantern)
        self._lantern_fields(element, node, lantern)
        self._add(node, element.row)

    def _node(
        self, node_id: str, node_kind: str, element: _Element, lantern: dict[str, Any]
    ) -> dict[str, Any]:
        node: dict[str, Any] = {"id": node_id, "kind": node_kind}
        when = self._when(element, lantern.pop("when", None))
        if when is not None:
            node["when"] = when
        text = self._text(element, "label", node_id, "text")
        if text:
            node["text"] = text
        elif node_kind != "end" and not element.data.get("label"):
            self._refuse("survey", element.row, "a label is needed (the words shown)")
        child_text = lantern.pop("child_text", None)
        if child_text is not None and node_kind != "staff_check":
            translated = self._texts(child_text, element.row, "lantern.child_text")
            if translated is not None:
                node["child_text"] = self._keep_translations(translated, node_id, "child_text")
        help_text = self._text(element, "hint", node_id, "help")
        if help_text:
            node["help"] = help_text
        guidance = element.data.get("guidance_hint")
        if guidance:
            texts = self._texts(guidance, element.row, "guidance_hint")
            if texts is not None:
                node["interpreter_note"] = texts[SOURCE_LANGUAGE]
        self._unsupported_keys(element, allow_bind={"relevant", "required", "constraint"})
        return node

    def _question_type(self, element: _Element, report: bool) -> str | None:
        data = element.data
        kind = element.kind
        raw = self.source.raw_types.get(element.row, "")
        lantern = _lantern_cells(data)
        if kind not in QUESTION_TYPES:
            if report and kind not in ("note", "group", *METADATA_TYPES, *REFUSED_TYPES):
                self._refuse("survey", element.row, f"question type '{kind}' is not supported")
            return None
        if _OR_OTHER.search(raw):
            if report:
                self._refuse("survey", element.row, "'or_other' is not supported: list the choices")
            return None
        if data.get("choice_filter") or "external" in raw or "from file" in raw:
            if report:
                self._refuse(
                    "survey",
                    element.row,
                    "choices from a file or filtered by earlier answers are not supported",
                )
            return None
        base = QUESTION_TYPES[kind]
        wanted = lantern.get("type")
        if wanted is None:
            if base == "single_choice" and _choice_names(data) == {"yes", "no"}:
                return "yes_no"
            return base
        allowed = {
            "single_choice": {"single_choice", "yes_no"},
            "number": {"number", "age"},
        }.get(base, {base})
        if wanted not in allowed:
            if report:
                self._refuse(
                    "survey", element.row, f"lantern.type '{wanted}' does not fit type '{kind}'"
                )
            return None
        return str(wanted)

    def _choices(self, element: _Element) -> Iterator[tuple[dict[str, Any], int, str]]:
        """Each choice of a select with its row and Lantern value (refused ones left out)."""
        list_name = str(element.data.get("list_name", ""))
        for choice in element.data.get("choices") or []:
            if not isinstance(choice, dict):
                continue
            name = str(choice.get("name", ""))
            row = self.source.choices.get((list_name, name), 0)
            value = _lantern_id(name, "choice")
            if value is None:
                self._refuse("choices", row, f"choice name {name!r} cannot be used as a value")
                continue
            self._choice_extras(choice, row)
            yield choice, row, value

    def _options(self, element: _Element, node_id: str) -> list[dict[str, Any]]:
        options = []
        for choice, row, value in self._choices(element):
            option: dict[str, Any] = {"value": value}
            item = f"{node_id}.{value}"
            text = self._choice_text(choice, row, item, "text", "label")
            if text:
                option["text"] = text
            elif not choice.get("label"):
                self._refuse("choices", row, "a choice needs a label")
            lantern = _lantern_cells(choice)
            child_texts = self._choice_translations(lantern, "child_text", row)
            if child_texts is not None:
                option["child_text"] = self._keep_translations(child_texts, item, "child_text")
            for name, cell in lantern.items():
                self._set_field(option, name, cell, "choices", row)
            options.append(option)
        return options

    def _items(self, element: _Element, node_id: str) -> list[dict[str, Any]]:
        items = []
        for choice, row, item_id in self._choices(element):
            text = self._choice_text(choice, row, f"{node_id}.{item_id}", "text", "label")
            if text:
                items.append({"id": item_id, "text": text})
            elif not choice.get("label"):
                self._refuse("choices", row, "a checklist item needs a label")
        return items

    def _choice_translations(
        self, lantern: dict[str, Any], name: str, row: int
    ) -> dict[str, str] | None:
        """`lantern.NAME` (English) and `lantern.NAME.km` (translations) of a choice, taken
        out of `lantern`."""
        texts: dict[str, str] = {}
        for key in [key for key in lantern if key == name or key.startswith(f"{name}.")]:
            cell = str(lantern.pop(key)).strip()
            code = SOURCE_LANGUAGE if key == name else key[len(name) + 1 :]
            if code != SOURCE_LANGUAGE and code not in TRANSLATED:
                self.notes.add(
                    f"column lantern.{key}: '{code}' is not a language Lantern ships",
                    f"choices:{row}",
                )
                continue
            if _PLACEHOLDER.search(cell):
                self._refuse("choices", row, f"lantern.{key} shows an earlier answer (${{...}})")
                return None
            texts[code] = cell
        if not texts:
            return None
        if SOURCE_LANGUAGE not in texts:
            self._refuse("choices", row, f"lantern.{name} needs English text (lantern.{name})")
            return None
        return texts

    def _choice_extras(self, choice: dict[str, Any], row: int) -> None:
        for key in choice:
            if key in ("name", "label") or str(key).startswith(columns.PREFIX):
                continue
            if key == "media":
                self._refuse("choices", row, "images, audio or video on a choice are not supported")
            else:
                self.notes.add(f"choices column '{key}' is not used by Lantern", f"choices:{row}")

    def _append_end(self) -> None:
        node_id = "end"
        number = 1
        while node_id in self.ids:
            number += 1
            node_id = f"end_{number}"
        self.nodes.append({"id": node_id, "kind": "end", "outcome": "completed"})
        last_row = max((row for _sheet, row in self.node_rows), default=1)
        self.node_rows.append(("survey", last_row))
        self.ids[node_id] = last_row

    # ------------------------------------------------------------ fields

    def _when(self, element: _Element, own_cell: Any) -> str | None:
        """The node's `when`: its own relevance and that of every group around it."""
        parts: list[Expr] = []
        for source, row in element.group_relevance:
            converted = self._relevant(source, row)
            if converted is None:
                return None
            parts.append(converted)
        own = _bind(element.data).get("relevant")
        if own and own_cell is not None:
            self._refuse("survey", element.row, "give 'relevant' or 'lantern.when', not both")
            return None
        if own:
            converted = self._relevant(str(own), element.row)
            if converted is None:
                return None
            parts.append(converted)
        if own_cell is not None:
            source = " ".join(straight_quotes(str(own_cell)).split())
            if not parts:
                return source  # taken as written: it is already Lantern's language
            try:
                parts.append(conditions.parse(source))
            except ConditionError as error:
                self._refuse("survey", element.row, f"lantern.when: {error.message}")
                return None
        if not parts:
            return None
        tree = parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))
        return lantern_source(tree)

    def _relevant(self, source: str, row: int) -> Expr | None:
        try:
            return from_xpath(straight_quotes(source), self.refs)
        except RelevanceError as error:
            self._refuse("survey", row, f"relevant {source!r}: {error.message}")
            return None

    def _constraint(self, element: _Element, node: dict[str, Any], question_type: str) -> None:
        bind = _bind(element.data)
        if bind.get("required") and str(bind["required"]).lower() not in ("no", "false", "false()"):
            self.notes.add(
                "'required' is not carried over: every Lantern question can be declined",
                f"survey:{element.row}",
            )
        constraint = bind.get("constraint")
        if not constraint:
            return
        bounds = (
            _range(straight_quotes(str(constraint))) if question_type in ("number", "age") else None
        )
        if bounds is None:
            self._refuse(
                "survey",
                element.row,
                f"constraint {constraint!r} is not supported (only a number range like "
                "'. >= 0 and . <= 120')",
            )
            return
        node.update(bounds)

    def _lantern_fields(
        self, element: _Element, node: dict[str, Any], lantern: dict[str, Any]
    ) -> None:
        for name, cell in lantern.items():
            self._set_field(node, name, cell, "survey", element.row)

    def _set_field(
        self, target: dict[str, Any], name: str, cell: Any, sheet: str, row: int
    ) -> None:
        if not isinstance(cell, str):
            self._refuse(sheet, row, f"column lantern.{name} takes no language suffix")
            return
        if name in (*columns.CONDITION_FIELDS, "branches"):
            cell = straight_quotes(cell)
        try:
            target[name] = columns.read_field(name, cell)
        except columns.CellError as error:
            self._refuse(sheet, row, f"lantern.{name}: {error}")

    def _unsupported_keys(self, element: _Element, allow_bind: set[str]) -> None:
        data = element.data
        row = element.row
        for key, value in _bind(data).items():
            if key in allow_bind or key in ("jr:requiredMsg", "jr:constraintMsg"):
                continue
            if key == "readonly" and str(value).lower() in ("false", "false()", "no"):
                continue
            reason = {
                "calculate": "a calculation is not supported",
                "readonly": "a read-only question is not supported",
            }.get(key, f"bind::{key} is not supported")
            self._refuse("survey", row, reason)
        if "default" in data:
            self._refuse(
                "survey", row, "a default answer is not supported: the person gives every answer"
            )
        if "media" in data:
            self._refuse("survey", row, "images, audio or video are not supported")
        if "trigger" in data:
            self._refuse("survey", row, "'trigger' is not supported")
        if data.get("parameters"):
            self._refuse("survey", row, "question 'parameters' are not supported")
        control = data.get("control") or {}
        if any(key not in IGNORED_CONTROL for key in control):
            self._refuse("survey", row, "this question's 'control' settings are not supported")
        elif control.get("appearance"):
            self.notes.add(
                "'appearance' is not used: Lantern draws its own screens", f"survey:{row}"
            )
        known = {
            "type",
            "name",
            "label",
            "hint",
            "guidance_hint",
            "bind",
            "children",
            "choices",
            "itemset",
            "list_name",
            "parameters",
            "default",
            "media",
            "trigger",
            "choice_filter",
            *PRESENTATION_KEYS,
        }
        for key in data:
            if key not in known and not str(key).startswith(columns.PREFIX):
                self.notes.add(f"column '{key}' is not used by Lantern", f"survey:{row}")

    # ------------------------------------------------------------ texts and translations

    def _text(self, element: _Element, column: str, item: str, name: str) -> str | None:
        value = element.data.get(column)
        if not value:
            return None
        texts = self._texts(value, element.row, column)
        if texts is None:
            return None
        return self._keep_translations(texts, item, name)

    def _choice_text(
        self, choice: dict[str, Any], row: int, item: str, name: str, column: str
    ) -> str | None:
        value = choice.get(column)
        if not value:
            return None
        texts = self._texts(value, row, column, sheet="choices")
        return None if texts is None else self._keep_translations(texts, item, name)

    def _texts(
        self, value: Any, row: int, column: str, sheet: str = "survey"
    ) -> dict[str, str] | None:
        """{language code: text}; the English source under SOURCE_LANGUAGE, or a refusal."""
        found: dict[str, str] = {}
        if isinstance(value, str) and self.languages.plain_is_english:
            found[SOURCE_LANGUAGE] = value
        elif isinstance(value, dict):
            for key in self.languages.source_keys:
                text = value.get(key)
                if isinstance(text, str) and text.strip():
                    found[SOURCE_LANGUAGE] = text
                    break
            for key, text in value.items():
                if key in self.languages.codes and isinstance(text, str) and text.strip():
                    found[self.languages.codes[key]] = text
        if SOURCE_LANGUAGE not in found:
            self._refuse(
                sheet,
                row,
                f"'{column}' has no English text (Lantern's source language; "
                "write it in a column like 'label::English (en)')",
            )
            return None
        for text in found.values():
            if _PLACEHOLDER.search(text):
                self._refuse(
                    sheet,
                    row,
                    f"'{column}' shows an earlier answer (${{...}}); Lantern texts cannot",
                )
                return None
        return {code: text.strip() for code, text in found.items()}

    def _keep_translations(self, texts: dict[str, str], item: str, name: str) -> str:
        english = texts[SOURCE_LANGUAGE]
        translated = {code: text for code, text in texts.items() if code != SOURCE_LANGUAGE}
        if translated:
            self.pending.append((item, name, english, translated))
        return english

    # ------------------------------------------------------------ ids and rows

    def _node_id(self, element: _Element) -> str:
        node_id = _lantern_id(element.name, "question")
        if node_id is None:
            self._refuse(
                "survey", element.row, f"name {element.name!r} cannot be a Lantern node id"
            )
            return f"row_{element.row}"
        if node_id in self.ids:
            self._refuse(
                "survey",
                element.row,
                f"name {element.name!r} becomes the id '{node_id}' of row {self.ids[node_id]} "
                "as well",
            )
        return node_id

    def _add(self, node: dict[str, Any], row: int) -> None:
        self.ids.setdefault(node["id"], row)
        self.nodes.append(node)
        self.node_rows.append(("survey", row))

    def _refuse(self, sheet: str, row: int, reason: str) -> None:
        self.problems.append(SheetProblem(sheet, max(row, 1), reason))

    # ------------------------------------------------------------ final check

    def _check(self, flow_text: FlowText) -> None:
        """Run the flow checks of `kiosk validate`; report each problem at its source row."""
        from kiosk.core.flow_loader import parse_flow
        from kiosk.core.flow_validate import check_flow
        from kiosk.core.yamlsrc import load_text

        data = load_text(flow_text.text)
        flow, problems = parse_flow(data, "imported")
        if flow is not None:
            problems.extend(check_flow(flow, self.indicator_tags))
        for problem in sorted(set(problems)):
            sheet, row = self._row_of_line(flow_text, problem.line)
            self._refuse(sheet, row, problem.message)
        if self.problems:
            raise FormRefused(self.problems)

    def _row_of_line(self, flow_text: FlowText, line: int) -> tuple[str, int]:
        index = flow_text.node_at(line)
        if index is None:
            return ("settings", 2)
        return self.node_rows[index]


@dataclass(frozen=True)
class _Element:
    data: dict[str, Any]
    kind: str
    name: str
    row: int
    depth: int
    group_relevance: tuple[tuple[str, int], ...]


def _walk(children: list[Any]) -> Iterator[dict[str, Any]]:
    for child in children:
        if isinstance(child, dict):
            yield child
            yield from _walk(child.get("children") or [])
            for choice in child.get("choices") or []:
                if isinstance(choice, dict):
                    yield choice


def _text_values(element: dict[str, Any]) -> Iterator[Any]:
    for key in ("label", "hint"):
        if key in element:
            yield element[key]
    child_text = element.get(columns.column("child_text"))
    if child_text is not None:
        yield child_text


def _bind(data: Mapping[str, Any]) -> dict[str, Any]:
    bind = data.get("bind")
    return bind if isinstance(bind, dict) else {}


def _lantern_cells(data: Mapping[str, Any]) -> dict[str, Any]:
    return columns.lantern_cells(data)


def _choice_names(data: Mapping[str, Any]) -> set[str]:
    return {
        str(choice.get("name")) for choice in data.get("choices") or [] if isinstance(choice, dict)
    }


def _range(constraint: str) -> dict[str, float | int] | None:
    """`. >= 0 and . <= 120` (either part alone too) as min/max, else None."""
    parts = [part.strip() for part in constraint.split(" and ")]
    bounds: dict[str, float | int] = {}
    for part in parts:
        match = _RANGE_PART.fullmatch(part)
        if match is None:
            return None
        number = float(match.group(2))
        value: float | int = (
            int(number) if number.is_integer() and "." not in match.group(2) else number
        )
        key = "min" if match.group(1) == ">=" else "max"
        if key in bounds:
            return None
        bounds[key] = value
    return bounds or None


def _lantern_id(name: str, what: str) -> str | None:
    """An XLSForm name as a Lantern id: lower case, `_` for other characters; None if impossible."""
    text = re.sub(r"[^a-z0-9_]", "_", name.strip().lower())
    if not text:
        return None
    if not text[0].isalpha() or text in RESERVED_IDS:
        text = ("q_" if what != "choice" else "opt_") + text.lstrip("_")
    return text if ID_PATTERN.fullmatch(text) else None


def _source_rows(definition: Any) -> _Source:
    """Rows of every survey element (by its path of names) and every choice."""
    source = _Source()
    path: list[str] = []
    for index, raw in enumerate(definition.survey or [], start=2):
        row = {str(key).strip().lower(): value for key, value in raw.items()}
        raw_type = " ".join(str(row.get("type", "")).replace("_", " ").lower().split())
        source.raw_types[index] = raw_type
        name = str(row.get("name", "")).strip()
        if raw_type.startswith("end "):
            if path:
                path.pop()
            continue
        if not name and raw_type == "note":
            name = f"generated_note_name_{index}"  # as pyxform names a note without a name
        if name:
            source.survey.setdefault((*path, name), index)
        if raw_type.startswith("begin "):
            path.append(name)
    for index, raw in enumerate(definition.choices or [], start=2):
        row = {str(key).strip().lower(): value for key, value in raw.items()}
        list_name = str(row.get("list_name", row.get("list name", ""))).strip()
        source.choices.setdefault((list_name, str(row.get("name", "")).strip()), index)
    return source
