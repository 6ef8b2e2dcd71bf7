"""The encrypted store: one SQLCipher 4 database holding every interview as events.

Rules kept here:
- The key is the first statement on every connection (`store_connection`), and a failed first
  read is told apart as wrong passphrase, damaged page 1, or damage elsewhere.
- WAL, `synchronous=FULL` and `temp_store=MEMORY`: an event is on disk when `append` returns,
  and SQLite never spills decrypted pages into temp files.
- Each append is one transaction, with one sync, however many events it holds (an intent's
  events are saved together or not at all; `commits` counts them). The interview's summary row
  (status, path, language…) is updated in it only when one of those changed; the last event's
  time and number are read from the events table's primary key when listing.
- An open `Store` holds a shared `StoreLock`; replacing the file (init over an unfinished file,
  rekey) needs it exclusive, so no Lantern process ever has the file replaced under it.
- Files are 0600: created so, and tightened when found looser.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from kiosk.core import store_connection
from kiosk.core.events import Event, now_iso
from kiosk.core.fileio import tighten
from kiosk.core.store_connection import (
    SQLITE_HEADER,
    check_pages,
    check_shape,
    configure,
    unlock,
)
from kiosk.core.store_errors import (
    InterviewChangedElsewhere,
    NotAStore,
    StoreDamaged,
    StoreError,
    StoreTooOld,
    classify,
)
from kiosk.core.store_lock import StoreLock, lock_path
from kiosk.core.store_parts import StorePart, statements

APP_MARK = "lantern-store"
SIDE_FILES = ("-wal", "-shm")

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE interviews (
        id TEXT PRIMARY KEY,
        flow_id TEXT NOT NULL,
        flow_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL,
        language TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT 'child',
        event_count INTEGER NOT NULL DEFAULT 0,
        reference TEXT
    );
    CREATE INDEX interviews_by_update ON interviews (updated_at);
    CREATE TABLE events (
        interview_id TEXT NOT NULL REFERENCES interviews (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (interview_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the last event's time and number are read from the events table's primary key when
    # listing, so an answer's commit writes only the event (one page fewer to encrypt and sync).
    """
    DROP INDEX interviews_by_update;
    ALTER TABLE interviews DROP COLUMN updated_at;
    ALTER TABLE interviews DROP COLUMN event_count;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class NewInterview:
    """The interview row an append creates along with the interview's first events."""

    flow_id: str
    flow_version: int
    language: str


def new_interview_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class InterviewSummary:
    id: str
    flow_id: str
    flow_version: int
    created_at: str
    updated_at: str
    status: str
    language: str
    path: str
    event_count: int
    reference: str | None


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps beside the store while it is open (write-ahead log, index)."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


