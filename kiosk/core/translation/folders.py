"""Where the translation layer keeps its files, all inside Lantern's private data folder.

models/translation/packages/<from>_<to>/   installed argos packages (one per language pair)
models/translation/staging/                 archives being checked before they are installed
models/translation/argos/{data,config,cache} argos-translate's own folders (kept empty)
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core.paths import ensure_private_dir, models_dir


def translation_root() -> Path:
    return ensure_private_dir(models_dir() / "translation")


def packages_dir() -> Path:
    return ensure_private_dir(translation_root() / "packages")


def staging_dir() -> Path:
    # On the same filesystem as packages_dir so that moving a checked package in is atomic.
    return ensure_private_dir(translation_root() / "staging")


def argos_home() -> Path:
    return ensure_private_dir(translation_root() / "argos")


def package_dir_name(from_code: str, to_code: str) -> str:
    # Codes are validated (letters, digits and "-" only), so "_" cannot be ambiguous.
    return f"{from_code}_{to_code}"
