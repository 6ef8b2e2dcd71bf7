"""Whole numbers typed in the person's own digits: Khmer ១៤, Thai ๑๔, Lao ໑໔, Myanmar ၁၄,
Bengali ১৪, Arabic-Indic ١٤ and Eastern Arabic-Indic ۱۴, as well as 14 (any Unicode decimal
digits, in fact). Reading never guesses: words ("twenty"), mixed scripts or a number out of range
give a reason the screen can say in the person's language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# Separators people type inside or around a number that carry no value.
_IGNORED = {" ", "\u00a0", "\u202f", "\u200b", ",", "\u066c", "'"}  # not ".": 2.5 is no 25


class NumberProblem(StrEnum):
    EMPTY = "empty"  # nothing typed
    NOT_DIGITS = "not_digits"  # letters, words, signs
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"


@dataclass(frozen=True)
class NumberReading:
    value: int | None
    problem: NumberProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


# The digits each language writes numbers in on the person's screens and paper (the zero of
# its digit block), where that is not 0-9: as its catalog writes them (tests/test_numerals.py
# checks that the catalogs agree). Khmer, Myanmar and Bengali write their own digits. Arabic,
# Thai and Lao: Western digits, as CLDR's default for `ar`, `th` and `lo` and as their catalogs
# and the rights paper print them (Arabic-Indic ٠١٢ would suit people from Egypt, Sudan or the
# Gulf, but the paper reverses them today: see /work/coord/NOTES.md, ui, session 4). Reading
# accepts every script's digits whatever this says.
_ZERO = {
    "km": "\u17e0",
    "my": "\u1040",
    "bn": "\u09e6",
}


def read_whole_number(text: str, low: int | None = None, high: int | None = None) -> NumberReading:
    """The whole number in `text`, or why there is none (range checked when given)."""
    kept = [ch for ch in text.strip() if ch not in _IGNORED]
    if not kept:
        return NumberReading(None, NumberProblem.EMPTY)
    digits = []
    for ch in kept:
        digit = unicodedata.decimal(ch, None)
        if digit is None:
            return NumberReading(None, NumberProblem.NOT_DIGITS)
        digits.append(digit)
    # Each script's digits are one block from its zero: two zeros mean two scripts, a typo.
    if len({ord(ch) - digit for ch, digit in zip(kept, digits, strict=True)}) > 1:
        return NumberReading(None, NumberProblem.NOT_DIGITS)
    value = 0
    for digit in digits:
        value = value * 10 + digit
    if low is not None and value < low:
        return NumberReading(value, NumberProblem.TOO_SMALL)
    if high is not None and value > high:
        return NumberReading(value, NumberProblem.TOO_LARGE)
    return NumberReading(value)


def zero_of(language: str) -> str:
    """The zero of the digits `language` writes ("0" where it writes Western digits)."""
    return _ZERO.get(language.split("_")[0].split("-")[0], "0")


def in_digits(value: int, language: str) -> str:
    """`value` written in the digits of `language` (Western digits where it uses those)."""
    zero = _ZERO.get(language.split("_")[0].split("-")[0])
    if zero is None:
        return str(value)
    base = ord(zero)
    return "".join(chr(base + int(d)) if d.isdigit() else d for d in str(value))
