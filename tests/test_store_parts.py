"""Module tables in the store (`StorePart`): created, migrated, versioned, carried by copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.store import Store
from kiosk.core.store_errors import StoreTooOld
from kiosk.core.store_parts import StorePart, statements
from tests.fixtures.core import PASSPHRASE

OUTBOX_V1 = StorePart(
    "outbox",
    (
        """
        CREATE TABLE outbox_items (id TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE outbox_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
)
OUTBOX_V2 = StorePart(
    "outbox",
    (
        *OUTBOX_V1.migrations,
        "ALTER TABLE outbox_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;",
    ),
)


def test_a_part_is_created_then_migrated_on_a_later_open(store: Store) -> None:
    store.use_part(OUTBOX_V1)
    store.use_part(OUTBOX_V1)  # cheap and harmless the second time
    with store.write() as db:
        db.execute("INSERT INTO outbox_items VALUES ('a', 'first; with a semicolon')")
    assert store.query("SELECT value FROM meta WHERE key = 'part.outbox'") == [("1",)]
    store.close()
    with Store.open(store.path, PASSPHRASE) as later:
        later.use_part(OUTBOX_V2)
        assert later.query("SELECT id, body, attempts FROM outbox_items") == [
            ("a", "first; with a semicolon", 0)
        ]
        assert later.query("SELECT value FROM meta WHERE key = 'part.outbox'") == [("2",)]


def test_a_part_written_by_a_newer_lantern_is_refused(store: Store) -> None:
    store.use_part(OUTBOX_V2)
    store.close()
    with Store.open(store.path, PASSPHRASE) as older:
        with pytest.raises(StoreTooOld, match="'outbox' tables"):
            older.use_part(OUTBOX_V1)


def test_a_part_may_only_create_its_own_names(store: Store) -> None:
    rogue = StorePart("rogue", ("CREATE TABLE rogue_ok (x); CREATE TABLE stolen (x);",))
    with pytest.raises(ValueError, match="rogue_"):
        store.use_part(rogue)
    # rolled back whole: neither table, and no version recorded
    names = {row[0] for row in store.query("SELECT name FROM sqlite_master")}
    assert not names & {"rogue_ok", "stolen"}
    assert store.query("SELECT value FROM meta WHERE key = 'part.rogue'") == []


@pytest.mark.parametrize("name", ["events", "x", "Has-Caps", "meta"])
def test_part_names_are_checked(name: str) -> None:
    with pytest.raises(ValueError):
        StorePart(name, ("CREATE TABLE t (x);",))


def test_parts_travel_with_backups_and_rekeys(store: Store, tmp_path: Path) -> None:
    store.use_part(OUTBOX_V1)
    with store.write() as db:
        db.execute("INSERT INTO outbox_secrets VALUES ('token', 's3cret')")
    backup = tmp_path / "copy.db"
    store.backup(backup, "backup passphrase 1")
    store.close()
    with Store.open(backup, "backup passphrase 1") as copy:
        copy.use_part(OUTBOX_V1)
        assert copy.query("SELECT value FROM outbox_secrets") == [("s3cret",)]
    with Store.open(store.path, PASSPHRASE, exclusive=True) as sole:
        sole.rekey(PASSPHRASE, "another passphrase 2")
        assert sole.query("SELECT value FROM outbox_secrets") == [("s3cret",)]
    with Store.open(store.path, "another passphrase 2") as rekeyed:
        exported = rekeyed.export()
    assert "s3cret" not in repr(exported)  # the plain export never carries a part's secrets


def test_statements_keep_semicolons_inside_strings_and_triggers() -> None:
    script = """
    CREATE TABLE p_t (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER p_trg AFTER INSERT ON p_t BEGIN UPDATE p_t SET x = 'c;d'; END;
    """
    assert len(statements(script)) == 2
