"""The outbox's tables in the encrypted store, and the connection they are used through.

Tables (a `StorePart` of the store's own database, so they are encrypted with it):
- `odk_outbox`: one row per version of a submission — its ids, recipient, state, attempts;
- `odk_records`: each version's manifest and encrypted record (never the plaintext);
- `odk_synced`: per interview, the last event the outbox has looked at.
The server link (URL, project, token, form and its key) is the store setting `odk.server`.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.store_parts import StorePart

if TYPE_CHECKING:
    from kiosk.core.store import Store

SERVER_SETTING = "odk.server"

ODK_PART = StorePart(
    "odk",
    migrations=(
        # 1
        """
        CREATE TABLE odk_outbox (
            instance_id TEXT PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews (id),
            recipient TEXT NOT NULL,
            version INTEGER NOT NULL,
            deprecated_id TEXT,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            digest TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            problem TEXT,
            manifest BLOB NOT NULL,
            payload BLOB NOT NULL,
            UNIQUE (interview_id, recipient, version)
        );
        CREATE INDEX odk_outbox_by_state ON odk_outbox (state, created_at);
        CREATE TABLE odk_synced (
            interview_id TEXT PRIMARY KEY REFERENCES interviews (id),
            seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        # 2: the encrypted bytes in their own table, so marking a version sent rewrites a small
        #    row, not the record's ciphertext
        """
        CREATE TABLE odk_records (
            instance_id TEXT PRIMARY KEY REFERENCES odk_outbox (instance_id),
            manifest BLOB NOT NULL,
            payload BLOB NOT NULL
        );
        INSERT INTO odk_records (instance_id, manifest, payload)
            SELECT instance_id, manifest, payload FROM odk_outbox;
        ALTER TABLE odk_outbox DROP COLUMN manifest;
        ALTER TABLE odk_outbox DROP COLUMN payload;
        """,
        # 3: which project key a version is encrypted for, so that after connecting to another
        #    project it is never sent there (NULL: queued before this column, for the key then)
        "ALTER TABLE odk_outbox ADD COLUMN key_digest TEXT;",
    ),
)


@contextmanager
def transaction(store: Store) -> Iterator[Any]:
    store.use_part(ODK_PART)
    with store.write() as db:
        yield db


@contextmanager
def bookkeeping(store: Store) -> Iterator[Any]:
    """A write whose loss in a power cut is harmless (the outbox's "sent" marks: a lost mark
    only costs a repeat that Central answers 201): atomic as always, but committed without
    waiting for the disk (WAL `synchronous=NORMAL`), then the store's FULL sync is restored."""
    store.use_part(ODK_PART)
    store.query("PRAGMA synchronous = NORMAL")
    try:
        with store.write() as db:
            yield db
    finally:
        store.query("PRAGMA synchronous = FULL")


class ChangeWatch:
    """Whether anything was committed to the store since a marker was taken, cheaply enough to
    ask before every POST of a send run.

    Commits through the store's own connection (the window's interview events, the run's own
    marks) show in `Store.total_changes()`. Commits by other connections (another window or
    command) show in the WAL-index header at the start of the store's `-shm` file, which SQLite
    rewrites with every commit (its change counter, last frame and checksums; file format:
    https://sqlite.org/walformat.html, "The WAL-Index Header"). Reading those 48 bytes from a
    read-only mapping costs no SQL and no system call; an SQL read transaction costs ~40 µs on
    a loaded machine, which was a third of Lantern's own work per record. Any difference —
    a real commit, a checkpoint, a header caught mid-update — only means "read again", so a
    false alarm costs one read and nothing can be missed. Without a `-shm` file (not WAL, an
    in-memory store) the marker is `PRAGMA data_version`, read with SQL.
    """

    HEADER = 48  # bytes of the first copy of the WAL-index header

    def __init__(self, store: Store) -> None:
        self.store = store
        self._shm: mmap.mmap | None = None
        path = Path(f"{store.path}-shm")
        try:
            with path.open("rb") as file:
                self._shm = mmap.mmap(file.fileno(), self.HEADER, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # no such file, or shorter than the header
            self._shm = None

    def marker(self) -> tuple[object, int]:
        """Take it BEFORE reading what it is to vouch for: a commit between the two then shows
        as a changed marker later (a needless re-read), never as an unchanged one."""
        if self._shm is not None:
            header: object = self._shm[: self.HEADER]
        else:
            header = self.store.query("PRAGMA data_version")[0][0]
        return header, self.store.total_changes()

    def close(self) -> None:
        if self._shm is not None:
            self._shm.close()
            self._shm = None


def read(store: Store, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    store.use_part(ODK_PART)
    return store.query(sql, params)
