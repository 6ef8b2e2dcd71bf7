"""Arabic: a person whose gender is not known is never addressed as a man only."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.i18n.extract import extract
from kiosk.core.i18n.lint import Kind, lint
from tests.test_i18n_lint import RULES, _kinds, _translate, _tree


def test_a_masculine_only_address_is_found_and_both_forms_or_neutral_wording_pass(
    tmp_path: Path,
) -> None:
    root = _tree(tmp_path)
    extract(root, languages=["ar"])
    _translate(
        root,
        "ar",
        {
            "flow:tiny:talk:text": "هل توافق على التحدث معنا الآن؟",  # "do you (m.) agree"
            "flow:tiny:talk:neutral_text": "هل توافق/ين على التحدث معنا الآن؟",  # both forms
            "flow:tiny:forced:help": 'يمكنك اختيار "أفضّل ألا أقول".',  # masdar: neutral
            "flow:tiny:bye:child_text": "شكرًا لك. خذ وقتك.",  # imperative, masculine
            "flow:tiny:bye:text": "شكرًا لك. يمكنك الاستراحة متى شئت.",
            "ui|&Save": "&احفظ",  # UI strings are mostly for staff: not checked
        },
    )
    report = lint(["ar"], root=root, rules=RULES)
    assert _kinds(report, "flow:tiny:talk:text") == {Kind.ONE_GENDER}
    assert _kinds(report, "flow:tiny:bye:child_text") == {Kind.ONE_GENDER}
    for clean in ("talk:neutral_text", "forced:help", "bye:text"):
        assert _kinds(report, f"flow:tiny:{clean}") == set(), clean
    finding = next(f for f in report.findings if f.context == "flow:tiny:talk:text")
    assert "'توافق'" in finding.message


def test_the_shipped_arabic_catalog_addresses_no_one_as_a_man_only() -> None:
    report = lint(["ar"])
    gendered = [str(f) for f in report.findings if f.kind is Kind.ONE_GENDER]
    assert gendered == [], "\n".join(gendered)
