"""Font registry for printed documents: one embedded, shapable TrueType font per script.

Fonts are found with fontconfig (`fc-match`) at run time and loaded into reportlab once per
process (loading a Noto face costs tens of milliseconds; a summary may need four of them).
reportlab embeds TrueType fonts as subsets, and shapes them with HarfBuzz when asked.
CFF-outline fonts (the Noto CJK .ttc collections) cannot be embedded by reportlab, so Chinese
uses a TrueType CJK font instead.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import KioskError

# script -> candidate families, best first, and the Debian package that ships the first one.
SCRIPT_FAMILIES: dict[str, tuple[tuple[str, ...], str]] = {
    "latin": (("Noto Sans",), "fonts-noto-core"),
    "thai": (("Noto Sans Thai", "Noto Looped Thai"), "fonts-noto-core"),
    "lao": (("Noto Sans Lao", "Noto Looped Lao"), "fonts-noto-core"),
    "khmer": (("Noto Sans Khmer", "Noto Serif Khmer"), "fonts-noto-core"),
    "myanmar": (("Noto Sans Myanmar", "Noto Serif Myanmar"), "fonts-noto-core"),
    "bengali": (("Noto Sans Bengali", "Noto Serif Bengali"), "fonts-noto-core"),
    "arabic": (("Noto Naskh Arabic", "Noto Sans Arabic"), "fonts-noto-core"),
    "han": (("WenQuanYi Micro Hei", "Droid Sans Fallback"), "fonts-wqy-microhei"),
}

# Where to look when fontconfig is absent: a bundle's own fonts/ folder first, then the system's.
_SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def _fallback_dirs() -> tuple[Path, ...]:
    from kiosk.core.bundle import fonts_dir

    bundled = fonts_dir()
    return ((bundled,) if bundled else ()) + _SYSTEM_FONT_DIRS


@dataclass(frozen=True)
class LoadedFont:
    """A font registered with reportlab as `name`; `chars` holds the code points it covers."""

    name: str
    script: str
    path: Path
    chars: frozenset[int]

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.chars


def _fc_match(family: str, bold: bool) -> Path | None:
    """The file fontconfig picks for `family`, or None if it would substitute another family."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    pattern = f"{family}:style={'Bold' if bold else 'Regular'}"
    try:
        out = subprocess.run(
            [exe, "-f", "%{file}\n%{family}\n%{style}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.splitlines()
    if len(lines) < 2:
        return None
    families = {f.strip().lower() for f in lines[1].split(",")}
    if family.lower() not in families:
        return None
    if bold and len(lines) > 2 and "bold" not in lines[2].lower():
        return None
    return Path(lines[0])


def _glob_font(family: str, bold: bool) -> Path | None:
    stem = family.replace(" ", "") + ("-Bold" if bold else "-Regular")
    for folder in _fallback_dirs():
        if folder.is_dir():
            for suffix in (".ttf", ".otf"):
                for path in folder.rglob(stem + suffix):
                    return path
    return None


class FontRegistry:
    """Loads each (script, weight) once; locked because PDFs are built off the GUI thread."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, bool], LoadedFont] = {}
        self._lock = threading.Lock()

    def font(self, script: str, bold: bool = False) -> LoadedFont:
        key = (script, bold)
        with self._lock:
            found = self._fonts.get(key)
            if found is None:
                found = self._load(script, bold)
                self._fonts[key] = found
            return found

    def _load(self, script: str, bold: bool) -> LoadedFont:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        if script not in SCRIPT_FAMILIES:
            raise KioskError(f"No font is configured for the {script} script.")
        families, package = SCRIPT_FAMILIES[script]
        weights = (True, False) if bold else (False,)  # a missing bold falls back to regular
        for weight in weights:
            for family in families:
                path = _fc_match(family, weight) or _glob_font(family, weight)
                if path is None:
                    continue
                if bold and not weight:
                    return self._fonts.get((script, False)) or self._load(script, False)
                name = f"Lantern-{script}-{'bold' if bold else 'regular'}"
                try:
                    ttf = TTFont(name, str(path), subfontIndex=0)
                except (TTFError, OSError):
                    continue  # e.g. CFF outlines: try the next candidate
                pdfmetrics.registerFont(ttf)
                return LoadedFont(name, script, path, frozenset(ttf.face.charToGlyph))
        raise KioskError(
            f"No usable font for {script} text. Install the Debian package {package} "
            f"(apt-get install {package}) and try again."
        )


_registry: FontRegistry | None = None
_registry_lock = threading.Lock()


def registry() -> FontRegistry:
    """The process-wide registry, created on first use (no import-time work)."""
    global _registry
    with _registry_lock:
        if _registry is None:
            _registry = FontRegistry()
        return _registry
