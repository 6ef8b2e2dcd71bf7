"""Offline sentence splitting: rules for many scripts, or a splitter model in the package."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from kiosk.core.translation import Translator, models
from kiosk.core.translation.splitter import MiniSBDSplitter, RuleSplitter, splitter_for

CASES = {
    "latin": ("Hello there. How are you? Fine!", ["Hello there.", "How are you?", "Fine!"]),
    "abbreviations": (
        "Dr. Smith came to the U.S. in 2010. He paid 3.5 dollars.",
        ["Dr. Smith came to the U.S. in 2010.", "He paid 3.5 dollars."],
    ),
    "quotes": ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    "ellipsis": ("Wait... what?! ok", ["Wait... what?!", "ok"]),
    "chinese": ("你好。我很好！你呢？", ["你好。", "我很好！", "你呢？"]),
    "japanese-quote": ("「はい。」と言った。", ["「はい。」", "と言った。"]),
    "khmer": ("ខ្ញុំសុខសប្បាយ។ អរគុណ៕", ["ខ្ញុំសុខសប្បាយ។", "អរគុណ៕"]),
    "myanmar": ("နေကောင်းပါတယ်။ ကျေးဇူးပါ။", ["နေကောင်းပါတယ်။", "ကျေးဇူးပါ။"]),
    "thai": ("สวัสดีครับ๚ขอบคุณ", ["สวัสดีครับ๚", "ขอบคุณ"]),
    "arabic": ("كيف حالك؟ أنا بخير.", ["كيف حالك؟", "أنا بخير."]),
    "urdu": ("آپ کیسے ہیں؟ میں ٹھیک ہوں۔", ["آپ کیسے ہیں؟", "میں ٹھیک ہوں۔"]),
    "hindi": ("नमस्ते। आप कैसे हैं?", ["नमस्ते।", "आप कैसे हैं?"]),
    "amharic": ("ሰላም ነው። እንዴት ነህ፧", ["ሰላም ነው።", "እንዴት ነህ፧"]),
    "no-punctuation": ("no punctuation here", ["no punctuation here"]),
    "blank": ("  \n ", []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_splitter(case: str) -> None:
    text, expected = CASES[case]
    assert RuleSplitter().split(text) == expected


def test_splitter_without_shipped_model_is_rules() -> None:
    assert isinstance(splitter_for(None), RuleSplitter)


def test_splitter_with_shipped_model_uses_it(tmp_path: Path) -> None:
    model = tmp_path / "xx.onnx"
    model.write_bytes(b"")
    chosen = splitter_for(model)
    assert isinstance(chosen, MiniSBDSplitter)
    assert chosen.model_file == model


def test_broken_shipped_model_falls_back_to_rules(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    model = tmp_path / "en.onnx"
    model.write_bytes(b"not an onnx model")
    splitter = MiniSBDSplitter(model)
    assert splitter.split("One. Two.") == ["One.", "Two."]
    assert not splitter.uses_model
    assert "en.onnx could not be loaded" in caplog.text
    assert "One" not in caplog.text


def test_package_with_shipped_splitter_is_listed_and_translates(
    tiny_argos_model: Path, tmp_path: Path
) -> None:
    with_sbd = tmp_path / "with-sbd.argosmodel"
    with zipfile.ZipFile(tiny_argos_model) as old, zipfile.ZipFile(with_sbd, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        root = info.filename.split("/")[0]
        new.writestr(f"{root}/minisbd/en.onnx", b"placeholder, not loadable")
    installed = models.install_model(with_sbd)
    assert installed.splitter_model == installed.path / "minisbd" / "en.onnx"

    translator = Translator()
    logging.getLogger("kiosk").setLevel(logging.WARNING)
    assert translator.translate("one. two.", "en", "xx") == "ONE. TWO."
    (loaded,) = translator._loaded.values()
    assert isinstance(loaded.splitter, MiniSBDSplitter)
