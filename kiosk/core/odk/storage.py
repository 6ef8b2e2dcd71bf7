"""The outbox's tables in the encrypted store, and the connection they are used through.

Tables (a `StorePart` of the store's own database, so they are encrypted with it):
- `odk_outbox`: one row per version of a submission — its ids, recipient, state, attempts;
- `odk_records`: each version's manifest and encrypted record (never the plaintext);
- `odk_synced`: per interview, the last event the outbox has looked at.
The server link (URL, project, token, form and its key) is the store setting `odk.server`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


def read(store: Store, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
    store.use_part(ODK_PART)
    return store.query(sql, params)
