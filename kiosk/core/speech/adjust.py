"""Apply the speed and volume controls to a recorded prompt.

Synthetic speech gets them from espeak-ng directly; a human recording is adjusted here so the
controls work the same whatever the source. Speed uses sox's `tempo` (changes speed, keeps pitch)
and volume uses sox's `vol`, through pipes; without sox the volume is scaled in Python and the
recording plays at its natural speed.
"""

from __future__ import annotations

import shutil
import subprocess

from kiosk.core.speech.synth import DEFAULT_RATE, SpeechSettings
from kiosk.core.speech.wav import AudioError, normalise_header, read_wav, scale, write_wav

TIMEOUT_S = 30


def sox_adjust(wav_bytes: bytes, tempo: float, volume: float) -> bytes | None:
    """`wav_bytes` sped up by `tempo` and scaled by `volume` with sox, or None without sox."""
    program = shutil.which("sox")
    if program is None:
        return None
    effects: list[str] = []
    if tempo != 1.0:
        effects += ["tempo", "-s", f"{tempo:.3f}"]
    if volume != 1.0:
        effects += ["vol", f"{volume:.3f}"]
    command = [program, "-q", "-t", "wav", "-", "-b", "16", "-t", "wav", "-", *effects]
    try:
        done = subprocess.run(
            command, input=wav_bytes, capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def apply_settings(wav_bytes: bytes, settings: SpeechSettings) -> bytes:
    """The recording with the chosen speed and volume; unchanged settings cost nothing."""
    tempo = settings.rate / DEFAULT_RATE
    if tempo == 1.0 and settings.volume == 1.0:
        return wav_bytes
    adjusted = sox_adjust(wav_bytes, tempo, settings.volume)
    if adjusted is not None:
        try:
            return normalise_header(adjusted)  # sox on a pipe cannot fill in the length
        except AudioError:
            pass
    # Without sox: volume in Python (slower, fine for short prompts); speed stays natural.
    try:
        pcm = read_wav(wav_bytes)
    except AudioError:
        return wav_bytes
    return write_wav(scale(pcm, settings.volume))
