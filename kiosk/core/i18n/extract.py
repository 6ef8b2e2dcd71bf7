"""Collect every translatable string into a template and merge it into each language catalog.

Sources:
- UI strings: calls `ui("...")` in kiosk/ui/**/*.py, found by Babel's Python extractor (the code
  is parsed, never imported, so extraction needs no Qt); context `ui`.
- Document strings: `("documents.<...>", "English")` pairs in kiosk/core/documents/*.py; the key
  is the context.
- Content strings: every flow in flows/ and the rights text in content/rights.yaml, with the
  context `kiosk.core.localizer.content_key(...)` and the English source as msgid, so a changed
  source is never shown with a stale translation (Babel marks it fuzzy, i.e. draft).
"""

from __future__ import annotations

import ast
import copy
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.i18n.languages import TRANSLATED, Language, language
from kiosk.core.i18n.register import (
    FALLBACK,
    AgePath,
    Register,
    readers,
    register_sources,
    split_field,
    translator_note,
    variant_field,
)
from kiosk.core.localizer import UI_CONTEXT as UI_CONTEXT  # (re-exported: importers use it)
from kiosk.core.localizer import alert_item, content_key, flow_key

TEMPLATE_NAME = "lantern.pot"
PROJECT = "Lantern"
_DOCUMENT_KEY = re.compile(r"documents\.[a-z0-9_.]+")
_STAFF_DOCUMENTS = "documents.referral."  # the referral summary is read by staff only
# A fixed header date keeps catalogs byte-stable when nothing changed (git diffs stay readable).
_HEADER_DATE = datetime(2024, 1, 1)
_HEADER = """\
# {language} translations for Lantern (UI, interview flows, rights text).
# Entries marked fuzzy are drafts (or machine translations, flagged `machine`) and need review
# by a native speaker; clear "fuzzy" once an entry is reviewed. Keep {placeholders} unchanged.
# Update with: kiosk i18n extract. Check with: kiosk i18n check.
#"""


@dataclass
class SourceString:
    context: str
    msgid: str
    locations: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown to translators as `#.` comments
    # Who reads it (kiosk.core.i18n.register); empty: kept for the flow's sake, never shown.
    registers: frozenset[Register] = frozenset({Register.NEUTRAL})
    consent: bool = False  # a consent question (never to be worded as "can you")


class _Collected:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.strings: dict[tuple[str, str], SourceString] = {}

    def add(
        self,
        context: str,
        msgid: str | None,
        file: Path,
        line: int,
        *notes: str,
        registers: frozenset[Register] = frozenset({Register.NEUTRAL}),
        consent: bool = False,
    ) -> None:
        if not msgid:
            return
        try:
            shown = file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            shown = file.as_posix()
        entry = self.strings.setdefault(
            (context, msgid),
            SourceString(context, msgid, registers=registers, consent=consent),
        )
        if context != UI_CONTEXT:
            notes = (*notes, translator_note(registers))
        if (shown, line) not in entry.locations:
            entry.locations.append((shown, line))
        entry.notes.extend(note for note in notes if note and note not in entry.notes)


def collect(root: Path | None = None) -> list[SourceString]:
    """Every translatable string under `root` (default: the Lantern source tree), in file order."""
    root = root or paths.resource_root()
    out = _Collected(root)
    _collect_ui(root / "kiosk" / "ui", out)
    _collect_ui(root / "kiosk" / "core", out)
    _collect_documents(root / "kiosk" / "core" / "documents", out)
    _collect_flows(root / "flows", out)
    _collect_rights(root / "content" / "rights.yaml", out)
    _collect_indicators(root / "content" / "indicators.yaml", out)
    return list(out.strings.values())


def _collect_ui(folder: Path, out: _Collected) -> None:
    from babel.messages.extract import extract_from_file

    for file in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
        for line, message, comments, _context in extract_from_file(
            "python",
            str(file),
            keywords={"ui": None, "ui_text": None, "ui_word": None},
            comment_tags=("Translators:",),
        ):
            if isinstance(message, str):
                out.add(UI_CONTEXT, message, file, line, *comments)


