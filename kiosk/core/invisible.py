"""Characters that change how text reads without being seen: bidirectional controls and
zero-width characters.

A right-to-left override (U+202E) inside a question makes it display differently from the
order of its letters, so a flow could read one way to its reviewers and another on the kiosk;
a zero-width space makes two ids that look the same differ. Flow ids and conditions (code) may
not contain them at all; flow text gets a warning (some scripts need a zero-width joiner or
non-joiner, so text is not refused). Messages never print such a character raw (it would
reorder the message itself in a terminal): `shown` writes it as <U+202E>.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides, isolates and marks; zero-width and invisible joiners.
_CODES = (
    [0x061C, 0x200E, 0x200F]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + [0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x180E, 0x00AD]
)
INVISIBLE = frozenset(chr(code) for code in _CODES)
_PATTERN = re.compile("[" + "".join(re.escape(character) for character in INVISIBLE) + "]")


def describe(character: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed character')}"


def invisible_in(text: str) -> list[str]:
    """The distinct invisible characters in `text`, described, in order of first appearance."""
    if not _PATTERN.search(text):
        return []
    return [describe(character) for character in dict.fromkeys(_PATTERN.findall(text))]


def shown(text: str) -> str:
    """`text` with every invisible character written out as <U+XXXX>."""
    return _PATTERN.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)
