"""Recorded prompts: manifest tied to the exact text, stale detection, local-first roots."""

from __future__ import annotations

import unicodedata
from array import array
from pathlib import Path

import pytest
import yaml

from kiosk.core.errors import KioskError
from kiosk.core.speech.prompts import (
    MANIFEST,
    PromptError,
    PromptStore,
    prompt_filename,
    text_digest,
)
from kiosk.core.speech.recorder import Recorder, RecordingError, clean_recording
from kiosk.core.speech.wav import Pcm, read_wav, rms, write_wav
from tests.fixtures.speech import espeak_wav, needs_espeak, needs_sox, sox_stats

pytestmark = [needs_espeak, needs_sox]

KHMER = "តើអ្នកមានសុវត្ថិភាពនៅទីនេះទេ?"


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "local", tmp_path / "shipped"


@pytest.fixture
def store(roots: tuple[Path, Path]) -> PromptStore:
    local, shipped = roots
    return PromptStore(roots=[local, shipped], writable=local)


def test_saved_prompt_is_found_for_its_exact_text(store: PromptStore) -> None:
    audio = espeak_wav("a stand in for a human voice")
    saved = store.save_prompt("km", "safety.question", KHMER, audio)
    found = store.find_prompt("km", "safety.question", KHMER)
    assert found.prompt == saved and found.stale is None
    assert found.prompt.read() == audio
    assert saved.path.parent == store.writable_root / "km"
    manifest = yaml.safe_load((store.writable_root / "km" / MANIFEST).read_text(encoding="utf-8"))
    entry = manifest["prompts"][0]
    assert manifest["format"] == "lantern-audio-prompts" and manifest["language"] == "km"
    assert entry["text"] == KHMER and entry["sha256"] == text_digest(KHMER)
    assert entry["key"] == "safety.question" and entry["file"] == saved.path.name


def test_changed_text_makes_the_recording_stale(store: PromptStore) -> None:
    store.save_prompt("km", "safety.question", KHMER, espeak_wav("old words"))
    lookup = store.find_prompt("km", "safety.question", KHMER + " ថ្មី")
    assert lookup.prompt is None
    assert lookup.stale is not None and lookup.stale.key == "safety.question"
    stale = store.stale_prompts("km", {"safety.question": "changed", "gone.key": "x"})
    assert [p.key for p in stale] == ["safety.question"]
    assert store.stale_prompts("km", {"safety.question": KHMER}) == []


def test_invisible_differences_do_not_make_a_recording_stale(store: PromptStore) -> None:
    composed = "Bạn an toàn"
    store.save_prompt("vi", "k", composed, espeak_wav("words"))
    decomposed = unicodedata.normalize("NFD", composed) + "\n"
    assert decomposed.strip() != composed
    assert store.find_prompt("vi", "k", decomposed).prompt is not None


def test_re_recording_replaces_the_old_take(store: PromptStore) -> None:
    store.save_prompt("lo", "k", "old text", espeak_wav("first take"))
    second = espeak_wav("second take is longer than the first one")
    store.save_prompt("lo", "k", "new text", second)
    prompts = store.list_prompts("lo")
    assert len(prompts) == 1 and prompts[0].text == "new text"
    assert prompts[0].read() == second
    assert len(list((store.writable_root / "lo").glob("*.wav"))) == 1


def test_local_recording_is_preferred_and_shipped_one_still_used(
    roots: tuple[Path, Path],
) -> None:
    local, shipped = roots
    PromptStore(roots=[shipped], writable=shipped).save_prompt(
        "fil", "a", "Ligtas ka dito", espeak_wav("shipped a")
    )
    PromptStore(roots=[shipped], writable=shipped).save_prompt(
        "fil", "b", "Pahinga", espeak_wav("shipped b")
    )
    store = PromptStore(roots=[local, shipped], writable=local)
    store.save_prompt("fil", "a", "Ligtas ka dito", espeak_wav("local a"))
    by_key = {p.key: p for p in store.list_prompts("fil")}
    assert by_key["a"].path.is_relative_to(local)
    assert by_key["b"].path.is_relative_to(shipped)
    # A stale local take does not hide a shipped take of the current text.
    store.save_prompt("fil", "b", "Pahinga muna", espeak_wav("local b newer text"))
    assert store.find_prompt("fil", "b", "Pahinga").prompt.path.is_relative_to(shipped)


def test_default_roots_are_data_dir_then_install_folder(kiosk_home: Path) -> None:
    store = PromptStore()
    assert store.roots[0] == kiosk_home / "audio"
    assert store.roots[1].name == "audio" and (store.roots[1].parent / "kiosk").is_dir()
    store.save_prompt("km", "k", KHMER, espeak_wav("default root"))
    assert (kiosk_home / "audio" / "km" / MANIFEST).is_file()