def _collect_documents(folder: Path, out: _Collected) -> None:
    for file in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        try:
            tree = ast.parse(file.read_text(encoding="utf-8"), str(file))
        except (OSError, SyntaxError) as error:
            raise KioskError(f"{file}: cannot read it for extraction ({error})") from None
        for node in ast.walk(tree):
            values = node.elts if isinstance(node, ast.Tuple) else getattr(node, "args", None)
            if not isinstance(values, list) or len(values) < 2:
                continue
            key, source = values[0], values[1]
            if (
                isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and _DOCUMENT_KEY.fullmatch(key.value)
                and isinstance(source, ast.Constant)
                and isinstance(source.value, str)
            ):
                staff = key.value.startswith(_STAFF_DOCUMENTS)
                out.add(
                    key.value,
                    source.value,
                    file,
                    getattr(node, "lineno", 0),
                    "printed document for staff" if staff else "printed document",
                    registers=frozenset({Register.STAFF if staff else Register.NEUTRAL}),
                )


class FlowString(NamedTuple):
    context: str
    text: str
    line: int
    note: str
    registers: frozenset[Register]  # who reads this wording; empty when no screen shows it
    consent: bool = False  # a consent question's own wording
    # False for an entry made only so a register has its own wording (a child entry of a field
    # without child wording, every neutral entry): the flow file itself does not hold it.
    in_flow: bool = True


_STAFF = frozenset({Register.STAFF})
_ANYONE = frozenset({Register.NEUTRAL})
_CHILD_NOTE = "child wording: very simple words"
_NEUTRAL_NOTE = "before the age is known: for anyone, adult or child"
_REGISTER_PATH = {
    Register.ADULT: AgePath.ADULT,
    Register.CHILD: AgePath.CHILD,
    Register.NEUTRAL: AgePath.UNKNOWN,
}


def _reads(paths: frozenset[AgePath], register: Register) -> bool:
    return _REGISTER_PATH[register] in paths


def _register_entries(
    paths: frozenset[AgePath], adult: str, child: str | None
) -> Iterator[tuple[Register, str, str, bool]]:
    """(register, English, note, held by the flow itself) of each entry one person-facing
    field needs.

    The adult entry always (the flow's own wording); a child entry whenever the flow has child
    wording or a child can see the field (then with the adult English: a child still needs the
    child's form of address); a neutral entry when the field can be shown before the age is
    known, with the wording the flow shows then (its child wording, else the adult one).
    """
    sources = register_sources(adult, child)
    yield Register.ADULT, adult, "", True
    if child or _reads(paths, Register.CHILD):
        yield Register.CHILD, sources[Register.CHILD], _CHILD_NOTE, bool(child)
    if _reads(paths, Register.NEUTRAL):
        yield Register.NEUTRAL, sources[Register.NEUTRAL], _NEUTRAL_NOTE, False


def _section_registers(
    flow: Any, section_id: str, paths_by_node: dict[str, frozenset[AgePath]]
) -> frozenset[Register]:
    """Who reads a section's title: it heads the screens written under it, so it is read on
    the paths those screens are shown on. A title only a child sees (the child protocol's
    "About you") is child wording; one seen by adults and children, or before the age is
    known, must suit anyone; one over staff pages only is staff wording."""
    headed = [
        node
        for node in flow.nodes
        if node.kind != "section"
        and node.id in paths_by_node
        and (section := flow.section_of(node.id)) is not None
        and section.id == section_id
    ]
    person = [node for node in headed if node.audience != "staff"]
    if not person:
        return _STAFF if headed else _ANYONE
    paths = frozenset().union(*(paths_by_node[node.id] for node in person))
    for register in (Register.CHILD, Register.ADULT):
        if paths == {_REGISTER_PATH[register]}:
            return frozenset({register})
    return _ANYONE


def flow_strings(flow: Any) -> Iterator[FlowString]:
    """Every translatable field of a `Flow`, with the registers its readers are addressed in."""
    paths_by_node = readers(flow)
    every_path = frozenset(AgePath)
    for node in flow.nodes:
        line = node.line
        if node.kind == "section":
            registers = _section_registers(flow, node.id, paths_by_node)
            key = flow_key(flow.id, node.id, "title")
            yield FlowString(key, node.title, line, "section name", registers)
            continue
        if node.audience == "staff":
            note = f"{node.kind}, staff only"
            for name, text in (("text", node.text), ("help", node.help)):
                if text:
                    yield FlowString(flow_key(flow.id, node.id, name), text, line, note, _STAFF)
            for check in node.items:
                key = flow_key(flow.id, f"{node.id}.{check.id}", "text")
                yield FlowString(key, check.text, line, "staff safety checklist item", _STAFF)
            continue
        paths = paths_by_node.get(node.id, every_path)
        note = f"{node.kind}, shown to the person"
        if node.interpreter_note:
            note += f". Note: {node.interpreter_note}"
        # (item, field, adult English, child English or None, note); options are keyed
        # `<node>.<value>` with the usual field names, as the screens look them up.
        fields: list[tuple[str, str, str | None, str | None, str]] = [
            (node.id, "text", node.text, node.child_text, note),
            (node.id, "help", node.help, None, "help text the person can open"),
        ]
        for option in node.options:
            item = f"{node.id}.{option.value}"
            fields.append(
                (item, "text", option.text, option.child_text, f"answer choice of {node.id}")
            )
        consent = bool(node.consent)
        for item, name, adult, child, field_note in fields:
            if not adult:
                continue
            is_consent = consent and item == node.id and name == "text"
            for register, english, entry_note, in_flow in _register_entries(paths, adult, child):
                note_here = f"{field_note} — {entry_note}" if entry_note else field_note
                key = flow_key(flow.id, item, variant_field(name, register))
                readers_here = frozenset({register}) if _reads(paths, register) else frozenset()
                yield FlowString(key, english, line, note_here, readers_here, is_consent, in_flow)
    for alert in flow.policy.safety_alerts:
        key = flow_key(flow.id, alert_item(alert.id), "reason")
        note = "safety alert shown to staff when the interview pauses"
        yield FlowString(key, alert.reason, alert.line, note, _STAFF)


