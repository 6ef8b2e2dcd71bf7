"""`store init` over what a killed init (before the atomic build) could leave: recovered when it
holds no Lantern data, left untouched when it might."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlcipher3

from kiosk.core.store import Store
from kiosk.core.store_errors import NotAStore, StoreError, StoreExists
from kiosk.core.store_files import build_store
from tests.fixtures.core import PASSPHRASE


@pytest.fixture
def path(kiosk_home: Path) -> Path:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    return kiosk_home / "lantern.db"


def half_built(path: Path, passphrase: str, with_rows: bool = False) -> None:
    """A SQLCipher file with some of the schema but no app mark, as a killed init left it."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = '{passphrase}'")
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("CREATE TABLE interviews (id TEXT PRIMARY KEY)")
    if with_rows:
        connection.execute("INSERT INTO interviews VALUES ('someone')")
    connection.close()


@pytest.mark.parametrize("content", [b"", b"\x00" * 100, os.urandom(3000)])
def test_an_empty_or_sub_page_file_is_replaced(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    assert build_store(path, PASSPHRASE) is True
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []


def test_an_unfinished_empty_store_is_replaced(path: Path) -> None:
    half_built(path, PASSPHRASE)
    os.chmod(path, 0o644)
    assert build_store(path, PASSPHRASE) is True
    assert path.stat().st_mode & 0o777 == 0o600
    with Store.open(path, PASSPHRASE) as store:
        assert store.list_interviews() == []


def test_what_might_hold_data_is_left_untouched(path: Path) -> None:
    half_built(path, PASSPHRASE, with_rows=True)
    before = path.read_bytes()
    with pytest.raises(NotAStore, match="holds data"):
        build_store(path, PASSPHRASE)
    assert path.read_bytes() == before
    path.unlink()
    half_built(path, "another passphrase entirely")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="this passphrase does not open it"):
        build_store(path, PASSPHRASE)
    assert path.read_bytes() == before


def test_a_finished_store_is_never_replaced(path: Path) -> None:
    Store.create(path, PASSPHRASE).close()
    before = path.read_bytes()
    with pytest.raises(StoreExists):
        build_store(path, PASSPHRASE)
    with Store.open(path, PASSPHRASE):  # open in "a window": still "exists", not "in use"
        with pytest.raises(StoreExists):
            build_store(path, PASSPHRASE)
    assert path.read_bytes() == before
