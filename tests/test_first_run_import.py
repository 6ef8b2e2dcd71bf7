"""Importing translation models and recorded prompts from a folder (a USB stick) on first run."""

from __future__ import annotations

import math
import os
import shutil
import stat
from array import array
from pathlib import Path

import pytest
import yaml

from kiosk.cli import main
from kiosk.core.errors import KioskError
from kiosk.core.first_run import import_from_folder
from kiosk.core.speech.prompts import FORMAT, MANIFEST, PromptStore, text_digest
from kiosk.core.speech.wav import Pcm, write_wav
from kiosk.core.translation import models

KHMER = "តើអ្នកមានសុវត្ថិភាពនៅទីនេះទេ?"


def tone(seconds: float = 0.6, rate: int = 16000) -> bytes:
    samples = array("h", (int(8000 * math.sin(i * 0.07)) for i in range(int(seconds * rate))))
    return write_wav(Pcm(samples, rate))


def write_prompts(folder: Path, lang: str, prompts: list[tuple[str, str, bytes | None]]) -> Path:
    """A `<folder>/<lang>/manifest.yaml` with WAV files, as the studio of another site writes."""
    target = folder / lang
    target.mkdir(parents=True)
    entries = []
    for number, (key, text, wav) in enumerate(prompts):
        name = f"prompt-{number}.wav"
        if wav is not None:
            (target / name).write_bytes(wav)
        entries.append({"key": key, "text": text, "sha256": text_digest(text), "file": name})
    document = {"format": FORMAT, "version": 1, "language": lang, "prompts": entries}
    (target / MANIFEST).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def test_valid_model_is_installed_and_translates(usb: Path, tiny_argos_model: Path) -> None:
    shutil.copy(tiny_argos_model, usb / "translate-en_xx.argosmodel")

    report = import_from_folder(usb)

    assert [(i.source, i.kind, i.imported) for i in report.items] == [
        ("translate-en_xx.argosmodel", "model", True)
    ]
    assert "(en → xx)" in report.items[0].detail
    assert [m.pair for m in models.list_models()] == [("en", "xx")]


def test_corrupt_model_is_refused_with_a_reason_and_others_still_imported(
    usb: Path, tiny_argos_model: Path
) -> None:
    (usb / "a-broken.argosmodel").write_bytes(b"this is not a zip archive")
    shutil.copy(tiny_argos_model, usb / "b-good.argosmodel")

    report = import_from_folder(usb)

    refused = report.refused
    assert len(refused) == 1 and refused[0].source == "a-broken.argosmodel"
    assert refused[0].detail and "Traceback" not in refused[0].detail
    assert [i.source for i in report.imported] == ["b-good.argosmodel"]
    assert [m.pair for m in models.list_models()] == [("en", "xx")]


def test_prompts_are_imported_into_the_local_audio_folder(usb: Path, kiosk_home: Path) -> None:
    write_prompts(usb / "audio", "km", [("question.safe", KHMER, tone())])

    report = import_from_folder(usb)

    assert [(i.source, i.imported) for i in report.items] == [("audio/km", True)]
    assert report.items[0].detail == "1 recording(s) for km"
    found = PromptStore().find_prompt("km", "question.safe", KHMER).prompt
    assert found is not None and found.path.is_relative_to(kiosk_home)
    if os.name == "posix":
        assert stat.S_IMODE(found.path.stat().st_mode) == 0o600


def test_bad_recordings_are_refused_one_by_one(usb: Path) -> None:
    silent = write_wav(Pcm(array("h", [0] * 16000), 16000))
    write_prompts(
        usb,
        "th",
        [
            ("a.good", "สวัสดี", tone()),
            ("b.missing", "ลาก่อน", None),
            ("c.silent", "ขอบคุณ", silent),
            ("d.noise", "ไม่", b"RIFF not really a wav"),
        ],
    )

    report = import_from_folder(usb)

    assert report.imported[0].detail == "1 recording(s) for th"
    reasons = {item.source: item.detail for item in report.refused}
    assert set(reasons) == {"th/prompt-1.wav", "th/prompt-2.wav", "th/prompt-3.wav"}
    assert "missing or not a WAV" in reasons["th/prompt-1.wav"]
    assert "silent" in reasons["th/prompt-2.wav"]
    assert [p.key for p in PromptStore().list_prompts("th")] == ["a.good"]


def test_invalid_manifest_is_refused(usb: Path) -> None:
    (usb / "km").mkdir()
    (usb / "km" / MANIFEST).write_text("format: something-else\n", encoding="utf-8")

    report = import_from_folder(usb)

    assert [(i.source, i.imported) for i in report.items] == [("km", False)]
    assert "not a Lantern prompt manifest" in report.items[0].detail


def test_unrelated_and_hidden_files_are_ignored(usb: Path, tiny_argos_model: Path) -> None:
    (usb / "notes.txt").write_text("hello")
    (usb / "xx").mkdir()
    (usb / "xx" / MANIFEST).write_text("format: lantern-audio-prompts\n")  # not a language
    (usb / ".Trash-1000").mkdir()
    shutil.copy(tiny_argos_model, usb / ".Trash-1000" / "old.argosmodel")

    assert import_from_folder(usb).items == []
    assert models.list_models() == []


def test_not_a_folder_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KioskError, match="is not a folder"):
        import_from_folder(tmp_path / "nowhere")


def test_import_command_reports_and_fails_when_something_is_refused(
    usb: Path, tiny_argos_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(tiny_argos_model, usb / "good.argosmodel")
    (usb / "bad.argosmodel").write_bytes(b"junk")

    code = main(["import", str(usb)])

    out, err = capsys.readouterr()
    assert code == 1
    assert "good.argosmodel: imported: translation EN → XX (en → xx)" in out
    assert "1 imported, 1 refused." in out
    assert err.startswith("bad.argosmodel: refused: ") and "Traceback" not in err


def test_import_command_with_nothing_to_import(
    usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(usb)]) == 1
    assert "Nothing to import" in capsys.readouterr().out