class Store:
    """An open, unlocked store. Use `Store.create` or `Store.open`."""

    def __init__(
        self, path: Path, connection: sqlcipher3.Connection, lock: StoreLock | None = None
    ) -> None:
        self.path = path
        self._db = connection
        self._lock = lock
        self._parts: set[str] = set()
        self._commits = 0

    # ------------------------------------------------------------ opening

    @classmethod
    def create(cls, path: Path, passphrase: str) -> Store:
        """Build a new store beside `path` and rename it into place (see `store_files`)."""
        from kiosk.core.store_files import build_store

        build_store(path, passphrase)
        return cls.open(path, passphrase)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, exclusive: bool = False) -> Store:
        """Open and unlock; `exclusive` refuses (`StoreInUse`) if any other Lantern has it open."""
        check_shape(path)
        lock = StoreLock.exclusive(path) if exclusive else StoreLock.shared(path)
        try:
            check_shape(path)  # again: a replacement may have finished while we waited
            for private in (path, *side_files(path)):
                tighten(private)
            store = cls(path, unlock(path, passphrase), lock)
        except BaseException:
            lock.release()
            raise
        try:
            store._prepare()
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self) -> None:
        try:
            configure(self._db)
            found = self._schema_version()
            if found > SCHEMA_VERSION:
                raise StoreTooOld(found, SCHEMA_VERSION)
            mark = self._db.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
            if not mark or mark[0] != APP_MARK:
                raise NotAStore("it belongs to another program", self.path)
            if found < SCHEMA_VERSION:
                self._migrate(found)
        except (sqlcipher3.Error, MemoryError) as error:
            if "no such table" in str(error).lower():
                raise NotAStore("it belongs to another program", self.path) from None
            raise self._classify(error) from None

    @classmethod
    def in_memory(cls, passphrase: str = "simulation") -> Store:
        """A throw-away encrypted store in memory (for `kiosk simulate`; nothing touches disk)."""
        connection = store_connection.connect(Path(":memory:"), passphrase)
        store = cls(Path(":memory:"), connection)
        configure(connection)
        store.initialise()
        return store

    def initialise(self) -> None:
        """Write the schema and the app mark into a new, empty database."""
        self._migrate(0)
        with self.write() as db:
            db.execute("INSERT INTO meta VALUES ('app', ?)", (APP_MARK,))
            db.execute("INSERT INTO meta VALUES ('created_at', ?)", (now_iso(),))

    @classmethod
    def open_or_create(cls, path: Path, passphrase: str) -> Store:
        if path.exists() and path.stat().st_size > 0:
            return cls.open(path, passphrase)
        return cls.create(path, passphrase)

    @property
    def lock_file(self) -> Path:
        return lock_path(self.path)

    def close(self) -> None:
        try:
            self._db.close()
        except sqlcipher3.Error:
            pass
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ schema and parts

    def _schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, found: int) -> None:
        for version in range(found, SCHEMA_VERSION):
            with self.write() as db:
                for statement in statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")

    def use_part(self, part: StorePart) -> None:
        """Bring a module's own tables up to date (see `store_parts`); cheap once done."""
        if part.name in self._parts:
            return
        with self.write() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (part.meta_key,)).fetchone()
            found = int(row[0]) if row else 0
            if found > part.version:
                raise StoreTooOld(found, part.version, part.name)
            before = self._object_names(db)
            for version in range(found, part.version):
                for statement in statements(part.migrations[version]):
                    db.execute(statement)
            foreign = sorted(
                name
                for name in self._object_names(db) - before
                if not name.startswith((part.name + "_", "sqlite_autoindex_" + part.name + "_"))
            )
            if foreign:
                raise ValueError(f"store part {part.name!r} may only create {part.name}_* objects")
            if found < part.version:
                db.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (part.meta_key, str(part.version)),
                )
        self._parts.add(part.name)

    @staticmethod
    def _object_names(db: sqlcipher3.Connection) -> set[str]:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master")}

    # ------------------------------------------------------------ reading and writing

    @contextmanager
    def write(self) -> Iterator[sqlcipher3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); any failure rolls it back and is
        raised as a plain `StoreError` (or `StoreBug`)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except (sqlcipher3.Error, OSError, MemoryError) as error:
            raise self._classify(error) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
            self._commits += 1
        except BaseException as error:
            try:
                self._db.execute("ROLLBACK")
            except (sqlcipher3.Error, MemoryError):
                pass
            if isinstance(error, sqlcipher3.Error | OSError | MemoryError):
                raise self._classify(error) from None
            raise

    @property
    def commits(self) -> int:
        """Write transactions committed through this store since it opened: each is one sync
        of the write-ahead log (`synchronous=FULL`), the main cost of saving on a slow disk."""
        return self._commits

    def total_changes(self) -> int:
        """Rows written through this store's connection since it opened (no SQL, no I/O):
        a different count means something was written here since it was last read."""
        return int(self._db.total_changes)

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """All rows of one read; failures become plain `StoreError`s (or `StoreBug`)."""
        try:
            return list(self._db.execute(sql, params).fetchall())
        except (sqlcipher3.Error, MemoryError) as error:
            raise self._classify(error) from None

    def _classify(self, error: BaseException) -> Exception:
        """Like `store_errors.classify`, but asks SQLCipher whether pages are damaged first:
        a page failing its HMAC shows up as *out of memory* or a logic error."""
        if str(self.path) != ":memory:" and _may_be_damage(error):
            try:
                pages = check_pages(self._db, self.path)
            except (sqlcipher3.Error, MemoryError):
                pages = None
            if pages is not None and pages.damaged:
                return StoreDamaged(pages.damaged, pages.page_count)
        if isinstance(error, sqlcipher3.IntegrityError) and "events." in str(error):
            return InterviewChangedElsewhere()
        return classify(error, self.path.parent)

    # ------------------------------------------------------------ interviews

    def create_interview(
        self, flow_id: str, flow_version: int, language: str, started: Event
    ) -> tuple[str, Event]:
        """Create an interview with its `started` event, in one transaction."""
        interview_id = new_interview_id()
        new = NewInterview(flow_id, flow_version, language)
        return interview_id, self.append_all(interview_id, [started], new=new)[0]

    def append(
        self, interview_id: str, event: Event, summary: dict[str, Any] | None = None
    ) -> Event:
        """Commit one event (and the summary fields that changed); returns it with its seq.

        When this returns, the event is on disk.
        """
        return self.append_all(interview_id, [event], summary)[0]

    def append_all(
        self,
        interview_id: str,
        events: Sequence[Event],
        summary: dict[str, Any] | None = None,
        *,
        new: NewInterview | None = None,
    ) -> list[Event]:
        """Commit `events` in order, and the summary fields given, in ONE transaction (one
        sync); with `new`, the interview's row is created in it too (`events[0]` is then its
        `started` event). Returns the events with their seqs.

        When this returns, every one of them is on disk; if it raises, none is.
        """
        allowed = {"status", "language", "path", "reference"}
        updates = {key: value for key, value in (summary or {}).items() if key in allowed}
        with self.write() as db:
            if new is not None:
                db.execute(
                    "INSERT INTO interviews"
                    " (id, flow_id, flow_version, created_at, status, language)"
                    " VALUES (?, ?, ?, ?, 'open', ?)",
                    (interview_id, new.flow_id, new.flow_version, events[0].at, new.language),
                )
            stored = [self._insert_event(db, interview_id, event) for event in events]
            if updates:
                assignments = ", ".join(f"{key} = ?" for key in updates)
                db.execute(
                    f"UPDATE interviews SET {assignments} WHERE id = ?",
                    (*updates.values(), interview_id),
                )
        return stored

    def _insert_event(self, db: sqlcipher3.Connection, interview_id: str, event: Event) -> Event:
        """Insert with the event's own seq (the session numbers its events), else the next one."""
        seq = event.seq
        if seq <= 0:
            row = db.execute(
                "SELECT coalesce(max(seq), 0) FROM events WHERE interview_id = ?", (interview_id,)
            ).fetchone()
            seq = int(row[0]) + 1
        db.execute(
            "INSERT INTO events (interview_id, seq, at, kind, actor, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                interview_id,
                seq,
                event.at,
                event.kind,
                event.actor,
                json.dumps(event.data, ensure_ascii=False),
            ),
        )
        return (
            event if seq == event.seq else Event(event.kind, event.data, event.actor, event.at, seq)
        )

    def events(self, interview_id: str) -> list[Event]:
        rows = self.query(
            "SELECT kind, data, actor, at, seq FROM events WHERE interview_id = ? ORDER BY seq",
            (interview_id,),
        )
        return [
            Event(kind, json.loads(data), actor, at, seq) for kind, data, actor, at, seq in rows
        ]

    # Two primary-key seeks per interview give its last event's time and number.
    _SUMMARY_SQL = (
        "SELECT id, flow_id, flow_version, created_at,"
        " (SELECT at FROM events WHERE interview_id = i.id ORDER BY seq DESC LIMIT 1) AS last_at,"
        " status, language, path,"
        " (SELECT max(seq) FROM events WHERE interview_id = i.id), reference"
        " FROM interviews AS i"
    )

    def list_interviews(
        self, status: str | None = None, limit: int | None = None
    ) -> list[InterviewSummary]:
        sql = self._SUMMARY_SQL
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        sql += " ORDER BY last_at DESC, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [InterviewSummary(*row) for row in self.query(sql, params)]

    def interview(self, interview_id: str) -> InterviewSummary:
        rows = self.query(
            self._SUMMARY_SQL + " WHERE id = ? OR reference = ?", (interview_id, interview_id)
        )
        if not rows:
            raise StoreError("There is no interview with that id or reference number.")
        return InterviewSummary(*rows[0])

    # ------------------------------------------------------------ settings

    def setting(self, key: str, default: Any = None) -> Any:
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    # ------------------------------------------------------------ maintenance

    def verify(self) -> list[str]:
        """Problems found by SQLCipher's page HMAC check and SQLite's integrity check.

        With damaged pages only those are listed: every read past them would fail
        (`store_verify.diagnose` goes on to find out what can still be read).
        """
        try:
            pages = check_pages(self._db, self.path)
        except (sqlcipher3.Error, MemoryError) as error:
            raise self._classify(error) from None
        problems = [f"page {page} fails its check (HMAC)" for page in pages.damaged]
        problems.extend(pages.other)
        if problems:
            return problems
        integrity = [row[0] for row in self.query("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.extend(integrity)
        orphans = self.query(
            "SELECT count(*) FROM events WHERE interview_id NOT IN (SELECT id FROM interviews)"
        )[0][0]
        if orphans:
            problems.append(f"{orphans} events belong to no interview")
        return problems

    def rekey(self, current_passphrase: str, new_passphrase: str) -> None:
        """Put the store under a new passphrase, proven before it replaces the file
        (`store_files.rekey`). Needs a store opened with `exclusive=True`."""
        from kiosk.core import store_files

        store_files.rekey(self, current_passphrase, new_passphrase)

    def backup(self, destination: Path, passphrase: str) -> int:
        """Write a proven encrypted copy (its own passphrase) to the new file `destination`;
        returns how many interviews it holds."""
        from kiosk.core import store_files

        return store_files.backup(self, destination, passphrase).interviews

    def export(self) -> dict[str, Any]:
        """Everything in the store as plain data (for the person who holds the passphrase)."""
        interviews = []
        for summary in self.list_interviews():
            interviews.append(
                {
                    **summary.__dict__,
                    "events": [
                        {"seq": e.seq, "at": e.at, "kind": e.kind, "actor": e.actor, "data": e.data}
                        for e in self.events(summary.id)
                    ],
                }
            )
        return {"format": "lantern-export", "schema": SCHEMA_VERSION, "interviews": interviews}


def _may_be_damage(error: BaseException) -> bool:
    """SQLCipher's ways of saying a page did not decrypt (see `store_connection`)."""
    if isinstance(error, MemoryError):
        return True
    name = str(getattr(error, "sqlite_errorname", "") or "")
    return name in ("SQLITE_NOMEM", "SQLITE_ERROR", "SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER
