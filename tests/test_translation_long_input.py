"""Translation never drops text: long run-on input, and Thai and Khmer written without spaces or
sentence punctuation, come back whole through the real model code (a tiny real model)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.translation import IncompleteTranslation, TranslationWorker, Translator, models
from kiosk.core.translation import translator as translator_module
from kiosk.core.translation.pieces import MAX_PIECE_CHARS, bounded_pieces
from tests.fixtures.tiny_argos import TinyFactory

# 400 characters, one sentence, no full stop (the audit's 353-character answer came back as 255).
RUN_ON = (
    "i worked on a fishing boat for three years and they never paid me and the boss kept my "
    "passport and said that i owed him money for the journey and for the food and for the bed "
    "and i could not leave because we were always far out at sea and when we came to port "
    "they locked us in a room near the harbour and nobody there spoke my language and i was "
    "afraid all the time and i wanted to go home to my family"
)[:400]
# Thai and Khmer: the same kind of answer, no spaces, no sentence punctuation.
THAI = (
    "ฉันทำงานบนเรือประมงเป็นเวลาสามปีและไม่ได้รับค่าจ้างเลยนายจ้างเก็บหนังสือเดินทางของฉันไว้"
    "และบอกว่าฉันเป็นหนี้เขามากฉันไม่สามารถออกจากเรือได้เพราะเราอยู่กลางทะเลตลอดเวลา"
    "ฉันกลัวมากและอยากกลับบ้านไปหาครอบครัวของฉันที่อยู่ในประเทศกัมพูชา"
    "เมื่อเรือเข้าฝั่งพวกเขาขังเราไว้ในห้องใกล้ท่าเรือและไม่มีใครพูดภาษาของฉันได้"
    "ฉันไม่รู้ว่าจะขอความช่วยเหลือจากใครและฉันไม่มีเงินและไม่มีโทรศัพท์"
)
KHMER = (
    "ខ្ញុំធ្វើការនៅលើទូកនេសាទអស់រយៈពេលបីឆ្នាំហើយមិនបានទទួលប្រាក់ឈ្នួលទេថៅកែបានយកលិខិតឆ្លងដែន"
    "របស់ខ្ញុំហើយនិយាយថាខ្ញុំជំពាក់គាត់ច្រើនខ្ញុំមិនអាចចាកចេញពីទូកបានទេព្រោះយើងនៅកណ្តាលសមុទ្រ"
    "ជានិច្ចខ្ញុំខ្លាចណាស់ហើយចង់ត្រឡប់ទៅផ្ទះវិញនៅពេលទូកចូលកំពង់ផែពួកគេបានចាក់សោយើងនៅក្នុងបន្ទប់"
    "ក្បែរកំពង់ផែហើយគ្មាននរណាម្នាក់និយាយភាសារបស់ខ្ញុំទេខ្ញុំមិនដឹងថាត្រូវសុំជំនួយពីអ្នកណាទេ"
)


def tagged(char: str) -> str:
    """Maps letters of the model's alphabet (upper-cases them); other scripts pass through."""
    return char.upper()


def squeeze(text: str) -> str:
    return "".join(text.split())


def test_inputs_are_long_enough_to_have_been_cut() -> None:
    assert len(RUN_ON) == 400 and "." not in RUN_ON
    # The tiny model's tokens are characters: each text is more than CTranslate2's default
    # 256-token output limit, which cut the audit's answer.
    assert len(THAI) > 300 and " " not in THAI
    assert len(KHMER) > 300 and " " not in KHMER


