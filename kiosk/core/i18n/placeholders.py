"""Named placeholders (`{name}`) must be the same in a source string and its translation.

A translation that drops, renames or adds a placeholder would crash `str.format` or show a
wrong value, so such an entry is rejected (never shown) and reported.
"""

from __future__ import annotations

import re

# `{name}` or `{name:format}`; `{{` / `}}` are literal braces and are skipped.
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}(?!\})")


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def mismatch(source: str, translation: str) -> str | None:
    """A plain message saying how the placeholders differ, or None when they match."""
    expected, found = placeholders(source), placeholders(translation)
    if expected == found:
        return None
    parts = []
    if missing := sorted(expected - found):
        parts.append("missing " + ", ".join(f"{{{name}}}" for name in missing))
    if extra := sorted(found - expected):
        parts.append("unknown " + ", ".join(f"{{{name}}}" for name in extra))
    return f"placeholders differ from the source ({'; '.join(parts)}); entry rejected"
