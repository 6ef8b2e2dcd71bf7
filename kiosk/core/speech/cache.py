"""On-disk cache of synthesised *fixed content* (questions, options, rights text).

Never pass personal text here: the service only calls this from `speak_content`. Files are named
by a hash of everything that shapes the audio, so a changed text, voice or setting is a miss.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk.core import paths
from kiosk.core.atomic import write_atomic

CACHE_VERSION = "1"  # bump when the synthesis pipeline changes the audio it produces


class ContentCache:
    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        # Resolved lazily: KIOSK_HOME is read when the cache is first used, not at import.
        return self._root if self._root is not None else paths.cache_dir() / "speech"

    @staticmethod
    def key(lang: str, voice: str, rate: int, volume: float, text: str) -> str:
        material = "\x1f".join([CACHE_VERSION, lang, voice, str(rate), f"{volume:.3f}", text])
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, audio: bytes) -> None:
        """Store atomically; a failure to cache is not a failure to speak."""
        target = self._path(key)
        try:
            paths.ensure_private_dir(target.parent)
            write_atomic(target, audio)
        except OSError:
            pass

    def clear(self) -> int:
        """Delete every cached file; returns how many were removed."""
        removed = 0
        if self.root.is_dir():
            for file in self.root.glob("*/*.wav"):
                file.unlink(missing_ok=True)
                removed += 1
        return removed
