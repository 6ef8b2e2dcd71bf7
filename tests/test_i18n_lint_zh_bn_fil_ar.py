"""The lint catches, in Chinese, Bengali, Filipino and Arabic, the classes of mistranslation the
practice review quoted (section 5): a child's or intimate address before the age is known,
consent asked as ability, promises, "you can say No", stigmatising labels for sexual
exploitation and formal identification read as an ID check."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.i18n.extract import extract
from kiosk.core.i18n.lint import Kind, lint
from tests.test_i18n_lint import RULES, _kinds, _translate, _tree

# language -> {entry of the tiny flow: (translation, the kinds the lint must report)}
CASES: dict[str, dict[str, tuple[str, set[Kind]]]] = {
    "zh": {
        # 你 before the age is known, and "can you talk" for a consent question
        "flow:tiny:talk:neutral_text": (
            "你现在能和我们谈谈吗？",
            {Kind.CHILD_WORD_FOR_ANYONE, Kind.CONSENT_AS_ABILITY},
        ),
        "flow:tiny:talk:text": ("您同意现在和我们谈谈吗？", set()),
        "flow:tiny:notes:text": ("我们可以记录您的回答吗？", set()),  # "may we": consent
        "flow:tiny:bye:text": ("谢谢。您一定会得到帮助。", {Kind.PROMISE}),
        "flow:tiny:forced:help": ("任何问题您都可以说不。", {Kind.AVOID_TERM}),
        # "say you don't know" is not "say No"
        "flow:tiny:age:neutral_help": ("如果不确定，可以说不知道。", set()),
        "flow:tiny:forced:text": ("有没有人在您不愿意的时候逼您去卖淫？", {Kind.AVOID_TERM}),
        "flow:tiny:hello:text": ("您好。下一步是正式身份识别。", {Kind.AVOID_TERM}),
    },
    "bn": {
        # a তুমি-form verb with no pronoun, and তোমাকে (a vowel sign after the stem)
        "flow:tiny:age:neutral_help": (
            'নিশ্চিত না হলে "জানি না" বোতামটি চাপো।',
            {Kind.CHILD_WORD_FOR_ANYONE},
        ),
        "flow:tiny:hello:neutral_text": (
            "স্বাগতম। তোমাকে দেখে আমরা খুশি।",
            {Kind.CHILD_WORD_FOR_ANYONE},
        ),
        "flow:tiny:hello:child_text": (
            "স্বাগতম। আপনাকে দেখে আমরা খুশি।",
            {Kind.ADULT_WORD_FOR_CHILD},
        ),
        "flow:tiny:talk:text": (
            "আপনি কি এখন আমাদের সাথে কথা বলতে পারবেন?",
            {Kind.CONSENT_AS_ABILITY},
        ),
        "flow:tiny:notes:text": ("আমরা কি আপনার উত্তরগুলোর নোট রাখতে পারি?", set()),
        "flow:tiny:bye:text": ("ধন্যবাদ। আপনাকে সাহায্য দেওয়া হবে।", {Kind.PROMISE}),
        "flow:tiny:forced:help": ("যেকোনো প্রশ্নে আপনি না বলতে পারেন।", {Kind.AVOID_TERM}),
        "flow:tiny:forced:text": ("কেউ কি আপনাকে পতিতা হতে বাধ্য করেছে?", {Kind.AVOID_TERM}),
    },
    "fil": {
        # "kang" (ka + linker) read by an adult
        "flow:tiny:forced:help": (
            'Puwede kang pumili ng "Ayokong sabihin".',
            {Kind.CHILD_WORD_FOR_ADULT},
        ),
        "flow:tiny:talk:neutral_text": (
            "Puwede po ba kayong makipag-usap sa amin ngayon?",
            {Kind.CONSENT_AS_ABILITY},
        ),
        "flow:tiny:talk:text": ("Pumapayag po ba kayong makipag-usap sa amin ngayon?", set()),
        "flow:tiny:notes:text": ("Maaari po ba naming itala ang inyong mga sagot?", set()),
        "flow:tiny:bye:text": (
            "Salamat po. Tiyak na bibigyan kayo ng pahinga anumang oras.",
            {Kind.PROMISE},
        ),
        "flow:tiny:forced:text": (
            "Pinilit ba kayong maging prostituta?",
            {Kind.AVOID_TERM},
        ),
    },
    "ar": {
        "flow:tiny:talk:neutral_text": ("هل يمكنك التحدث معنا الآن؟", {Kind.CONSENT_AS_ABILITY}),
        "flow:tiny:talk:text": ("هل توافق/ين على التحدث معنا الآن؟", set()),
        "flow:tiny:notes:text": ("هل يمكننا تدوين ملاحظات عن إجاباتك؟", set()),
        "flow:tiny:bye:text": ("شكرًا لك. ستحصل على المساعدة.", {Kind.PROMISE}),
        "flow:tiny:forced:text": ("هل أجبرك أحد على الدعارة؟", {Kind.AVOID_TERM}),
        "flow:tiny:hello:neutral_text": (
            "مرحبًا يا شاطر. سعداء بمجيئك.",
            {Kind.CHILD_WORD_FOR_ANYONE},
        ),
    },
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_review_classes_are_caught(tmp_path: Path, code: str) -> None:
    root = _tree(tmp_path)
    extract(root, languages=[code])
    cases = CASES[code]
    _translate(root, code, {context: text for context, (text, _) in cases.items()})
    report = lint([code], root=root, rules=RULES)
    for context, (_, kinds) in cases.items():
        assert _kinds(report, context) == kinds, (context, [str(f) for f in report.findings])


def test_an_avoided_pattern_is_reported_as_written(tmp_path: Path) -> None:
    """A `re:` term (Arabic prefixes: و، ال) is shown as the words found, not as its pattern."""
    root = _tree(tmp_path)
    extract(root, languages=["ar"])
    _translate(root, "ar", {"flow:tiny:forced:text": "هل أجبرك أحد على الدعارة؟"})
    finding = next(f for f in lint(["ar"], root=root, rules=RULES).findings)
    assert finding.kind is Kind.AVOID_TERM
    assert "'الدعارة'" in finding.message and "re:" not in finding.message
