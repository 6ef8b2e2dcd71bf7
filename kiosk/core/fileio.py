"""Reading and writing files carefully: regular files only, bounded reads, private atomic writes.

A path given on the command line can be anything: a folder, a FIFO nobody writes to (an open
that never returns), `/dev/zero` (a read that never ends). Reads here open without blocking,
refuse anything that is not a regular file, and never take more than their limit. Writes go to a
private (0600) file beside the target, are synced, and are renamed into place, so a crash or a
full disk leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from kiosk.core.errors import KioskError

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 16


class FileProblem(KioskError):
    """A file that cannot be used. `reason` is the plain part, without the path."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    if error.errno == errno.ELOOP:
        return "cannot be read (a loop of links)"
    return f"cannot be read ({error.strerror or 'error ' + str(error.errno)})"


def kind_problem(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file but a pipe, a device or a socket"


def read_regular(path: Path, limit: int) -> bytes:
    """All bytes of the regular file `path`, refusing anything else or anything over `limit`."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as error:
        raise FileProblem(path, _reason(error)) from None
    try:
        info = os.fstat(fd)
        problem = kind_problem(info.st_mode)
        if problem:
            raise FileProblem(path, problem)
        if info.st_size > limit:
            raise FileProblem(path, f"is too large ({info.st_size} bytes; the limit is {limit})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise FileProblem(path, _reason(error)) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise FileProblem(path, f"is too large (over {limit} bytes)")
    return data


def read_stream(stream: BinaryIO, limit: int, name: str = "standard input") -> bytes:
    """At most `limit` bytes from an already open stream (standard input)."""
    data = bytearray()
    while len(data) <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
    raise FileProblem(name, f"is too long (over {limit} bytes)")


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable (where the platform allows syncing a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def tighten(path: Path) -> None:
    """Make an existing file readable by its owner only (0600), if it is not already."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and mode & 0o077:
            os.chmod(path, 0o600)
    except OSError:
        pass  # not ours to change (read-only medium): reading it still works


def write_private(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write `data` to `path` as a private (0600) file, all or nothing.

    Without `replace`, an existing `path` is an error and is left alone. Raises `FileProblem`
    with a plain reason (the disk is full, the folder is missing…).
    """
    folder = path.parent
    if not replace and (path.exists() or path.is_symlink()):
        raise FileProblem(path, "already exists; choose a new name")
    if path.is_dir():
        raise FileProblem(path, "is a folder; give a file name")
    partial = folder / f".{path.name}.partial-{os.getpid()}"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise FileProblem(path, _write_reason(error, folder)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(partial, path)
        else:
            place_new(partial, path)
        fsync_dir(folder)
    except OSError as error:
        raise FileProblem(path, _write_reason(error, folder)) from None
    finally:
        partial.unlink(missing_ok=True)


def place_new(partial: Path, path: Path) -> None:
    """Put `partial` at `path` only if nothing is there (a hard link fails if it exists);
    `partial` itself stays for the caller to remove."""
    try:
        os.link(partial, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        # File systems without hard links (FAT on a USB stick): check, then rename.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "exists") from None
        os.replace(partial, path)


def _write_reason(error: OSError, folder: Path) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "cannot be written: the disk is full (nothing was written; free some space)"
    if error.errno == errno.EEXIST:
        return "already exists; choose a new name"
    if error.errno == errno.ENOENT and not folder.is_dir():
        return f"cannot be written: the folder {folder} does not exist"
    if error.errno == errno.ENOTDIR:
        return f"cannot be written: {folder} is not a folder"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "cannot be written (the folder is read-only or not yours)"
    return f"cannot be written ({error.strerror or 'error ' + str(error.errno)})"
