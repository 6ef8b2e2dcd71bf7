"""Store errors, split into *environment* problems shown to the user and *bugs*.

Environment problems (wrong passphrase, full disk, locked file…) are `StoreError`s with a plain
message. Anything else the database raises is a `StoreBug`: the caller shows a generic
"internal error" and the message never contains stored data (SQLite messages name tables and
columns, not values, but we still keep only the error class name).
"""

from __future__ import annotations

import errno

from kiosk.core.errors import KioskError


class StoreError(KioskError):
    """A store problem the user can act on."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("The passphrase is not right for this store. Please try again.")


class NotAStore(StoreError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "This file is not a Lantern store" + (f" ({detail})" if detail else "") + "."
        )


class StoreMissing(StoreError):
    def __init__(self) -> None:
        super().__init__("There is no store yet. Create one first (kiosk store init).")


class StoreExists(StoreError):
    def __init__(self) -> None:
        super().__init__("A store already exists here; it was left untouched.")


class StoreLocked(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The store is in use by another Lantern window or command. Close it and try again."
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
            "The disk is full, so the last step could not be saved. Everything saved before it "
            "is safe. Free some space, then continue."
        )


class StoreDamaged(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The store file is damaged. Restore it from a backup (kiosk store backup makes one)."
        )


class StoreTooOld(StoreError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This store was written by a newer Lantern (schema {found}; this one reads up to "
            f"{supported}). Update Lantern to open it."
        )


class StoreBug(Exception):
    """An unexpected database error: a bug, reported without any stored data."""


def classify(error: BaseException) -> Exception:
    """Turn a low-level database or OS error into a `StoreError` or a `StoreBug`."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return DiskFull()
        if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            return StoreReadOnly()
        return StoreBug(f"OS error {error.errno}")
    text = str(error).lower()
    if "database is locked" in text or "database table is locked" in text:
        return StoreLocked()
    if "readonly" in text or "read-only" in text or "unable to open database" in text:
        return StoreReadOnly()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull()
    if "malformed" in text or "disk i/o error" in text:
        return StoreDamaged()
    return StoreBug(type(error).__name__)
