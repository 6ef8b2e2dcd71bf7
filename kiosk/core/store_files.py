"""Whole store files, built beside their place, checked, then renamed in: init, rekey, backup.

A rename is atomic, so whatever instant a process is killed at, the store's name holds either the
old complete file or the new complete file; a half-built file only ever exists under a
`*.partial` name, which the next init or rekey removes.

- `build_store`: a new store. An existing file is replaced only when it cannot hold Lantern data
  (empty, shorter than one page, or an unfinished store that this passphrase opens and that has
  no app mark and no rows); anything else is left untouched with a message saying why.
- `rekey`: `PRAGMA rekey` reports nothing when it fails (a damaged page, a busy file), so instead
  the store is exported under the new passphrase, the copy is proven (the new passphrase opens
  it, it checks out and holds the same rows, the old passphrase does not open it), and only then
  renamed over the store, with every other Lantern process kept out by the exclusive lock.
- `backup`: the same export, proven the same way, placed under a name that must be new.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from kiosk.core.fileio import FileProblem, fsync_dir, kind_problem, place_new
from kiosk.core.store_connection import (
    PAGE_SIZE,
    SQLITE_HEADER,
    check_pages,
    configure,
    connect,
    quote,
    unlock,
)
from kiosk.core.store_errors import (
    NotAStore,
    StoreError,
    StoreExists,
    StoreInUse,
    WrongPassphrase,
    classify,
)
from kiosk.core.store_lock import StoreLock

if TYPE_CHECKING:
    from kiosk.core.store import Store

PARTIAL_SUFFIXES = (".init-partial", ".rekey-partial")


class PassphraseNotChanged(StoreError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"The passphrase was NOT changed: {reason} The store is as it was.")


@dataclass(frozen=True)
class Counts:
    """Rows per table: a copy must hold exactly what its source held."""

    rows: tuple[tuple[str, int], ...]

    @property
    def interviews(self) -> int:
        return dict(self.rows).get("interviews", 0)

    @property
    def total(self) -> int:
        return sum(count for _name, count in self.rows)


def count_rows(connection: sqlcipher3.Connection, schema: str = "main") -> Counts:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return Counts(
        tuple(
            (name, int(connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]))
            for name in tables
        )
    )


def _remove_leftovers(path: Path) -> None:
    """Half-built files of a killed init or rekey (only while holding the exclusive lock)."""
    for suffix in PARTIAL_SUFFIXES:
        partial = path.with_name(path.name + suffix)
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------------ init


def build_store(path: Path, passphrase: str) -> bool:
    """Create a new store at `path`, atomically; True when it replaced a file that held no
    Lantern data (see the module docstring)."""
    from kiosk.core.store import Store

    quote(passphrase)
    try:
        lock = StoreLock.exclusive(path)
    except StoreInUse:
        if path.exists():
            raise StoreExists() from None  # open in a window: a store, and in use
        raise
    with lock:
        _remove_leftovers(path)
        replacing = _check_replaceable(path, passphrase)
        partial = path.with_name(path.name + ".init-partial")
        try:
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            connection = connect(partial, passphrase)
            try:
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA temp_store = MEMORY")
                Store(partial, connection).initialise()
            finally:
                connection.close()
            _sync_file(partial)
            if replacing:
                from kiosk.core.store import side_files

                for side in side_files(path):
                    side.unlink(missing_ok=True)
            os.replace(partial, path)
            fsync_dir(path.parent)
        except OSError as error:
            raise classify(error, path.parent) from None
        finally:
            partial.unlink(missing_ok=True)
    return replacing


def _check_replaceable(path: Path, passphrase: str) -> bool:
    """False when nothing is at `path`; True when what is there holds no Lantern data.

    Raises (leaving the file untouched) for anything that is, or might be, someone's data.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise classify(error, path.parent) from None
    problem = kind_problem(info.st_mode)
    if problem:
        raise NotAStore(problem.removeprefix("is "), path)
    if info.st_size < PAGE_SIZE:
        return True  # empty, or not even one page: no store's data can be in it
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise NotAStore("it is an unencrypted database", path)
    try:
        connection = unlock(path, passphrase)
    except WrongPassphrase:
        raise StoreError(
            f"A file is already at {path} and this passphrase does not open it, so it was left "
            "untouched (it may hold interviews). Open it with its own passphrase, or move it "
            "away to start a new store."
        ) from None
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "meta" in tables:
            mark = connection.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
            if mark is not None:
                raise StoreExists()
        if count_rows(connection).total:
            raise NotAStore("it holds data but is not a finished Lantern store", path)
    except (sqlcipher3.Error, MemoryError) as error:
        raise classify(error, path.parent) from None
    finally:
        connection.close()
    return True


# ------------------------------------------------------------------ copies


