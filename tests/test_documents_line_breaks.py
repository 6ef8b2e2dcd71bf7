"""Thai, Lao, Khmer and Myanmar are written without spaces between words: printed lines must
break between words (ICU's dictionaries), never inside one."""

from __future__ import annotations

import sys

import pytest

from kiosk.core.documents import text as text_module
from kiosk.core.documents.text import atoms, word_break_offsets

SENTENCES = {
    "th": "คุณสามารถเก็บกระดาษนี้ไว้และอ่านอีกครั้งในภายหลัง",
    "km": "អ្នកអាចរក្សាក្រដាសនេះទុក ហើយអានម្ដងទៀតនៅពេលក្រោយ។",
    "lo": "ທ່ານສາມາດເກັບເຈ້ຍນີ້ໄວ້ແລະອ່ານອີກຄັ້ງໃນພາຍຫຼັງ",
    "my": "ဒီစာရွက်ကို သိမ်းထားပြီး နောက်မှ ပြန်ဖတ်လို့ရပါတယ်။",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_words_become_separate_atoms_and_nothing_is_lost(lang: str) -> None:
    sentence = SENTENCES[lang]
    parts = atoms(sentence)
    assert len(parts) >= 5, [p.text for p in parts]
    rebuilt = "".join((" " if p.space_before else "") + p.text for p in parts)
    assert rebuilt == sentence
    for part in parts:
        assert sentence[part.start : part.start + len(part.text)] == part.text
        # a break never leaves a combining mark or a subscript at the start of a word
        assert part.text[0] not in "\u17d2\u1039\u0e31\u0e47\u0e48\u0e49\u0eb1\u0ec8"


def test_offsets_are_python_indices_even_after_astral_characters() -> None:
    text = "🙂คุณสามารถ"
    offsets = word_break_offsets(text)
    assert offsets and all(0 < offset < len(text) for offset in offsets)
    assert "คุณ" in [text[a:b] for a, b in zip([1, *offsets], [*offsets, len(text)], strict=False)]


def test_without_icu_only_spaces_break(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icu", None)  # import icu -> ImportError
    monkeypatch.setattr(text_module, "_icu_local", type(text_module._icu_local)())
    parts = atoms(SENTENCES["km"])
    assert [p.text for p in parts] == SENTENCES["km"].split(" ")
