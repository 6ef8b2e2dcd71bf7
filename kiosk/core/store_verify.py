"""`kiosk store verify`: which pages are damaged, and how much can still be read.

Like the upstream SQLCipher shell, the check starts with `PRAGMA cipher_integrity_check`, which
reads the file itself and names every page whose HMAC fails, instead of stopping at the first
read that fails. Then:
- no damaged page: SQLite's own `integrity_check` and Lantern's checks (every event belongs to an
  interview);
- damaged pages: a read that reaches one puts the connection into an error state for good, so
  each interview is read on its own connection, as far as it goes. A connection keyed with the
  raw key (derived once here, exactly as SQLCipher derives it) skips the slow key derivation;
  if the derivation ever stopped matching SQLCipher's, the passphrase is used instead.
- page 1 damaged: it holds the list of tables, so nothing at all can be read;
- every page failing: the passphrase is wrong, or the file's salt is damaged (`WrongPassphrase`
  says both).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from kiosk.core.store import APP_MARK
from kiosk.core.store_connection import (
    SALT_SIZE,
    PageCheck,
    check_pages,
    check_shape,
    connect,
    unlock,
)
from kiosk.core.store_errors import NotAStore, StoreError, WrongPassphrase, classify
from kiosk.core.store_lock import StoreLock

# SQLCipher 4's default key derivation (PBKDF2-HMAC-SHA512, 256,000 rounds, 32-byte key).
KDF_ROUNDS = 256_000
KDF_HASH = "sha512"
KEY_BYTES = 32

_CORE_TABLES = ("interviews", "events")
READ_ERRORS = (sqlcipher3.Error, MemoryError)
Opener = Callable[[], sqlcipher3.Connection]  # a fresh keyed connection each call
EventRow = tuple[int, str, str, str, str]  # seq, at, kind, actor, data


@dataclass(frozen=True)
class InterviewReading:
    """How far one interview's events can be read (events are numbered 1, 2, 3…)."""

    id: str
    events_read: int
    events_total: int | None  # None when even the last number cannot be read
    gaps: int = 0  # runs of events lost to damaged pages (what follows a gap was still read)

    @property
    def complete(self) -> bool:
        return self.events_total is not None and self.events_read >= self.events_total


@dataclass
class Diagnosis:
    pages: PageCheck
    problems: list[str] = field(default_factory=list)  # structure problems (pages clean)
    interviews: list[InterviewReading] | None = None  # None: the list itself cannot be read
    tables: dict[str, int | None] = field(default_factory=dict)  # other tables: rows, or None

    @property
    def intact(self) -> bool:
        return self.pages.clean and not self.problems

    @property
    def first_page_damaged(self) -> bool:
        return 1 in self.pages.damaged

    @property
    def events_read(self) -> int:
        return sum(reading.events_read for reading in self.interviews or [])


def diagnose(path: Path, passphrase: str) -> Diagnosis:
    """Check every page and find out what can be read; raises `WrongPassphrase` when no page
    checks out with this passphrase, `NotAStore` when the file is someone else's."""
    check_shape(path)
    with StoreLock.shared(path):
        return _diagnose(path, passphrase)


def first_look(path: Path, passphrase: str) -> PageCheck:
    """Every page's check, after folding the write-ahead log into the file when it is safe.

    Raises `WrongPassphrase` when no page checks out with this passphrase."""
    connection = connect(path, passphrase)
    try:
        pages = check_pages(connection, path)
        if pages.all_damaged:
            raise WrongPassphrase()
        if not pages.damaged:
            # Newer pages may wait in the write-ahead log, where the page check does not look:
            # fold them into the file (a passive checkpoint only copies committed pages), then
            # check again.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            pages = check_pages(connection, path)
    except READ_ERRORS as error:
        raise classify(error, path.parent) from None
    finally:
        connection.close()
    return pages


def _diagnose(path: Path, passphrase: str) -> Diagnosis:
    diagnosis = Diagnosis(first_look(path, passphrase))
    if diagnosis.first_page_damaged:
        return diagnosis
    opener = opener_for(path, passphrase)
    _require_lantern(opener)
    if diagnosis.pages.clean:
        diagnosis.problems = _structure_problems(opener)
    diagnosis.interviews = _read_interviews(opener)
    diagnosis.tables = _read_other_tables(opener)
    return diagnosis


def opener_for(path: Path, passphrase: str) -> Opener:
    """Fresh keyed connections, cheaply: the raw key if it proves right, else the passphrase."""
    with path.open("rb") as handle:
        salt = handle.read(SALT_SIZE)
    raw = hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)

    def with_raw_key() -> sqlcipher3.Connection:
        connection: sqlcipher3.Connection = connect(path, raw_key=raw)
        return connection

    try:
        unlock_raw = with_raw_key()
        unlock_raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        unlock_raw.close()
        return with_raw_key
    except (*READ_ERRORS, StoreError):
        return lambda: unlock(path, passphrase)


