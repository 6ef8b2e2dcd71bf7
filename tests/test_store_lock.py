"""The inter-process lock: a rekey never pulls the store from under another Lantern process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.store import Store
from kiosk.core.store_errors import StoreBusy, StoreInUse, WrongPassphrase
from kiosk.core.store_lock import StoreLock
from tests.fixtures.core import DATA, PASSPHRASE

NEW = "a completely new passphrase"
REPO = Path(__file__).resolve().parent.parent


class Holder:
    """Another process with the store open, writing when told (like the window)."""

    def __init__(self, store_path: Path) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.store_holder",
                str(store_path),
                PASSPHRASE,
                str(DATA / "flows" / "demo.yaml"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert self.process.stdout is not None
        ready = self.process.stdout.readline().split()
        assert ready and ready[0] == "ready", self.process.stderr.read()  # type: ignore[union-attr]
        self.interview_id = ready[1]

    def write(self) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("write\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        """End of input closes the store; a killed holder only needs its pipes closed."""
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                stream.close()
        self.process.wait(timeout=30)


@pytest.fixture
def store_path(kiosk_home: Path) -> Path:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    path = kiosk_home / "lantern.db"
    Store.create(path, PASSPHRASE).close()
    return path


@pytest.fixture
def holder(store_path: Path) -> Iterator[Holder]:
    held = Holder(store_path)
    yield held
    held.close()


def rekey_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    (tmp_path / "old").write_text(PASSPHRASE, encoding="utf-8")
    (tmp_path / "new").write_text(NEW, encoding="utf-8")
    code = main(
        [
            "store",
            "rekey",
            "--passphrase-file",
            str(tmp_path / "old"),
            "--new-passphrase-file",
            str(tmp_path / "new"),
        ]
    )
    return code, capsys.readouterr().err


def test_rekey_refuses_while_another_process_has_the_store_open(
    store_path: Path, holder: Holder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert holder.write() == "ok 1"
    code, err = rekey_command(tmp_path, capsys)
    assert code == 1 and err.count("\n") == 1
    assert "open in a Lantern window or another kiosk command" in err
    # The other process carries on as if nothing happened, and nothing changed on disk.
    assert holder.write() == "ok 2"
    holder.close()
    with Store.open(store_path, PASSPHRASE) as store:
        notes = [e.data["text"] for e in store.events(holder.interview_id) if e.data.get("text")]
    assert notes == ["note 1", "note 2"]
    # Once it is closed, the same command works.
    code, err = rekey_command(tmp_path, capsys)
    assert code == 0, err
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PASSPHRASE)
    Store.open(store_path, NEW).close()


def test_a_killed_holder_leaves_no_lock_behind(
    store_path: Path, holder: Holder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.kill(holder.process.pid, signal.SIGKILL)
    holder.process.wait()
    code, err = rekey_command(tmp_path, capsys)
    assert code == 0, err


def test_two_stores_in_one_process_share_and_exclusive_waits_for_both(store_path: Path) -> None:
    first = Store.open(store_path, PASSPHRASE)
    second = Store.open(store_path, PASSPHRASE)  # the window checking a passphrase
    second.close()
    with pytest.raises(StoreInUse):
        Store.open(store_path, PASSPHRASE, exclusive=True)  # `first` still holds its share
    first.close()
    Store.open(store_path, PASSPHRASE, exclusive=True).close()


def test_an_opener_waits_for_a_replacement_then_says_so(store_path: Path) -> None:
    with StoreLock.exclusive(store_path):
        with pytest.raises(StoreBusy, match="changing the store right now"):
            StoreLock.shared(store_path, wait=0.2)
    StoreLock.shared(store_path, wait=0.2).release()


def test_lock_file_is_private_and_tightened(store_path: Path) -> None:
    lock = store_path.with_name("lantern.db.lock")
    os.chmod(lock, 0o644)
    os.chmod(store_path, 0o644)
    Store.open(store_path, PASSPHRASE).close()
    assert lock.stat().st_mode & 0o777 == 0o600
    assert store_path.stat().st_mode & 0o777 == 0o600
