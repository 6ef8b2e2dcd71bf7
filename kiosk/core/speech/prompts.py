"""Recorded human prompts: `audio/<lang>/manifest.yaml` plus one WAV file per prompt.

Each manifest entry ties a recording to the exact text it speaks (the text itself and its
sha256) and to the message key it belongs to. When the current text of a key no longer matches,
the recording is *stale*: it is reported, never played. Format: see `audio/README.md`.

Two roots are searched, local first: `<data dir>/audio` (prompts recorded on site; the install
folder may be read-only) and the shipped `audio/` folder. The studio always saves locally.
Recorded audio is content, not personal data, so it is stored as plain files.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from kiosk.core import paths
from kiosk.core.atomic import write_atomic
from kiosk.core.errors import KioskError
from kiosk.core.speech.voices import language
from kiosk.core.speech.wav import read_wav, rms

# The C safe loader when available: manifests are read on the speech path.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MANIFEST = "manifest.yaml"
FORMAT = "lantern-audio-prompts"
VERSION = 1
MAX_KEY_CHARS = 200
MIN_DURATION_S = 0.2
MAX_DURATION_S = 300.0
SILENCE_RMS = 0.003


class PromptError(KioskError):
    """A prompt cannot be saved, or a manifest is invalid (message names the file)."""


def normalise_text(text: str) -> str:
    """The form of a text that is hashed: NFC, outer whitespace removed.

    Invisible differences (composed vs decomposed Thai/Vietnamese marks, a trailing newline)
    must not make a recording stale; any visible change must.
    """
    return unicodedata.normalize("NFC", text).strip()


def text_digest(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def prompt_filename(key: str) -> str:
    """A file name that is safe on every platform and unique per key."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._")[:60] or "prompt"
    return f"{safe}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}.wav"


@dataclass(frozen=True)
class Prompt:
    lang: str
    key: str
    text: str
    sha256: str
    path: Path  # the WAV file
    duration: float
    recorded: str  # ISO 8601 UTC

    def matches(self, text: str) -> bool:
        return self.sha256 == text_digest(text)

    def read(self) -> bytes | None:
        """The recording's bytes, or None if the file is missing or not a usable WAV."""
        try:
            data = self.path.read_bytes()
            read_wav(data)
        except (OSError, KioskError):
            return None
        return data


@dataclass(frozen=True)
class PromptLookup:
    """Result of `find_prompt`: a playable recording, or the stale one that was refused."""

    prompt: Prompt | None = None
    stale: Prompt | None = None


