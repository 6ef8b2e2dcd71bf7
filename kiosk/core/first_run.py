"""First run on a new machine: a private data folder, imports from a USB folder, a language table.

- `secure_data_dir()` makes the data folder and every folder in it 0700 and every file 0600 (the
  store, installed translation models, recorded prompts, caches), whatever created them.
- `import_from_folder(folder)` installs every `*.argosmodel` found (through the translation
  layer's checked, all-or-nothing install) and every recorded prompt found in
  `[audio/]<lang>/manifest.yaml` folders (through `PromptStore`, which checks each WAV), and
  reports what was imported and what was refused, with a reason a staff member can act on.
- `language_overview()` says, per supported language, how much text is translated, whether a
  synthetic voice and recordings exist, and which machine-translation models are installed.

Pure Python: no Qt. Slow (model checks load each model once); the window runs it off-thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.core import paths
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

MODEL_SUFFIX = ".argosmodel"
MANIFEST = "manifest.yaml"
# Folders never searched on a USB stick: system clutter, and nothing of ours hides there.
_SKIP_DIRS = frozenset({"$RECYCLE.BIN", "System Volume Information", "__MACOSX", ".Trashes"})
_MAX_DEPTH = 4  # a USB stick can hold a whole disk image; look only near the chosen folder


def secure_data_dir() -> Path:
    """Make the data folder private: folders 0700, files 0600. Returns the folder."""
    return paths.make_private_tree(paths.data_dir())


@dataclass(frozen=True)
class ImportItem:
    """One thing found in the folder: a model file or a language's recordings."""

    source: str  # path relative to the chosen folder, for display
    kind: str  # "model" or "recordings"
    imported: bool
    detail: str  # what was installed, or why it was refused

    def line(self) -> str:
        verdict = "imported" if self.imported else "refused"
        return f"{self.source}: {verdict}: {self.detail}"


@dataclass
class ImportReport:
    folder: Path
    items: list[ImportItem] = field(default_factory=list)

    @property
    def imported(self) -> list[ImportItem]:
        return [item for item in self.items if item.imported]

    @property
    def refused(self) -> list[ImportItem]:
        return [item for item in self.items if not item.imported]


