"""Playback through a system program on stdin: reports a missing device, stops on demand."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.speech.player import PlaybackError, Player, find_player_command
from tests.fixtures.speech import espeak_wav, needs_espeak, needs_sox

pytestmark = [needs_espeak, needs_sox]

# A real process that takes the audio on stdin and then lingers, like a long sentence playing.
LINGERING = [sys.executable, "-c", "import sys, time; sys.stdin.buffer.read(); time.sleep(30)"]


def test_audio_is_consumed_from_stdin_by_the_program() -> None:
    player = Player(["sox", "-q", "-t", "wav", "-", "-n"])  # sox as a silent "device"
    player.play(espeak_wav("hello"))
    result = player.wait(timeout=10)
    assert (result.ok, result.stopped, result.message) == (True, False, "played")


def test_stop_silences_at_once() -> None:
    player = Player(LINGERING)
    player.play(espeak_wav("a long question"))
    assert player.is_playing()
    started = time.monotonic()
    player.stop()
    assert time.monotonic() - started < 1.5
    assert not player.is_playing()
    assert player.wait(timeout=5).stopped


def test_playing_again_stops_the_previous_sound() -> None:
    player = Player(LINGERING)
    player.play(espeak_wav("first"))
    first = player._process
    player.play(espeak_wav("second"))
    assert first is not None and first.poll() is not None
    player.stop()


def test_missing_player_program_is_a_plain_error() -> None:
    with pytest.raises(PlaybackError, match="could not be started"):
        Player(["/nonexistent/player"]).play(espeak_wav("x"))


def test_stop_and_wait_with_nothing_playing_are_harmless() -> None:
    player = Player(LINGERING)
    player.stop()
    assert player.wait(timeout=1).message == "nothing was played"


@pytest.mark.skipif(shutil.which("aplay") is None, reason="aplay missing")
def test_machine_without_sound_card_reports_no_audio_output() -> None:
    command = find_player_command()
    assert command is not None
    player = Player()
    player.play(espeak_wav("is anyone listening"))
    result = player.wait(timeout=30)
    if result.ok:  # this machine has a working sound device after all
        assert result.message == "played"
    else:
        assert result.message == "the sound could not be played: no audio output"


def test_speaker_drops_results_that_arrive_after_the_screen_changed(kiosk_home: Path) -> None:
    from kiosk.core.speech.service import SpeechService
    from kiosk.core.speech.speaker import Speaker

    speaker = Speaker(SpeechService(cache=None), Player(LINGERING))
    ticket = speaker.ticket()
    result = speaker.prepare("en", "q1", "Do you feel safe here?", personal=False)
    speaker.stop()  # the person moved to the next screen while audio was being prepared
    assert speaker.play(ticket, result) is False
    assert not speaker.player.is_playing()

    fresh = speaker.ticket()
    assert speaker.play(fresh, result) is True
    assert speaker.player.is_playing()
    speaker.stop()
    assert not speaker.player.is_playing()


def test_speaker_does_not_play_when_there_is_no_voice(kiosk_home: Path) -> None:
    from kiosk.core.speech.service import Source, SpeechService
    from kiosk.core.speech.speaker import Speaker

    speaker = Speaker(SpeechService(cache=None), Player(LINGERING))
    result = speaker.prepare("km", None, "ខ្ញុំឈ្មោះ", personal=True)
    assert result.source is Source.NONE
    assert speaker.play(speaker.ticket(), result) is False
