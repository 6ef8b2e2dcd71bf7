"""Text helpers for printed documents: scripts, direction, bidi levels and break points.

reportlab's own paragraph wrapping breaks only at spaces and needs the `rlbidi` package for
right-to-left text, so Lantern lays out lines itself (see `textblock.py`) with these helpers:
Khmer, Myanmar, Lao and Thai do not put spaces between words, Chinese breaks between any two
characters, and Arabic lines must be reordered into visual order after they are broken.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass

# language -> the script its text is written in (the kiosk's supported person languages).
LANGUAGE_SCRIPTS: dict[str, str] = {
    "en": "latin",
    "id": "latin",
    "ms": "latin",
    "vi": "latin",
    "fil": "latin",
    "th": "thai",
    "lo": "lao",
    "km": "khmer",
    "my": "myanmar",
    "bn": "bengali",
    "zh": "han",
    "ar": "arabic",
}

# Unicode blocks of the scripts that need their own font (everything else uses the Latin font).
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0980, 0x09FF, "bengali"),
    (0x0E00, 0x0E7F, "thai"),
    (0x0E80, 0x0EFF, "lao"),
    (0x1000, 0x109F, "myanmar"),
    (0xAA60, 0xAA7F, "myanmar"),
    (0xA9E0, 0xA9FF, "myanmar"),
    (0x1780, 0x17FF, "khmer"),
    (0x19E0, 0x19FF, "khmer"),
    (0x2E80, 0x2FDF, "han"),
    (0x3000, 0x303F, "han"),
    (0x3040, 0x30FF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0xFF00, 0xFFEF, "han"),
)

_NO_SPACE_SCRIPTS = frozenset({"thai", "lao", "khmer", "myanmar", "han"})
ZWSP = "\u200b"
# Joiners that glue the next consonant into the same cluster (Khmer coeng, Myanmar virama,
# Bengali virama, ZWJ): never break right after one.
_JOINERS = frozenset("\u17d2\u1039\u09cd\u200d")


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter, or None for Latin/common characters (digits, punctuation)."""
    cp = ord(ch)
    for low, high, script in _SCRIPT_RANGES:
        if low <= cp <= high:
            return script
    return None


def script_for_language(lang: str) -> str:
    return LANGUAGE_SCRIPTS.get(lang.split("_")[0].split("-")[0], "latin")


@functools.lru_cache(maxsize=64)
def is_rtl_language(lang: str) -> bool:
    """True for languages written right to left, from the CLDR data Babel ships."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """Resolved Unicode bidi embedding level of every character of one paragraph.

    Uses python-bidi's reference implementation step by step because only the levels are
    needed: lines are reordered word by word after wrapping, and HarfBuzz orders the glyphs
    inside each word.
    """
    from unicodedata import bidirectional

    from bidi import algorithm

    removed = {"RLE", "LRE", "RLO", "LRO", "PDF", "BN"}  # dropped by rule X9
    kept = [i for i, ch in enumerate(text) if bidirectional(ch) not in removed]
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels("".join(text[i] for i in kept), storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [storage["base_level"]] * len(text)
    for pos, char in zip(kept, storage["chars"], strict=True):
        levels[pos] = char["level"]
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """Indices of items (words, spaces) in display order, by rule L2 of the bidi algorithm."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in levels if lv % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


@dataclass(frozen=True)
class Atom:
    """A piece of text that is never broken across lines; `start` indexes the paragraph text.

    `space_before` is True when a space separated it from the previous atom (the space is
    drawn only when both sit on the same line).
    """

    text: str
    start: int
    space_before: bool


def atoms(text: str) -> list[Atom]:
    """Split one paragraph into unbreakable atoms at spaces, zero-width spaces, between CJK
    characters, and between Thai, Lao, Khmer and Myanmar words (which are written without
    spaces; ICU's dictionaries find the word ends). `clusters` splits an over-long atom as a
    last resort."""
    result: list[Atom] = []
    for atom in _space_atoms(text):
        if _DICTIONARY_SCRIPTS.intersection(script_of(ch) for ch in atom.text):
            result.extend(_word_atoms(atom))
        else:
            result.append(atom)
    return result


def _word_atoms(atom: Atom) -> list[Atom]:
    offsets = word_break_offsets(atom.text)
    pieces = []
    previous = 0
    for offset in [*offsets, len(atom.text)]:
        if offset > previous:
            space = atom.space_before if previous == 0 else False
            pieces.append(Atom(atom.text[previous:offset], atom.start + previous, space))
            previous = offset
    return pieces or [atom]


_DICTIONARY_SCRIPTS = frozenset({"thai", "lao", "khmer", "myanmar"})
_icu_local = threading.local()


def word_break_offsets(text: str) -> list[int]:
    """Offsets (into `text`) where a line may break, from ICU's line-break rules and word
    dictionaries; empty when ICU is not installed (then only spaces and ZWSP break lines)."""
    iterator = getattr(_icu_local, "iterator", None)
    if iterator is None:
        try:
            import icu
        except ImportError:
            return []
        # A break iterator is not thread-safe; PDFs are built on worker threads, so one each.
        iterator = _icu_local.iterator = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
    iterator.setText(text)
    # ICU counts UTF-16 code units; map them back to Python string indices.
    index_of: dict[int, int] = {}
    units = 0
    for index, ch in enumerate(text):
        index_of[units] = index
        units += 2 if ord(ch) > 0xFFFF else 1
    return [index_of[unit] for unit in iterator if unit in index_of and index_of[unit] > 0]


def _space_atoms(text: str) -> list[Atom]:
    result: list[Atom] = []
    start: int | None = None
    space = False
    for i, ch in enumerate(text + " "):
        if ch.isspace() or ch == ZWSP:
            if start is not None:
                result.append(Atom(text[start:i], start, space))
                start = None
                space = False
            if ch != ZWSP:
                space = bool(result)
            continue
        if start is not None and script_of(ch) == "han" and _breakable_cjk(text[i - 1], ch):
            result.append(Atom(text[start:i], start, space))
            start, space = i, False
        if start is None:
            start = i
    return result


def _breakable_cjk(prev: str, ch: str) -> bool:
    # keep closing punctuation with the character before it
    return unicodedata.category(ch) not in ("Po", "Pe", "Pf") and prev not in "（「『“"


def clusters(text: str) -> list[str]:
    """Split text into approximate grapheme clusters: combining marks and consonants joined
    by a coeng/virama stay with their base, so a forced break never splits a conjunct."""
    parts: list[str] = []
    for ch in text:
        glued = parts and (
            unicodedata.category(ch).startswith("M") or parts[-1][-1] in _JOINERS or ch in "\u200d"
        )
        if glued:
            parts[-1] += ch
        else:
            parts.append(ch)
    return parts


def needs_spaces(script: str) -> bool:
    return script not in _NO_SPACE_SCRIPTS


def text_script(text: str, default: str = "latin") -> str:
    """The script of the first letter that has one (for free text such as answers)."""
    for ch in text:
        script = script_of(ch)
        if script:
            return script
    return default


def language_name(code: str, in_language: str = "en") -> str:
    """A language's name for staff (e.g. "Khmer"), or the code if CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(in_language)
    except (UnknownLocaleError, ValueError):
        return code
    return f"{name} ({code})" if name else code
