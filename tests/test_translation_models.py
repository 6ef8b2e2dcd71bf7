"""Installing, listing and removing .argosmodel packages: all-or-nothing, with clear errors."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.translation import models
from kiosk.core.translation.errors import ModelError
from kiosk.core.translation.folders import packages_dir, staging_dir

ROOT = "translate-en_xx-1_0"


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], tuple[str, bytes] | None]):
    """Copy an archive member by member; `change` may rename, alter or drop (None) a member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            changed = change(info.filename, old.read(info))
            if changed is not None:
                new.writestr(changed[0], changed[1])
    return target


def assert_nothing_installed() -> None:
    assert list(packages_dir().iterdir()) == []
    assert list(staging_dir().iterdir()) == []


def test_install_valid_model_lists_it(tiny_argos_model: Path) -> None:
    installed = models.install_model(tiny_argos_model)

    assert installed.pair == ("en", "xx")
    assert (installed.path / "model" / "model.bin").is_file()
    assert (installed.path / "sentencepiece.model").is_file()
    assert installed.path.parent == packages_dir()
    assert [m.pair for m in models.list_models()] == [("en", "xx")]
    assert list(staging_dir().iterdir()) == []


def test_installed_folders_are_inside_kiosk_home(tiny_argos_model: Path, kiosk_home: Path) -> None:
    installed = models.install_model(tiny_argos_model)
    assert installed.path.is_relative_to(kiosk_home)


