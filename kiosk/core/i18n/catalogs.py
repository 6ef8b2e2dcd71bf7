"""Load the language catalogs once and look strings up with their review status.

Review status of an entry (see `entry_status`):
- `reviewed`: translated and not fuzzy;
- `draft`: fuzzy (a draft translation, or one whose English source changed since);
- `machine`: fuzzy and flagged `machine` (written by `kiosk i18n machine-fill` or at run time).
  A translator approves it by clearing "fuzzy" (e.g. in Poedit), which also makes it reviewed,
  whether or not their tool keeps the extra flag;
- `missing`: no usable translation (empty, absent, or rejected for mismatched placeholders).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.i18n.languages import SOURCE_LANGUAGE, language
from kiosk.core.i18n.placeholders import mismatch
from kiosk.core.localizer import UI_CONTEXT, Fallbacks, Localized

MACHINE_FLAG = "machine"
MACHINE_COMMENT = "machine translation — needs review"
DRAFT_COMMENT = "draft — needs native review"

# text, from_lang, to_lang -> translated text (e.g. `Translator.translate`); may raise KioskError.
MachineTranslate = Callable[[str, str, str], str]


@dataclass(frozen=True)
class Entry:
    text: str
    status: str  # reviewed | draft | machine


@dataclass(frozen=True)
class CatalogProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def entry_status(message: Any) -> str:
    """`reviewed`, `draft`, `machine` or `missing` for one Babel message."""
    if not message.string:
        return "missing"
    if not message.fuzzy:
        return "reviewed"
    return "machine" if MACHINE_FLAG in message.flags else "draft"


@dataclass
class LoadedCatalog:
    code: str
    path: Path
    entries: dict[tuple[str, str], Entry]
    problems: list[CatalogProblem]


def load_catalog(code: str, folder: Path | None = None) -> LoadedCatalog:
    """Read `<folder>/<code>.po`; entries with mismatched placeholders are left out and reported."""
    folder = folder or paths.translations_dir()
    path = folder / f"{code}.po"
    if not path.is_file():
        return LoadedCatalog(code, path, {}, [])
    from kiosk.core.i18n.extract import read_catalog  # (Babel's PO reader: on first use only)

    return catalog_entries(code, path, read_catalog(path, language(code).locale_id))


def catalog_entries(code: str, path: Path, catalog: Any) -> LoadedCatalog:
    """The usable entries of `catalog` (a Babel catalog already read from `path`)."""
    entries: dict[tuple[str, str], Entry] = {}
    problems: list[CatalogProblem] = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        status = entry_status(message)
        if status == "missing":
            continue
        text = message.string if isinstance(message.string, str) else message.string[0]
        problem = mismatch(message.id, text)
        if problem is not None:
            where = f"{message.context} " if message.context else ""
            problems.append(CatalogProblem(str(path), message.lineno or 0, f"{where}{problem}"))
            continue
        entries[(message.context or "", message.id)] = Entry(text, status)
    return LoadedCatalog(code, path, entries, problems)


class Catalogs:
    """All language catalogs, each read on first use and kept (thread-safe)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or paths.translations_dir()
        self._loaded: dict[str, LoadedCatalog] = {}
        self._lock = threading.Lock()

    def get(self, code: str) -> LoadedCatalog:
        with self._lock:
            if code not in self._loaded:
                self._loaded[code] = load_catalog(code, self.folder)
            return self._loaded[code]

    def lookup(self, code: str, context: str, source: str) -> Entry | None:
        return self.get(code).entries.get((context, source))


class CatalogLocalizer:
    """The `Localizer` backed by the PO catalogs.

    `machine` (optional) translates content strings missing from a catalog at run time; results
    are kept in memory only and shown with status `machine`. Pass it only where blocking is fine
    (it may take a second); the UI can call `content` from its translation worker.
    """

    def __init__(
        self,
        catalogs: Catalogs | None = None,
        *,
        language: str = SOURCE_LANGUAGE,
        machine: MachineTranslate | None = None,
    ) -> None:
        self.catalogs = catalogs or Catalogs()
        self.language = language
        self._machine = machine
        self._machine_cache: dict[tuple[str, str, str], str] = {}
        self._lock = threading.Lock()

    def content(
        self, language: str, context: str, source: str, fallbacks: Fallbacks = ()
    ) -> Localized:
        if language == SOURCE_LANGUAGE:
            return Localized(source, "source", language)
        for key, english in ((context, source), *fallbacks):
            entry = self.catalogs.lookup(language, key, english)
            if entry is not None:
                return Localized(entry.text, entry.status, language)
        translated = self._machine_translate(language, context, source)
        if translated is not None:
            return Localized(translated, "machine", language)
        return Localized(source, "missing", language)

    def ui_localized(self, source: str, language: str | None = None) -> Localized:
        """A UI string with its status (for flagging draft text on staff/interpreter screens)."""
        return self.content(language or self.language, UI_CONTEXT, source)

    def ui(self, source: str, language: str | None = None, **placeholders: object) -> str:
        text = self.ui_localized(source, language).text
        if not placeholders:
            return text
        try:
            return text.format(**placeholders)
        except (KeyError, IndexError, ValueError):
            # Catalog entries are placeholder-checked on load; this guards odd braces.
            return source.format(**placeholders)

    def clear_machine_cache(self) -> None:
        with self._lock:
            self._machine_cache.clear()

    def _machine_translate(self, code: str, context: str, source: str) -> str | None:
        if self._machine is None or context == UI_CONTEXT:
            return None
        key = (code, context, source)
        with self._lock:
            cached = self._machine_cache.get(key)
        if cached is not None:
            return cached
        try:
            target = language(code).mt_code
            translated = self._machine(source, SOURCE_LANGUAGE, target)
        except KioskError:
            return None  # no model for the pair: the English source is shown, flagged missing
        if not translated.strip() or mismatch(source, translated) is not None:
            return None
        with self._lock:
            self._machine_cache[key] = translated
        return translated