def import_from_folder(folder: Path, *, replace: bool = False) -> ImportReport:
    """Import translation models and recorded prompts found under `folder` (e.g. a USB stick).

    Each file is checked and installed on its own: one damaged file does not stop the others.
    `replace` lets a model replace an installed one for the same language pair.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise KioskError(f"{folder} is not a folder that can be read.")
    report = ImportReport(folder)
    models, manifests = _find(folder)
    for path in models:
        report.items.append(_import_model(folder, path, replace))
    for path in manifests:
        report.items.extend(_import_prompts(folder, path))
    secure_data_dir()
    return report


def _find(folder: Path) -> tuple[list[Path], list[Path]]:
    from kiosk.core.speech.voices import LANGUAGES

    models: list[Path] = []
    manifests: list[Path] = []
    for path in _walk(folder, 0):
        if path.name.lower().endswith(MODEL_SUFFIX):
            models.append(path)
        elif path.name == MANIFEST and path.parent.name in LANGUAGES:
            manifests.append(path)
    return sorted(models), sorted(manifests)


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return  # an unreadable folder on a stick is not an error worth stopping for
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIP_DIRS or entry.is_symlink():
            continue
        if entry.is_dir():
            if depth < _MAX_DEPTH:
                yield from _walk(entry, depth + 1)
        elif entry.is_file():
            yield entry


def _shown(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _import_model(folder: Path, path: Path, replace: bool) -> ImportItem:
    from kiosk.core.translation.errors import ModelError
    from kiosk.core.translation.models import install_model

    shown = _shown(folder, path)
    try:
        model = install_model(path, replace=replace)
    except ModelError as error:
        return ImportItem(shown, "model", False, error.message)
    except OSError as error:
        return ImportItem(shown, "model", False, f"cannot be read ({error.strerror})")
    detail = f"translation {model.from_name} → {model.to_name}"
    return ImportItem(shown, "model", True, f"{detail} ({model.from_code} → {model.to_code})")


def _import_prompts(folder: Path, manifest: Path) -> list[ImportItem]:
    from kiosk.core.speech.prompts import PromptError, PromptStore

    lang = manifest.parent.name
    shown = _shown(folder, manifest.parent)
    try:
        found = PromptStore(roots=[manifest.parent.parent]).list_prompts(lang)
    except KioskError as error:
        return [ImportItem(shown, "recordings", False, error.message)]
    local = PromptStore()
    items: list[ImportItem] = []
    saved = 0
    for prompt in found:
        data = prompt.read()
        if data is None:
            reason = f"{prompt.path.name} is missing or not a WAV file"
            items.append(ImportItem(f"{shown}/{prompt.path.name}", "recordings", False, reason))
            continue
        try:
            local.save_prompt(lang, prompt.key, prompt.text, data)
        except PromptError as error:
            items.append(
                ImportItem(f"{shown}/{prompt.path.name}", "recordings", False, error.message)
            )
            continue
        saved += 1
    if saved or not found:
        detail = f"{saved} recording(s) for {lang}" if saved else "the manifest lists no recordings"
        items.insert(0, ImportItem(shown, "recordings", saved > 0, detail))
    return items


@dataclass(frozen=True)
class LanguageStatus:
    """What this machine offers for one language (what staff need to choose a language)."""

    code: str
    english_name: str
    native_name: str
    text_entries: int  # strings in the catalog template
    text_translated: int  # reviewed + draft + machine
    text_reviewed: int
    voice: str | None  # synthetic voice name, or None
    recordings: int  # recorded prompts available (shipped + local)
    models: tuple[str, ...]  # installed machine translation directions, e.g. ("en→km",)
    problem: str | None = None  # why something could not be checked

    @property
    def source(self) -> bool:
        return self.text_entries == 0 and self.problem is None

    @property
    def text_share(self) -> float:
        return 1.0 if self.source else self.text_translated / max(self.text_entries, 1)


def language_overview() -> list[LanguageStatus]:
    """One `LanguageStatus` per supported language, source language first."""
    from kiosk.core.i18n.languages import SOURCE_LANGUAGE, language, supported_languages
    from kiosk.core.i18n.status import coverage, template_keys
    from kiosk.core.speech.prompts import PromptStore
    from kiosk.core.speech.voices import VoiceRegistry
    from kiosk.core.translation.models import list_models

    try:
        keys = template_keys()
    except (KioskError, OSError) as error:
        log.warning("catalog template unreadable (%s)", type(error).__name__)
        keys = []
    voices = VoiceRegistry()
    prompts = PromptStore()
    installed = [model.pair for model in list_models()]
    source_mt = language(SOURCE_LANGUAGE).mt_code
    rows = []
    for lang in supported_languages():
        problem = None
        entries = translated = reviewed = 0
        if lang.code != SOURCE_LANGUAGE and keys:
            try:
                cov = coverage(lang.code, keys)
                entries, reviewed = cov.entries, cov.reviewed
                translated = cov.reviewed + cov.draft + cov.machine
            except (KioskError, OSError):
                problem = "catalog unreadable"
        elif lang.code != SOURCE_LANGUAGE:
            problem = "catalog template unreadable"
        try:
            recordings = len(prompts.list_prompts(lang.code))
        except KioskError:
            recordings, problem = 0, problem or "recordings manifest invalid"
        voice = voices.voice_for(lang.code)
        directions = tuple(
            f"{a}→{b}"
            for a, b in installed
            if lang.code != SOURCE_LANGUAGE and lang.mt_code in (a, b) and source_mt in (a, b)
        )
        rows.append(
            LanguageStatus(
                code=lang.code,
                english_name=lang.english_name,
                native_name=lang.native_name,
                text_entries=entries,
                text_translated=translated,
                text_reviewed=reviewed,
                voice=voice.name if voice else None,
                recordings=recordings,
                models=directions,
                problem=problem,
            )
        )
    return rows
