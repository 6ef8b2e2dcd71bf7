"""The encrypted store on a real SQLCipher file: keys, bad files, rekey, backup, verify, export."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.core.events import Event
from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import SCHEMA_VERSION, Store, is_plain_sqlite
from kiosk.core.store_errors import (
    NotAStore,
    StoreExists,
    StoreLocked,
    StoreMissing,
    StoreReadOnly,
    WrongPassphrase,
)
from tests.fixtures.core import PASSPHRASE


def test_file_is_encrypted_from_the_first_byte(store: Store) -> None:
    assert not is_plain_sqlite(store.path)
    assert os.stat(store.path).st_mode & 0o777 == 0o600
    pragmas = {
        name: store._db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "temp_store", "user_version")
    }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "temp_store": 2,
        "user_version": SCHEMA_VERSION,
    }
    assert store._db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_wrong_passphrase(store: Store) -> None:
    store.close()
    with pytest.raises(WrongPassphrase) as info:
        Store.open(store.path, "not the passphrase")
    assert "passphrase does not open the store" in info.value.message
    assert "damaged" in info.value.message  # it could be either, and the message says so


def test_missing_and_existing(kiosk_home: Path, store: Store) -> None:
    with pytest.raises(StoreMissing):
        Store.open(kiosk_home / "nothing.db", PASSPHRASE)
    with pytest.raises(StoreExists):
        Store.create(store.path, PASSPHRASE)


def test_plain_sqlite_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAStore, match="unencrypted"):
        Store.open(path, PASSPHRASE)


@pytest.mark.parametrize("content", [b"", b"hello world", os.urandom(4096 * 3), os.urandom(5000)])
def test_random_or_short_files_are_refused_clearly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    with pytest.raises((NotAStore, WrongPassphrase)):
        Store.open(path, PASSPHRASE)


def test_truncated_store(store: Store, demo_flow: Flow) -> None:
    InterviewSession.start(store, demo_flow, "en")
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) - 1000])
    with pytest.raises(NotAStore, match="truncated"):
        Store.open(store.path, PASSPHRASE)


def test_sqlcipher_file_of_another_program(tmp_path: Path) -> None:
    import sqlcipher3

    path = tmp_path / "other.db"
    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAStore, match="another program"):
        Store.open(path, PASSPHRASE)


def _make_read_only(path: Path) -> Callable[[], None]:
    """Make `path` unwritable even for root (immutable attribute), or skip; returns an undo."""
    if os.geteuid() != 0:
        os.chmod(path, 0o400)
        return lambda: os.chmod(path, 0o600)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
        pytest.skip("cannot make a file read-only for root on this file system")
    return lambda: subprocess.run([chattr, "-i", str(path)], check=True)


def test_read_only_store_says_so(store: Store, demo_flow: Flow) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    store.close()
    undo = _make_read_only(store.path)
    try:
        with pytest.raises(StoreReadOnly) as info:
            reopened = Store.open(store.path, PASSPHRASE)
            InterviewSession.resume(reopened, demo_flow, session.interview_id).answer(["alone"])
        assert "read-only" in info.value.message
    finally:
        undo()
    reopened = Store.open(store.path, PASSPHRASE)
    assert [e.kind for e in reopened.events(session.interview_id)] == ["started"]
    reopened.close()


def test_locked_store_says_so(store: Store, demo_flow: Flow) -> None:
    other = Store.open(store.path, PASSPHRASE)
    other._db.execute("PRAGMA busy_timeout = 50")
    store._db.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreLocked):
            InterviewSession.start(other, demo_flow, "en")
    finally:
        store._db.execute("ROLLBACK")
        other.close()


def test_rekey_backup_verify_export(store: Store, demo_flow: Flow, tmp_path: Path) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    session.answer(["alone"])
    assert store.verify() == []
    store.close()
    with Store.open(store.path, PASSPHRASE, exclusive=True) as sole:
        sole.rekey(PASSPHRASE, "a brand new passphrase")
        assert [e.kind for e in sole.events(session.interview_id)] == ["started", "answered"]
    with pytest.raises(WrongPassphrase):
        Store.open(store.path, PASSPHRASE)
    reopened = Store.open(store.path, "a brand new passphrase")
    backup = tmp_path / "backup.db"
    reopened.backup(backup, "backup passphrase 1")
    with pytest.raises(KioskError, match="already exists"):
        reopened.backup(backup, "backup passphrase 1")
    assert not is_plain_sqlite(backup)
    copy = Store.open(backup, "backup passphrase 1")
    assert [e.kind for e in copy.events(session.interview_id)] == ["started", "answered"]
    assert copy.verify() == []
    exported = copy.export()
    assert exported["interviews"][0]["events"][1]["data"] == {"node": "safety", "value": ["alone"]}
    copy.close()
    reopened.close()


def test_settings_roundtrip(store: Store) -> None:
    assert store.setting("idle_lock_minutes", 5) == 5
    store.set_setting("idle_lock_minutes", 3)
    store.set_setting("contacts", {"hotline": [{"name": "ស្ថានីយ", "phone": "123"}]})
    assert store.setting("idle_lock_minutes") == 3
    assert store.setting("contacts")["hotline"][0]["name"] == "ស្ថានីយ"


def test_event_repr_never_shows_data() -> None:
    event = Event("answered", {"node": "q", "value": "secret-answer"})
    assert "secret-answer" not in repr(event)


def test_list_is_ordered_by_last_update(store: Store, demo_flow: Flow) -> None:
    first = InterviewSession.start(store, demo_flow, "en")
    second = InterviewSession.start(store, demo_flow, "th")
    first.answer(["alone"])
    rows = store.list_interviews()
    assert {r.id for r in rows} == {first.interview_id, second.interview_id}
    assert [r.id for r in store.list_interviews(status="open")][0] in (
        first.interview_id,
        second.interview_id,
    )
    assert store.interview(first.interview_id).event_count == 2


def test_a_schema_1_store_is_migrated_on_open(kiosk_home: Path) -> None:
    import sqlcipher3

    from kiosk.core import store as store_module

    kiosk_home.mkdir(parents=True, exist_ok=True)
    path = kiosk_home / "old.db"
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    for statement in store_module.MIGRATIONS[0].split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO meta VALUES ('app', ?)", (store_module.APP_MARK,))
    connection.execute(
        "INSERT INTO interviews VALUES ('abc', 'demo', 1, 't0', 't1', 'stopped', 'km', 'adult',"
        " 2, NULL)"
    )
    for seq, at in ((1, "2026-01-01T00:00:00+00:00"), (2, "2026-01-02T00:00:00+00:00")):
        connection.execute(
            "INSERT INTO events VALUES ('abc', ?, ?, 'started', 'staff', '{}')", (seq, at)
        )
    connection.close()

    with Store.open(path, PASSPHRASE) as migrated:
        assert migrated._schema_version() == SCHEMA_VERSION == 2
        [summary] = migrated.list_interviews()
        assert (summary.id, summary.status, summary.path, summary.language) == (
            "abc",
            "stopped",
            "adult",
            "km",
        )
        assert (summary.updated_at, summary.event_count) == ("2026-01-02T00:00:00+00:00", 2)
        assert migrated.verify() == []
