"""The person's own digits in number and age fields (kiosk.core.numerals): read, or refused with a
reason the screen can say; never a guess."""

from __future__ import annotations

import pytest

from kiosk.core.numerals import NumberProblem, in_digits, read_whole_number


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
    assert in_digits(120, "ar") == "١٢٠"
    assert in_digits(25, "my") == "၂၅"
    assert in_digits(25, "en") == "25"
    assert in_digits(25, "vi") == "25"
    for language in ("km", "th", "lo", "my", "bn", "ar"):
        assert read_whole_number(in_digits(1234, language)).value == 1234