def test_missing_audio_file_is_not_played(store: PromptStore) -> None:
    saved = store.save_prompt("km", "k", KHMER, espeak_wav("will vanish"))
    saved.path.unlink()
    assert store.find_prompt("km", "k", KHMER).prompt is None


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m.update(format="other"), "not a Lantern prompt manifest"),
        (lambda m: m.update(version=9), "unsupported manifest version"),
        (lambda m: m["prompts"][0].update(text="edited by hand"), "sha256 does not match"),
        (lambda m: m["prompts"][0].update(file="../../etc/passwd"), "plain file name"),
        (lambda m: m["prompts"].append(dict(m["prompts"][0])), "appears twice"),
        (lambda m: m["prompts"][0].pop("key"), "needs non-empty"),
    ],
)
def test_invalid_manifest_is_a_clear_error_naming_the_file(
    store: PromptStore, edit, message: str
) -> None:
    store.save_prompt("km", "k", KHMER, espeak_wav("x"))
    path = store.writable_root / "km" / MANIFEST
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PromptError, match=message) as caught:
        store.list_prompts("km")
    assert str(path) in caught.value.message


def test_bad_saves_are_refused(store: PromptStore) -> None:
    with pytest.raises(KioskError, match="unknown language"):
        store.save_prompt("../etc", "k", "t", espeak_wav("x"))
    with pytest.raises(PromptError, match="text it speaks"):
        store.save_prompt("km", "k", "  ", espeak_wav("x"))
    with pytest.raises(KioskError, match="WAV"):
        store.save_prompt("km", "k", KHMER, b"not audio")
    silence = write_wav(Pcm(array("h", [0] * 22050), 22050))
    with pytest.raises(PromptError, match="silent"):
        store.save_prompt("km", "k", KHMER, silence)
    assert store.list_prompts("km") == []


def test_delete_removes_local_take(store: PromptStore) -> None:
    saved = store.save_prompt("km", "k", KHMER, espeak_wav("x"))
    assert store.delete_prompt("km", "k") is True
    assert not saved.path.exists() and store.list_prompts("km") == []
    assert store.delete_prompt("km", "k") is False


def test_filenames_are_safe_and_unique_per_key() -> None:
    a, b = prompt_filename("q/1:opt yes"), prompt_filename("q/1:opt_yes")
    assert a != b
    assert "/" not in a and ":" not in a and a.endswith(".wav")


def test_studio_pipeline_record_clean_save_find(store: PromptStore) -> None:
    # No microphone here: espeak-ng writing a WAV to stdout stands in for arecord.
    padded = "espeak-ng --stdout -g 0 'quiet start and end'"
    recorder = Recorder(["sh", "-c", f"{padded} | sox -t wav - -t wav - pad 1 1"])
    recorder.start()
    assert recorder.wait(10)  # the stand-in ends by itself; a person would press Stop
    raw = recorder.stop()
    cleaned = clean_recording(raw)
    raw_stats, clean_stats = sox_stats(raw), sox_stats(cleaned)
    assert clean_stats.duration < raw_stats.duration - 1.5  # padding trimmed
    assert clean_stats.duration > 0.8  # the words kept
    assert rms(read_wav(cleaned)) > rms(read_wav(raw))  # level evened out upwards
    store.save_prompt("km", "k", KHMER, cleaned)
    assert store.find_prompt("km", "k", KHMER).prompt.read() == cleaned


def test_silent_or_missing_recording_is_refused() -> None:
    silence = [
        "sox",
        "-n",
        "-r",
        "22050",
        "-c",
        "1",
        "-b",
        "16",
        "-t",
        "wav",
        "-",
        "trim",
        "0",
        "1",
    ]
    recorder = Recorder(silence)
    recorder.start()
    assert recorder.wait(10)
    with pytest.raises(RecordingError, match="silent"):
        clean_recording(recorder.stop())
    failing = Recorder(["sh", "-c", "exit 1"])  # like arecord without a sound card
    failing.start()
    assert failing.wait(10)
    with pytest.raises(RecordingError, match="microphone"):
        failing.stop()


def test_every_shipped_manifest_loads_and_its_audio_is_playable() -> None:
    from kiosk.core import paths
    from kiosk.core.speech.voices import LANGUAGES

    shipped = paths.audio_dir()
    store = PromptStore(roots=[shipped], writable=shipped)
    folders = [p.name for p in shipped.iterdir() if p.is_dir()]
    assert set(folders) <= set(LANGUAGES)  # no folder for an unsupported language
    for lang in folders:
        for prompt in store.list_prompts(lang):  # raises on an invalid manifest
            assert prompt.read() is not None, f"{lang}/{prompt.key}: audio missing or invalid"
