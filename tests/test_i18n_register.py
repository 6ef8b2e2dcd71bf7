"""Register in the catalogs: adult, child and before-the-age wording are separate entries, the
screen asks for the reader's own, and extraction seeds new entries from what the reader saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.flow_loader import load_flow
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs
from kiosk.core.i18n.extract import extract, read_catalog, write_catalog
from kiosk.core.i18n.lint import Kind, lint
from kiosk.core.i18n.lint_rules import load_rules
from kiosk.core.i18n.register import Register, screen_register
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.ui.presenter import question_view

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
    text: Welcome. We are glad you came.
    child_text: Hello. We are glad you came.
  - id: age
    kind: question
    type: age
    text: How old are you?
  - id: forced
    kind: question
    type: single_choice
    text: Did anyone make you go?
    help: You can choose "I'd rather not say".
    options:
      - value: yes_made
        text: Yes, someone made me go
      - value: not_made
        text: Nobody
  - id: bye
    kind: end
    text: Thank you.
"""

RULES = load_rules(Path(__file__).resolve().parents[1] / "translations" / "lint-rules.yaml")

# Vietnamese: bạn for an adult, em for a child, no pronoun before the age is known.
_VI = {
    "flow:tiny:hello:text": "Chào bạn. Chúng tôi rất vui vì bạn đã đến.",
    "flow:tiny:hello:child_text": "Chào em. Chúng tôi rất vui vì em đã đến.",
    "flow:tiny:hello:neutral_text": "Xin chào. Chúng tôi rất vui được gặp.",
    "flow:tiny:age:text": "Bạn bao nhiêu tuổi?",
    "flow:tiny:age:child_text": "Em bao nhiêu tuổi?",
    "flow:tiny:age:neutral_text": "Xin cho biết tuổi.",
    "flow:tiny:forced:text": "Có ai bắt bạn đi không?",
    "flow:tiny:forced:child_text": "Có ai bắt em đi không?",
    "flow:tiny:forced:help": 'Bạn có thể chọn "Tôi không muốn nói".',
    "flow:tiny:forced:child_help": 'Em có thể chọn "Tôi không muốn nói".',
    "flow:tiny:forced.yes_made:text": "Có, có người bắt tôi đi",
    "flow:tiny:forced.yes_made:child_text": "Có, có người bắt em đi",
}


def _root(tmp_path: Path) -> Path:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "tiny.yaml").write_text(_FLOW, encoding="utf-8")
    extract(tmp_path, languages=["vi"])
    return tmp_path


def _po(root: Path) -> Path:
    return root / "translations" / "vi.po"


def _set(root: Path, translations: dict[str, str]) -> None:
    catalog = read_catalog(_po(root))
    for message in catalog:
        if message.context in translations:
            message.string = translations[message.context]
            message.flags.add("fuzzy")
    write_catalog(catalog, _po(root))


def _entries(root: Path) -> dict[str, tuple[str, str, bool]]:
    """context -> (English, translation, draft) of every entry in the Vietnamese catalog."""
    return {m.context: (m.id, m.string, m.fuzzy) for m in read_catalog(_po(root)) if m.context}


def test_every_register_a_reader_can_see_has_its_own_entry(tmp_path: Path) -> None:
    entries = _entries(_root(tmp_path))
    # Before the age: all three (Back brings hello and age again once the path is known).
    for field in ("hello:text", "hello:child_text", "hello:neutral_text", "age:neutral_text"):
        assert f"flow:tiny:{field}" in entries, field
    assert entries["flow:tiny:hello:neutral_text"][0] == "Hello. We are glad you came."
    # After the age: adult and child only, the child's with the adult English when the flow
    # has no child wording (a child still needs the child's form of address).
    assert entries["flow:tiny:forced:child_help"][0] == 'You can choose "I\'d rather not say".'
    assert entries["flow:tiny:forced.yes_made:child_text"][0] == "Yes, someone made me go"
    assert "flow:tiny:forced:neutral_text" not in entries
    assert "flow:tiny:bye:neutral_text" not in entries


def _session(flow_path: Path) -> InterviewSession:
    return InterviewSession.start(Store.in_memory(), load_flow(flow_path), "vi")


@pytest.mark.parametrize(("age", "register"), [(34, "text"), (12, "child_text")])
def test_the_screen_shows_the_readers_own_wording(tmp_path: Path, age: int, register: str) -> None:
    root = _root(tmp_path)
    _set(root, _VI)
    loc = CatalogLocalizer(Catalogs(root / "translations"))
    session = _session(root / "flows" / "tiny.yaml")
    flow = session.flow

    def shown() -> str:
        return question_view(loc, flow, session.screen(), "vi").text

    assert session.screen().register is Register.NEUTRAL
    assert shown() == _VI["flow:tiny:hello:neutral_text"]
    session.proceed()
    assert shown() == _VI["flow:tiny:age:neutral_text"]
    session.answer(age)
    view = question_view(loc, flow, session.screen(), "vi")
    help_field = register.replace("text", "help")
    assert view.text == _VI[f"flow:tiny:forced:{register}"]
    assert view.help == _VI[f"flow:tiny:forced:{help_field}"]
    assert view.choices[0].text == _VI[f"flow:tiny:forced.yes_made:{register}"]
    assert view.text_key == f"flow:tiny:forced:{register}"
    session.back()  # the age question again: now the path's wording, not the neutral one
    assert shown() == _VI[f"flow:tiny:age:{register}"]


