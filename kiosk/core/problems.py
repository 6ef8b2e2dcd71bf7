"""A problem found in a file a person wrote (a flow, content, a catalog): `file:line: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.core.invisible import shown


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str
    warning: bool = False  # worth a reviewer's look, but the flow can still be used

    def __str__(self) -> str:
        # Invisible characters are written out: raw, a right-to-left override would reorder
        # the very line that reports it.
        prefix = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {prefix}{shown(self.message)}"


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.warning]
