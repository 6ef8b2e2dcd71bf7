"""The project's answer pictograms: names a flow may give an option (`picture: NAME`).

Each name is a drawing `art/pictograms/NAME.svg` (drawn for Lantern, see art/README.md). Qt-free,
so `kiosk validate` can reject an unknown name; the window draws them (kiosk.ui.art).
"""

from __future__ import annotations

import functools
from pathlib import Path

from kiosk.core import paths

# The four answers every question offers have their own pictures; flows do not name them.
YES, NO, DONT_KNOW, DECLINE = "answer_yes", "answer_no", "answer_dont_know", "answer_decline"


def pictogram_dir() -> Path:
    return paths.art_dir() / "pictograms"


@functools.cache
def names() -> frozenset[str]:
    """Every pictogram shipped with this kiosk."""
    return frozenset(path.stem for path in pictogram_dir().glob("*.svg"))


def pictogram_path(name: str) -> Path:
    return pictogram_dir() / f"{name}.svg"
