"""XLSForm `relevant` <-> Lantern conditions: the supported subset, its meaning, its refusals."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.core import conditions
from kiosk.core.xlsform.relevance import (
    QuestionRef,
    RelevanceError,
    ValueKind,
    from_xpath,
    lantern_source,
    to_xpath,
)

QUESTIONS = {
    "ok": QuestionRef("ok", ValueKind.YES_NO, xls_name="ok"),
    "Age": QuestionRef("age", ValueKind.NUMBER, xls_name="Age"),
    "work": QuestionRef("work", ValueKind.MULTI, {"Fishing": "fishing"}, "work"),
    "sex": QuestionRef("sex", ValueKind.CHOICE, xls_name="sex"),
    "story": QuestionRef("story", ValueKind.TEXT, xls_name="story"),
    "arrived": QuestionRef("arrived", ValueKind.DATE, xls_name="arrived"),
}
KINDS = {ref.node_id: ref.kind for ref in QUESTIONS.values()}


class Answers:
    """Answers as the engine sees them: a value, or a state other than answered."""

    def __init__(self, **values: Any) -> None:
        self.values = values

    def answer_state(self, name: str) -> str:
        value = self.values.get(name)
        return (
            value
            if value in ("declined", "not_asked")
            else "answered"
            if name in self.values
            else "not_asked"
        )

    def answer_value(self, name: str) -> Any:
        return self.values[name]

    def builtin(self, name: str) -> Any:
        return {"child": True, "path": "child", "language": "en"}[name]


@pytest.mark.parametrize(
    ("xpath", "lantern"),
    [
        ("${ok} = 'yes'", "ok == 'yes'"),
        ("'yes' = ${ok}", "ok == 'yes'"),
        ("${ok}='no'", "ok == 'no'"),
        ("${ok} != 'yes'", "not (ok == 'yes')"),
        ("selected(${work}, 'Fishing')", "'fishing' in work"),
        ("not(selected(${work}, 'Fishing'))", "not ('fishing' in work)"),
        ("selected(${sex}, 'female')", "sex == 'female'"),
        ("${Age} >= 18", "age >= 18"),
        ("18 > ${Age}", "age < 18"),
        ("${Age} < '18'", "age < 18"),
        ("${Age} > -1.5", "age > -1.5"),
        (
            "${sex}='female' and ${Age}>=15 and ${Age}<=49",
            "sex == 'female' and age >= 15 and age <= 49",
        ),
        (
            "${ok} = 'yes' or ${sex} = 'male' and ${Age} < 18",
            "ok == 'yes' or sex == 'male' and age < 18",
        ),
        (
            "(${ok} = 'yes' or ${sex} = 'male') and ${Age} < 18",
            "(ok == 'yes' or sex == 'male') and age < 18",
        ),
        ("${story} != ''", "story is answered"),
        ("${story} = ''", "story is unknown"),
        ("${story}", "story is answered"),
        ("${arrived} > '2020-01-31'", "arrived > '2020-01-31'"),
        ("true()", "true"),
        ('${sex} = "male"', "sex == 'male'"),
    ],
)
def test_supported_expressions_become_lantern_conditions(xpath: str, lantern: str) -> None:
    converted = lantern_source(from_xpath(xpath, QUESTIONS))
    assert converted == lantern
    # What is written must be a condition Lantern parses back to the same tree.
    assert lantern_source(conditions.parse(converted)) == converted


@pytest.mark.parametrize(
    ("xpath", "reason"),
    [
        ("regex(${story}, '[a-z]+')", "the function regex() is not supported"),
        ("count-selected(${work}) > 1", "the function count-selected() is not supported"),
        (". > 3", "'.' is outside the supported subset"),
        ("selected(../sex, 'other')", "selected() needs a question like ${name} first"),
        (
            "${work} = 'Fishing'",
            "${work} has several answers: test it with selected(${work}, 'value')",
        ),
        ("${story} = 'help'", "${story} is free text"),
        ("${sex} > 'a'", "'>' compares numbers or dates; ${sex} is a choice"),
        ("${Age} = 'old'", "${Age} is a number, not 'old'"),
        ("${missing} = 'x'", "${missing} is not a question Lantern imports from this form"),
        ("0", "the value 0 on its own is not a condition"),
        ("${ok} = 'yes' and", "the expression ends too early"),
        ("${Age} + 1 > 3", "'+' is outside the supported subset"),
        ("${Age} < 3 < 4", "chained comparisons"),
        ("'a' = 'b'", "a comparison needs at least one question"),
    ],
)
def test_expressions_outside_the_subset_are_refused_with_a_reason(xpath: str, reason: str) -> None:
    with pytest.raises(RelevanceError) as caught:
        from_xpath(xpath, QUESTIONS)
    assert reason in caught.value.message


@pytest.mark.parametrize(
    ("xpath", "answers", "holds"),
    [
        # ODK: an unanswered question is '', so '' != 'yes' holds; Lantern must agree.
        ("${ok} != 'yes'", {}, True),
        ("${ok} != 'yes'", {"ok": "declined"}, True),
        ("${ok} != 'yes'", {"ok": "no"}, True),
        ("${ok} != 'yes'", {"ok": "yes"}, False),
        ("${ok} = 'no'", {"ok": "declined"}, False),  # declining is never "no"
        ("${Age} < 18", {}, False),  # number('') is NaN in ODK: no comparison holds
        ("${Age} >= 18", {}, False),
        ("${Age} < 18", {"age": 12}, True),
        ("not(${Age} >= 18)", {}, True),
        ("selected(${work}, 'Fishing')", {"work": ["fishing", "farm"]}, True),
        ("selected(${work}, 'Fishing')", {}, False),
        ("${story} != ''", {"story": "declined"}, False),
    ],
)
def test_converted_conditions_hold_where_odk_relevance_holds(
    xpath: str, answers: dict[str, Any], holds: bool
) -> None:
    assert conditions.evaluate(from_xpath(xpath, QUESTIONS), Answers(**answers)) is holds


@pytest.mark.parametrize(
    "lantern",
    [
        "ok == 'yes'",
        "not (ok == 'yes')",
        "'fishing' in work and age >= 18",
        "(ok == 'yes' or sex == 'male') and not (age < 18)",
        "story is answered",
        "story is unknown",
    ],
)
def test_expressible_conditions_go_to_xpath_and_back_unchanged(lantern: str) -> None:
    tree = conditions.parse(lantern)
    xpath = to_xpath(tree, KINDS)
    assert xpath is not None
    by_node_id = {ref.node_id: ref for ref in QUESTIONS.values()}
    assert lantern_source(from_xpath(xpath, by_node_id)) == lantern_source(tree)


@pytest.mark.parametrize(
    "lantern",
    ["child", "not child and ok == 'yes'", "ok is declined", "sex in ['male', 'female']", "ok"],
)
def test_lantern_only_conditions_have_no_xpath(lantern: str) -> None:
    assert to_xpath(conditions.parse(lantern), KINDS) is None
