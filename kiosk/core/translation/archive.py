"""Read and check an `.argosmodel` archive before anything of it is installed.

An argos package is a zip of one folder holding `metadata.json`, a CTranslate2 model in `model/`
and a tokenizer (`sentencepiece.model`, or `bpe.model`), optionally a sentence splitter model in
`minisbd/`. Everything here is about the archive itself; loading the model is `models.py`'s job.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kiosk.core.translation.errors import ModelError

# ISO 639-1/-3 code, optionally with script/region subtags as argos uses them ("zh-hant").
LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
# The name argospm gives package files, e.g. "translate-en_es-1_9.argosmodel".
ARGOSPM_NAME = re.compile(r"^translate-([A-Za-z-]+)_([A-Za-z-]+)(?:-[0-9_.]+)?$")

MAX_METADATA_BYTES = 1 << 20
MAX_TOTAL_BYTES = 8 << 30  # real models are 50-500 MB; anything bigger is not a model
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


@dataclass(frozen=True)
class PackageMetadata:
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    package_version: str

    @classmethod
    def parse(cls, raw: bytes, source: str) -> PackageMetadata:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ModelError(f"{source}: metadata.json is not valid JSON.") from None
        if not isinstance(data, dict):
            raise ModelError(f"{source}: metadata.json must hold a JSON object.")
        kind = data.get("type", "translate")
        if kind != "translate":
            raise ModelError(
                f"{source}: this is an argos '{kind}' package, not a translation model."
            )
        codes = [_text(data.get("from_code")).lower(), _text(data.get("to_code")).lower()]
        for key, code in zip(("from_code", "to_code"), codes, strict=True):
            if not LANG_CODE.match(code):
                raise ModelError(
                    f"{source}: metadata.json has no valid '{key}' "
                    "(expected a language code such as 'en' or 'zh-hant')."
                )
        if codes[0] == codes[1]:
            raise ModelError(f"{source}: metadata.json translates {codes[0]} into itself.")
        return cls(
            from_code=codes[0],
            to_code=codes[1],
            from_name=_text(data.get("from_name")) or codes[0],
            to_name=_text(data.get("to_name")) or codes[1],
            package_version=_text(data.get("package_version")),
        )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True)
class CheckedArchive:
    """An archive whose layout and metadata are fine; `root` is its top folder ("" if none)."""

    path: Path
    root: str
    members: tuple[zipfile.ZipInfo, ...]
    metadata: PackageMetadata
    total_bytes: int


def check_archive(path: Path) -> CheckedArchive:
    """Check layout, metadata and integrity of `path`; raise ModelError saying what is wrong."""
    name = path.name
    if not path.is_file():
        raise ModelError(f"{name}: no such file.")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{name} is not an Argos model file (.argosmodel is a zip archive).")
    try:
        with zipfile.ZipFile(path) as archive:
            members = tuple(m for m in archive.infolist() if not m.is_dir())
            root = _package_root(members, name)
            _check_members(members, name)
            metadata = PackageMetadata.parse(_read_metadata(archive, root, name), name)
            _check_required(members, root, name)
            bad = archive.testzip()  # reads everything once: catches truncated/damaged files
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise ModelError(f"{name} is damaged (the zip archive cannot be read).") from None
    if bad is not None:
        raise ModelError(f"{name} is damaged (a file inside fails its checksum).")
    _check_file_name(name, metadata)
    total = sum(m.file_size for m in members)
    return CheckedArchive(path, root, members, metadata, total)


def _package_root(members: tuple[zipfile.ZipInfo, ...], name: str) -> str:
    metadata_paths = [
        PurePosixPath(m.filename)
        for m in members
        if PurePosixPath(m.filename).name == "metadata.json"
        and len(PurePosixPath(m.filename).parts) <= 2
    ]
    if not metadata_paths:
        raise ModelError(f"{name} is not an Argos model: it has no metadata.json.")
    if len(metadata_paths) > 1:
        raise ModelError(f"{name} holds more than one package; install them one at a time.")
    parent = metadata_paths[0].parent
    return "" if str(parent) == "." else str(parent)


def _check_members(members: tuple[zipfile.ZipInfo, ...], name: str) -> None:
    total = 0
    for member in members:
        parts = PurePosixPath(member.filename).parts
        if member.filename.startswith("/") or "\\" in member.filename or ".." in parts:
            raise ModelError(f"{name} is unsafe: it would write outside its folder.")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise ModelError(f"{name} is unsafe: it contains a symbolic link.")
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise ModelError(f"{name} is too large to be a translation model.")


def _read_metadata(archive: zipfile.ZipFile, root: str, name: str) -> bytes:
    info = archive.getinfo(_join(root, "metadata.json"))
    if info.file_size > MAX_METADATA_BYTES:
        raise ModelError(f"{name}: metadata.json is too large.")
    return archive.read(info)


def _check_required(members: tuple[zipfile.ZipInfo, ...], root: str, name: str) -> None:
    present = {m.filename for m in members}
    if _join(root, "model/model.bin") not in present:
        raise ModelError(f"{name} has no translation model (model/model.bin is missing).")
    if not any(_join(root, tokenizer) in present for tokenizer in TOKENIZER_FILES):
        raise ModelError(f"{name} has no tokenizer (sentencepiece.model is missing).")


def _check_file_name(name: str, metadata: PackageMetadata) -> None:
    # argospm names files after their pair; a mismatch means a renamed or mixed-up file.
    match = ARGOSPM_NAME.match(Path(name).stem)
    if match and (match.group(1).lower(), match.group(2).lower()) != (
        metadata.from_code,
        metadata.to_code,
    ):
        raise ModelError(
            f"{name}: the file name says {match.group(1)} → {match.group(2)} but the model "
            f"inside is {metadata.from_code} → {metadata.to_code}; the file may be mixed up."
        )


def extract(checked: CheckedArchive, destination: Path) -> None:
    """Extract the package folder's content into `destination` (which must exist and be empty)."""
    if shutil.disk_usage(destination).free < checked.total_bytes:
        raise ModelError(f"Not enough free disk space to install {checked.path.name}.")
    prefix = checked.root + "/" if checked.root else ""
    with zipfile.ZipFile(checked.path) as archive:
        for member in checked.members:
            if not member.filename.startswith(prefix):
                continue  # stray files next to the package folder are not part of it
            target = destination.joinpath(*PurePosixPath(member.filename[len(prefix) :]).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)


def _join(root: str, relative: str) -> str:
    return f"{root}/{relative}" if root else relative
