"""Readability of the source-language text a person reads or hears.

Limits, and why:
- Rights summary: at most 15 words per sentence (the issue's plain-language target) and at
  most two sentences per section, so each right can be read aloud in one breath.
- Flow text the person sees (info, questions, answer options, help, end screens): the same
  15 words per sentence. People may be exhausted, frightened, reading a second language or
  listening to a synthetic voice; short sentences also translate and interpret more faithfully.
- Child wording: at most 12 words per sentence, and shorter on average than the adult wording.
- A question is one sentence with one question mark: one idea per screen.
- Averages: at most 10 words per sentence over each body of text.
Staff-only text (staff checks, staff notes, interpreter notes) is not held to these limits.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.content import load_rights
from kiosk.core.flow import Flow, Node
from kiosk.core.flow_loader import load_flow
from kiosk.core.flow_paths import decide

REPO = Path(__file__).resolve().parent.parent
FLOW_FILE = REPO / "flows" / "identification.yaml"

MAX_WORDS = 15
MAX_CHILD_WORDS = 12
MAX_MEAN_WORDS = 10.0
MAX_RIGHTS_SENTENCES = 2

WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d]?\s+")

Text = tuple[str, str]  # (where, text)


def sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [part for part in SENTENCE_END.split(flat) if WORD.search(part)]


def words(sentence: str) -> int:
    return len(WORD.findall(sentence))


def shown_to_children(node: Node) -> bool:
    """False for nodes the child path never shows (`when: not child ...`)."""
    return node.when is None or decide(node.when.tree, {"child": True}) is not False


def flow_texts(flow: Flow, child: bool) -> Iterator[Text]:
    """Person-facing wording of the flow: adult (text, help, options) or child wording."""
    for node in flow.nodes:
        if node.kind not in ("info", "question", "end"):
            continue
        if child and not shown_to_children(node):
            continue
        if child:
            if node.child_text:
                yield f"{node.id}.child_text", node.child_text
            for option in node.options:
                yield f"{node.id}.{option.value}", option.child_text or option.text
        else:
            yield f"{node.id}.text", node.text
            if node.help:
                yield f"{node.id}.help", node.help
            for option in node.options:
                yield f"{node.id}.{option.value}", option.text


def sentence_lengths(texts: list[Text]) -> list[tuple[int, str, str]]:
    return [(words(s), where, s) for where, text in texts for s in sentences(text)]


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(FLOW_FILE)


def test_sentence_splitter_and_word_count() -> None:
    # The checker itself must count the way a reader would.
    assert sentences('There are no wrong answers. You can say "I don\'t know".') == [
        "There are no wrong answers.",
        'You can say "I don\'t know".',
    ]
    assert words("Don't worry, it's a 9-to-5 job.") == 6
    assert sentences("One. Two? Three!") == ["One.", "Two?", "Three!"]


@pytest.mark.parametrize(("child", "limit"), [(False, MAX_WORDS), (True, MAX_CHILD_WORDS)])
def test_flow_sentences_are_short(flow: Flow, child: bool, limit: int) -> None:
    lengths = sentence_lengths(list(flow_texts(flow, child)))
    assert len(lengths) > 100
    too_long = [(n, where, s) for n, where, s in lengths if n > limit]
    assert too_long == []
    assert statistics.mean(n for n, _, _ in lengths) <= MAX_MEAN_WORDS


def test_child_wording_is_not_longer_than_adult_wording(flow: Flow) -> None:
    adult = statistics.mean(n for n, _, _ in sentence_lengths(list(flow_texts(flow, False))))
    child = statistics.mean(n for n, _, _ in sentence_lengths(list(flow_texts(flow, True))))
    assert child <= adult


def test_each_question_is_one_question(flow: Flow) -> None:
    for node in flow.nodes:
        if node.kind != "question":
            continue
        for text in filter(None, (node.text, node.child_text)):
            assert len(sentences(text)) == 1, node.id
            assert text.count("?") == (0 if node.type == "free_text" else 1), node.id
            assert words(text) <= MAX_WORDS, node.id


def test_rights_sentences_are_short() -> None:
    sections = load_rights(REPO / "content")
    for section in sections:
        for field, limit in (("text", MAX_WORDS), ("child_text", MAX_CHILD_WORDS)):
            parts = sentences(getattr(section, field))
            assert 1 <= len(parts) <= MAX_RIGHTS_SENTENCES, (section.id, field)
            assert max(words(part) for part in parts) <= limit, (section.id, field)
        assert words(section.title) <= 8 and words(section.child_title) <= 8, section.id
    for field in ("text", "child_text"):
        lengths = [words(s) for section in sections for s in sentences(getattr(section, field))]
        assert statistics.mean(lengths) <= MAX_MEAN_WORDS
