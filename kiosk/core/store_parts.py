"""A module's own tables inside the encrypted store, with their own schema version.

Any module that keeps something in the store (the ODK outbox and its token, the organisation
profile, …) declares a `StorePart` next to its code and calls `store.use_part(PART)` before its
first read or write. That brings the part's tables up to date inside one transaction and records
the part's version in the store's `meta` table (key `part.NAME`). Nothing is registered at import
time, and the core schema never needs to know the part exists.

    from kiosk.core.store_parts import StorePart

    OUTBOX = StorePart(
        "odk",
        migrations=(
            # 1: every statement of one version runs in one transaction, with the version bump
            '''
            CREATE TABLE odk_outbox (
                submission_id TEXT PRIMARY KEY,
                interview_id TEXT NOT NULL REFERENCES interviews (id),
                state TEXT NOT NULL,
                payload BLOB NOT NULL
            );
            CREATE TABLE odk_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            ''',
            # 2: never edit a shipped migration; add the next one
            "ALTER TABLE odk_outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;",
        ),
    )

    store.use_part(OUTBOX)
    with store.write() as db:            # one transaction, errors become plain StoreErrors
        db.execute("INSERT INTO odk_outbox VALUES (?, ?, ?, ?)", (...))
    rows = store.query("SELECT submission_id, state FROM odk_outbox WHERE state = ?", ("queued",))

Rules: every table, index or trigger a part creates is named `NAME_…` (checked when it is
created); a part never writes core tables (`interviews`, `events`, `meta`, `settings`); a
shipped migration is never edited, only followed by a new one. A store whose part version is
newer than the code's is refused with "update Lantern", like the core schema. Backups and rekeys
carry parts along (they copy the whole database); `kiosk store export` (plain JSON) does not, so
a secret kept in a part never leaves the encryption that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlcipher3

_NAME = re.compile(r"[a-z][a-z0-9]{1,20}")
CORE_NAMES = frozenset({"interviews", "events", "meta", "settings", "store", "sqlite"})


@dataclass(frozen=True)
class StorePart:
    name: str
    migrations: tuple[str, ...]

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name) or self.name in CORE_NAMES:
            raise ValueError(f"store part name {self.name!r} must be a short lower-case word")
        if not self.migrations:
            raise ValueError(f"store part {self.name!r} needs at least one migration")

    @property
    def version(self) -> int:
        return len(self.migrations)

    @property
    def meta_key(self) -> str:
        return f"part.{self.name}"


def statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (a ';' inside a string or trigger stays)."""
    found: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlcipher3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                found.append(current.strip())
            current = ""
    if current.strip(" \t\r\n;"):
        found.append(current.strip())
    return found
