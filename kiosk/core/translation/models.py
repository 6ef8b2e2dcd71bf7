"""Install, list and remove translation models (argos `.argosmodel` packages).

An install is all-or-nothing: the archive is checked, extracted into a staging folder, loaded
once with CTranslate2 and its tokenizer, and only then moved into place with one rename.
Nothing here calls argos' package index or any download function.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.paths import make_private_tree
from kiosk.core.translation.archive import (
    TOKENIZER_FILES,
    PackageMetadata,
    check_archive,
    extract,
)
from kiosk.core.translation.errors import ModelError
from kiosk.core.translation.folders import package_dir_name, packages_dir, staging_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InstalledModel:
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    package_version: str
    path: Path

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def splitter_model(self) -> Path | None:
        """A sentence-splitter model shipped inside the package, if any."""
        folder = self.path / "minisbd"
        found = sorted(folder.glob("*.onnx")) if folder.is_dir() else []
        return found[0] if found else None

    @classmethod
    def from_folder(cls, path: Path) -> InstalledModel:
        try:
            raw = (path / "metadata.json").read_bytes()
        except OSError:
            raise ModelError(f"Installed model {path.name} has no metadata.json.") from None
        meta = PackageMetadata.parse(raw, f"installed model {path.name}")
        return cls(
            meta.from_code,
            meta.to_code,
            meta.from_name,
            meta.to_name,
            meta.package_version,
            path,
        )


def list_models() -> list[InstalledModel]:
    """Installed models sorted by language pair; unreadable folders are skipped with a warning."""
    found = []
    for folder in sorted(packages_dir().iterdir()):
        if not folder.is_dir():
            continue
        try:
            found.append(InstalledModel.from_folder(folder))
        except ModelError:
            log.warning("skipping unreadable translation model folder %s", folder.name)
    return sorted(found, key=lambda model: model.pair)


def find_model(from_code: str, to_code: str) -> InstalledModel | None:
    return next((m for m in list_models() if m.pair == (from_code, to_code)), None)


def install_model(archive_path: Path, *, replace: bool = False) -> InstalledModel:
    """Check and install an `.argosmodel` file; on ModelError nothing is installed."""
    checked = check_archive(Path(archive_path))
    meta = checked.metadata
    final = packages_dir() / package_dir_name(meta.from_code, meta.to_code)
    if final.exists() and not replace:
        raise ModelError(
            f"A model for {meta.from_code} → {meta.to_code} is already installed; "
            "remove it first or install with --replace."
        )
    _clear_stale_staging()
    work = Path(tempfile.mkdtemp(prefix="install-", dir=staging_dir()))
    try:
        candidate = work / "package"
        candidate.mkdir()
        extract(checked, candidate)
        check_loadable(candidate, checked.path.name)
        if final.exists():
            os.replace(final, work / "previous")  # removed with the work folder below
        make_private_tree(candidate)  # the model is ours alone, like the store
        os.replace(candidate, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("installed translation model %s -> %s", meta.from_code, meta.to_code)
    return InstalledModel.from_folder(final)


def _clear_stale_staging(max_age_seconds: float = 3600.0) -> None:
    # Leftovers of an install or removal cut short (power loss); recent ones may still be in use.
    now = time.time()
    for entry in staging_dir().iterdir():
        try:
            if now - entry.stat().st_mtime > max_age_seconds:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue


def check_loadable(folder: Path, name: str) -> None:
    """Load model and tokenizer once: a damaged file is refused now, not mid-interview."""
    import ctranslate2
    import sentencepiece

    try:
        translator = ctranslate2.Translator(str(folder / "model"), device="cpu")
    except (RuntimeError, ValueError, OSError):
        raise ModelError(
            f"{name}: the translation model is damaged or not a CTranslate2 model."
        ) from None
    del translator
    tokenizer = next(folder / t for t in TOKENIZER_FILES if (folder / t).is_file())
    if tokenizer.name == "sentencepiece.model":
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(tokenizer))
        except (RuntimeError, OSError):
            raise ModelError(f"{name}: the tokenizer (sentencepiece.model) is damaged.") from None


def remove_model(from_code: str, to_code: str) -> InstalledModel:
    """Remove an installed model; raise ModelError if there is none for the pair."""
    model = find_model(from_code, to_code)
    if model is None:
        raise ModelError(f"No model for {from_code} → {to_code} is installed.")
    # Rename first so a half-deleted folder is never seen as an installed model.
    trash = Path(tempfile.mkdtemp(prefix="remove-", dir=staging_dir()))
    os.replace(model.path, trash / "package")
    shutil.rmtree(trash, ignore_errors=True)
    log.info("removed translation model %s -> %s", from_code, to_code)
    return model
