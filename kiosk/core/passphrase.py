"""Where a command gets the store passphrase: a file, the environment, or a prompt."""

from __future__ import annotations

import getpass
import os
import stat
import sys
from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.fileio import FileProblem, read_regular, read_stream

ENV_VAR = "KIOSK_PASSPHRASE"
MIN_LENGTH = 8
MAX_FILE_BYTES = 4096  # a passphrase file holds one line


def read_passphrase(
    passphrase_file: str | None,
    confirm: bool = False,
    prompt: str = "Passphrase: ",
    *,
    use_env: bool = True,
) -> str:
    """`--passphrase-file F` first, then `KIOSK_PASSPHRASE` (unless `use_env` is False: a *new*
    passphrase never comes from there), then an interactive prompt."""
    if passphrase_file:
        passphrase = _read_file(Path(passphrase_file))
    elif use_env and os.environ.get(ENV_VAR):
        passphrase = os.environ[ENV_VAR]
    elif sys.stdin is not None and sys.stdin.isatty():
        passphrase = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat it: ") != passphrase:
            raise KioskError("the two passphrases differ; nothing was changed")
    else:
        raise KioskError(f"a passphrase is needed: use --passphrase-file FILE or set {ENV_VAR}")
    if not passphrase:
        raise KioskError("the passphrase is empty")
    return passphrase


def _read_file(path: Path) -> str:
    """A regular file, or a pipe (`--passphrase-file <(pass show lantern)`, /dev/stdin),
    read up to a small limit; its first line is the passphrase."""
    try:
        is_pipe = stat.S_ISFIFO(os.stat(path).st_mode)
        if is_pipe:
            with path.open("rb") as stream:
                raw = read_stream(stream, MAX_FILE_BYTES, str(path))
        else:
            raw = read_regular(path, MAX_FILE_BYTES)
        text = raw.decode("utf-8")
    except FileProblem as problem:
        raise KioskError(f"cannot read the passphrase file: {problem.reason}") from None
    except OSError as error:
        raise KioskError(f"cannot read the passphrase file ({error.strerror})") from None
    except UnicodeDecodeError:
        raise KioskError("cannot read the passphrase file: it is not UTF-8 text") from None
    return text.rstrip("\r\n")


def strength_problem(passphrase: str) -> str | None:
    """A plain-language reason a new passphrase is too weak, or None."""
    if len(passphrase) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters (a few words are easy to remember)"
    if len(set(passphrase)) < 4:
        return "use more different characters"
    return None
