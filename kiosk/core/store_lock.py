"""Which Lantern processes have the store open: a lock file beside it, `<store>.lock`.

Every open `Store` holds a *shared* lock on that file for as long as it is open: the window,
`kiosk store list`, `kiosk odk send`, a second window by mistake. Work that replaces the store
file (a new passphrase, building a new store over an unfinished one) takes it *exclusive* and does
not wait: if any other Lantern process has the store open, it refuses (`StoreInUse`) rather than
pull the file out from under an interview. A process that wants the store while such work runs
waits a little for it, then says so (`StoreBusy`).

The lock is `flock`, which belongs to one open file rather than to the process (SQLite's own
`fcntl` locks on the database are dropped when *any* descriptor of the file closes, so they cannot
serve here; the two kinds do not interact on Linux). Only Lantern takes this lock; the kernel
drops it when the process dies, so a killed process never leaves the store locked. The lock file
itself stays empty and is never deleted (deleting a lock file races with the next taker).

Where `flock` does not exist (Windows), there is no lock: there, replacing a file another process
has open fails by itself, and every replacement checks its result.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from kiosk.core.store_errors import (
    DiskFull,
    StoreBusy,
    StoreError,
    StoreInUse,
    StoreReadOnly,
    classify,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".lock"
WAIT_SECONDS = 15.0  # how long an opener waits while another command replaces the store
_POLL_SECONDS = 0.05


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + LOCK_SUFFIX)


class StoreLock:
    """A held lock on `<store>.lock`. Release it with `release()` (or let the process end)."""

    def __init__(self, fd: int | None, is_exclusive: bool) -> None:
        self._fd = fd
        self.is_exclusive = is_exclusive

    @classmethod
    def shared(cls, store_path: Path, wait: float = WAIT_SECONDS) -> StoreLock:
        """Many processes may hold this at once; waits while a replacement holds it exclusive."""
        fd = _open_lock_file(store_path, need_write=False)
        if fd is None or fcntl is None:
            return cls(fd, is_exclusive=False)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return cls(fd, is_exclusive=False)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusy() from None
                time.sleep(_POLL_SECONDS)
            except OSError as error:
                os.close(fd)
                raise classify(error) from None

    @classmethod
    def exclusive(cls, store_path: Path) -> StoreLock:
        """Only when no other Lantern process has the store open; never waits."""
        fd = _open_lock_file(store_path, need_write=True)
        if fd is None or fcntl is None:
            return cls(fd, is_exclusive=True)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreInUse() from None
        except OSError as error:
            os.close(fd)
            raise classify(error) from None
        return cls(fd, is_exclusive=True)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Closing the descriptor drops the lock."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _open_lock_file(store_path: Path, need_write: bool) -> int | None:
    """Open (creating it 0600) the lock file; None when the folder is read-only and it is absent.

    A read-only folder cannot have its store changed either, so readers go on without a lock;
    a writer that needs the lock is told the store is read-only.
    """
    path = lock_path(store_path)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a FIFO planted under the lock's name must not hang us
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise DiskFull() from None
        if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise classify(error) from None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        except OSError:
            if need_write:
                raise StoreReadOnly() from None
            return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise StoreError(f"{path} is not a regular file. Move it away, then try again.")
    if info.st_mode & 0o077:
        try:
            os.fchmod(fd, 0o600)
        except OSError:
            pass  # a read-only lock file: it holds nothing, so its mode does not matter
    return fd
