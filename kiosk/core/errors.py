"""Errors that reach a person carry a plain message and never any personal data.

`KioskError` and its subclasses are *environment* problems (bad input, wrong passphrase, full
disk): their `message` is written for the user and is safe to show or print. Anything else that
escapes is a bug; the CLI and the window catch it at the top and say so without a traceback.
"""

from __future__ import annotations


class KioskError(Exception):
    """A problem the user can act on. `message` is plain language with no personal data."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FlowError(KioskError):
    """A flow file could not be loaded or is invalid."""


class ContentError(KioskError):
    """A content file (rights text, country profile, indicators) is missing or invalid.

    When the problem is in a file, `file`, `line` and `problem` are also kept apart so
    `kiosk validate` can print its own `file:line: message`.
    """

    def __init__(self, message: str, file: str = "", line: int = 0, problem: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.problem = problem or message


class EngineError(KioskError):
    """An action that the interview cannot take in its current state."""
