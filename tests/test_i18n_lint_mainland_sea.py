"""`kiosk i18n lint` rules for Thai, Lao, Khmer and Myanmar: each marker a translator added to
translations/lint-rules.yaml catches the wording the review quoted, and passes the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.i18n.extract import extract
from kiosk.core.i18n.lint import Kind, lint
from tests.test_i18n_lint import RULES, _kinds, _translate, _tree

LANGUAGES = ["th", "lo", "km", "my"]

# (language, entry of the tiny flow, the defect, what the lint says, a wording that passes)
CASES = [
    # Consent asked as "can we send your answers" (ได้ไหม); ของ ("of") must not pass as ขอ.
    (
        "th",
        "flow:tiny:notes:text",
        "เราจดคำตอบของคุณไว้ได้ไหม",
        Kind.CONSENT_AS_ABILITY,
        "คุณยินยอมให้เราจดคำตอบของคุณไว้ไหม",
    ),
    # "You may answer No" for "you do not have to answer".
    (
        "th",
        "flow:tiny:forced:help",
        'ตอบว่าไม่ก็ได้ หรือกด "ขอไม่ตอบ"',
        Kind.AVOID_TERM,
        'ไม่ตอบก็ได้ กด "ขอไม่ตอบ"',
    ),
]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _tree(tmp_path_factory.mktemp("sea"))
    extract(root, languages=LANGUAGES)
    return root


@pytest.mark.parametrize(
    ("code", "context", "bad", "kind", "good"),
    CASES,
    ids=[f"{case[0]}-{case[3].value}-{n}" for n, case in enumerate(CASES)],
)
def test_the_quoted_defect_is_found_and_the_fix_passes(
    tree: Path, code: str, context: str, bad: str, kind: Kind, good: str
) -> None:
    _translate(tree, code, {context: bad})
    assert _kinds(lint([code], root=tree, rules=RULES), context) == {kind}
    _translate(tree, code, {context: good})
    assert _kinds(lint([code], root=tree, rules=RULES), context) == set()