def _collect_flows(folder: Path, out: _Collected) -> None:
    from kiosk.core.flow_loader import flow_files, read_flow

    for file in flow_files([folder]) if folder.is_dir() else []:
        flow, problems = read_flow(file)
        if flow is None:
            first = problems[0] if problems else f"{file}: cannot be read"
            raise KioskError(f"cannot extract strings from an invalid flow: {first}")
        for string in flow_strings(flow):
            out.add(
                string.context,
                string.text,
                file,
                string.line,
                string.note,
                registers=string.registers,
                consent=string.consent,
            )


RIGHTS_FIELDS = ("title", "text", "child_title", "child_text")


def rights_strings(path: Path) -> Iterator[tuple[str, str, int]]:
    """(context, English text, line) for each section of the rights text."""
    from kiosk.core.yamlsrc import LineDict, YamlSourceError, load_file

    try:
        data = load_file(path)
    except YamlSourceError as error:
        raise KioskError(f"{path}:{error.line}: {error.message}") from None
    sections = data.get("sections") if isinstance(data, LineDict) else None
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, LineDict) or not isinstance(section.get("id"), str):
            continue
        for name in RIGHTS_FIELDS:
            text = section.get(name)
            if isinstance(text, str) and text.strip():
                key = content_key("rights", section["id"], name)
                yield key, text.strip(), section.line_of(name)


def _collect_rights(path: Path, out: _Collected) -> None:
    if not path.is_file():
        return
    for context, text, line in rights_strings(path):
        child = context.rsplit(":", 1)[-1].startswith("child_")
        note = "rights summary, child wording" if child else "rights summary"
        register = Register.CHILD if child else Register.ADULT
        out.add(context, text, path, line, note, registers=frozenset({register}))


def indicator_strings(path: Path) -> Iterator[tuple[str, str, int]]:
    """(context, English label, line) of each domain and indicator of the indicator catalogue."""
    from kiosk.core.staff_words import domain_key, indicator_key
    from kiosk.core.yamlsrc import LineDict, YamlSourceError, load_file

    try:
        data = load_file(path)
    except YamlSourceError as error:
        raise KioskError(f"{path}:{error.line}: {error.message}") from None
    if not isinstance(data, LineDict):
        return
    for name, id_field, key in (
        ("domains", "id", domain_key),
        ("indicators", "tag", indicator_key),
    ):
        entries = data.get(name)
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, LineDict):
                continue
            item, label = entry.get(id_field), entry.get("label")
            if isinstance(item, str) and isinstance(label, str) and label.strip():
                yield key(item), label.strip(), entry.line_of("label")


def _collect_indicators(path: Path, out: _Collected) -> None:
    if not path.is_file():
        return
    for context, text, line in indicator_strings(path):
        note = "indicator domain" if context.startswith("indicator_domains:") else "indicator"
        note += " noted for staff (review screen, referral summary): never a verdict"
        out.add(context, text, path, line, note, registers=_STAFF)


def build_template(strings: Iterable[SourceString]) -> Any:
    """A Babel `Catalog` (the .pot template) holding `strings`."""
    from babel.messages.catalog import Catalog

    template = Catalog(
        project=PROJECT,
        version="1",
        creation_date=_HEADER_DATE,
        revision_date=_HEADER_DATE,
        fuzzy=False,
    )
    for entry in strings:
        template.add(
            entry.msgid,
            context=entry.context,
            locations=entry.locations,
            auto_comments=entry.notes,
        )
    return template


