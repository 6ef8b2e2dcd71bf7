"""How many terminal columns text takes, and tables laid out by it, for `kiosk` commands."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns a terminal uses for `text`: combining marks take none, wide CJK characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def format_table(rows: Sequence[Sequence[str]], right_aligned_from: int | None = None) -> str:
    """Rows as aligned columns, two spaces apart; columns from `right_aligned_from` on are
    right-aligned (numbers). Column widths count terminal cells, so Khmer or Chinese align."""
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padding = " " * (widths[i] - display_width(cell))
            right = right_aligned_from is not None and i >= right_aligned_from
            cells.append(padding + cell if right else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
