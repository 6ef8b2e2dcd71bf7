"""Offline sentence splitting for translation.

Models translate one sentence at a time, so text is split first. A splitter model shipped inside
the package (`minisbd/*.onnx`) is used when present; otherwise a rule-based splitter that knows
sentence punctuation of many scripts. Nothing here downloads: argos' own splitter would fetch a
model for the language at first use, so Lantern uses this one instead (see `translator.py`).
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import Any, Protocol

from kiosk.core.offline import quiet_environment

log = logging.getLogger(__name__)

# Terminators that end a sentence only before whitespace or the end: "." also ends
# abbreviations and numbers ("Dr.", "3.5"); the others are used like "." in their scripts.
_SPACED_ENDS = (
    "."  # Latin, Cyrillic, Greek, ...
    "!?"
    "‼⁇⁈⁉"
    "؟۔"  # Arabic question mark, Urdu full stop
    "।॥"  # Devanagari danda / double danda (Hindi, Nepali, Bengali)
    "։"  # Armenian full stop
)
# Terminators written without a following space in their scripts.
_TIGHT_ENDS = (
    "。．！？｡"  # Chinese, Japanese (full-width and half-width)
    "။"  # Myanmar section mark
    "។៕"  # Khmer khan, bariyoosan
    "๚๛"  # Thai angkhan, khomut
    "።፧፨"  # Ethiopic full stop, question mark, paragraph separator (Amharic, Tigrinya)
    "᙮"  # Canadian syllabics full stop
)
# Closing quotes and brackets that belong to the sentence they end.
_CLOSERS = "\"'”’»›)]}」』）】〕〉》"

_BOUNDARY = re.compile(
    rf"(?:[{re.escape(_SPACED_ENDS)}]+[{re.escape(_CLOSERS)}]*(?=\s|$)"
    rf"|[{re.escape(_TIGHT_ENDS)}]+[{re.escape(_CLOSERS)}]*)"
)
# Words after which "." rarely ends a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc e.g i.e no nr art approx dept fig ca cf".split()
)


class SentenceSplitter(Protocol):
    def split(self, text: str) -> list[str]: ...


class RuleSplitter:
    """Splits after sentence punctuation; keeps abbreviations, initials and decimals together."""

    def split(self, text: str) -> list[str]:
        sentences: list[str] = []
        start = 0
        for match in _BOUNDARY.finditer(text):
            mark = match.group()
            # An ellipsis more often trails off mid-thought; "Dr." is not an ending.
            if mark.startswith("..") or (mark[0] == "." and _is_abbreviation(text, match.start())):
                continue
            sentences.append(text[start : match.end()])
            start = match.end()
        sentences.append(text[start:])
        return [s.strip() for s in sentences if s.strip()]


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"(\S+)$", text[:dot])
    if word is None:
        return False
    token = word.group(1).lstrip("\"'(«“‘[").lower()
    last = token.rsplit(".", 1)[-1]
    # A single letter before "." is an initial ("J. Smith", "U.S.").
    return token in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


class MiniSBDSplitter:
    """A splitter model shipped in a package, loaded on first use; falls back to rules if broken."""

    def __init__(self, model_file: Path) -> None:
        self.model_file = model_file
        self._lock = threading.Lock()
        self._detector: Any = None  # minisbd.SBDetect, imported only when needed
        self._fallback: RuleSplitter | None = None

    def split(self, text: str) -> list[str]:
        with self._lock:
            if self._detector is None and self._fallback is None:
                self._load()
        if self._fallback is not None:
            return self._fallback.split(text)
        sentences = self._detector.sentences(text)
        return [s.strip() for s in sentences if s.strip()]

    def _load(self) -> None:
        # Only ever given a file path: minisbd downloads only for language names or URLs.
        if not self.model_file.is_file():
            self._fallback = RuleSplitter()
            return
        try:
            quiet_environment()  # minisbd imports ONNX Runtime (telemetry on by default)
            from minisbd import SBDetect

            self._detector = SBDetect(str(self.model_file), use_gpu=False)
        except Exception as error:  # a broken shipped model must not stop translation
            log.warning(
                "sentence splitter model %s could not be loaded (%s); using built-in rules",
                self.model_file.name,
                type(error).__name__,
            )
            self._fallback = RuleSplitter()

    @property
    def uses_model(self) -> bool:
        return self._detector is not None


def splitter_for(splitter_model: Path | None) -> SentenceSplitter:
    """The splitter for a package: its shipped model if it has one, else the built-in rules."""
    return MiniSBDSplitter(splitter_model) if splitter_model is not None else RuleSplitter()
