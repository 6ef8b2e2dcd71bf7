"""The language overview: text, synthetic voice, recordings and translation models per language."""

from __future__ import annotations

import json
import math
import shutil
from array import array

import pytest

from kiosk.cli import main
from kiosk.core.first_run import language_overview
from kiosk.core.i18n.languages import SUPPORTED
from kiosk.core.i18n.status import template_keys
from kiosk.core.speech.prompts import PromptStore
from kiosk.core.speech.wav import Pcm, write_wav
from kiosk.core.translation import models
from tests.fixtures.tiny_argos import TinyFactory


def tone() -> bytes:
    samples = array("h", (int(8000 * math.sin(i * 0.07)) for i in range(12000)))
    return write_wav(Pcm(samples, 16000))


def test_one_row_per_supported_language_source_first() -> None:
    rows = language_overview()

    assert [row.code for row in rows] == list(SUPPORTED)
    assert rows[0].source and rows[0].text_share == 1.0
    entries = len(template_keys())
    for row in rows[1:]:
        assert not row.source and row.problem is None
        assert row.text_entries == entries
        assert 0 <= row.text_reviewed <= row.text_translated <= entries


def test_fresh_machine_has_no_models_and_no_local_recordings() -> None:
    rows = {row.code: row for row in language_overview()}
    assert all(row.models == () for row in rows.values())
    # Shipped recordings may exist; none are added by a fresh data folder.
    shipped = {code: len(PromptStore().list_prompts(code)) for code in rows}
    assert {code: row.recordings for code, row in rows.items()} == shipped


def test_models_and_recordings_show_up(tiny_argos_factory: TinyFactory) -> None:
    models.install_model(tiny_argos_factory("en", "km"))
    models.install_model(tiny_argos_factory("tl", "en"))  # argos calls Filipino "tl"
    before = len(PromptStore().list_prompts("km"))
    PromptStore().save_prompt("km", "question.safe", "តើអ្នកមានសុវត្ថិភាពទេ?", tone())

    rows = {row.code: row for row in language_overview()}

    assert rows["km"].models == ("en→km",)
    assert rows["fil"].models == ("tl→en",)
    assert rows["th"].models == ()
    assert rows["en"].models == ()
    assert rows["km"].recordings == before + 1


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")
def test_synthetic_voice_is_named_where_espeak_has_one() -> None:
    rows = {row.code: row for row in language_overview()}
    assert rows["en"].voice is not None
    assert rows["km"].voice is None  # espeak-ng has no Khmer voice: recordings only


def test_languages_command_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["languages"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["lang", "name", "text", "voice", "recordings", "translation"]
    assert [line.split()[0] for line in lines[1:]] == list(SUPPORTED)
    assert "source" in lines[1]

    assert main(["languages", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["code"] for row in data] == list(SUPPORTED)
    assert {"text_translated", "voice", "recordings", "models"} <= set(data[0])
