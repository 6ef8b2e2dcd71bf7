"""The store under faults, through the `kiosk` command: a full disk, damaged pages, a rekey that
cannot finish. Each failure gets one line that says what happened; nothing saved is lost."""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.events import Event
from kiosk.core.store import Store
from kiosk.core.store_connection import PAGE_SIZE
from kiosk.core.store_errors import WrongPassphrase
from tests.fixtures.core import PASSPHRASE

NEW = "a completely new passphrase"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def fill_store(path: Path, interviews: int = 3, events: int = 10, size: int = 200) -> list[str]:
    """A store with some interviews in it; returns their ids."""
    ids = []
    with Store.open_or_create(path, PASSPHRASE) as store:
        store._db.execute("PRAGMA synchronous = OFF")  # test set-up only: no fsync per event
        for number in range(interviews):
            interview_id, _ = store.create_interview("demo", 1, "en", Event("started", {}))
            for event in range(events):
                store.append(
                    interview_id,
                    Event("disclosure_added", {"text": f"{number}:{event} " + "x" * size}),
                )
            ids.append(interview_id)
    return ids


@pytest.fixture
def passfiles(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(PASSPHRASE + "\n", encoding="utf-8")
    new.write_text(NEW + "\n", encoding="utf-8")
    return str(old), str(new)


# ------------------------------------------------------------------ a full disk


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB file system (tmpfs), so a full disk is a real ENOSPC."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (mounting needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill_disk(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("ab") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_is_called_a_full_disk_everywhere(
    small_disk: Path,
    monkeypatch: pytest.MonkeyPatch,
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = small_disk / "home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    old, new = passfiles
    assert run(["store", "init", "--passphrase-file", old], capsys)[0] == 0
    ids = fill_store(home / "lantern.db")
    holder = Store.open(
        home / "lantern.db", PASSPHRASE
    )  # open before the disk fills, like the window
    filler = fill_disk(small_disk)

    with pytest.raises(Exception) as info:
        holder.append(ids[0], Event("disclosure_added", {"text": "y" * 20000}))
    assert "disk is full" in str(info.value)
    holder.close()  # its last checkpoint may free a little room: take that too
    fill_disk(small_disk)
    commands = [
        ["store", "list"],
        ["store", "show", ids[0]],
        ["store", "backup", str(small_disk / "copy.db")],
        ["store", "export", "-o", str(small_disk / "export.json")],
        ["store", "rekey", "--new-passphrase-file", new],
        ["store", "verify"],
    ]
    for command in commands:
        code, _, err = run([*command, "--passphrase-file", old], capsys)
        assert code == 1, command
        assert err.count("\n") == 1 and "disk is full" in err, (command, err)
        assert "damaged" not in err.replace("not damaged", ""), (command, err)
    # no half-written copy, export or rekey file is left behind (the export would be plain text)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "home"]
    left = {p.name: p.stat().st_size for p in home.iterdir()}
    assert set(left) <= {"lantern.db", "lantern.db.lock", "lantern.db-wal", "lantern.db-shm"}
    assert left.get("lantern.db-wal", 0) == 0  # SQLite's own log, created empty by the failed open

    filler.unlink()
    code, out, _ = run(["store", "verify", "--passphrase-file", old], capsys)
    assert code == 0 and "intact" in out and "3 interview(s), 33 event(s)" in out


def test_init_on_a_full_disk_leaves_nothing(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, passfiles: tuple[str, str], capsys
) -> None:
    home = small_disk / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("KIOSK_HOME", str(home))
    filler = fill_disk(small_disk)
    code, _, err = run(["store", "init", "--passphrase-file", passfiles[0]], capsys)
    assert code == 1 and "disk is full" in err and err.count("\n") == 1
    assert not (home / "lantern.db").exists()
    assert [p.name for p in home.iterdir()] in ([], ["lantern.db.lock"])
    filler.unlink()
    assert run(["store", "init", "--passphrase-file", passfiles[0]], capsys)[0] == 0


# ------------------------------------------------------------------ damaged pages


def flip_bit(path: Path, page: int, rng: random.Random) -> None:
    """One bit, somewhere inside `page` (1-based), past the salt for page 1."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE_SIZE + (16 if page == 1 else 0)
    offset = rng.randrange(start, page * PAGE_SIZE)
    data[offset] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged_home(kiosk_home: Path) -> tuple[Path, list[str], bytes]:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    path = kiosk_home / "lantern.db"
    ids = fill_store(path, interviews=12, events=25, size=300)
    return path, ids, path.read_bytes()


def test_verify_names_each_damaged_page_and_what_can_still_be_read(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids, pristine = damaged_home
    pages = len(pristine) // PAGE_SIZE
    assert pages > 40
    rng = random.Random(20261202)
    for page in sorted(rng.sample(range(2, pages + 1), 6)):
        path.write_bytes(pristine)
        flip_bit(path, page, rng)
        code, out, err = run(["store", "verify", "--passphrase-file", passfiles[0]], capsys)
        assert code == 1, (page, out, err)
        assert err == "" and "internal error" not in out
        assert f"page {page} of {pages} fail" in out, (page, out)
        assert "Still readable:" in out and "What to do:" in out
        # the count is honest: what it says is readable really is
        readable = int(out.split("in all")[0].rsplit(";", 1)[1].split()[0])
        assert 0 < readable <= 12 * 26

    # the last damage, seen by everyday commands: "damaged" or nothing, never "internal error"
    for command in (["store", "list"], ["store", "export", "-o", "/dev/null/x"]):
        code, _, err = run([*command, "--passphrase-file", passfiles[0]], capsys)
        assert err.count("\n") <= 1 and "internal error" not in err


def test_a_damaged_page_is_reported_by_everyday_commands(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids, pristine = damaged_home
    # the last page holds the newest events: `show` reaches it
    flip_bit(path, len(pristine) // PAGE_SIZE, random.Random(1))
    outcomes = [
        run(["store", "show", interview_id, "--passphrase-file", passfiles[0]], capsys)
        for interview_id in ids
    ]
    failed = [err for code, _, err in outcomes if code]
    assert failed, "some interview's events live on the damaged page"
    for err in failed:
        assert err.startswith("kiosk: The store file is damaged (page") and err.count("\n") == 1
        assert "kiosk store verify" in err


def test_page_1_damage_is_not_blamed_on_the_passphrase(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _ids, _pristine = damaged_home
    flip_bit(path, 1, random.Random(7))
    code, _, err = run(["store", "list", "--passphrase-file", passfiles[0]], capsys)
    assert code == 1 and "The passphrase is right" in err and "page 1" in err
    code, out, _ = run(["store", "verify", "--passphrase-file", passfiles[0]], capsys)
    assert code == 1 and "page 1 of" in out and "nothing can be read" in out
    # with a wrong passphrase the same file is not blamed on damage alone
    (Path(passfiles[1])).write_text("not the passphrase at all", encoding="utf-8")
    code, _, err = run(["store", "list", "--passphrase-file", passfiles[1]], capsys)
    assert code == 1 and "does not open" in err


def test_a_damaged_salt_could_be_either_and_says_so(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _ids, pristine = damaged_home
    data = bytearray(pristine)
    data[3] ^= 0x40  # inside the 16-byte salt: every page now fails with the right passphrase
    path.write_bytes(bytes(data))
    for command in (["store", "list"], ["store", "verify"]):
        code, _, err = run([*command, "--passphrase-file", passfiles[0]], capsys)
        assert code == 1 and err.count("\n") == 1
        assert "does not open" in err and "damaged" in err, err


# ------------------------------------------------------------------ rekey


def test_rekey_of_a_damaged_store_says_not_changed(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids, pristine = damaged_home
    flip_bit(path, 20, random.Random(3))
    damaged = path.read_bytes()
    old, new = passfiles
    code, out, err = run(
        ["store", "rekey", "--passphrase-file", old, "--new-passphrase-file", new], capsys
    )
    assert code == 1 and out == ""
    assert err.startswith("kiosk: The passphrase was NOT changed") and "damaged" in err
    assert path.read_bytes() == damaged  # untouched
    assert sorted(p.name for p in path.parent.iterdir()) == ["lantern.db", "lantern.db.lock"]
    with pytest.raises(WrongPassphrase):
        Store.open(path, NEW)


def test_rekey_never_takes_the_new_passphrase_from_the_environment(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, _ids, pristine = damaged_home
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    code, out, err = run(["store", "rekey"], capsys)
    assert code == 1 and "changed." not in out
    assert "new passphrase is needed" in err and "nothing was changed" in err
    assert path.read_bytes() == pristine


def test_rekey_to_the_same_passphrase_is_refused(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = passfiles[0]
    code, _, err = run(
        ["store", "rekey", "--passphrase-file", old, "--new-passphrase-file", old], capsys
    )
    assert code == 1 and "NOT changed" in err and "same as the current one" in err


# ------------------------------------------------------------------ salvage


def test_salvage_copies_everything_still_readable_into_a_new_store(
    damaged_home: tuple[Path, list[str], bytes],
    passfiles: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, ids, pristine = damaged_home
    with Store.open(path, PASSPHRASE) as store:
        store.set_setting("idle_lock_minutes", 4)
        before = {i: [(e.seq, e.kind, repr(e.data)) for e in store.events(i)] for i in ids}
    flip_bit(path, 20, random.Random(3))
    damaged = path.read_bytes()
    old, new = passfiles
    code, out, _ = run(["store", "verify", "--passphrase-file", old], capsys)
    readable = int(out.split("in all")[0].rsplit(";", 1)[1].split()[0])
    plain = tmp_path / "plain.db"
    code, _, err = run(["store", "backup", str(plain), "--passphrase-file", old], capsys)
    assert code == 1 and "--salvage" in err and not plain.exists()

    copy = tmp_path / "salvaged.db"
    code, out, err = run(
        [
            "store",
            "backup",
            str(copy),
            "--salvage",
            "--passphrase-file",
            old,
            "--backup-passphrase-file",
            new,
        ],
        capsys,
    )
    assert code == 0, err
    assert f"and {readable} event(s)" in out and "lost events to damaged pages" in out
    assert path.read_bytes() == damaged  # the damaged store is only read
    with Store.open(copy, NEW) as salvaged:
        assert salvaged.verify() == []
        assert salvaged.setting("idle_lock_minutes") == 4
        after = {i: [(e.seq, e.kind, repr(e.data)) for e in salvaged.events(i)] for i in ids}
    assert sum(len(events) for events in after.values()) == readable
    for interview_id in ids:
        # every salvaged event is exactly what was saved; most interviews are whole
        assert set(after[interview_id]) <= set(before[interview_id])
    assert sum(after[i] == before[i] for i in ids) >= len(ids) - 3
