"""SpeechService: recorded > synthetic > plain "no voice"; content cache; nothing personal kept."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from kiosk.core.speech.cache import ContentCache
from kiosk.core.speech.service import Source, SpeechService
from kiosk.core.speech.synth import SpeechSettings
from tests.fixtures.speech import FIFTEEN_WORDS, espeak_wav, needs_espeak, needs_sox, sox_stats

pytestmark = [needs_espeak, needs_sox]


@pytest.fixture
def service(kiosk_home: Path) -> SpeechService:
    # Default roots: the recordings go to KIOSK_HOME/audio, the cache to KIOSK_HOME/cache/speech.
    return SpeechService(cache=ContentCache())


def test_recorded_prompt_is_preferred_over_synthetic_voice(service: SpeechService) -> None:
    human = espeak_wav("this stands in for the interpreter's voice", voice="en-us")
    service.prompts.save_prompt("en", "rights.intro", "You have rights.", human)
    result = service.speak_content("en", "rights.intro", "You have rights.")
    assert result.source is Source.RECORDED and result.ok
    assert result.audio == human
    assert not result.stale


def test_stale_recording_is_not_played(service: SpeechService) -> None:
    human = espeak_wav("old wording", voice="en-us")
    service.prompts.save_prompt("en", "rights.intro", "You have rights.", human)
    result = service.speak_content("en", "rights.intro", "You have the right to stop.")
    assert result.source is Source.SYNTHETIC and result.audio != human
    assert result.stale


def test_stale_recording_without_a_voice_says_so_plainly(service: SpeechService) -> None:
    service.prompts.save_prompt("km", "q1", "សួស្តី", espeak_wav("old"))
    result = service.speak_content("km", "q1", "សួស្តី ថ្មី")
    assert result.source is Source.NONE and result.audio is None and result.stale
    assert "Khmer has no synthetic voice and no recording for this text" in result.message
    assert "out of date" in result.message


def test_khmer_with_a_recording_speaks_and_without_says_plainly(service: SpeechService) -> None:
    none = service.speak_content("km", "q1", "សួស្តី")
    assert none.source is Source.NONE and not none.ok
    assert none.message == "Khmer has no synthetic voice and no recording for this text."
    service.prompts.save_prompt("km", "q1", "សួស្តី", espeak_wav("recorded"))
    assert service.speak_content("km", "q1", "សួស្តី").source is Source.RECORDED


def test_same_words_recorded_under_another_key_are_reused(service: SpeechService) -> None:
    service.prompts.save_prompt("lo", "q1.yes", "ແມ່ນ", espeak_wav("yes"))
    assert service.speak_content("lo", "q2.yes", "ແມ່ນ").source is Source.RECORDED


def test_content_is_cached_and_second_request_is_a_hit(
    service: SpeechService, kiosk_home: Path
) -> None:
    first = service.speak_content("en", "q.travel", FIFTEEN_WORDS)
    second = service.speak_content("en", "q.travel", FIFTEEN_WORDS)
    assert (first.cached, second.cached) == (False, True)
    assert first.audio == second.audio
    cached = list((kiosk_home / "cache" / "speech").rglob("*.wav"))
    assert len(cached) == 1 and cached[0].read_bytes() == first.audio
    slower = service.speak_content("en", "q.travel", FIFTEEN_WORDS, SpeechSettings(rate=120))
    assert not slower.cached  # settings are part of the cache key


def test_speed_and_volume_apply_to_recorded_prompts(service: SpeechService) -> None:
    human = espeak_wav(FIFTEEN_WORDS)
    service.prompts.save_prompt("en", "q", FIFTEEN_WORDS, human)
    normal = sox_stats(service.speak_content("en", "q", FIFTEEN_WORDS).audio)
    fast_quiet = service.speak_content(
        "en", "q", FIFTEEN_WORDS, SpeechSettings(rate=262, volume=0.4)
    )
    adjusted = sox_stats(fast_quiet.audio)
    assert fast_quiet.source is Source.RECORDED
    assert adjusted.duration < normal.duration * 0.8
    assert adjusted.rms < normal.rms * 0.6


def _snapshot(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_personal_speech_leaves_no_file_anywhere(
    service: SpeechService, kiosk_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # child processes too
    monkeypatch.setattr(tempfile, "tempdir", None)
    system_tmp = Path("/tmp")
    started = time.time()
    kiosk_home.mkdir(parents=True, exist_ok=True)
    before_home = _snapshot(kiosk_home)
    secret = "Zebulon Quartzfield paid the recruiter 4821 dollars in Pattaya"

    result = service.speak_personal("en", secret)

    assert result.source is Source.SYNTHETIC and sox_stats(result.audio).duration > 2.0
    assert not result.cached
    assert _snapshot(kiosk_home) == before_home
    assert list(private_tmp.iterdir()) == []
    needle = secret.encode()
    for path in system_tmp.iterdir():  # anything written to the system temp dir meanwhile
        try:
            if path.is_file() and path.stat().st_mtime >= started:
                assert needle not in path.read_bytes(), path
        except OSError:
            continue
    # The same text asked for as personal never lands in the content cache either.
    assert not (kiosk_home / "cache" / "speech").exists()


def test_personal_text_in_a_language_without_voice_is_plain(service: SpeechService) -> None:
    result = service.speak_personal("fil", "Ako si Maria")
    assert result.source is Source.NONE
    assert "Filipino has no synthetic voice" in result.message
    assert "Maria" not in result.message


def test_broken_manifest_falls_back_to_the_synthetic_voice(
    service: SpeechService, kiosk_home: Path
) -> None:
    folder = kiosk_home / "audio" / "en"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("format: [unclosed", encoding="utf-8")
    result = service.speak_content("en", "q", "Take a break whenever you like.")
    assert result.source is Source.SYNTHETIC and result.ok
    status = service.language_status("en")
    assert status.problem and "manifest" in status.problem


def test_language_status_counts_recordings_and_stale(service: SpeechService) -> None:
    service.prompts.save_prompt("km", "a", "ក", espeak_wav("one"))
    service.prompts.save_prompt("km", "b", "ខ", espeak_wav("two"))
    status = service.language_status("km", current_texts={"a": "ក", "b": "ខ ថ្មី"})
    assert (status.voice, status.recorded, status.stale) == (None, 2, 1)
    assert "only recorded prompts" in status.plain_status()
    lao = service.language_status("lo")
    assert not lao.has_voice and "nothing can be read aloud" in lao.plain_status()
    english = service.language_status("en")
    assert english.voice == "gmw/en" and english.stale is None


def test_no_process_is_left_running(service: SpeechService) -> None:
    service.speak_personal("en", "short")
    children = [p for p in os.listdir("/proc") if p.isdigit()]
    assert not any(_is_child_espeak(pid) for pid in children)


def _is_child_espeak(pid: str) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return "(espeak-ng)" in stat and stat.split()[3] == str(os.getpid())


def test_without_sox_recorded_volume_still_applies_at_natural_speed(
    service: SpeechService, monkeypatch: pytest.MonkeyPatch
) -> None:
    human = espeak_wav(FIFTEEN_WORDS)
    service.prompts.save_prompt("en", "q", FIFTEEN_WORDS, human)
    import kiosk.core.speech.adjust as adjust

    monkeypatch.setattr(adjust.shutil, "which", lambda name: None)  # a machine without sox
    result = service.speak_content("en", "q", FIFTEEN_WORDS, SpeechSettings(rate=262, volume=0.4))
    original, adjusted = sox_stats(human), sox_stats(result.audio)
    assert abs(adjusted.duration - original.duration) < 0.01
    assert adjusted.rms < original.rms * 0.6
