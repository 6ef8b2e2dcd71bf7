"""WAV audio held in memory as bytes: parse, build, measure and adjust.

Only 16-bit PCM is produced; input may be 8/16-bit, mono or stereo (recordings from a sound card).
Pure standard library (`array`), because numpy is not a runtime dependency and `audioop` is
deprecated.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from dataclasses import dataclass

from kiosk.core.errors import KioskError

MAX_SAMPLE = 32767


class AudioError(KioskError):
    """Audio bytes are not a usable WAV recording."""


@dataclass(frozen=True)
class Pcm:
    """Mono 16-bit samples and their sample rate."""

    samples: array[int]  # typecode "h"
    rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def read_wav(data: bytes) -> Pcm:
    """Parse WAV bytes into mono 16-bit samples.

    Streamed WAVs (espeak-ng --stdout, arecord to a pipe) carry a bogus length in their header;
    the wave module then reads what is actually there, which is what we want.
    """
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            channels = reader.getnchannels()
            width = reader.getsampwidth()
            rate = reader.getframerate()
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError) as error:
        raise AudioError(f"not a usable WAV recording ({error})") from None
    if width not in (1, 2) or channels not in (1, 2) or rate <= 0:
        raise AudioError("unsupported WAV format: use 16-bit PCM, mono or stereo")
    frames = frames[: len(frames) - len(frames) % (width * channels)]
    if width == 1:  # 8-bit WAV is unsigned
        samples = array("h", ((b - 128) << 8 for b in frames))
    else:
        samples = array("h")
        samples.frombytes(frames)
        if sys.byteorder == "big":
            samples.byteswap()
    if channels == 2:
        samples = array(
            "h", ((a + b) // 2 for a, b in zip(samples[0::2], samples[1::2], strict=True))
        )
    return Pcm(samples, rate)


def write_wav(pcm: Pcm) -> bytes:
    """Mono 16-bit PCM WAV bytes with a correct header."""
    samples = pcm.samples
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(pcm.rate)
        writer.writeframes(samples.tobytes())
    return out.getvalue()


def normalise_header(data: bytes) -> bytes:
    """Re-write streamed WAV bytes with a correct header (and mono 16-bit)."""
    return write_wav(read_wav(data))


def rms(pcm: Pcm) -> float:
    """Root mean square level, 0.0 (silence) to 1.0 (full scale)."""
    if not pcm.samples:
        return 0.0
    total = math.fsum(s * s for s in pcm.samples)
    return math.sqrt(total / len(pcm.samples)) / MAX_SAMPLE


def peak(pcm: Pcm) -> float:
    if not pcm.samples:
        return 0.0
    loudest: int = max(abs(min(pcm.samples)), max(pcm.samples))
    return loudest / MAX_SAMPLE


def scale(pcm: Pcm, factor: float) -> Pcm:
    """Multiply every sample by `factor`, clipping at full scale."""
    if factor == 1.0:
        return pcm
    top, bottom = MAX_SAMPLE, -MAX_SAMPLE - 1
    return Pcm(
        array("h", (max(bottom, min(top, round(s * factor))) for s in pcm.samples)), pcm.rate
    )


def trim_silence(pcm: Pcm, threshold: float = 0.02, margin_s: float = 0.15) -> Pcm:
    """Drop leading and trailing silence, keeping a short margin so words are not clipped."""
    limit = threshold * MAX_SAMPLE
    loud = [i for i, s in enumerate(pcm.samples) if abs(s) > limit]
    if not loud:
        return Pcm(array("h"), pcm.rate)
    margin = int(margin_s * pcm.rate)
    start = max(0, loud[0] - margin)
    end = min(len(pcm.samples), loud[-1] + margin + 1)
    return Pcm(pcm.samples[start:end], pcm.rate)


def normalise_peak(pcm: Pcm, target: float = 0.89) -> Pcm:
    """Scale so the loudest sample sits at `target` of full scale (about -1 dBFS)."""
    current = peak(pcm)
    if current == 0.0:
        return pcm
    return scale(pcm, target / current)
