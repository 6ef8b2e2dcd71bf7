"""Where screen text may wrap, for scripts written without spaces between words.

Qt finds line breaks for Thai and Myanmar itself, but not inside a Khmer or Lao phrase: a phrase
wider than its button is then cut. ICU's word dictionaries know where the words are; we mark
those places with a zero-width space, which every text engine treats as a break opportunity and
nobody sees. Only fixed content goes through here (the cache holds no one's own words).
"""

from __future__ import annotations

import functools

ZWSP = "\u200b"
# Languages whose script has no spaces between words (and whose words Qt cannot find).
DICTIONARY_LANGUAGES = frozenset({"km", "lo", "my", "th"})


@functools.lru_cache(maxsize=4096)
def breakable(text: str, language: str) -> str:
    """`text` with a zero-width space at every word boundary inside a phrase (display only)."""
    if language not in DICTIONARY_LANGUAGES or not text:
        return text
    # Here, not at the top: the unlock screen draws through this module and needs no
    # document code (the cold start, bench/bench_ui.py).
    from kiosk.core.documents.text import word_break_offsets

    pieces = []
    previous = 0
    for offset in word_break_offsets(text):
        if offset <= previous or offset >= len(text):
            continue
        before, after = text[offset - 1], text[offset]
        if before.isspace() or after.isspace() or ZWSP in (before, after):
            continue
        pieces.append(text[previous:offset])
        previous = offset
    pieces.append(text[previous:])
    return ZWSP.join(pieces)


def plain(text: str) -> str:
    """The text as written (for names read by screen readers, and for tests)."""
    return text.replace(ZWSP, "")


def warm() -> None:
    """Load ICU's dictionaries now (about a third of a second), off the GUI thread."""
    breakable("ទូក", "km")