def test_a_missing_register_entry_falls_back_to_what_that_reader_saw_before(
    tmp_path: Path,
) -> None:
    root = _root(tmp_path)
    _set(root, {k: v for k, v in _VI.items() if not k.endswith(("neutral_text", "child_help"))})
    loc = CatalogLocalizer(Catalogs(root / "translations"))
    session = _session(root / "flows" / "tiny.yaml")
    first = question_view(loc, session.flow, session.screen(), "vi")
    assert (first.text, first.status) == (_VI["flow:tiny:hello:child_text"], "draft")
    session.proceed()
    session.answer(12)
    child = question_view(loc, session.flow, session.screen(), "vi")
    assert child.help == _VI["flow:tiny:forced:help"]  # no child entry: the adult one


def test_screen_register_is_neutral_until_the_age_is_known() -> None:
    assert screen_register(age_known=False, child=True) is Register.NEUTRAL
    assert screen_register(age_known=True, child=True) is Register.CHILD
    assert screen_register(age_known=True, child=False) is Register.ADULT


def test_extract_seeds_new_entries_and_the_lint_shows_the_wrong_register(
    tmp_path: Path,
) -> None:
    root = _root(tmp_path)
    # A catalog as it was before separate entries: adult entries, and child entries for the
    # flow's child wording (which readers before the age saw).
    _set(
        root,
        {
            "flow:tiny:hello:child_text": "Chào em. Chúng tôi rất vui vì em đã đến.",
            "flow:tiny:forced:help": 'Bạn có thể chọn "Tôi không muốn nói".',
        },
    )
    catalog = read_catalog(_po(root))
    for context in ("flow:tiny:hello:neutral_text", "flow:tiny:forced:child_help"):
        message = next(m for m in catalog if m.context == context)
        message.string = ""
        message.flags.discard("fuzzy")
    write_catalog(catalog, _po(root))
    extract(root, languages=["vi"])
    entries = _entries(root)
    neutral = entries["flow:tiny:hello:neutral_text"]
    assert neutral[1:] == ("Chào em. Chúng tôi rất vui vì em đã đến.", True)  # seeded, draft
    assert entries["flow:tiny:forced:child_help"][1:] == (_VI["flow:tiny:forced:help"], True)
    report = lint(["vi"], root=root, rules=RULES)
    kinds = {(f.context, f.kind) for f in report.findings}
    assert ("flow:tiny:hello:neutral_text", Kind.CHILD_WORD_FOR_ANYONE) in kinds
    assert ("flow:tiny:forced:child_help", Kind.ADULT_WORD_FOR_CHILD) in kinds
    assert ("flow:tiny:hello:child_text", Kind.CHILD_WORD_FOR_ANYONE) not in kinds
    # A translator's own wording is never overwritten by a later extract.
    _set(root, {"flow:tiny:forced:child_help": _VI["flow:tiny:forced:child_help"]})
    extract(root, languages=["vi"])
    assert _entries(root)["flow:tiny:forced:child_help"][1] == _VI["flow:tiny:forced:child_help"]


_SECTIONED_FLOW = """\
format: 1
flow: parts
version: 1
title: Parts
age_question: age
start: s_start
nodes:
  - id: s_start
    kind: section
    title: About today
  - id: age
    kind: question
    type: age
    text: How old are you?
  - id: s_young
    kind: section
    title: About you
  - id: carer
    kind: question
    type: yes_no
    when: child
    text: Is someone looking after you now?
  - id: s_grown
    kind: section
    title: Your work
  - id: paid
    kind: question
    type: yes_no
    when: not child
    text: Were you paid?
  - id: s_end
    kind: section
    title: What happens next
  - id: bye
    kind: end
    text: Thank you.
"""


def test_a_section_title_is_read_by_whoever_sees_the_screens_under_it(tmp_path: Path) -> None:
    """A title over child-only screens is child wording (the lint must not ask it to suit an
    adult); one over adult-only screens is adult wording; one seen before the age is known, or by
    both, must suit anyone."""
    from kiosk.core.i18n.extract import flow_strings

    path = tmp_path / "parts.yaml"
    path.write_text(_SECTIONED_FLOW, encoding="utf-8")
    titles = {
        s.context.split(":")[2]: s.registers
        for s in flow_strings(load_flow(path))
        if s.context.endswith(":title")
    }
    assert titles == {
        "s_start": frozenset({Register.NEUTRAL}),
        "s_young": frozenset({Register.CHILD}),
        "s_grown": frozenset({Register.ADULT}),
        "s_end": frozenset({Register.NEUTRAL}),
    }
