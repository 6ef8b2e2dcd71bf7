"""Where Lantern keeps its files.

The data folder is `KIOSK_HOME` if set, else the platform's user data dir. It is created with
private permissions (0700) because it holds the encrypted store, installed models and caches.
Built-in content (flows, content, translations, audio) ships inside the source tree / bundle.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from kiosk.core.errors import KioskError

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
    """Create `path` (and parents) and make it readable by its owner only.

    Raises `KioskError` with one plain line when that cannot be done (a file in the way, a
    read-only or immutable folder): never records in a folder others could read.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        in_the_way = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        raise KioskError(
            f"{in_the_way} is a file, not a folder, so Lantern cannot keep its data in {path}. "
            "Move the file away, or set KIOSK_HOME to a folder."
        ) from None
    except OSError as error:
        raise KioskError(
            f"The folder {path} cannot be created ({error.strerror}). "
            "Set KIOSK_HOME to a folder you can write to."
        ) from None
    if os.name == "posix":
        try:
            os.chmod(path, 0o700)
        except OSError as error:
            if os.stat(path).st_mode & 0o077:
                raise KioskError(
                    f"The folder {path} cannot be made private ({error.strerror}); Lantern "
                    "keeps no records where others could read them. Set KIOSK_HOME to a "
                    "folder of your own."
                ) from None
            # Already private (e.g. an immutable folder): reading it is still fine.
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
    """The folder holding flows/, content/, translations/, audio/ and art/.

    In a PyInstaller bundle this is the unpacked bundle folder; from a checkout it is the
    repository root (one level above the `kiosk` package).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return _checkout_root()


@functools.cache
def _checkout_root() -> Path:
    # Resolved once: every icon and pictogram painted asks for the art folder (a realpath
    # is a system call per path part, several per button per frame).
    return Path(__file__).resolve().parent.parent.parent


def flows_dir() -> Path:
    return resource_root() / "flows"


def content_dir() -> Path:
    return resource_root() / "content"


def translations_dir() -> Path:
    return resource_root() / "translations"


def audio_dir() -> Path:
    return resource_root() / "audio"


def art_dir() -> Path:
    """Project-drawn SVG icons (art/icons) and answer pictograms (art/pictograms)."""
    return resource_root() / "art"
