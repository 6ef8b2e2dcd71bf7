"""The languages Lantern ships catalogs for, with names in their own script (Babel's CLDR data)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kiosk.core.errors import KioskError

SOURCE_LANGUAGE = "en"

# Lantern code -> (Babel locale id, machine-translation code used by argos models).
# Chinese is shipped in Simplified script; argos calls Filipino (Tagalog) "tl".
_LOCALES: dict[str, tuple[str, str]] = {
    "en": ("en", "en"),
    "id": ("id", "id"),
    "ms": ("ms", "ms"),
    "th": ("th", "th"),
    "vi": ("vi", "vi"),
    "km": ("km", "km"),
    "my": ("my", "my"),
    "lo": ("lo", "lo"),
    "fil": ("fil", "tl"),
    "zh": ("zh_Hans", "zh"),
    "bn": ("bn", "bn"),
    "ar": ("ar", "ar"),
}
SUPPORTED = tuple(_LOCALES)
TRANSLATED = tuple(code for code in SUPPORTED if code != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Language:
    code: str  # Lantern's code, used for file names and the `language` condition name
    locale_id: str  # Babel / CLDR locale id, e.g. zh_Hans
    mt_code: str  # code of this language in machine-translation models
    native_name: str  # e.g. ไทย, العربية
    english_name: str
    direction: str  # "ltr" or "rtl"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


@cache
def language(code: str) -> Language:
    """The `Language` for a Lantern code; KioskError for a language Lantern does not ship."""
    from babel import Locale

    if code not in _LOCALES:
        raise KioskError(f"Unknown language '{code}'. Lantern supports: {', '.join(SUPPORTED)}.")
    locale_id, mt_code = _LOCALES[code]
    locale = Locale.parse(locale_id)
    return Language(
        code=code,
        locale_id=locale_id,
        mt_code=mt_code,
        native_name=locale.get_display_name() or code,
        english_name=locale.get_display_name("en") or code,
        direction=locale.text_direction,
    )


def supported_languages() -> list[Language]:
    return [language(code) for code in SUPPORTED]
