"""Which font files the bundle ships: the first family of every script the documents use.

The list comes from `kiosk.core.documents.fonts.SCRIPT_FAMILIES`, so a script added there is
bundled without editing packaging. Files are found with fontconfig on the build machine
(Debian: fonts-noto-core, fonts-wqy-microhei), or in LANTERN_FONTS_DIR (Windows, macOS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from kiosk.core.documents.fonts import SCRIPT_FAMILIES

LICENSE_FILES = (
    Path("/usr/share/doc/fonts-noto-core/copyright"),
    Path("/usr/share/doc/fonts-wqy-microhei/copyright"),
)


class MissingFont(RuntimeError):
    pass


def _from_folder(folder: Path, family: str, bold: bool) -> Path | None:
    stem = family.replace(" ", "") + ("-Bold" if bold else "-Regular")
    for suffix in (".ttf", ".ttc", ".otf"):
        found = sorted(folder.rglob(stem + suffix))
        if found:
            return found[0]
    return None


def _from_fontconfig(family: str, bold: bool) -> Path | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    style = "Bold" if bold else "Regular"
    out = subprocess.run(
        [exe, "-f", "%{file}\n%{family}", f"{family}:style={style}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    if len(out) < 2 or family.lower() not in {f.strip().lower() for f in out[1].split(",")}:
        return None
    return Path(out[0])


def font_files() -> list[Path]:
    """Regular and bold file of each script's preferred family; MissingFont names what lacks."""
    folder = os.environ.get("LANTERN_FONTS_DIR")
    found: list[Path] = []
    missing: list[str] = []
    for script, (families, package) in SCRIPT_FAMILIES.items():
        family = families[0]
        for bold in (False, True):
            path = _from_folder(Path(folder), family, bold) if folder else None
            path = path or _from_fontconfig(family, bold)
            if path is None:
                missing.append(f"{family} {'Bold' if bold else 'Regular'} ({script}: {package})")
            elif path not in found:
                found.append(path)
    if missing:
        raise MissingFont("fonts not found on the build machine: " + "; ".join(missing))
    return found


def license_files() -> list[Path]:
    return [path for path in LICENSE_FILES if path.is_file()]