def _require_lantern(opener: Opener) -> None:
    connection = opener()
    try:
        mark = connection.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    except READ_ERRORS as error:
        if "no such table" in str(error).lower():
            raise NotAStore("it belongs to another program") from None
        return  # the meta table itself is damaged: still worth reading what else can be read
    finally:
        connection.close()
    if not mark or mark[0] != APP_MARK:
        raise NotAStore("it belongs to another program")


def _structure_problems(opener: Opener) -> list[str]:
    connection = opener()
    try:
        found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        problems = [] if found == ["ok"] else found
        orphans = connection.execute(
            "SELECT count(*) FROM events WHERE interview_id NOT IN (SELECT id FROM interviews)"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} events belong to no interview")
        return problems
    except READ_ERRORS as error:
        return [f"the structure check stopped ({type(error).__name__})"]
    finally:
        connection.close()


def _read_interviews(opener: Opener) -> list[InterviewReading] | None:
    ids = interview_ids(opener)
    if ids is None:
        return None
    reader = EventReader(opener)
    try:
        return [reader.read(interview_id)[0] for interview_id in ids]
    finally:
        reader.close()


class EventReader:
    """Reads each interview's events as far as they go, stepping over damaged pages.

    Events are keyed (interview, seq) with seq 1, 2, 3…; a damaged leaf page holds a run of
    them. After a failure, the next readable seq is found by seeking to seq+1, seq+2, … (a
    seek past the damaged leaf lands in the next one), within a budget so that a damaged
    interior page (every seek fails) cannot make the check run for ever.
    """

    PROBES_PER_GAP = 64
    PROBES_IN_ALL = 2000

    def __init__(self, opener: Opener) -> None:
        self._opener = opener
        self._connection = opener()
        self._probes = 0
        self.stopped_early = False

    def close(self) -> None:
        self._connection.close()

    def _fresh(self) -> None:
        self._connection.close()
        self._connection = self._opener()

    def read(self, interview_id: str) -> tuple[InterviewReading, list[EventRow]]:
        """How far the interview's events go, and the events read (in order of seq)."""
        total: int | None = None
        try:
            # A seek to the last key: it works even when an earlier leaf is damaged.
            row = self._connection.execute(
                "SELECT max(seq) FROM events WHERE interview_id = ?", (interview_id,)
            ).fetchone()
            total = int(row[0] or 0)
        except READ_ERRORS:
            self._fresh()
        rows: list[EventRow] = []
        gaps, next_seq = 0, 1
        while True:
            try:
                for row in self._connection.execute(
                    "SELECT seq, at, kind, actor, data FROM events"
                    " WHERE interview_id = ? AND seq >= ? ORDER BY seq",
                    (interview_id, next_seq),
                ):
                    rows.append((int(row[0]), row[1], row[2], row[3], row[4]))
                    next_seq = int(row[0]) + 1
                return InterviewReading(interview_id, len(rows), total, gaps), rows
            except READ_ERRORS:
                self._fresh()
            found = self._next_readable(interview_id, next_seq + 1, total)
            if found is None:
                return InterviewReading(interview_id, len(rows), total, gaps + 1), rows
            gaps += 1
            next_seq = found

    def _next_readable(self, interview_id: str, start: int, total: int | None) -> int | None:
        last = start + self.PROBES_PER_GAP
        if total is not None:
            last = min(total, last)
        for seq in range(start, last + 1):
            if self._probes >= self.PROBES_IN_ALL:
                self.stopped_early = True
                return None
            self._probes += 1
            try:
                row = self._connection.execute(
                    "SELECT seq FROM events WHERE interview_id = ? AND seq >= ?"
                    " ORDER BY seq LIMIT 1",
                    (interview_id, seq),
                ).fetchone()
            except READ_ERRORS:
                self._fresh()
                continue
            return None if row is None else int(row[0])
        return None


def interview_ids(opener: Opener) -> list[str] | None:
    """Every interview's id: from its summary row, else from its events."""
    for sql in (
        "SELECT id FROM interviews ORDER BY id",
        "SELECT DISTINCT interview_id FROM events ORDER BY interview_id",
    ):
        connection = opener()
        try:
            return [str(row[0]) for row in connection.execute(sql)]
        except READ_ERRORS:
            continue
        finally:
            connection.close()
    return None


def table_names(opener: Opener) -> list[str]:
    """Every table of the store (none when even the list of tables cannot be read)."""
    connection = opener()
    try:
        return [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
    except READ_ERRORS:
        return []
    finally:
        connection.close()


def _read_other_tables(opener: Opener) -> dict[str, int | None]:
    tables: dict[str, int | None] = {}
    for name in table_names(opener):
        if name in _CORE_TABLES:
            continue
        connection = opener()
        try:
            tables[name] = sum(1 for _row in connection.execute(f'SELECT * FROM "{name}"'))
        except READ_ERRORS:
            tables[name] = None
        finally:
            connection.close()
    return tables
