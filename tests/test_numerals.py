"""The person's own digits in number and age fields (kiosk.core.numerals): read, or refused with a
reason the screen can say; never a guess."""

from __future__ import annotations

import re
import unicodedata

import pytest

from kiosk.core import paths
from kiosk.core.i18n.extract import read_catalog
from kiosk.core.i18n.languages import supported_languages
from kiosk.core.numerals import NumberProblem, in_digits, read_whole_number, zero_of


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("25", 25),
        ("១៤", 14),  # Khmer
        ("๑๔", 14),  # Thai
        ("໑໔", 14),  # Lao
        ("၁၄", 14),  # Myanmar
        ("১৪", 14),  # Bengali
        ("٢٥", 25),  # Arabic-Indic
        ("۲۵", 25),  # Eastern Arabic-Indic (Persian, Urdu keyboards)
        (" 1 000 ", 1000),
        ("1,000", 1000),
    ],
)
def test_digits_of_every_script_are_read(typed: str, value: int) -> None:
    reading = read_whole_number(typed, 0, 100_000)
    assert reading.ok and reading.value == value


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", NumberProblem.EMPTY),
        ("   ", NumberProblem.EMPTY),
        ("twenty", NumberProblem.NOT_DIGITS),
        ("2.5", NumberProblem.NOT_DIGITS),  # not 25
        ("-3", NumberProblem.NOT_DIGITS),
        ("2５", NumberProblem.NOT_DIGITS),  # two scripts mixed: a slip, not a number
        ("១4", NumberProblem.NOT_DIGITS),
        ("200", NumberProblem.TOO_LARGE),
        ("២០០", NumberProblem.TOO_LARGE),
    ],
)
def test_what_cannot_be_read_says_why(typed: str, problem: NumberProblem) -> None:
    reading = read_whole_number(typed, 0, 120)
    assert not reading.ok and reading.problem is problem


def test_too_small() -> None:
    assert read_whole_number("3", 5, 10).problem is NumberProblem.TOO_SMALL


def test_examples_are_written_in_the_persons_digits() -> None:
    assert in_digits(25, "km") == "២៥"
    assert in_digits(25, "bn") == "২৫"
    assert in_digits(120, "ar") == "120"  # as the Arabic catalog and rights paper print them
    assert in_digits(25, "my") == "၂၅"
    assert in_digits(25, "en") == "25"
    assert in_digits(25, "vi") == "25"
    assert in_digits(25, "th") == "25"  # as Thai print and the Thai catalog write it
    for language in ("km", "th", "lo", "my", "bn", "ar"):
        assert read_whole_number(in_digits(1234, language)).value == 1234


def test_each_language_writes_numbers_as_its_catalog_does() -> None:
    """The progress line ("Part 3 of 10") and the examples use the same digits as the
    translated questions and the rights paper: never ٣ on one line and 30 on the next."""
    for lang in supported_languages():
        if lang.code == "en":
            continue
        catalog = read_catalog(paths.translations_dir() / f"{lang.code}.po")
        zeros: set[str] = set()
        for message in catalog:
            text = message.string if isinstance(message.string, str) else ""
            if not message.id or not text:
                continue
            for ch in re.sub(r"\{[^}]*\}", "", text):
                digit = unicodedata.decimal(ch, None)
                if digit is not None:
                    zeros.add(chr(ord(ch) - digit))
        if zeros:
            assert zeros == {zero_of(lang.code)}, (lang.code, zeros)
    assert in_digits(3, "km") + in_digits(10, "my") == "៣၁၀"