def write_catalog(catalog: Any, path: Path) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # No line numbers: a moved line would otherwise rewrite every catalog (and conflict in merges).
    write_po(buffer, catalog, width=100, include_previous=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_catalog(path: Path, locale: str | None = None) -> Any:
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=locale, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as error:
        raise KioskError(f"{path}: cannot read the catalog ({error})") from None


def empty_catalog(lang: Language) -> Any:
    """A new, empty catalog for `lang` with Lantern's header."""
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=lang.locale_id,
        header_comment=_HEADER.replace("{language}", lang.english_name),
        project=PROJECT,
        version="1",
        creation_date=_HEADER_DATE,
        revision_date=_HEADER_DATE,
        fuzzy=False,
    )


def merge(template: Any, path: Path, lang: Language) -> Any:
    """The catalog at `path` updated to `template` (new entries empty, changed ones fuzzy)."""
    catalog = read_catalog(path, lang.locale_id) if path.exists() else empty_catalog(lang)
    # Babel's fuzzy matching guesses a translation from any similar-looking string (it made
    # "Do not save" read "I did not have one"), so it is off. Instead a translation carries
    # over only when the same content key (msgctxt) had one, i.e. the source text changed.
    earlier = _translations_by_context(catalog)
    # `update` adds the template's own message objects for new entries; a private copy keeps
    # one language's carried-over text from reaching the next catalog merged from it.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_header_comment=False)
    _carry_over_changed_sources(catalog, earlier)
    seed_register_variants(catalog)
    # Obsolete entries are kept so no translator's work is lost; untranslated ones hold nothing.
    for key in [key for key, message in catalog.obsolete.items() if not message.string]:
        del catalog.obsolete[key]
    catalog.revision_date = _HEADER_DATE
    return catalog


def _translations_by_context(catalog: Any) -> dict[str, tuple[str, str]]:
    """context -> (English source, translation) for content keys used by exactly one string."""
    found: dict[str, tuple[str, str]] = {}
    shared: set[str] = set()
    for message in catalog:
        context = message.context
        if not message.id or not message.string or not context or context == UI_CONTEXT:
            continue
        if context in found:
            shared.add(context)
        found[context] = (message.id, message.string)
    return {context: pair for context, pair in found.items() if context not in shared}


def _carry_over_changed_sources(catalog: Any, earlier: dict[str, tuple[str, str]]) -> None:
    """Give a new, untranslated entry its key's earlier translation, marked draft (fuzzy)."""
    for message in catalog:
        if message.string or not message.context or message.context not in earlier:
            continue
        previous_source, translation = earlier[message.context]
        if previous_source == message.id:
            continue
        message.string = translation
        message.flags.add("fuzzy")
        message.previous_id = [previous_source]


def seed_register_variants(catalog: Any) -> int:
    """Give each new, untranslated child or neutral entry the translation its reader saw until
    now (the child entry: the adult one; the neutral entry: the child one, else the adult one),
    when that entry has the same English. Marked draft (fuzzy): `kiosk i18n lint` then shows
    where the copied wording addresses the reader in the wrong register. Returns how many."""
    seeded = 0
    for register in (Register.CHILD, Register.NEUTRAL):  # child first: neutral may copy it
        for message in catalog:
            if message.string or not message.context or not isinstance(message.id, str):
                continue
            head, _, name = message.context.rpartition(":")
            base, own = split_field(name)
            if own is not register or not head:
                continue
            for other in FALLBACK[register][1:]:
                sibling = catalog.get(message.id, context=f"{head}:{variant_field(base, other)}")
                if sibling is not None and sibling.string:
                    message.string = sibling.string
                    message.flags.update(sibling.flags | {"fuzzy"})
                    message.user_comments = list(sibling.user_comments)
                    seeded += 1
                    break
    return seeded


@dataclass(frozen=True)
class ExtractReport:
    template: Path
    strings: int
    catalogs: list[Path]


def extract(
    root: Path | None = None, translations: Path | None = None, languages: Iterable[str] = ()
) -> ExtractReport:
    """Write the template and update the catalogs of `languages` (default: all shipped)."""
    root = root or paths.resource_root()
    translations = translations or root / "translations"
    strings = collect(root)
    template = build_template(strings)
    template_path = translations / TEMPLATE_NAME
    write_catalog(template, template_path)
    written = []
    for code in list(languages) or list(TRANSLATED):
        path = translations / f"{code}.po"
        write_catalog(merge(template, path, language(code)), path)
        written.append(path)
    return ExtractReport(template_path, len(strings), written)