def test_a_400_character_run_on_sentence_comes_back_whole(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    result = Translator().translate_in_full(RUN_ON, "en", "xx")
    assert result.complete
    assert result.text == RUN_ON.upper()


@pytest.mark.parametrize(("code", "text"), [("th", THAI), ("km", KHMER)])
def test_thai_and_khmer_without_spaces_come_back_whole(
    tiny_argos_factory: TinyFactory, code: str, text: str
) -> None:
    # The model knows each Thai or Khmer letter as a token: more input tokens than CTranslate2's
    # default output limit (256), so argos' own call returned only the first 256 of them.
    models.install_model(tiny_argos_factory(code, "en", tagged, text))
    result = Translator().translate_in_full(text, code, "en")
    assert result.complete
    # The pieces are cut at word edges; the translation may put a space at a cut.
    assert squeeze(result.text) == text
    assert len(bounded_pieces(text)) >= 2


def test_the_person_s_words_through_the_worker_and_the_command(
    tiny_argos_factory: TinyFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    models.install_model(tiny_argos_factory("km", "en", tagged, KHMER))
    worker = TranslationWorker(Translator(), synchronous=True)
    result = worker.submit(KHMER, "km", "en", personal=True).result()
    assert result.complete and squeeze(result.text or "") == KHMER

    assert main(["translate", "--from", "km", "--to", "en", "--json", KHMER]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["complete"] is True and squeeze(record["text"]) == KHMER


def test_pieces_are_bounded_cut_at_word_edges_and_lose_nothing() -> None:
    for text in (" ".join([RUN_ON] * 3), THAI * 3, KHMER * 3):
        pieces = bounded_pieces(text)
        assert all(len(piece) <= MAX_PIECE_CHARS for piece in pieces)
        assert squeeze("".join(pieces)) == squeeze(text)
    # Khmer: never a cut inside a stacked consonant (a coeng U+17D2 ends no piece, starts none).
    for piece in bounded_pieces(KHMER * 3):
        assert not piece.endswith("\u17d2") and not piece.startswith("\u17d2")
    # English: cut at spaces, so every piece is whole words.
    words = set(RUN_ON.split())
    assert all(set(piece.split()) <= words for piece in bounded_pieces(" ".join([RUN_ON] * 3)))


@pytest.fixture
def short_output_limit(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """A model that cannot finish: the output limit made smaller than the input (as a model that
    loops or rambles would reach it), to see what the reader is told."""

    def apply() -> None:
        monkeypatch.setattr(translator_module, "OUTPUT_TOKENS_PER_INPUT", 0)
        monkeypatch.setattr(translator_module, "OUTPUT_TOKENS_MARGIN", 5)

    return apply


def test_a_part_the_model_cannot_finish_is_kept_and_said(
    tiny_argos_model: Path,
    short_output_limit: Callable[[], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    models.install_model(tiny_argos_model)
    short_output_limit()
    translator = Translator()
    result = translator.translate_in_full("ok. this sentence is too long for it.", "en", "xx")
    assert result.untranslated == ("this sentence is too long for it.",)
    assert result.text == "OK. this sentence is too long for it."  # kept, in the original
    with pytest.raises(IncompleteTranslation) as raised:
        translator.translate("this sentence is too long for it.", "en", "xx")
    assert "could not be machine-translated" in raised.value.message
    assert "sentence" not in raised.value.message  # never the text itself

    code = main(["translate", "--from", "en", "--to", "xx", "ok. and this part is not."])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "OK. and this part is not.\n"
    assert err.count("\n") == 1 and "could not be machine-translated" in err


def test_staff_see_beside_the_translation_that_a_part_is_untranslated() -> None:
    from kiosk.core.localizer import SourceLocalizer
    from kiosk.core.translation.worker import TranslationResult
    from kiosk.ui.translation_bridge import machine_note

    loc = SourceLocalizer()
    whole = TranslationResult("ok. rest", "km", "en", "OK. REST")
    assert "could not be machine-translated" not in machine_note(loc, "ok. rest", whole)
    partial = TranslationResult("ok. rest", "km", "en", "OK. rest", None, ("rest",))
    note = machine_note(loc, "ok. rest", partial)
    assert note.startswith("ok. rest\n[Machine translation, check it] OK. rest")
    assert note.endswith("could not be machine-translated and is shown in the original language.")
