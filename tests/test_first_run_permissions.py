"""First run: the data folder and everything in it are private to the user (0700 / 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.core.first_run import secure_data_dir
from kiosk.core.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_creates_the_data_folder_private(kiosk_home: Path) -> None:
    assert not kiosk_home.exists()
    assert secure_data_dir() == kiosk_home
    assert mode(kiosk_home) == 0o700


def test_tightens_loose_folders_and_files(kiosk_home: Path) -> None:
    models = kiosk_home / "models" / "translation" / "packages" / "en_xx"
    models.mkdir(parents=True)
    (models / "model.bin").write_bytes(b"x")
    prompt = kiosk_home / "audio" / "km" / "prompt.wav"
    prompt.parent.mkdir(parents=True)
    prompt.write_bytes(b"RIFF")
    for path in (kiosk_home, models, prompt.parent):
        path.chmod(0o755)
    for path in (models / "model.bin", prompt):
        path.chmod(0o644)

    secure_data_dir()

    assert mode(models / "model.bin") == 0o600 and mode(prompt) == 0o600
    assert {mode(p) for p in (kiosk_home, models, prompt.parent, kiosk_home / "models")} == {0o700}


def test_store_file_is_private_after_first_run(kiosk_home: Path) -> None:
    store = Store.create(secure_data_dir() / "lantern.db", "correct horse battery staple")
    store.close()
    (kiosk_home / "lantern.db").chmod(0o644)

    secure_data_dir()

    assert mode(kiosk_home / "lantern.db") == 0o600
    assert not any(mode(p) & 0o077 for p in kiosk_home.rglob("*"))


def test_symlinks_out_of_the_folder_are_not_followed(kiosk_home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shared.txt").write_text("not ours")
    (outside / "shared.txt").chmod(0o644)
    secure_data_dir()
    (kiosk_home / "link").symlink_to(outside, target_is_directory=True)

    secure_data_dir()

    assert mode(outside / "shared.txt") == 0o644
