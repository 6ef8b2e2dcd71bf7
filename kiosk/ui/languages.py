"""The languages the kiosk offers: core's list (kiosk.core.i18n.languages), looked up leniently.

A stored interview may carry a code this kiosk does not ship (recorded elsewhere); screens then
show the bare code, left to right, instead of failing.
"""

from __future__ import annotations

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


def is_rtl(code: str) -> bool:
    return language(code).rtl
