"""The condition language: parsing, evaluation over answer states, type checks."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.core import conditions as c


class Answers:
    def __init__(self, values: dict[str, Any], states: dict[str, str], child: bool = True) -> None:
        self.values, self.states, self.child = values, states, child

    def answer_state(self, name: str) -> str:
        return self.states.get(name, "not_asked")

    def answer_value(self, name: str) -> Any:
        return self.values.get(name)

    def builtin(self, name: str) -> Any:
        return {"child": self.child, "path": "child" if self.child else "adult", "language": "km"}[
            name
        ]


ANSWERS = Answers(
    {"age": 15, "documents_held": "yes", "work_sector": "fishing", "threats": ["family"]},
    {
        "age": "answered",
        "documents_held": "answered",
        "work_sector": "answered",
        "threats": "answered",
        "paid": "declined",
        "hours": "dont_know",
    },
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("age < 18 or age is unknown", True),
        ("age >= 18", False),
        ("documents_held == 'yes'", True),
        ("documents_held", True),
        ("work_sector in ['fishing', 'domestic']", True),
        ("work_sector not in ['fishing']", False),
        ("'family' in threats", True),
        ("'police' in threats", False),
        # declining never counts as "no" - nor as "yes"
        ("paid == 'no'", False),
        ("paid != 'no'", False),
        ("paid == 'yes'", False),
        ("paid", False),
        ("not paid", True),
        ("paid is declined", True),
        ("paid is unknown", True),
        ("hours is dont_know", True),
        ("hours is not answered", True),
        ("never is not_asked", True),
        ("child and language == 'km'", True),
        ("path == 'adult'", False),
        ("(age < 10 or age > 12) and not (documents_held == 'no')", True),
        ('work_sector == "fishing"', True),
        ("age < 'x'", False),
    ],
)
def test_evaluate(source: str, expected: bool) -> None:
    assert c.evaluate(c.parse(source), ANSWERS) is expected


@pytest.mark.parametrize(
    ("source", "column"),
    [
        ("", 1),
        ("age <", 6),
        ("age == == 3", 8),
        ("(age", 5),
        ("age is maybe", 8),
        ("a $ b", 3),
        ("age in [x]", 8),
        ("1 is declined", 3),
        ("'unterminated", 1),
    ],
)
def test_parse_errors_have_a_column(source: str, column: int) -> None:
    with pytest.raises(c.ConditionError) as info:
        c.parse(source)
    assert info.value.column == column


def test_deep_nesting_is_refused_not_crashing() -> None:
    with pytest.raises(c.ConditionError, match="nested too deeply"):
        c.parse("(" * 500 + "a" + ")" * 500)
    with pytest.raises(c.ConditionError, match="too long"):
        c.parse("a or " * 1000 + "a")


def test_parser_never_calls_eval(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    def forbidden(*_args: object) -> None:
        raise AssertionError("eval/exec used")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert c.evaluate(c.parse("__import__ == 'os'"), ANSWERS) is False


def test_type_checks() -> None:
    info = {
        "q": c.NameInfo("yes_no", ("yes", "no")),
        "n": c.NameInfo("number"),
        "m": c.NameInfo("multi", ("a", "b")),
        "t": c.NameInfo("text"),
    }

    def problems(source: str) -> list[str]:
        return [e.message for e in c.check_types(c.parse(source), info)]

    assert problems("q == 'yes' and n > 3 and 'a' in m and t is answered") == []
    assert "not one of the answers" in problems("q == 'perhaps'")[0]
    assert "expected a number" in problems("n == 'ten'")[0]
    assert "only compares numbers" in problems("q > 'no'")[0]
    assert "not one of the answers" in problems("'c' in m")[0]
    assert "is a list" in problems("m == 'a'")[0]
    assert "free-text" in problems("t == 'x'")[0]
    assert "not true/false" in problems("n")[0]
