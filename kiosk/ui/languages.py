"""The languages the kiosk offers: core's list (kiosk.core.i18n.languages), looked up leniently.

A stored interview may carry a code this kiosk does not ship (recorded elsewhere); screens then
show the bare code, left to right, instead of failing.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QLocale, Qt

from kiosk.core.errors import KioskError
from kiosk.core.i18n.languages import Language
from kiosk.core.i18n.languages import language as _known
from kiosk.core.i18n.languages import supported_languages as offered

__all__ = ["Language", "is_rtl", "language", "offered"]


def language(code: str) -> Language:
    try:
        return _known(code)
    except KioskError:
        return Language(code, code, code, code, code, "ltr")


@functools.cache
def is_rtl(code: str) -> bool:
    """Written right to left? From Qt's copy of the same CLDR data Babel reads (core's
    `Language.direction`): the unlock screen asks before Babel is loaded. A code Qt does not
    know reads left to right, as `language` falls back."""
    if code == "en":
        return False
    direction = QLocale(code.replace("-", "_")).textDirection()
    return direction == Qt.LayoutDirection.RightToLeft
