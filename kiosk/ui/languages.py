"""The languages the kiosk offers, named in their own script, with their writing direction."""

from __future__ import annotations

import functools
from dataclasses import dataclass

OFFERED = ("en", "id", "ms", "th", "vi", "km", "my", "lo", "fil", "zh", "bn", "ar")
# Lantern codes that Babel spells differently.
_BABEL_CODES = {"zh": "zh_Hans", "fil": "fil"}


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own script, e.g. "ខ្មែរ"
    english: str
    rtl: bool


@functools.cache
def language(code: str) -> Language:
    """Babel is imported on first use so that start-up stays fast."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(_BABEL_CODES.get(code, code))
    except (ValueError, UnknownLocaleError):
        return Language(code, code, code, False)
    name = locale.display_name or code
    english = locale.get_display_name("en") or code
    return Language(code, name, english, locale.character_order == "right-to-left")


def offered() -> list[Language]:
    return [language(code) for code in OFFERED]


def is_rtl(code: str) -> bool:
    return language(code).rtl
