"""Where a command gets the store passphrase: a file, the environment, or a prompt."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from kiosk.core.errors import KioskError

ENV_VAR = "KIOSK_PASSPHRASE"
MIN_LENGTH = 8


def read_passphrase(
    passphrase_file: str | None, confirm: bool = False, prompt: str = "Passphrase: "
) -> str:
    """`--passphrase-file F` first, then `KIOSK_PASSPHRASE`, then an interactive prompt."""
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise KioskError("cannot read the passphrase file") from None
        passphrase = text.rstrip("\r\n")
    elif os.environ.get(ENV_VAR):
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


def strength_problem(passphrase: str) -> str | None:
    """A plain-language reason a new passphrase is too weak, or None."""
    if len(passphrase) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters (a few words are easy to remember)"
    if len(set(passphrase)) < 4:
        return "use more different characters"
    return None