def _parse_manifest(path: Path, lang: str) -> list[Prompt]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (safe)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PromptError(f"{path}: cannot read manifest ({type(error).__name__})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise PromptError(f"{path}: not a Lantern prompt manifest (format: {FORMAT})")
    if raw.get("version") != VERSION:
        raise PromptError(f"{path}: unsupported manifest version {raw.get('version')!r}")
    if raw.get("language") != lang:
        raise PromptError(f"{path}: manifest language must be '{lang}'")
    entries = raw.get("prompts") or []
    if not isinstance(entries, list):
        raise PromptError(f"{path}: 'prompts' must be a list")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        prompts.append(_parse_entry(path, lang, number, entry, seen))
    return prompts


def _parse_entry(path: Path, lang: str, number: int, entry: Any, seen: set[str]) -> Prompt:
    where = f"{path}: prompt {number}"
    if not isinstance(entry, dict):
        raise PromptError(f"{where}: must be a mapping")
    key, text, digest, file = (entry.get(name) for name in ("key", "text", "sha256", "file"))
    if not all(isinstance(value, str) and value for value in (key, text, digest, file)):
        raise PromptError(f"{where}: needs non-empty 'key', 'text', 'sha256' and 'file'")
    assert isinstance(key, str) and isinstance(text, str) and isinstance(file, str)
    if key in seen:
        raise PromptError(f"{where}: key '{key}' appears twice")
    seen.add(key)
    if digest != text_digest(text):
        raise PromptError(f"{where}: sha256 does not match the text of '{key}'")
    if Path(file).name != file or file.startswith("."):
        raise PromptError(f"{where}: 'file' must be a plain file name in the same folder")
    duration = entry.get("duration", 0.0)
    return Prompt(
        lang=lang,
        key=key,
        text=text,
        sha256=digest,
        path=path.parent / file,
        duration=float(duration) if isinstance(duration, int | float) else 0.0,
        recorded=str(entry.get("recorded", "")),
    )


def _manifest_document(lang: str, prompts: Sequence[Prompt]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "language": lang,
        "prompts": [
            {
                "key": p.key,
                "text": p.text,
                "sha256": p.sha256,
                "file": p.path.name,
                "duration": round(p.duration, 3),
                "recorded": p.recorded,
            }
            for p in sorted(prompts, key=lambda p: p.key)
        ],
    }


class PromptStore:
    """Recorded prompts of every language, searched local-first over several roots."""

    def __init__(self, roots: Sequence[Path] | None = None, writable: Path | None = None) -> None:
        # None means the defaults, resolved on use so KIOSK_HOME is read late, not at import.
        self._roots = list(roots) if roots is not None else None
        self._writable = writable
        self._lock = threading.Lock()
        self._parsed: dict[Path, tuple[tuple[int, int], list[Prompt]]] = {}

    @property
    def writable_root(self) -> Path:
        return self._writable if self._writable is not None else paths.data_dir() / "audio"

    @property
    def roots(self) -> list[Path]:
        if self._roots is not None:
            return list(self._roots)
        return [self.writable_root, paths.audio_dir()]

    def _manifest(self, root: Path, lang: str) -> list[Prompt]:
        path = root / lang / MANIFEST
        try:
            stat = path.stat()
        except OSError:
            return []
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            cached = self._parsed.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        prompts = _parse_manifest(path, lang)
        with self._lock:
            self._parsed[path] = (stamp, prompts)
        return prompts

    def _all(self, lang: str) -> list[list[Prompt]]:
        language(lang)  # also keeps `lang` from naming any other folder
        return [self._manifest(root, lang) for root in self.roots]

    def list_prompts(self, lang: str) -> list[Prompt]:
        """Every recorded prompt of `lang`, one per key; a local recording hides a shipped one."""
        merged: dict[str, Prompt] = {}
        for prompts in self._all(lang):
            for prompt in prompts:
                merged.setdefault(prompt.key, prompt)
        return sorted(merged.values(), key=lambda p: p.key)

    def find_prompt(self, lang: str, key: str, text: str) -> PromptLookup:
        """A playable recording of `key` speaking exactly `text`, else the stale one (if any)."""
        stale: Prompt | None = None
        for prompts in self._all(lang):
            for prompt in prompts:
                if prompt.key != key:
                    continue
                if prompt.matches(text):
                    if prompt.read() is not None:
                        return PromptLookup(prompt=prompt)
                elif stale is None:
                    stale = prompt
        return PromptLookup(stale=stale)

    def find_by_text(self, lang: str, text: str) -> Prompt | None:
        """A playable recording of exactly `text` under any key (for `kiosk speak`)."""
        digest = text_digest(text)
        for prompts in self._all(lang):
            for prompt in prompts:
                if prompt.sha256 == digest and prompt.read() is not None:
                    return prompt
        return None

    def stale_prompts(self, lang: str, current_texts: Mapping[str, str]) -> list[Prompt]:
        """Recordings whose key still exists but whose text has changed since recording."""
        return [
            p
            for p in self.list_prompts(lang)
            if p.key in current_texts and not p.matches(current_texts[p.key])
        ]

    def save_prompt(self, lang: str, key: str, text: str, wav_bytes: bytes) -> Prompt:
        """Save (or replace) the local recording of `key` speaking `text`. The studio's Save."""
        language(lang)
        if not key or len(key) > MAX_KEY_CHARS:
            raise PromptError(f"a prompt key must be 1 to {MAX_KEY_CHARS} characters")
        if not normalise_text(text):
            raise PromptError("a prompt must have the text it speaks")
        pcm = read_wav(wav_bytes)
        if not MIN_DURATION_S <= pcm.duration <= MAX_DURATION_S:
            raise PromptError(
                f"a recording must last {MIN_DURATION_S} to {MAX_DURATION_S:.0f} seconds"
            )
        if rms(pcm) < SILENCE_RMS:
            raise PromptError("the recording is silent; check the microphone and record again")
        folder = paths.ensure_private_dir(self.writable_root / lang)
        prompt = Prompt(
            lang=lang,
            key=key,
            text=normalise_text(text),
            sha256=text_digest(text),
            path=folder / prompt_filename(key),
            duration=round(pcm.duration, 3),
            recorded=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        try:
            with self._lock:
                write_atomic(prompt.path, wav_bytes)
                local = [p for p in self._read_local(folder, lang) if p.key != key] + [prompt]
                document = _manifest_document(lang, local)
                dumped = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
                write_atomic(folder / MANIFEST, dumped.encode("utf-8"))
        except OSError as error:
            raise PromptError(f"cannot save the recording in {folder}: {error.strerror}") from None
        return prompt

    def delete_prompt(self, lang: str, key: str) -> bool:
        """Remove the local recording of `key`; shipped recordings cannot be deleted here."""
        language(lang)
        folder = self.writable_root / lang
        with self._lock:
            local = self._read_local(folder, lang)
            keep = [p for p in local if p.key != key]
            if len(keep) == len(local):
                return False
            dumped = yaml.safe_dump(_manifest_document(lang, keep), allow_unicode=True)
            write_atomic(folder / MANIFEST, dumped.encode("utf-8"))
            (folder / prompt_filename(key)).unlink(missing_ok=True)
        return True

    @staticmethod
    def _read_local(folder: Path, lang: str) -> list[Prompt]:
        manifest = folder / MANIFEST
        return _parse_manifest(manifest, lang) if manifest.exists() else []
