"""Vietnamese, Indonesian and Malay: the lint's word lists catch each class of defect the
practitioner review quoted for these languages, and leave the corrected wording alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.i18n.extract import UI_CONTEXT, extract, read_catalog
from kiosk.core.i18n.lint import Kind, lint
from tests.test_i18n_lint import RULES, _kinds, _translate, _tree


@pytest.mark.parametrize(
    ("code", "text", "found"),
    [
        # -mu is the child's "your", but not inside "bertemu" (meet) or "tamu" (guest)
        ("id", "Apakah ada yang memaksamu pergi?", ["memaksamu"]),
        ("id", "Kami ingin bertemu lagi dengan tamu kami.", []),
        ("id", "Apakah kau takut?", ["kau"]),
        ("ms", "Adakah awak takut kepada sesiapa?", ["awak"]),
        ("ms", "Saya nak pulang.", []),  # "nak" = want, not an address
        ("vi", "Mày có sợ ai không?", ["Mày"]),
        ("vi", "Chúng tôi giữ an toàn cho trẻ em.", []),
    ],
)
def test_child_markers(code: str, text: str, found: list[str]) -> None:
    rules = RULES.language(code)
    assert rules.child.find(rules.masked(text)) == found


@pytest.mark.parametrize(
    ("code", "text", "term"),
    [
        ("vi", "Bạn có bị bắt làm công việc mại dâm không?", "mại dâm"),
        ("vi", "Bạn có bị ép bán dâm không?", "bán dâm"),
        ("ms", "Pembantu kanak-kanak akan menjaga kamu.", "pembantu kanak-kanak"),
        ("ms", "Hubungan", "re:^\\s*Hubungan\\s*$"),
        ("ms", "Ambil masa anda.", "Ambil masa anda"),
        ("id", "Sebuah kantor memutuskan.", "sebuah kantor"),
        ("id", "Cetak kertas hak-hak", "kertas hak"),
    ],
)
def test_terms_the_review_quoted_are_reported(code: str, text: str, term: str) -> None:
    rules = RULES.language(code)
    assert [a.term for a in rules.avoid if a.markers.find(rules.masked(text))] == [term]


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("vi", "Quan hệ tình dục hoặc làm các hành vi tình dục để lấy tiền hoặc cho người khác"),
        ("ms", "Pegawai perlindungan kanak-kanak akan diberitahu."),
        ("ms", "Maklumat hubungan"),  # the contacts title as it should read
        ("id", "Cetak lembar informasi hak"),
    ],
)
def test_the_wording_that_replaces_them_passes(code: str, text: str) -> None:
    rules = RULES.language(code)
    assert [a.term for a in rules.avoid if a.markers.find(rules.masked(text))] == []


def test_consent_asked_as_ability_and_promises_in_vi_id_ms(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    extract(root, languages=["id", "ms"])
    _translate(
        root,
        "ms",
        {
            # the review's quote: "can you talk", to anyone, with the child's "kamu"
            "flow:tiny:talk:neutral_text": "Bolehkah kamu bercakap dengan kami sekarang?",
            "flow:tiny:talk:text": "Adakah anda setuju untuk bercakap dengan kami sekarang?",
            "flow:tiny:notes:text": "Bolehkah kami mencatat jawapan anda?",  # "may we": consent
        },
    )
    _translate(
        root,
        "vi",
        {
            "flow:tiny:talk:neutral_text": "Bạn có thể nói chuyện với chúng tôi bây giờ không?",
            "flow:tiny:talk:text": "Bạn có đồng ý nói chuyện với chúng tôi bây giờ không?",
        },
    )
    _translate(
        root,
        "id",
        {
            "flow:tiny:talk:text": "Apakah Anda bisa berbicara dengan kami sekarang?",
            "flow:tiny:talk:child_text": "Apakah kamu setuju bicara dengan kami sekarang?",
            # "you will get a break" where the English says "you can take a break"
            "flow:tiny:bye:text": "Terima kasih. Anda akan mendapat waktu istirahat.",
        },
    )
    ms = lint(["ms"], root=root, rules=RULES)
    assert _kinds(ms, "flow:tiny:talk:neutral_text") == {
        Kind.CONSENT_AS_ABILITY,
        Kind.CHILD_WORD_FOR_ANYONE,
    }
    assert _kinds(ms, "flow:tiny:talk:text") == set()
    assert _kinds(ms, "flow:tiny:notes:text") == set()
    vi = lint(["vi"], root=root, rules=RULES)
    assert _kinds(vi, "flow:tiny:talk:neutral_text") == {Kind.CONSENT_AS_ABILITY}
    assert _kinds(vi, "flow:tiny:talk:text") == set()
    indonesian = lint(["id"], root=root, rules=RULES)
    assert _kinds(indonesian, "flow:tiny:talk:text") == {Kind.CONSENT_AS_ABILITY}
    assert _kinds(indonesian, "flow:tiny:talk:child_text") == set()
    assert _kinds(indonesian, "flow:tiny:bye:text") == {Kind.PROMISE}


def test_the_shipped_vi_id_ms_catalogs_have_no_lint_findings() -> None:
    report = lint(["vi", "id", "ms"])
    assert [str(f) for f in report.findings] == []


_QUOTED = re.compile(r"\"([^\"]+)\"")


# fil, zh, bn and ar too (tr-c): fil, bn and ar quoted other words than their buttons.
@pytest.mark.parametrize("code", ["vi", "id", "ms", "fil", "zh", "bn", "ar"])
def test_a_button_named_in_a_sentence_is_named_as_the_button_reads(code: str) -> None:
    """'Press "I'd rather not say"': the quoted words are the button's own translation, or the
    person looks for a button that is not there."""
    root = paths.resource_root()
    catalog = read_catalog(root / "translations" / f"{code}.po", code)
    buttons = {m.id: m.string for m in catalog if m.context == UI_CONTEXT and m.string}
    checked, wrong = 0, []
    for message in catalog:
        if message.context == UI_CONTEXT or not message.string:
            continue
        for label in _QUOTED.findall(message.id):
            if label in buttons:
                checked += 1
                if buttons[label] not in message.string:
                    wrong.append(f"{message.context}: {buttons[label]!r} not in {message.string!r}")
    assert checked >= 4  # welcome_choice and welcome_no_wrong, adult and child
    assert wrong == []
