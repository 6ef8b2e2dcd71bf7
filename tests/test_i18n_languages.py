"""Supported languages: names in their own script and writing direction, from Babel."""

from __future__ import annotations

import pytest

from kiosk.core.errors import KioskError
from kiosk.core.i18n.languages import SUPPORTED, TRANSLATED, language, supported_languages


def test_names_are_in_their_own_script() -> None:
    assert language("th").native_name == "ไทย"
    assert language("km").native_name == "ខ្មែរ"
    assert language("ar").native_name == "العربية"
    assert language("bn").native_name == "বাংলা"
    assert language("zh").native_name.startswith("中文")
    assert language("my").english_name == "Burmese"


def test_arabic_is_right_to_left_and_the_others_are_not() -> None:
    assert language("ar").rtl and language("ar").direction == "rtl"
    assert [lang.code for lang in supported_languages() if lang.rtl] == ["ar"]


def test_babel_and_machine_translation_codes() -> None:
    assert language("zh").locale_id == "zh_Hans"
    assert language("fil").mt_code == "tl"
    assert set(TRANSLATED) == set(SUPPORTED) - {"en"} and len(TRANSLATED) == 11


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(KioskError, match="Unknown language 'xx'"):
        language("xx")