def _export(store: Store, partial: Path, passphrase: str) -> Counts:
    """Write every table of `store` into the new file `partial`, under `passphrase`.

    Counts and copy come from one read transaction, so the copy can be checked against them
    even while another window keeps writing.
    """
    db = store._db
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    db.execute(f"ATTACH DATABASE ? AS copy KEY {quote(passphrase)}", (str(partial),))
    try:
        db.execute("BEGIN")
        try:
            counts = count_rows(db)
            db.execute("SELECT sqlcipher_export('copy')")
            version = int(db.execute("PRAGMA main.user_version").fetchone()[0])
            db.execute(f"PRAGMA copy.user_version = {version}")
        except BaseException:
            _quietly(db, "ROLLBACK")
            raise
        db.execute("COMMIT")
    finally:
        _quietly(db, "DETACH DATABASE copy")
    _sync_file(partial)
    return counts


def _quietly(db: sqlcipher3.Connection, statement: str) -> None:
    """Clean-up that must not hide the error that made it necessary."""
    try:
        db.execute(statement)
    except (sqlcipher3.Error, MemoryError):
        pass


def prove_copy(partial: Path, passphrase: str, expected: Counts, old: str | None = None) -> None:
    """The copy opens with `passphrase`, every page checks out, it holds exactly the rows
    expected, and (for a rekey) the old passphrase does not open it."""
    connection = unlock(partial, passphrase)
    try:
        pages = check_pages(connection, partial)
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        found = count_rows(connection)
    finally:
        connection.close()
    if not pages.clean or integrity != ["ok"] or found != expected:
        raise StoreError("the new copy did not check out")
    if old is not None:
        try:
            unlock(partial, old).close()
        except WrongPassphrase:
            return
        raise StoreError("the old passphrase still opens the new copy")


def check_new_copy(destination: Path) -> Path:
    """A copy goes to a new file name in an existing folder; returns that folder."""
    folder = destination.parent
    if destination.is_dir():
        raise FileProblem(destination, "is a folder; give the copy a file name")
    if not folder.is_dir():
        raise FileProblem(destination, f"cannot be written: the folder {folder} does not exist")
    if destination.exists() or destination.is_symlink():
        raise FileProblem(destination, "already exists; choose a new name")
    return folder


def backup(store: Store, destination: Path, passphrase: str) -> Counts:
    """An encrypted copy at the new name `destination` (its own passphrase), proven readable."""
    folder = check_new_copy(destination)
    partial = folder / f".{destination.name}.partial-{os.getpid()}"
    try:
        expected = _export(store, partial, passphrase)
        prove_copy(partial, passphrase, expected, None)
        place_new(partial, destination)
        fsync_dir(folder)
        return expected
    except FileExistsError:
        raise FileProblem(destination, "already exists; choose a new name") from None
    except OSError as error:
        raise classify(error, folder) from None
    except (sqlcipher3.Error, MemoryError) as error:
        raise store._classify(error) from None
    finally:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)


# ------------------------------------------------------------------ rekey


def rekey(store: Store, current: str, new: str) -> None:
    """Put the store under `new`; on any failure the store is left exactly as it was."""
    from kiosk.core.store import side_files

    if store._lock is None or not store._lock.is_exclusive:
        raise ValueError("rekey needs a store opened with exclusive=True")
    quote(new)
    if new == current:
        raise PassphraseNotChanged("the new passphrase is the same as the current one.")
    path = store.path
    partial = path.with_name(path.name + ".rekey-partial")
    _remove_leftovers(path)
    try:
        expected = _export(store, partial, new)
        prove_copy(partial, new, expected, current)
    except (sqlcipher3.Error, OSError, MemoryError) as error:
        _remove_leftovers(path)
        problem = (
            classify(error, path.parent) if isinstance(error, OSError) else store._classify(error)
        )
        message = getattr(problem, "message", "")
        raise PassphraseNotChanged(message or "an internal problem stopped it.") from None
    except StoreError as error:
        _remove_leftovers(path)
        raise PassphraseNotChanged(error.message.rstrip(".") + ".") from None
    # The copy is proven. Let no write-ahead log outlive the old file: a log left beside the new
    # file would be replayed into it.
    try:
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store._db.execute("PRAGMA journal_mode = DELETE")
        store._db.close()
        wal = side_files(path)[0]
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError("the write-ahead log could not be emptied.")
        for side in side_files(path):
            side.unlink(missing_ok=True)
        os.replace(partial, path)
        fsync_dir(path.parent)
    except (sqlcipher3.Error, OSError, StoreError) as error:
        _remove_leftovers(path)
        store._db = unlock(path, current)
        configure(store._db)
        swapped = "the file could not be swapped."
        reason = error.message if isinstance(error, StoreError) else swapped
        raise PassphraseNotChanged(reason) from None
    store._db = unlock(path, new)
    configure(store._db)
