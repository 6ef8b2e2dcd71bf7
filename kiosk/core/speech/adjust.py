"""Apply the speed and volume controls to a recorded prompt.

Synthetic speech gets them from espeak-ng directly; a human recording is adjusted here so the
controls work the same whatever the source. Speed uses sox's `tempo` (changes speed, keeps pitch)
through pipes; without sox the recording plays at its natural speed.
"""

from __future__ import annotations

import shutil
import subprocess

from kiosk.core.speech.synth import DEFAULT_RATE, SpeechSettings
from kiosk.core.speech.wav import AudioError, read_wav, scale, write_wav

TIMEOUT_S = 30


def change_tempo(wav_bytes: bytes, factor: float) -> bytes | None:
    """`wav_bytes` sped up by `factor` (0.5 = half speed), or None when sox is unavailable."""
    program = shutil.which("sox")
    if program is None:
        return None
    command = [program, "-q", "-t", "wav", "-", "-t", "wav", "-", "tempo", "-s", f"{factor:.3f}"]
    try:
        done = subprocess.run(
            command, input=wav_bytes, capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def apply_settings(wav_bytes: bytes, settings: SpeechSettings) -> bytes:
    """The recording with the chosen speed and volume; unchanged settings cost nothing."""
    if settings.rate == DEFAULT_RATE and settings.volume == 1.0:
        return wav_bytes
    data = wav_bytes
    if settings.rate != DEFAULT_RATE:
        data = change_tempo(data, settings.rate / DEFAULT_RATE) or data
    try:
        pcm = read_wav(data)
    except AudioError:
        return wav_bytes
    return write_wav(scale(pcm, settings.volume))
