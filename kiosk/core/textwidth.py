"""How many terminal columns text takes, for tables printed by `kiosk` commands."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: combining marks take none, wide CJK characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width
