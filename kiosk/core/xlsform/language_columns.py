"""How XLSForm names a language in a column (`label::Khmer (km)`), both ways.

XLSForm writes `Name (code)`; ODK tools read the code in the last parentheses. Lantern writes
the English name of each language it ships and its own code. Reading is lenient, because forms
are written by hand: "Khmer (km)", "km", "Khmer", "Tagalog (tl)" and "Chinese (zh-Hans)" all
name a Lantern language.
"""

from __future__ import annotations

import re

from kiosk.core.i18n.languages import SUPPORTED, language

_CODE_IN_PARENTHESES = re.compile(r"\(([^()]*)\)\s*$")
# Codes other tools use for a language Lantern ships under another code.
_OTHER_CODES = {"tl": "fil", "tgl": "fil", "zh_hans": "zh", "zh_cn": "zh", "ms_my": "ms"}


def language_column(code: str) -> str:
    """The XLSForm spelling of a Lantern language, e.g. `Khmer (km)`.

    One pair of parentheses only (`Chinese (zh)`, not `Chinese (Simplified) (zh)`): ODK tools
    take the code from the parentheses.
    """
    name = _CODE_IN_PARENTHESES.sub("", language(code).english_name).strip()
    return f"{name} ({code})"


def column_code(name: str) -> str | None:
    """The Lantern code for an XLSForm language name, or None when Lantern does not ship it."""
    text = name.strip()
    match = _CODE_IN_PARENTHESES.search(text)
    candidates = [match.group(1)] if match else []
    candidates.append(_CODE_IN_PARENTHESES.sub("", text))
    for candidate in candidates:
        code = _code(candidate)
        if code is not None:
            return code
    return None


def _code(candidate: str) -> str | None:
    key = candidate.strip().lower().replace("-", "_")
    if not key:
        return None
    key = _OTHER_CODES.get(key, key)
    if key in SUPPORTED:
        return key
    base = key.split("_")[0]
    if base in SUPPORTED and base != key and not _is_other_script(key):
        return base
    for code in SUPPORTED:
        english = language(code).english_name.lower()
        if key in (english, _CODE_IN_PARENTHESES.sub("", english).strip()):
            return code
    return None


def _is_other_script(key: str) -> bool:
    """Traditional Chinese is not Lantern's Simplified Chinese catalog."""
    return key in ("zh_hant", "zh_tw", "zh_hk")
