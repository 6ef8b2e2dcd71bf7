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
    # Lao: "can we note your answers" (ໄດ້ບໍ່) is no consent question; ທ່ານໝໍ is "doctor".
    (
        "lo",
        "flow:tiny:notes:text",
        "ພວກເຮົາບັນທຶກຄຳຕອບຂອງທ່ານໄດ້ບໍ່?",
        Kind.CONSENT_AS_ABILITY,
        "ທ່ານຍິນຍອມໃຫ້ພວກເຮົາບັນທຶກຄຳຕອບຂອງທ່ານບໍ່?",
    ),
    (
        "lo",
        "flow:tiny:school:child_text",
        "ທ່ານໄປໂຮງຮຽນບໍ່?",
        Kind.ADULT_WORD_FOR_CHILD,
        "ເຈົ້າໄປໂຮງຮຽນບໍ່? ທ່ານໝໍຢູ່ນີ້ເດີ້.",
    ),
    ("lo", "flow:tiny:forced:help", "ຂ້ອຍຮູ້ສຶກບໍ່ເປັນຫຍັງ", Kind.AVOID_TERM, "ຂ້ອຍສະບາຍດີ"),
    # Khmer: "can we note ..." (បានទេ) passed because of យើង ("we"); អូន is intimate.
    (
        "km",
        "flow:tiny:notes:text",
        "តើយើងអាចកត់ចំណាំចម្លើយរបស់អ្នកបានទេ?",
        Kind.CONSENT_AS_ABILITY,
        "តើអ្នកយល់ព្រមឱ្យយើងកត់ចំណាំចម្លើយរបស់អ្នកទេ?",
    ),
    (
        "km",
        "flow:tiny:hello:neutral_text",
        "សួស្តីអូន។ យើងរីករាយដែលអូនបានមក។",
        Kind.CHILD_WORD_FOR_ANYONE,
        "សួស្តី។ យើងរីករាយដែលអ្នកបានមក។",
    ),
    ("km", "flow:tiny:forced:help", "អ្នកអាចនិយាយថាទេ។", Kind.AVOID_TERM, "អ្នកមិនចាំបាច់ឆ្លើយទេ។"),
    # Myanmar: bookish သင် to a child (သင့်တော်, "suitable", is another word); ငါ to an
    # adult (ငါး, "fish", is another word); "can (you) talk" (လို့ ရမလား) for consent.
    (
        "my",
        "flow:tiny:age:child_help",
        'သင် မသေချာရင် "မသိဘူး" ကို ရွေးပါ။',
        Kind.ADULT_WORD_FOR_CHILD,
        'သင့်တော်တဲ့ အဖြေ မသေချာရင် "မသိဘူး" ကို ရွေးပါ။',
    ),
    (
        "my",
        "flow:tiny:forced:text",
        "ငါတို့ကို ပြောပါ။ တစ်ယောက်ယောက်က အတင်း သွားခိုင်းခဲ့လား။",
        Kind.CHILD_WORD_FOR_ADULT,
        "တစ်ယောက်ယောက်က ငါးဖမ်းလှေပေါ် အတင်း သွားခိုင်းခဲ့ပါသလား။",
    ),
    (
        "my",
        "flow:tiny:talk:text",
        "အခု စကားပြောလို့ ရမလား။",
        Kind.CONSENT_AS_ABILITY,
        "အခု စကားပြောဖို့ သဘောတူပါသလား။",
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
