"""Bounded pieces for translation: no piece longer than a model handles well.

Sentence splitting alone is not enough. A run-on sentence, or an answer in Thai, Khmer, Lao or
Myanmar (scripts written without sentence punctuation, often without spaces), comes out of the
splitter as one long "sentence"; a model given a very long input degrades, and CTranslate2 cuts
its output at a fixed number of tokens. Such a sentence is cut here into pieces of at most
`MAX_PIECE_CHARS` characters, each cut at the best boundary found before the limit: after clause
punctuation, else at a space, else at a word edge found by ICU's dictionary-based word breaker
(which knows Thai, Lao, Khmer and Myanmar words), else between grapheme clusters (never inside
a Khmer stacked consonant or an Arabic letter with its marks).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

MAX_PIECE_CHARS = 240
# Below this a cut is not worth making: a piece of a few characters translates badly.
MIN_PIECE_CHARS = MAX_PIECE_CHARS // 3

_CLAUSE_END = re.compile(r"[,;:،؛、，；：–—)\]]\s+")
_SPACE = re.compile(r"\s+")

_local = threading.local()  # ICU break iterators are not thread-safe; one per thread


def bounded_pieces(sentence: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """`sentence` cut into pieces of at most `limit` characters (unless one grapheme cluster
    is longer); joining the pieces gives back the sentence, less whitespace at the cuts."""
    pieces = []
    rest = sentence.strip()
    while len(rest) > limit:
        cut = _best_cut(rest, limit)
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return [piece for piece in pieces if piece]


def _best_cut(text: str, limit: int) -> int:
    """An index in (0, limit] (or the end of the first grapheme if that is longer)."""
    floor = min(MIN_PIECE_CHARS, limit // 2)
    window = text[: limit + 1]
    for pattern in (_CLAUSE_END, _SPACE):
        cuts = [m.end() for m in pattern.finditer(window) if floor <= m.end() <= limit]
        if cuts:
            return cuts[-1]
    words = [b for b in _boundaries(text, "word", limit) if 0 < b <= limit]
    good = [b for b in words if b >= floor]
    if good:
        return good[-1]
    graphemes = [b for b in _boundaries(text, "character", limit) if 0 < b <= limit]
    if graphemes:
        return graphemes[-1]
    return next(iter(b for b in _boundaries(text, "character", len(text)) if b > 0), len(text))


def _boundaries(text: str, kind: str, limit: int) -> Iterator[int]:
    """ICU boundary offsets (in Python characters) up to just past `limit`."""
    iterator = _iterator(kind)
    head = text[: limit + 64]  # enough context for the word breaker's dictionary
    iterator.setText(head)
    utf16_to_index = _utf16_offsets(head)
    for boundary in iterator:
        index = utf16_to_index.get(boundary)
        if index is None:
            continue
        if index > limit:
            return
        yield index


def _iterator(kind: str):  # type: ignore[no-untyped-def]
    cached = getattr(_local, kind, None)
    if cached is None:
        import icu

        root = icu.Locale.getRoot()
        cached = (
            icu.BreakIterator.createWordInstance(root)
            if kind == "word"
            else icu.BreakIterator.createCharacterInstance(root)
        )
        setattr(_local, kind, cached)
    return cached


def _utf16_offsets(text: str) -> dict[int, int]:
    """ICU counts UTF-16 code units; Python counts code points. Map one to the other."""
    mapping = {0: 0}
    units = 0
    for index, char in enumerate(text, start=1):
        units += 2 if ord(char) > 0xFFFF else 1
        mapping[units] = index
    return mapping
