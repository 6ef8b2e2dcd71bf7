"""One SQLCipher connection to a store file: keying it, and telling a wrong key from damage.

Rules kept here:
- `PRAGMA key` is the first statement on every connection, before anything reads the file
  (otherwise SQLCipher would read or write it as plain SQLite).
- A page that fails its HMAC makes SQLCipher put the whole connection into an error state (it
  reports *out of memory*, then a logic error for every later statement). Only
  `PRAGMA cipher_integrity_check`, which reads the file itself and checks each page's HMAC, can
  say what happened; it works on such a connection, and even when page 1 cannot be decrypted
  (the key comes from the passphrase and the file's salt, which is stored in the clear).
- Page 1 failing alone means the passphrase is right and page 1 is damaged; *every* page failing
  means the passphrase is wrong, or the salt in the first 16 bytes is damaged: the two cannot be
  told apart, and the message says so.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from kiosk.core.fileio import kind_problem
from kiosk.core.store_errors import (
    FirstPageDamaged,
    NotAStore,
    StoreDamaged,
    StoreError,
    StoreMissing,
    WrongPassphrase,
    classify,
)

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's default; every store Lantern writes uses it
SALT_SIZE = 16
_PAGE_FAILURE = re.compile(r"(?:HMAC verification failed|HMAC operation failed|file page) (\d+)")
_PAGE_FAILURE_ALT = re.compile(r"for page (\d+)")


def quote(passphrase: str) -> str:
    if not passphrase:
        raise StoreError("The passphrase cannot be empty.")
    if "\x00" in passphrase:
        raise StoreError("The passphrase contains a character that cannot be used.")
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, passphrase: str | None = None, raw_key: bytes | None = None):  # type: ignore[no-untyped-def]
    """Open a connection whose first statement is the key (a passphrase, or a derived raw key)."""
    key = quote(passphrase or "") if raw_key is None else f"\"x'{raw_key.hex()}'\""
    try:
        connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        # Silence SQLCipher's own stderr logging (a wrong key would print HMAC errors).
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key}")
    except sqlcipher3.Error as error:
        raise classify(error, path.parent) from None
    return connection


def configure(connection) -> None:  # type: ignore[no-untyped-def]
    """WAL, fully synced commits, temp data in memory only, enforced references."""
    connection.execute("PRAGMA busy_timeout = 3000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA foreign_keys = ON")


def check_shape(path: Path) -> int:
    """Refuse what cannot be a store before SQLCipher touches it; returns the file's size.

    Never opens anything but a regular file (a FIFO named like the store would hang the open).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreMissing() from None
    except OSError as error:
        raise classify(error, path.parent) from None
    problem = kind_problem(info.st_mode)
    if problem:
        raise NotAStore(problem.removeprefix("is "), path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat above
                raise NotAStore("it is not a regular file", path)
            head = os.read(fd, len(SQLITE_HEADER))
        finally:
            os.close(fd)
    except OSError as error:
        raise classify(error, path.parent) from None
    if head == SQLITE_HEADER:
        raise NotAStore("it is an unencrypted database", path)
    if info.st_size == 0:
        raise NotAStore("it is empty", path)
    if info.st_size < 1024 or info.st_size % 1024:
        raise NotAStore("it is too short or truncated", path)
    return info.st_size


@dataclass(frozen=True)
class PageCheck:
    """What `PRAGMA cipher_integrity_check` found in the main file (not the WAL)."""

    page_count: int
    damaged: tuple[int, ...]
    other: tuple[str, ...]  # anything it said that names no page (e.g. an odd file size)

    @property
    def all_damaged(self) -> bool:
        return self.page_count > 0 and len(self.damaged) >= self.page_count

    @property
    def clean(self) -> bool:
        return not self.damaged and not self.other


def check_pages(connection, path: Path) -> PageCheck:  # type: ignore[no-untyped-def]
    """Every page's HMAC, checked against the key this connection was given."""
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0
    rows = [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
    damaged: list[int] = []
    other: list[str] = []
    for row in rows:
        match = _PAGE_FAILURE.search(row) or _PAGE_FAILURE_ALT.search(row)
        if match and "invalid size" not in row:
            damaged.append(int(match.group(1)))
        else:
            other.append(row)
    return PageCheck(size // PAGE_SIZE, tuple(sorted(set(damaged))), tuple(other))


def first_read_problem(connection, path: Path, error: BaseException) -> Exception:  # type: ignore[no-untyped-def]
    """Why the first read of a freshly keyed connection failed: passphrase, damage, or other."""
    name = str(getattr(error, "sqlite_errorname", "") or "")
    text = str(error).lower()
    if not (isinstance(error, MemoryError) or name == "SQLITE_NOTADB" or "not a database" in text):
        return classify(error, path.parent)
    try:
        pages = check_pages(connection, path)
    except (sqlcipher3.Error, MemoryError):
        return WrongPassphrase()
    return problem_of(pages)


def problem_of(pages: PageCheck) -> Exception:
    if pages.all_damaged or not pages.damaged:
        # Every page fails: a wrong passphrase, or a damaged salt (the message says both).
        # No page fails yet the first read did: not something SQLCipher wrote with this key.
        return WrongPassphrase()
    if pages.damaged[0] == 1:
        return FirstPageDamaged(pages.page_count)
    return StoreDamaged(pages.damaged, pages.page_count)


def unlock(path: Path, passphrase: str):  # type: ignore[no-untyped-def]
    """A keyed connection whose key has been proven by reading the schema."""
    connection = connect(path, passphrase)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlcipher3.Error, MemoryError) as error:
        problem = first_read_problem(connection, path, error)
        connection.close()
        raise problem from None
    return connection
