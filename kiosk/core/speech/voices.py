"""Lantern person languages and the synthetic voices this machine has for them.

Availability is asked of the speech engine at run time, never hard-coded: pyttsx3's espeak
driver lists the voices of the installed libespeak-ng; if pyttsx3 cannot start, the `espeak-ng`
program is asked instead. MBROLA voices are not offered (they need extra packages and fail
without them); espeak-ng's own voices already cover the languages that have one.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from dataclasses import dataclass

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Language:
    code: str  # Lantern's code, used across flows, translations and audio/
    name: str  # English name, for staff
    espeak_tags: tuple[str, ...]  # espeak-ng language tags to try, best first


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", ("en-gb", "en-us", "en")),
        Language("id", "Indonesian", ("id",)),
        Language("ms", "Malay", ("ms",)),
        Language("th", "Thai", ("th",)),
        Language("vi", "Vietnamese", ("vi",)),
        Language("km", "Khmer", ("km",)),
        Language("my", "Burmese", ("my",)),
        Language("lo", "Lao", ("lo",)),
        Language("fil", "Filipino", ("fil", "tl")),
        # `cmn` reads its own pinyin back as English ("nin two ke three", espeak-ng #1236);
        # `cmn-latn-pinyin` speaks Mandarin.
        Language("zh", "Chinese (Simplified)", ("cmn-latn-pinyin", "cmn", "zh")),
        Language("bn", "Bengali", ("bn",)),
        Language("ar", "Arabic", ("ar",)),
    )
}


@dataclass(frozen=True)
class Voice:
    identifier: str  # what `espeak-ng -v` accepts, e.g. "gmw/en"
    name: str  # e.g. "English (Great Britain)"
    language: str  # espeak-ng tag, e.g. "en-gb"


def language(code: str) -> Language:
    """The supported language for `code`, or a plain error naming the supported ones."""
    try:
        return LANGUAGES[code]
    except KeyError:
        supported = ", ".join(LANGUAGES)
        raise KioskError(f"unknown language '{code}'; supported: {supported}") from None


# pyttsx3's espeak driver loads libespeak-ng into this process, and libespeak-ng is not
# thread-safe: two threads starting it at once corrupt its heap (seen in the window as
# "Error processing file .../phondata: Bad address" and then "free(): invalid next size", when
# the setup check and the speech service each asked for voices from their own worker thread).
# So every use of it in the process goes through one lock, and the answer is kept for the
# process: the installed voices do not change while Lantern runs.
_PYTTSX3_LOCK = threading.Lock()
_pyttsx3_voices: list[Voice] | None = None


def _voices_from_pyttsx3() -> list[Voice]:
    global _pyttsx3_voices
    with _PYTTSX3_LOCK:
        if _pyttsx3_voices is None:
            _pyttsx3_voices = _ask_pyttsx3()
        return list(_pyttsx3_voices)


def _ask_pyttsx3() -> list[Voice]:
    import pyttsx3

    engine = pyttsx3.init("espeak")
    found = []
    for v in engine.getProperty("voices"):
        tag = (v.languages[0] if v.languages else "").strip("\x00 ").lower()
        found.append(Voice(identifier=v.id, name=v.name, language=tag))
    return found


def parse_espeak_voice_list(listing: str) -> list[Voice]:
    """Parse `espeak-ng --voices` output (columns: Pty Language Age/Gender VoiceName File ...)."""
    found = []
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 5 or parts[4].startswith("mb/"):
            continue
        found.append(Voice(parts[4], parts[3].replace("_", " "), parts[1].lower()))
    return found


def _voices_from_program() -> list[Voice]:
    program = shutil.which("espeak-ng")
    if program is None:
        return []
    done = subprocess.run(
        [program, "--voices"], capture_output=True, text=True, timeout=10, check=False
    )
    return parse_espeak_voice_list(done.stdout) if done.returncode == 0 else []


class VoiceRegistry:
    """Synthetic voices found on this machine, discovered once and then remembered."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voices: list[Voice] | None = None

    def voices(self) -> list[Voice]:
        with self._lock:
            if self._voices is None:
                self._voices = self._discover()
            return list(self._voices)

    @staticmethod
    def _discover() -> list[Voice]:
        if shutil.which("espeak-ng") is None:
            # Synthesis runs the espeak-ng program; without it no voice can actually speak.
            log.warning("espeak-ng program not found: no synthetic voices")
            return []
        try:
            return _voices_from_pyttsx3()
        except Exception as error:  # pyttsx3/libespeak missing or broken: ask the program
            log.warning(
                "pyttsx3 voice discovery failed (%s); asking espeak-ng", type(error).__name__
            )
            return _voices_from_program()

    def voice_for(self, code: str) -> Voice | None:
        """The best synthetic voice for Lantern language `code`, or None when there is none."""
        tags = language(code).espeak_tags
        voices = self.voices()
        for tag in tags:  # exact tag first, in preference order
            for voice in voices:
                if voice.language == tag:
                    return voice
        for tag in tags:  # then a regional variant of it, e.g. "vi-vn-x-central"
            for voice in voices:
                if voice.language.startswith(tag + "-"):
                    return voice
        return None