def test_second_install_is_refused_unless_replace(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    with pytest.raises(ModelError, match="already installed"):
        models.install_model(tiny_argos_model)

    again = models.install_model(tiny_argos_model, replace=True)
    assert [m.pair for m in models.list_models()] == [("en", "xx")]
    assert (again.path / "model" / "model.bin").is_file()
    assert list(staging_dir().iterdir()) == []


def test_remove_model(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    removed = models.remove_model("en", "xx")

    assert removed.pair == ("en", "xx")
    assert models.list_models() == []
    assert_nothing_installed()
    with pytest.raises(ModelError, match="No model for en → xx"):
        models.remove_model("en", "xx")


def test_archive_without_top_folder_installs(tiny_argos_model: Path, tmp_path: Path) -> None:
    flat = rewrite(
        tiny_argos_model, tmp_path / "flat.argosmodel", lambda n, d: (n.split("/", 1)[1], d)
    )
    assert models.install_model(flat).pair == ("en", "xx")


def _metadata(changes: dict[str, object]) -> Callable[[str, bytes], tuple[str, bytes]]:
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name.endswith("metadata.json"):
            meta = json.loads(data)
            meta.update(changes)
            return name, json.dumps(meta).encode()
        return name, data

    return change


def _drop(suffix: str) -> Callable[[str, bytes], tuple[str, bytes] | None]:
    return lambda name, data: None if name.endswith(suffix) else (name, data)


def _replace(suffix: str, content: bytes) -> Callable[[str, bytes], tuple[str, bytes]]:
    return lambda name, data: (name, content if name.endswith(suffix) else data)


BAD_ARCHIVES = {
    "no-metadata": (_drop("metadata.json"), "has no metadata.json"),
    "metadata-not-json": (_replace("metadata.json", b"{not json"), "not valid JSON"),
    "metadata-not-object": (_replace("metadata.json", b"[1, 2]"), "JSON object"),
    "no-model": (_drop("model/model.bin"), r"model/model.bin is missing"),
    "no-tokenizer": (_drop("sentencepiece.model"), "no tokenizer"),
    "bad-from-code": (_metadata({"from_code": "English!"}), "no valid 'from_code'"),
    "missing-to-code": (_metadata({"to_code": None}), "no valid 'to_code'"),
    "same-language": (_metadata({"to_code": "en"}), "into itself"),
    "not-translate": (_metadata({"type": "sbd"}), "not a translation model"),
    "damaged-model": (_replace("model/model.bin", b"\x00garbage" * 100), "damaged"),
    "damaged-tokenizer": (_replace("sentencepiece.model", b"garbage"), "tokenizer"),
    "escapes-folder": (
        lambda n, d: (n, d) if not n.endswith("README.md") else ("../../evil.txt", d),
        "unsafe",
    ),
    "two-packages": (
        lambda n, d: (n.replace(ROOT, "other"), d) if n.endswith("README.md") else (n, d),
        None,  # a stray folder without metadata is ignored, not an error
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archive_gets_clear_error_and_installs_nothing(
    case: str, tiny_argos_model: Path, tmp_path: Path
) -> None:
    change, message = BAD_ARCHIVES[case]
    bad = rewrite(tiny_argos_model, tmp_path / f"{case}.argosmodel", change)
    if message is None:
        assert models.install_model(bad).pair == ("en", "xx")
        return
    with pytest.raises(ModelError, match=message) as raised:
        models.install_model(bad)
    assert raised.value.message.startswith(f"{case}.argosmodel")
    assert_nothing_installed()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_two_metadata_files_are_refused(tiny_argos_model: Path, tmp_path: Path) -> None:
    double = tmp_path / "double.argosmodel"
    with zipfile.ZipFile(tiny_argos_model) as old, zipfile.ZipFile(double, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
            new.writestr(info.filename.replace(ROOT, "second"), old.read(info))
    with pytest.raises(ModelError, match="more than one package"):
        models.install_model(double)
    assert_nothing_installed()


def test_not_a_zip(tmp_path: Path) -> None:
    fake = tmp_path / "model.argosmodel"
    fake.write_text("hello")
    with pytest.raises(ModelError, match="not an Argos model file"):
        models.install_model(fake)
    assert_nothing_installed()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        models.install_model(tmp_path / "absent.argosmodel")


def test_truncated_archive_is_damaged(tiny_argos_model: Path, tmp_path: Path) -> None:
    data = tiny_argos_model.read_bytes()
    # Flip bytes in the middle of the compressed model: the zip directory is intact, CRCs fail.
    middle = len(data) // 2
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(
        data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]
    )
    with pytest.raises(ModelError, match="damaged"):
        models.install_model(broken)
    assert_nothing_installed()


def test_file_name_disagreeing_with_metadata(tiny_argos_model: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "translate-en_fr-1_0.argosmodel"
    renamed.write_bytes(tiny_argos_model.read_bytes())
    with pytest.raises(ModelError, match="file name says en → fr"):
        models.install_model(renamed)
    assert_nothing_installed()


def test_unreadable_installed_folder_is_skipped_in_list(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    (packages_dir() / "junk").mkdir()
    assert [m.pair for m in models.list_models()] == [("en", "xx")]


# The command line: one clear line and exit 1 on bad input, never a traceback.


def test_cli_install_list_remove(tiny_argos_model: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["models", "list"]) == 0
    assert "No translation models installed" in capsys.readouterr().out

    assert main(["models", "install", str(tiny_argos_model)]) == 0
    assert "Installed en → xx" in capsys.readouterr().out

    assert main(["models", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["from"], r["to"], r["version"]) for r in rows] == [("en", "xx", "1.0")]

    assert main(["models", "list"]) == 0
    assert capsys.readouterr().out.startswith("en → xx")

    assert main(["models", "remove", "en", "xx"]) == 0
    assert "Removed en → xx" in capsys.readouterr().out
    assert models.list_models() == []


def test_cli_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    fake = tmp_path / "x.argosmodel"
    fake.write_bytes(b"PK not really")
    assert main(["models", "install", str(fake)]) == 1
    err = capsys.readouterr().err
    assert err == "kiosk: x.argosmodel is not an Argos model file (.argosmodel is a zip archive).\n"


def test_cli_remove_missing(capsys: pytest.CaptureFixture) -> None:
    assert main(["models", "remove", "en", "fr"]) == 1
    assert capsys.readouterr().err == "kiosk: No model for en → fr is installed.\n"


def test_stale_staging_leftovers_are_cleared(tiny_argos_model: Path) -> None:
    import os

    stale = staging_dir() / "install-crashed"
    (stale / "package").mkdir(parents=True)
    os.utime(stale, (0, 0))
    recent = staging_dir() / "install-running"
    recent.mkdir()
    models.install_model(tiny_argos_model)
    assert not stale.exists()
    assert recent.exists()


def test_installed_model_files_are_private(tiny_argos_model: Path, kiosk_home: Path) -> None:
    import os

    from kiosk.core.translation.models import install_model

    installed = install_model(tiny_argos_model)
    modes = {
        path.relative_to(installed.path): path.stat().st_mode & 0o777
        for path in [installed.path, *installed.path.rglob("*")]
    }
    assert modes and all(
        mode == (0o700 if (installed.path / rel).is_dir() else 0o600) for rel, mode in modes.items()
    )
    assert os.stat(kiosk_home).st_mode & 0o777 == 0o700
