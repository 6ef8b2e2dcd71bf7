"""Where Lantern keeps its files.

The data folder is `KIOSK_HOME` if set, else the platform's user data dir. It is created with
private permissions (0700) because it holds the encrypted store, installed models and caches.
Built-in content (flows, content, translations, audio) ships inside the source tree / bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Lantern"


def data_dir(create: bool = True) -> Path:
    """The folder that holds the store, models and caches; private to the user."""
    override = os.environ.get("KIOSK_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def make_private_tree(root: Path) -> Path:
    """Folders 0700 and files 0600 below `root` (links are left alone). Returns `root`."""
    if os.name != "posix":
        return root  # Windows/macOS user folders are private to the account already
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o600)
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return root


def store_path() -> Path:
    return data_dir() / "lantern.db"


def models_dir() -> Path:
    return ensure_private_dir(data_dir() / "models")


def cache_dir() -> Path:
    """Cache for fixed content only (never personal data)."""
    return ensure_private_dir(data_dir() / "cache")


def resource_root() -> Path:
    """The folder holding flows/, content/, translations/ and audio/.

    In a PyInstaller bundle this is the unpacked bundle folder; from a checkout it is the
    repository root (one level above the `kiosk` package).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent.parent


def flows_dir() -> Path:
    return resource_root() / "flows"


def content_dir() -> Path:
    return resource_root() / "content"


def translations_dir() -> Path:
    return resource_root() / "translations"


def audio_dir() -> Path:
    return resource_root() / "audio"
