"""The encrypted store: one SQLCipher 4 database holding every interview as events.

Rules kept here:
- `PRAGMA key` is the first statement on every connection, before anything reads the file
  (otherwise SQLCipher would read or write it as plain SQLite).
- WAL, `synchronous=FULL` and `temp_store=MEMORY`: an event is on disk when `append` returns,
  and SQLite never spills decrypted pages into temp files.
- Each append is one transaction. The interview's summary row (status, path, language…) is
  updated in it only when one of those changed; the last event's time and number are read from
  the events table's primary key when listing.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from kiosk.core.events import Event, now_iso
from kiosk.core.store_errors import (
    NotAStore,
    StoreError,
    StoreExists,
    StoreMissing,
    StoreTooOld,
    WrongPassphrase,
    classify,
)

APP_MARK = "lantern-store"
SQLITE_HEADER = b"SQLite format 3\x00"

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


def _quote(passphrase: str) -> str:
    if not passphrase:
        raise StoreError("The passphrase cannot be empty.")
    if "\x00" in passphrase:
        raise StoreError("The passphrase contains a character that cannot be used.")
    return "'" + passphrase.replace("'", "''") + "'"


def _connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
    """Open a connection whose first statement is the key."""
    try:
        connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        # Silence SQLCipher's own stderr logging (a wrong key would print HMAC errors).
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {_quote(passphrase)}")
    except sqlcipher3.Error as error:
        raise classify(error) from None
    return connection


def _configure(connection: sqlcipher3.Connection) -> None:
    connection.execute("PRAGMA busy_timeout = 3000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA foreign_keys = ON")


def _looks_like_store_file(path: Path) -> None:
    """Tell 'not a store' apart from 'wrong passphrase' by what the bytes can show."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise classify(error) from None
    if head == SQLITE_HEADER:
        raise NotAStore("it is an unencrypted database")
    if size == 0:
        raise NotAStore("it is empty")
    if size < 1024 or size % 1024:
        raise NotAStore("it is too short or truncated")


