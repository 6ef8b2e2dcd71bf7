"""Synthesis to WAV bytes in memory with espeak-ng.

Why the espeak-ng program and not pyttsx3's `say`/`save_to_file`: pyttsx3 2.99's espeak driver
writes `say()` audio to a temporary file before playing it and `save_to_file()` writes a file and
prints to stdout, so personal text would reach the disk. Here the text goes to `espeak-ng
--stdout` on **stdin** (argv is readable by other users in /proc) and the audio comes back on a
pipe: nothing touches the disk. A child process also keeps the GUI process safe from the
library's global state and lets a request be abandoned. pyttsx3 is still used to discover voices
(see `voices`), and rate/volume use the same units as pyttsx3 (words per minute; 1.0 = normal).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from array import array
from dataclasses import dataclass

from kiosk.core.errors import KioskError
from kiosk.core.speech.wav import AudioError, Pcm, normalise_header, read_wav, write_wav

DEFAULT_RATE = 175  # words per minute, espeak-ng's own default
MIN_RATE, MAX_RATE = 80, 450
DEFAULT_VOLUME = 1.0
MAX_VOLUME = 2.0  # espeak-ng amplitude 200; above 1.0 may distort
MAX_TEXT_CHARS = 5000
TIMEOUT_S = 30


class SynthesisError(KioskError):
    """Synthesis could not produce audio."""


@dataclass(frozen=True)
class SpeechSettings:
    """Speed and volume chosen by the person or staff; applied to every kind of speech."""

    rate: int = DEFAULT_RATE
    volume: float = DEFAULT_VOLUME

    def __post_init__(self) -> None:
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise KioskError(f"speed must be between {MIN_RATE} and {MAX_RATE} words per minute")
        if not 0.0 <= self.volume <= MAX_VOLUME:
            raise KioskError(f"volume must be between 0.0 and {MAX_VOLUME}")


def synthesize(text: str, voice: str, settings: SpeechSettings = SpeechSettings()) -> bytes:
    """Speak `text` with espeak-ng voice `voice`; return 16-bit mono WAV bytes, in memory only."""
    if not text.strip():
        raise SynthesisError("there is no text to read aloud")
    if len(text) > MAX_TEXT_CHARS:
        raise SynthesisError(f"text is too long to read aloud (over {MAX_TEXT_CHARS} characters)")
    try:
        pieces = _speak_in_parts(text, voice, settings, depth=0)
    except _Crashed:
        raise SynthesisError(f"speech synthesis failed for voice '{voice}'") from None
    if len(pieces) == 1:
        return pieces[0]
    samples = array("h")
    rate = 0
    for piece in pieces:
        pcm = read_wav(piece)
        rate = rate or pcm.rate
        samples.extend(pcm.samples)
    return write_wav(Pcm(samples, rate))


def _speak_in_parts(text: str, voice: str, settings: SpeechSettings, depth: int) -> list[bytes]:
    """espeak-ng 1.51 aborts ("buffer overflow detected") on some Myanmar sentences that it
    speaks fine in halves: on such a crash, speak the sentences, then halves at a space."""
    try:
        return [_speak(text, voice, settings)]
    except _Crashed:
        if depth >= _MAX_SPLITS:
            raise
    parts = [part for part in _SENTENCE_END.split(text) if part.strip()]
    if len(parts) < 2:
        parts = _halves(text)
    if len(parts) < 2:
        raise _Crashed
    return [audio for part in parts for audio in _speak_in_parts(part, voice, settings, depth + 1)]


def _halves(text: str) -> list[str]:
    """`text` cut at the space nearest its middle (no cut without a space)."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return [text]
    cut = min(spaces, key=lambda i: abs(i - len(text) // 2))
    return [text[:cut], text[cut + 1 :]]


_MAX_SPLITS = 6


class _Crashed(Exception):
    """espeak-ng died on a signal (it aborts on some inputs)."""


# Sentence ends in the scripts Lantern speaks (Latin, Thai spaces aside, Myanmar ။, Bengali ।,
# Arabic ؟ and ۔, Chinese 。！？); the mark stays with its sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?။।؟۔。！？])\s*")


def _speak(text: str, voice: str, settings: SpeechSettings) -> bytes:
    program = shutil.which("espeak-ng")
    if program is None:
        raise SynthesisError("the espeak-ng speech program is not installed")
    command = [
        program,
        "--stdout",
        "-b", "1",  # input is UTF-8
        "-v", voice,
        "-s", str(settings.rate),
        "-a", str(round(settings.volume * 100)),
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise SynthesisError("speech synthesis took too long and was stopped") from None
    # stderr is not shown or logged: it could echo parts of the text.
    if done.returncode < 0:
        raise _Crashed
    if done.returncode != 0 or not done.stdout:
        raise SynthesisError(f"speech synthesis failed for voice '{voice}'")
    try:
        return normalise_header(done.stdout)
    except AudioError:
        raise SynthesisError("speech synthesis returned unusable audio") from None


_SWITCH = re.compile(r"\(([a-z]{2,3}(?:-[a-z0-9-]+)?)\)")


def language_switches(text: str, voice: str) -> list[str]:
    """Languages espeak-ng switches to while reading `text` with `voice` (e.g. ["en"]).

    espeak-ng marks such a switch as `(en)` in its phoneme output: a voice that falls back to
    English on native text reads it as English letters and numbers, not as the language.
    """
    program = shutil.which("espeak-ng")
    if program is None:
        raise SynthesisError("the espeak-ng speech program is not installed")
    try:
        done = subprocess.run(
            [program, "-q", "-x", "-b", "1", "-v", voice],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SynthesisError("speech synthesis took too long and was stopped") from None
    if done.returncode != 0:
        raise SynthesisError(f"speech synthesis failed for voice '{voice}'")
    home = voice.rsplit("/", 1)[-1].lower()
    found = _SWITCH.findall(done.stdout.decode("utf-8", "replace"))
    foreign = (t for t in found if t != home and not home.startswith(t + "-"))  # not a way back
    return list(dict.fromkeys(foreign))
