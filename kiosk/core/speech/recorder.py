"""The recording studio's core: capture a prompt from the microphone into memory, then clean it.

Capture runs `arecord` (or `sox -d`) writing WAV to a pipe; `stop()` ends it. `clean_recording`
trims the silence around the words and evens out the level, and refuses a recording that is
empty or silent. Save with `PromptStore.save_prompt`.
"""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import threading
from collections.abc import Sequence

from kiosk.core.errors import KioskError
from kiosk.core.speech.wav import AudioError, normalise_peak, read_wav, rms, trim_silence, write_wav

SAMPLE_RATE = 22050
MAX_SECONDS = 120  # the capture program stops itself even if stop() is never called
RECORDER_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("arecord", "-q", "-f", "S16_LE", "-c", "1", "-r", str(SAMPLE_RATE), "-d", str(MAX_SECONDS),
     "-t", "wav", "-"),
    ("sox", "-q", "-d", "-t", "wav", "-b", "16", "-c", "1", "-r", str(SAMPLE_RATE), "-",
     "trim", "0", str(MAX_SECONDS)),
)  # fmt: skip
MIN_SECONDS = 0.3
SILENCE_RMS = 0.003
STOP_GRACE_S = 2.0


class RecordingError(KioskError):
    """Nothing usable could be recorded."""


def find_recorder_command() -> list[str] | None:
    for command in RECORDER_COMMANDS:
        program = shutil.which(command[0])
        if program:
            return [program, *command[1:]]
    return None


class Recorder:
    """One capture at a time: `start()`, then `stop()` returns the WAV bytes."""

    def __init__(self, command: Sequence[str] | None = None) -> None:
        """`command` must write a WAV to stdout; default: arecord, else sox."""
        self._command = list(command) if command is not None else None
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._buffer = io.BytesIO()

    def start(self) -> None:
        if self._process is not None:
            raise RecordingError("a recording is already running")
        command = self._command if self._command is not None else find_recorder_command()
        if command is None:
            raise RecordingError("no recording program (arecord or sox) is installed")
        self._buffer = io.BytesIO()
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError:
            raise RecordingError("the recording program could not be started") from None
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for chunk in iter(lambda: self._process.stdout.read(65536), b""):  # type: ignore[union-attr]
            self._buffer.write(chunk)

    @property
    def recording(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the capture to end by itself (time limit reached)."""
        if self._process is None:
            return True
        try:
            self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def stop(self) -> bytes:
        """End the capture and return what was recorded, as WAV bytes with a correct header."""
        process, reader = self._process, self._reader
        if process is None or reader is None:
            raise RecordingError("nothing is being recorded")
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # arecord and sox finish cleanly on SIGINT
            try:
                process.wait(timeout=STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        reader.join()
        if process.stdout is not None:
            process.stdout.close()
        self._process, self._reader = None, None
        data = self._buffer.getvalue()
        if not data:
            raise RecordingError("nothing was recorded: is a microphone connected?")
        try:
            return write_wav(read_wav(data))
        except AudioError:
            raise RecordingError("the recording could not be read; please record again") from None


def clean_recording(wav_bytes: bytes) -> bytes:
    """Trim surrounding silence and normalise the level; refuse empty or silent takes."""
    pcm = read_wav(wav_bytes)
    trimmed = trim_silence(pcm)
    if trimmed.duration < MIN_SECONDS or rms(trimmed) < SILENCE_RMS:
        raise RecordingError("the recording is silent or too short; please record again")
    return write_wav(normalise_peak(trimmed))
