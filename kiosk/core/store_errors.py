"""Store errors, split into *environment* problems shown to the user and *bugs*.

Environment problems (wrong passphrase, full disk, locked file, damaged pages…) are `StoreError`s
whose message says what happened and what to do. Anything else the database raises is a
`StoreBug`: the caller shows a generic "internal error", and the message never contains stored
data (we keep only the error class name).

Telling them apart needs care, because SQLite's codes are coarse:
- a full disk shows up as SQLITE_FULL on a page write, but as a plain "disk I/O error" when the
  shared-memory index or the journal cannot grow, so every I/O error is checked against the free
  space of the store's folder before anything else is said;
- SQLCipher reports a page that fails its HMAC as *out of memory*, and every later statement on
  that connection as a logic error; only `PRAGMA cipher_integrity_check` can say whether pages
  are damaged (see `Store._classify`), so `classify` alone never calls a file damaged for those.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from kiosk.core.errors import KioskError

# Below this much free space, an I/O error while writing is taken to be the full disk.
FULL_DISK_MARGIN = 1 << 20


class StoreError(KioskError):
    """A store problem the user can act on."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "This passphrase does not open the store. Check it and try again. (If you are sure "
            "it is right, the start of the file may be damaged instead: restore your latest "
            "backup.)"
        )


class NotAStore(StoreError):
    def __init__(self, detail: str = "", path: Path | None = None) -> None:
        where = f"{path} is" if path is not None else "This file is"
        super().__init__(
            f"{where} not a Lantern store" + (f" ({detail})" if detail else "") + "; "
            "Lantern left it untouched."
        )


class StoreMissing(StoreError):
    def __init__(self) -> None:
        super().__init__("There is no store yet. Create one first (kiosk store init).")


class StoreExists(StoreError):
    def __init__(self) -> None:
        super().__init__("A store already exists here; it was left untouched.")


class StoreLocked(StoreError):
    """SQLite's own lock was held longer than the busy timeout (a long write elsewhere)."""

    def __init__(self) -> None:
        super().__init__(
            "The store is busy with another Lantern window or command. Nothing was lost; "
            "try again in a moment."
        )


class StoreInUse(StoreError):
    """A replacement of the store file was refused: another Lantern process has it open."""

    def __init__(self) -> None:
        super().__init__(
            "The store is open in a Lantern window or another kiosk command, so it was not "
            "changed. Close the window (or wait for the command to finish), then try again."
        )


class StoreBusy(StoreError):
    """Another process is replacing the store file (new passphrase, new store) right now."""

    def __init__(self) -> None:
        super().__init__(
            "Another kiosk command is changing the store right now (a new passphrase or a new "
            "store). Wait for it to finish, then try again."
        )


class StoreReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The store cannot be written (the file or its folder is read-only). "
            "Nothing was changed."
        )


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The disk is full, so Lantern could not write to it. Everything saved before is "
            "safe and the store is not damaged. Free some space on this disk, then try again."
        )


class StoreIOError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The disk reported an input/output error while Lantern used the store. Everything "
            "saved before is safe. If the store is on a removable drive, check that it is "
            "connected, then try again; if it happens again, run kiosk store verify."
        )


class StoreDamaged(StoreError):
    def __init__(self, pages: tuple[int, ...] = (), page_count: int = 0) -> None:
        self.pages = pages
        where = ""
        if pages:
            shown = ", ".join(str(page) for page in pages[:5])
            more = f" and {len(pages) - 5} more" if len(pages) > 5 else ""
            of = f" of {page_count}" if page_count else ""
            if len(pages) == 1:
                where = f" (page {shown}{of} fails its check)"
            else:
                where = f" (pages {shown}{more}{of} fail their check)"
        super().__init__(
            f"The store file is damaged{where}. Keep the file as it is: kiosk store verify "
            "tells what can still be read, and kiosk store backup DEST --salvage copies it into "
            "a new store. Or restore your latest backup."
        )


class FirstPageDamaged(StoreDamaged):
    """The passphrase is right (the other pages check out) but page 1 is damaged."""

    def __init__(self, page_count: int = 0) -> None:
        super().__init__((1,), page_count)
        self.message = (
            "The passphrase is right, but the start of the store file (page 1, which lists "
            "what is inside) is damaged, so nothing in it can be read. Keep the file as it is "
            "and restore your latest backup."
        )
        self.args = (self.message,)


class StoreTooOld(StoreError):
    def __init__(self, found: int, supported: int, part: str = "") -> None:
        what = f"its '{part}' tables" if part else "this store"
        super().__init__(
            f"A newer Lantern wrote {what} (schema {found}; this one reads up to {supported}). "
            "Update Lantern to open it."
        )


class InterviewChangedElsewhere(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "This interview was changed in another Lantern window or command at the same time, "
            "so this step was not saved (everything saved before is safe). Close the interview "
            "here and open it again."
        )


class StoreBug(Exception):
    """An unexpected database error: a bug, reported without any stored data."""


def disk_is_full(folder: Path | None) -> bool:
    """True when the file system holding `folder` has (almost) no room left."""
    if folder is None:
        return False
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < FULL_DISK_MARGIN or (
        info.f_files > 0 and info.f_favail == 0
    )


def classify(error: BaseException, folder: Path | None = None) -> Exception:
    """Turn a low-level database or OS error into a `StoreError` or a `StoreBug`.

    `folder` is where the store lives: with it, an I/O error on a full disk says so.
    """
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull()
        if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            return StoreReadOnly()
        if error.errno == errno.EIO:
            return DiskFull() if disk_is_full(folder) else StoreIOError()
        return StoreBug(f"OS error {error.errno}")
    text = str(error).lower()
    name = str(getattr(error, "sqlite_errorname", "") or "")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull()
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DiskFull() if disk_is_full(folder) else StoreIOError()
    if "database is locked" in text or "database table is locked" in text:
        return StoreLocked()
    if "readonly" in text or "read-only" in text:
        return StoreReadOnly()
    if "unable to open database" in text:
        return DiskFull() if disk_is_full(folder) else StoreReadOnly()
    if "malformed" in text:
        return StoreDamaged()
    return StoreBug(type(error).__name__)
