"""What the person (and staff) are told when nothing could be read aloud: in the person's
language first, then in the staff's, never as an English technical note."""

from __future__ import annotations

from kiosk.core.localizer import Localizer


def cannot_read_aloud(loc: Localizer, person_language: str, staff_language: str) -> str:
    lines = [
        loc.ui(
            "This cannot be read aloud yet. Please ask staff or the interpreter to read it to you.",
            language=language,
        )
        for language in dict.fromkeys([person_language, staff_language])
    ]
    return "\n".join(lines)
