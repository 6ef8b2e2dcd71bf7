"""Facts about the installed build: whether this is a bundle, and where its own fonts are.

A packaged Lantern (packaging/lantern.spec) ships the Noto fonts of every supported script in
`<resource root>/fonts/`. On Linux a start-up hook points fontconfig at them, so Qt and `fc-match`
find them with no code change. Qt on Windows and macOS does not use fontconfig: there the window
registers `font_files()` with `QFontDatabase.addApplicationFont`, and the PDF font registry
searches `fonts_dir()`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.core.paths import resource_root

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def is_bundled() -> bool:
    """True when running from a PyInstaller bundle rather than a checkout."""
    return getattr(sys, "_MEIPASS", None) is not None


def fonts_dir() -> Path | None:
    """The bundled fonts folder, or None (running from a checkout: system fonts are used)."""
    folder = resource_root() / "fonts"
    return folder if folder.is_dir() else None


def font_files() -> list[Path]:
    """Every bundled font file, sorted; empty outside a bundle."""
    folder = fonts_dir()
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
