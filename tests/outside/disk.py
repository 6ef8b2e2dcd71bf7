"""Walk folders after a session, as someone who took the laptop would: every file must be one
Lantern writes on purpose (an explicit allow-list), no file may be a plaintext SQLite database,
and no file may hold a person's words in any common encoding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"

# What Lantern writes on purpose inside its data folder (paths relative to KIOSK_HOME).
DATA_FOLDER_ALLOWED = (
    r"lantern\.db",  # the encrypted store (SQLCipher: no plaintext header)
    r"lantern\.db\.lock",  # the store's inter-process lock (empty)
    r"models/translation/packages/[a-z-]+_[a-z-]+/.+",  # installed model packages, as shipped
    r"cache/speech/[0-9a-f]{2}/[0-9a-f]{64}\.wav",  # spoken fixed content, named by hash
    r"audio/[a-z-]+/(manifest\.yaml|[^/]+\.wav)",  # recorded prompts imported by staff
)


def encodings(text: str) -> list[bytes]:
    return [text.encode(name) for name in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")]


def files_under(root: Path) -> Iterable[Path]:
    """Every file below `root`, without following symbolic links out of it."""
    if not root.is_dir():
        return []
    return (p for p in root.rglob("*") if p.is_file() or p.is_symlink())


def walk(
    roots: Mapping[str, Path],
    allowed: Mapping[str, Iterable[str]],
    secrets: Iterable[str] = (),
) -> list[str]:
    """Problems found below each labelled root; `allowed[label]` are full-match path regexes."""
    needles = [(secret, blob) for secret in secrets for blob in encodings(secret)]
    problems: list[str] = []
    seen: set[Path] = set()
    for label, root in roots.items():
        patterns = [re.compile(p) for p in allowed.get(label, ())]
        for path in files_under(root):
            if path in seen:
                continue  # a root inside another (HOME and its XDG folders)
            seen.add(path)
            relative = path.relative_to(root).as_posix()
            where = f"{label}/{relative}"
            if path.is_symlink():
                problems.append(f"{where}: a symbolic link")
                continue
            if not any(p.fullmatch(relative) for p in patterns):
                problems.append(f"{where}: not a file Lantern writes on purpose")
            data = path.read_bytes()
            if data.startswith(SQLITE_MAGIC):
                problems.append(f"{where}: a plaintext SQLite database")
            for secret, blob in needles:
                if blob in data:
                    problems.append(f"{where}: holds {secret!r}")
                    break
    return problems
