"""Play WAV bytes through a system audio program, fed on stdin; stoppable at any moment.

PySide6-Essentials has no QtMultimedia, so playback goes through `paplay` (PulseAudio/PipeWire)
or `aplay` (ALSA). Audio travels through a pipe, never a file, so personal speech stays off the
disk. `stop()` is what the GUI calls when the screen changes.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.errors import KioskError

# Each reads a WAV from stdin when given no file (aplay needs "-" spelled out).
PLAYER_COMMANDS: tuple[tuple[str, ...], ...] = (("paplay",), ("aplay", "-q", "-"))
STOP_GRACE_S = 1.0


class PlaybackError(KioskError):
    """Audio cannot be played on this machine."""


@dataclass(frozen=True)
class PlaybackResult:
    ok: bool
    stopped: bool
    message: str


def find_player_command() -> list[str] | None:
    """The first installed player program, as a command reading WAV from stdin."""
    for command in PLAYER_COMMANDS:
        program = shutil.which(command[0])
        if program:
            return [program, *command[1:]]
    return None


class Player:
    """One sound at a time: playing a new one stops the previous one."""

    def __init__(self, command: Sequence[str] | None = None) -> None:
        """`command` overrides the detected player (a site may configure its own)."""
        self._command = list(command) if command is not None else None
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._writer: threading.Thread | None = None
        self._stopped = False

    def command(self) -> list[str] | None:
        return self._command if self._command is not None else find_player_command()

    def play(self, wav_bytes: bytes) -> None:
        """Start playing and return at once. Raises PlaybackError if there is no player."""
        command = self.command()
        if command is None:
            raise PlaybackError("no audio player (paplay or aplay) is installed")
        self.stop()
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            raise PlaybackError("the audio player could not be started") from None
        writer = threading.Thread(target=_feed, args=(process, wav_bytes), daemon=True)
        with self._lock:
            self._process, self._writer, self._stopped = process, writer, False
        writer.start()

    def is_playing(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        """Silence now (e.g. the screen changed). Safe to call when nothing plays."""
        with self._lock:
            process = self._process
            self._stopped = True
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def wait(self, timeout: float | None = None) -> PlaybackResult:
        """Wait for the current sound to end and say how it went."""
        with self._lock:
            process, writer = self._process, self._writer
        if process is None:
            return PlaybackResult(ok=False, stopped=False, message="nothing was played")
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return PlaybackResult(ok=True, stopped=False, message="still playing")
        if writer is not None:
            writer.join()
        with self._lock:
            stopped = self._stopped
        if stopped:
            return PlaybackResult(ok=True, stopped=True, message="stopped")
        if code != 0:
            return PlaybackResult(
                ok=False, stopped=False, message="the sound could not be played: no audio output"
            )
        return PlaybackResult(ok=True, stopped=False, message="played")


def _feed(process: subprocess.Popen[bytes], data: bytes) -> None:
    assert process.stdin is not None
    try:
        process.stdin.write(data)
    except OSError:
        pass  # the player stopped or failed (broken pipe); `wait` reports it
    finally:
        with contextlib.suppress(OSError):
            process.stdin.close()


def play_wav_bytes(wav_bytes: bytes) -> Player:
    """Start playing on a new Player and return it (call `.stop()` / `.wait()` on it)."""
    player = Player()
    player.play(wav_bytes)
    return player