class Store:
    """An open, unlocked store. Use `Store.create` or `Store.open`."""

    def __init__(self, path: Path, connection: sqlcipher3.Connection) -> None:
        self.path = path
        self._db = connection

    # ------------------------------------------------------------ opening

    @classmethod
    def create(cls, path: Path, passphrase: str) -> Store:
        if path.exists() and path.stat().st_size > 0:
            raise StoreExists()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        except OSError as error:
            raise classify(error) from None
        connection = _connect(path, passphrase)
        store = cls(path, connection)
        try:
            _configure(connection)
            store._migrate(0)
            with store._transaction():
                connection.execute("INSERT INTO meta VALUES ('app', ?)", (APP_MARK,))
                connection.execute("INSERT INTO meta VALUES ('created_at', ?)", (now_iso(),))
        except sqlcipher3.Error as error:
            connection.close()
            raise classify(error) from None
        return store

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Store:
        if not path.exists():
            raise StoreMissing()
        _looks_like_store_file(path)
        connection = _connect(path, passphrase)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            connection.close()
            if "not a database" in str(error).lower():
                raise WrongPassphrase() from None
            raise classify(error) from None
        store = cls(path, connection)
        try:
            _configure(connection)
            found = store._schema_version()
            if found > SCHEMA_VERSION:
                raise StoreTooOld(found, SCHEMA_VERSION)
            mark = connection.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
            if not mark or mark[0] != APP_MARK:
                raise NotAStore("it belongs to another program")
            if found < SCHEMA_VERSION:
                store._migrate(found)
        except sqlcipher3.Error as error:
            connection.close()
            if "no such table" in str(error).lower():
                raise NotAStore("it belongs to another program") from None
            raise classify(error) from None
        except StoreError:
            connection.close()
            raise
        return store

    @classmethod
    def in_memory(cls, passphrase: str = "simulation") -> Store:
        """A throw-away encrypted store in memory (for `kiosk simulate`; nothing touches disk)."""
        connection = _connect(Path(":memory:"), passphrase)
        store = cls(Path(":memory:"), connection)
        _configure(connection)
        store._migrate(0)
        with store._transaction():
            connection.execute("INSERT INTO meta VALUES ('app', ?)", (APP_MARK,))
        return store

    @classmethod
    def open_or_create(cls, path: Path, passphrase: str) -> Store:
        if path.exists() and path.stat().st_size > 0:
            return cls.open(path, passphrase)
        return cls.create(path, passphrase)

    def close(self) -> None:
        try:
            self._db.close()
        except sqlcipher3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ schema

    def _schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, found: int) -> None:
        for version in range(found, SCHEMA_VERSION):
            with self._transaction():
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlcipher3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except (sqlcipher3.Error, OSError) as error:
            raise classify(error) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            try:
                self._db.execute("ROLLBACK")
            except sqlcipher3.Error:
                pass
            if isinstance(error, sqlcipher3.Error | OSError):
                raise classify(error) from None
            raise

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return list(self._db.execute(sql, params).fetchall())
        except sqlcipher3.Error as error:
            raise classify(error) from None

    # ------------------------------------------------------------ interviews

    def create_interview(
        self, flow_id: str, flow_version: int, language: str, started: Event
    ) -> tuple[str, Event]:
        """Create an interview with its `started` event, in one transaction."""
        interview_id = secrets.token_hex(8)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO interviews (id, flow_id, flow_version, created_at, status, language)"
                " VALUES (?, ?, ?, ?, 'open', ?)",
                (interview_id, flow_id, flow_version, started.at, language),
            )
            stored = self._insert_event(db, interview_id, started)
        return interview_id, stored

    def append(
        self, interview_id: str, event: Event, summary: dict[str, Any] | None = None
    ) -> Event:
        """Commit one event (and the summary fields that changed); returns it with its seq.

        When this returns, the event is on disk.
        """
        allowed = {"status", "language", "path", "reference"}
        updates = {key: value for key, value in (summary or {}).items() if key in allowed}
        with self._transaction() as db:
            stored = self._insert_event(db, interview_id, event)
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
        rows = self._read(
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
        return [InterviewSummary(*row) for row in self._read(sql, params)]

    def interview(self, interview_id: str) -> InterviewSummary:
        rows = self._read(
            self._SUMMARY_SQL + " WHERE id = ? OR reference = ?", (interview_id, interview_id)
        )
        if not rows:
            raise StoreError("There is no interview with that id or reference number.")
        return InterviewSummary(*rows[0])

    # ------------------------------------------------------------ settings

    def setting(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )

    # ------------------------------------------------------------ maintenance

    def verify(self) -> list[str]:
        """Problems found by SQLCipher's page HMAC check and SQLite's integrity check."""
        problems = [row[0] for row in self._read("PRAGMA cipher_integrity_check")]
        integrity = [row[0] for row in self._read("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.extend(integrity)
        orphans = self._read(
            "SELECT count(*) FROM events WHERE interview_id NOT IN (SELECT id FROM interviews)"
        )[0][0]
        if orphans:
            problems.append(f"{orphans} events belong to no interview")
        return problems

    def rekey(self, new_passphrase: str) -> None:
        quoted = _quote(new_passphrase)
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute(f"PRAGMA rekey = {quoted}")
        except sqlcipher3.Error as error:
            raise classify(error) from None

    def backup(self, destination: Path, passphrase: str) -> None:
        """Write an encrypted copy (same schema, its own passphrase) to `destination`."""
        if destination.exists():
            raise StoreError("The backup file already exists; choose a new name.")
        partial = destination.with_name(destination.name + ".partial")
        try:
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            self._db.execute(
                f"ATTACH DATABASE ? AS backup KEY {_quote(passphrase)}", (str(partial),)
            )
            try:
                self._db.execute("SELECT sqlcipher_export('backup')")
                user_version = self._schema_version()
                self._db.execute(f"PRAGMA backup.user_version = {user_version}")
            finally:
                self._db.execute("DETACH DATABASE backup")
            os.replace(partial, destination)
        except (sqlcipher3.Error, OSError) as error:
            partial.unlink(missing_ok=True)
            raise classify(error) from None

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


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER
