"""`kiosk i18n lint`: each class of defect a native review found is caught, and the shipped
catalogs get no worse than the recorded baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.errors import ContentError
from kiosk.core.i18n.extract import collect, extract, read_catalog, write_catalog
from kiosk.core.i18n.languages import TRANSLATED
from kiosk.core.i18n.lint import (
    BASELINE_NAME,
    Kind,
    above_baseline,
    english_left,
    lint,
    read_baseline,
    write_baseline,
)
from kiosk.core.i18n.lint_rules import load_rules
from kiosk.core.i18n.register import Register

# A flow with a part before the age question, a child-only node, an adult-only node, a node
# both see, and a consent question.
_FLOW = """\
format: 1
flow: tiny
version: 1
title: Tiny
age_question: age
start: hello
nodes:
  - id: hello
    kind: info
    text: Hello. We are glad you came.
    child_text: Hello. We are glad you came.
  - id: talk
    kind: question
    type: yes_no
    consent: talk
    text: Do you agree to talk with us now?
    child_text: Do you agree to talk with us now?
  - id: age
    kind: question
    type: age
    text: How old are you?
    child_text: How old are you?
    help: If you are not sure, choose "I don't know".
  - id: school
    kind: question
    type: yes_no
    when: child
    text: Do you go to school?
    child_text: Do you go to school?
  - id: notes
    kind: question
    type: yes_no
    consent: notes
    text: May we keep notes of your answers?
    child_text: May we write down what you say?
  - id: forced
    kind: question
    type: yes_no
    text: Did anyone make you go when you did not want to?
    child_text: Did anyone make you go when you did not want to?
    help: You can choose "I'd rather not say".
  - id: adult_only
    kind: question
    type: yes_no
    when: not child
    text: Did you sign a contract?
    child_text: Did you sign a contract?
  - id: bye
    kind: end
    text: Thank you. You can take a break at any time.
    child_text: Thank you.
"""

RULES = load_rules(Path(__file__).resolve().parents[1] / "translations" / "lint-rules.yaml")


def _tree(root: Path, flow: str = _FLOW) -> Path:
    (root / "flows").mkdir(parents=True)
    (root / "flows" / "tiny.yaml").write_text(flow, encoding="utf-8")
    (root / "kiosk" / "ui").mkdir(parents=True)
    (root / "kiosk" / "ui" / "screen.py").write_text(
        "def build(loc):\n    loc.ui('&Save')\n    loc.ui('Volume {level}')\n", encoding="utf-8"
    )
    extract(root, languages=["vi", "th", "fil"])
    return root


def _translate(root: Path, code: str, translations: dict[str, str], comment: str = "") -> None:
    path = root / "translations" / f"{code}.po"
    catalog = read_catalog(path)
    for message in catalog:
        key = message.context if message.context != "ui" else f"ui|{message.id}"
        if key in translations:
            message.string = translations[key]
            message.flags.add("fuzzy")
            if comment:
                message.user_comments.append(comment)
    write_catalog(catalog, path)


# Vietnamese as the review found it, and as it should be.
_VI_BAD = {
    "flow:tiny:hello:text": "Xin chào. Chúng tôi rất vui vì bạn đã đến.",
    "flow:tiny:hello:neutral_text": "Chào em. Chúng tôi rất vui vì em đã đến.",  # pre-age: em
    "flow:tiny:hello:child_text": "Chào em. Chúng tôi rất vui vì em đã đến.",  # a child: right
    "flow:tiny:talk:text": "Bạn có đồng ý nói chuyện với chúng tôi không?",
    "flow:tiny:talk:neutral_text": "Bạn có đồng ý nói chuyện với chúng tôi không?",
    "flow:tiny:age:neutral_help": 'Nếu em không chắc, hãy chọn "Tôi không biết".',  # pre-age
    "flow:tiny:forced:help": 'Em có thể chọn "Tôi không muốn nói".',  # adults read it too
    "flow:tiny:school:text": "Em có đi học không?",  # child-only node: right
    "flow:tiny:school:child_text": "Em có đi học không?",
    "flow:tiny:forced:text": "Có ai bắt em đi khi em không muốn không?",  # adult gets em
    "flow:tiny:forced:child_text": "Có ai bắt em đi khi em không muốn không?",  # one for both
    "flow:tiny:adult_only:child_text": "Em có ký hợp đồng không?",  # never shown: no finding
    "flow:tiny:bye:text": "Cảm ơn. Bạn có thể nghỉ bất cứ lúc nào.",
    "flow:tiny:bye:child_text": "Cảm ơn bạn.",  # a child addressed as an adult
    "ui|&Save": "&Lưu",
    "ui|Volume {level}": "Âm lượng {level}",
}


def _kinds(report, context: str) -> set[Kind]:
    return {f.kind for f in report.findings if f.context == context}


def test_register_defects_are_found_where_the_review_found_them(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _translate(root, "vi", _VI_BAD)
    report = lint(["vi"], root=root, rules=RULES)
    assert _kinds(report, "flow:tiny:hello:neutral_text") == {Kind.CHILD_WORD_FOR_ANYONE}
    assert _kinds(report, "flow:tiny:age:neutral_help") == {Kind.CHILD_WORD_FOR_ANYONE}
    assert _kinds(report, "flow:tiny:forced:help") == {Kind.CHILD_WORD_FOR_ADULT}
    assert _kinds(report, "flow:tiny:forced:text") == {Kind.CHILD_WORD_FOR_ADULT}
    assert _kinds(report, "flow:tiny:forced:child_text") == {Kind.SHARED_ADULT_CHILD}
    assert _kinds(report, "flow:tiny:bye:child_text") == {Kind.ADULT_WORD_FOR_CHILD}
    clean_entries = ("hello:text", "hello:child_text", "talk:text", "talk:neutral_text")
    for clean in (*clean_entries, "school:text", "school:child_text", "bye:text"):
        assert _kinds(report, f"flow:tiny:{clean}") == set(), clean
    assert _kinds(report, "flow:tiny:adult_only:child_text") == set()  # no screen shows it
    message = next(f for f in report.findings if f.context == "flow:tiny:forced:text")
    assert "'em'" in message.message and message.line > 0 and message.file.endswith("vi.po")


def test_the_corrected_catalog_is_clean(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    good = dict(_VI_BAD)
    good.update(
        {
            "flow:tiny:hello:neutral_text": "Xin chào. Chúng tôi rất vui vì bạn đã đến.",
            "flow:tiny:age:neutral_help": 'Nếu không chắc, hãy chọn "Tôi không biết".',
            "flow:tiny:forced:help": 'Có thể chọn "Tôi không muốn nói".',
            "flow:tiny:forced:text": "Có ai bắt bạn đi khi bạn không muốn không?",
            "flow:tiny:bye:child_text": "Cảm ơn em.",
        }
    )
    _translate(root, "vi", good)
    assert lint(["vi"], root=root, rules=RULES).findings == []


def test_consent_asked_as_ability_and_a_promise_are_found(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _translate(
        root,
        "th",
        {
            "flow:tiny:talk:neutral_text": "คุณคุยกับเราตอนนี้ได้ไหม",  # "can you talk" (ability)
            "flow:tiny:notes:text": "เราขอจดบันทึกคำตอบของคุณได้ไหม",  # "may we": asks consent
            "flow:tiny:bye:text": "ขอบคุณ คุณจะได้รับการพักเมื่อไรก็ได้",  # "you will get"
        },
    )
    report = lint(["th"], root=root, rules=RULES)
    assert _kinds(report, "flow:tiny:talk:neutral_text") == {Kind.CONSENT_AS_ABILITY}
    assert _kinds(report, "flow:tiny:notes:text") == set()
    # ขอบคุณ (thank you) holds คุณ but is not a form of address; จะได้รับ is a promise.
    assert _kinds(report, "flow:tiny:bye:text") == {Kind.PROMISE}


def test_hygiene_english_left_and_terms_to_avoid(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _translate(
        root,
        "fil",
        {
            "ui|&Save": "I-save",  # the '&' shortcut marker is lost
            "flow:tiny:hello:text": "Kumusta. Natutuwa kaming dumating kayo.",
            "flow:tiny:talk:text": "Pumapayag ba kayong makipag-usap? {name}",  # a new placeholder
            "flow:tiny:bye:text": "Salamat. Maaari kayong mag-take a break sa tagatulong.",
        },
        comment='| summary aloud" " with the person."',
    )
    report = lint(["fil"], root=root, rules=RULES)
    kinds = {f.kind for f in report.findings}
    assert {Kind.MARKUP, Kind.PLACEHOLDER, Kind.STRAY_COMMENT, Kind.AVOID_TERM} <= kinds
    assert _kinds(report, "flow:tiny:bye:text") == {
        Kind.ENGLISH_LEFT,
        Kind.AVOID_TERM,
        Kind.STRAY_COMMENT,
    }
    assert set(report.hygiene()) == {
        f for f in report.findings if f.kind in (Kind.MARKUP, Kind.PLACEHOLDER, Kind.STRAY_COMMENT)
    }


@pytest.mark.parametrize(
    ("code", "source", "translation", "left"),
    [
        (
            "fil",
            "Contact child protection now.",
            "Tawagan ang child protection ngayon.",
            ["child protection"],
        ),
        ("fil", "Shelter", "Shelter", ["Shelter"]),
        ("fil", "Send the PDF to {name}.", "Ipadala ang PDF kay {name}.", []),
        ("id", "Volume {level}", "Volume {level}", []),  # the same word in Indonesian
        ("km", "Save as JSON or PDF file", "រក្សាទុកជា JSON ឬ PDF file", ["file"]),
        ("th", "Take a break", "พักก่อน", []),
    ],
)
def test_english_left(code: str, source: str, translation: str, left: list[str]) -> None:
    keep = RULES.keep_in_english | RULES.language(code).keep_in_english
    assert english_left(code, source, translation, keep) == left


def test_registers_follow_the_flow(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    registers = {s.context: s.registers for s in collect(root)}
    anyone, child = frozenset({Register.NEUTRAL}), frozenset({Register.CHILD})
    adult = frozenset({Register.ADULT})
    # Each entry has one reader; a screen before the age has all three (Back, once it is known).
    for field in ("text", "help"):
        assert registers[f"flow:tiny:age:neutral_{field}"] == anyone  # before the age
        assert registers[f"flow:tiny:age:child_{field}"] == child  # after Back, a child
        assert registers[f"flow:tiny:age:{field}"] == adult
    assert registers["flow:tiny:hello:neutral_text"] == anyone
    assert registers["flow:tiny:school:child_text"] == child
    assert registers["flow:tiny:school:text"] == frozenset()  # child-only: never shown
    assert "flow:tiny:school:neutral_text" not in registers  # never before the age
    assert registers["flow:tiny:forced:text"] == adult
    assert registers["flow:tiny:forced:child_help"] == child  # same English, its own entry
    assert "flow:tiny:bye:neutral_text" not in registers


def test_every_language_has_rules_and_the_rules_file_is_checked(tmp_path: Path) -> None:
    assert set(RULES.languages) == set(TRANSLATED)
    for code in ("vi", "th", "bn", "id", "ms", "km", "fil", "zh", "lo"):
        assert RULES.language(code).child.words and RULES.language(code).adult.words, code
    broken = tmp_path / "lint-rules.yaml"
    broken.write_text(
        "format: 1\nlanguages:\n  th:\n    words: unspaced\n    child_markers: ['re:(']\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"lint-rules.yaml:5: bad pattern"):
        load_rules(broken)
    broken.write_text("format: 1\nlanguages:\n  xx: {}\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown language 'xx'"):
        load_rules(broken)


def test_shipped_catalogs_are_clean_of_hygiene_and_not_worse_than_the_baseline(
    repo_root: Path,
) -> None:
    report = lint()
    assert report.hygiene() == [], "\n".join(str(f) for f in report.hygiene())
    rises = above_baseline(report, read_baseline(repo_root / "translations" / BASELINE_NAME))
    assert rises == [], "\n".join(rises)


def test_baseline_round_trip_and_a_rise_is_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    _translate(root, "vi", _VI_BAD)
    report = lint(["vi"], root=root, rules=RULES)
    baseline = tmp_path / "baseline.json"
    write_baseline(report, baseline)
    assert above_baseline(report, read_baseline(baseline)) == []
    fewer = read_baseline(baseline)
    count = fewer["vi"][Kind.CHILD_WORD_FOR_ADULT.value]
    fewer["vi"][Kind.CHILD_WORD_FOR_ADULT.value] -= 1
    assert above_baseline(report, fewer) == [
        f"vi: {count} child-word-for-adult finding(s), baseline allows {count - 1}"
    ]


def test_lint_command(capsys: pytest.CaptureFixture[str], repo_root: Path) -> None:
    baseline = str(repo_root / "translations" / BASELINE_NAME)
    assert main(["i18n", "lint", "--lang", "th", "--summary", "--baseline", baseline]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["lang", "child>adult", "child>any"]
    assert out[1].split()[0] == "th"
    assert main(["i18n", "lint", "--lang", "xx"]) == 1
    assert "Unknown language 'xx'" in capsys.readouterr().err


def test_a_sentence_names_a_button_as_the_button_reads(tmp_path: Path) -> None:
    """'You can choose "I'd rather not say"': when the quoted words are not the button's own
    translation, the person looks for a button that is not there."""
    root = tmp_path
    (root / "flows").mkdir()
    (root / "flows" / "tiny.yaml").write_text(_FLOW, encoding="utf-8")
    (root / "kiosk" / "ui").mkdir(parents=True)
    (root / "kiosk" / "ui" / "answers.py").write_text(
        'def build(loc):\n    loc.ui("I\'d &rather not say")\n    loc.ui("I don\'t know")\n',
        encoding="utf-8",
    )
    extract(root, languages=["vi"])
    button = {"ui|I'd &rather not say": "Tôi &không muốn nói", "ui|I don't know": "Tôi không biết"}
    _translate(
        root,
        "vi",
        {
            **button,
            "flow:tiny:forced:help": 'Bạn có thể chọn "Tôi không muốn trả lời".',  # not the button
            "flow:tiny:age:help": 'Nếu bạn không chắc, hãy chọn "Tôi không biết".',  # the button
        },
    )
    report = lint(["vi"], root=root, rules=RULES)
    named = [f for f in report.findings if f.kind is Kind.BUTTON_NAME]
    assert [f.context for f in named] == ["flow:tiny:forced:help"]
    assert "Tôi không muốn nói" in named[0].message  # shown as it reads, without the '&'
