"""Writing a finished document: only to the path the user chose, atomically, never to /tmp.

The bytes were built in memory. The temporary file lives in the destination folder (so the
final rename is atomic and no copy is left in a shared temp folder) and is removed if
anything fails, so a half-written referral never lingers next to the chosen file.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.atomic import write_atomic
from kiosk.core.errors import KioskError

# Shown by the GUI before saving a referral summary: the file leaves the encrypted store.
REFERRAL_SAVE_WARNING = (
    "This file will contain personal information and will NOT be encrypted. It leaves the "
    "protected store of this computer. Save it only to a place the receiving agency controls, "
    "and delete it once it has been handed over."
)


def write_pdf(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write `data` to `path` (created 0600) via a temp file in the same folder and a rename."""
    target = Path(path).expanduser()
    if not data.startswith(b"%PDF-"):
        raise KioskError("Refusing to save: the document is not a PDF.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise KioskError(f"The folder {folder} does not exist.")
    if target.is_dir():
        raise KioskError(f"{target} is a folder; choose a file name ending in .pdf.")
    try:
        write_atomic(target, data, sync=True)
    except OSError as error:
        raise KioskError(f"Could not save {target.name}: {error.strerror}.") from None
    return target
