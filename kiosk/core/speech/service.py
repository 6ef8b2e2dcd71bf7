"""`SpeechService`: what to play when someone presses *Read aloud*.

Fixed content (questions, answer options, rights sections): a recorded human prompt for that
exact text is preferred; a stale recording is never played; otherwise the synthetic voice,
cached on disk; otherwise a plain "no voice" result the screen states as it is.
Personal text (the person's own free-text answers): synthetic voice only, in memory only; it
is never cached, never written, never logged.

Calls block (synthesis takes tens of milliseconds); the GUI runs them off its thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.errors import KioskError
from kiosk.core.speech.adjust import apply_settings
from kiosk.core.speech.cache import ContentCache
from kiosk.core.speech.prompts import Prompt, PromptError, PromptLookup, PromptStore
from kiosk.core.speech.synth import SpeechSettings, synthesize
from kiosk.core.speech.voices import VoiceRegistry, language

log = logging.getLogger(__name__)


class Source(StrEnum):
    RECORDED = "recorded"  # a human recording of this exact text
    SYNTHETIC = "synthetic"  # espeak-ng
    NONE = "none"  # nothing can speak this text in this language


@dataclass(frozen=True)
class SpeechResult:
    """Audio ready to play, or why there is none. `message` is plain and never quotes the text."""

    lang: str
    source: Source
    audio: bytes | None
    message: str
    voice: str | None = None  # synthetic voice identifier, when synthetic
    stale: bool = False  # a recording for this key exists but speaks an older text
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.audio is not None


@dataclass(frozen=True)
class LanguageStatus:
    """What `kiosk voices` and the studio show for one language."""

    lang: str
    name: str
    voice: str | None
    voice_name: str | None
    recorded: int
    stale: int | None  # None when current texts were not given
    problem: str | None = None  # e.g. an unreadable manifest

    @property
    def has_voice(self) -> bool:
        return self.voice is not None or self.recorded > 0

    def plain_status(self) -> str:
        if self.voice is None and self.recorded == 0:
            return (
                f"{self.name} has no synthetic voice and no recorded prompts: "
                "nothing can be read aloud."
            )
        if self.voice is None:
            return f"{self.name} has no synthetic voice: only recorded prompts can be read aloud."
        return f"{self.name} can be read aloud."


class SpeechService:
    def __init__(
        self,
        prompts: PromptStore | None = None,
        cache: ContentCache | None = None,
        voices: VoiceRegistry | None = None,
        settings: SpeechSettings = SpeechSettings(),
    ) -> None:
        """`cache=None` disables caching (e.g. the `speak` command, whose text may be anything)."""
        self.prompts = prompts if prompts is not None else PromptStore()
        self.cache = cache
        self.voices = voices if voices is not None else VoiceRegistry()
        self.settings = settings

    def speak_content(
        self, lang: str, key: str | None, text: str, settings: SpeechSettings | None = None
    ) -> SpeechResult:
        """Audio for fixed content `text` (catalog entry `key`; None = match by text alone)."""
        name = language(lang).name
        settings = settings or self.settings
        lookup = self._lookup(lang, key, text)
        if lookup.prompt is not None:
            audio = lookup.prompt.read()
            if audio is not None:
                return SpeechResult(
                    lang, Source.RECORDED, apply_settings(audio, settings), "recorded prompt"
                )
        voice = self.voices.voice_for(lang)
        if voice is None:
            stale_note = (
                " (its recording is out of date and needs re-recording)" if lookup.stale else ""
            )
            return SpeechResult(
                lang,
                Source.NONE,
                None,
                f"{name} has no synthetic voice and no recording for this text{stale_note}.",
                stale=lookup.stale is not None,
            )
        key_hash = ContentCache.key(lang, voice.identifier, settings.rate, settings.volume, text)
        audio = self.cache.get(key_hash) if self.cache is not None else None
        cached = audio is not None
        if audio is None:
            audio = synthesize(text, voice.identifier, settings)
            if self.cache is not None:
                self.cache.put(key_hash, audio)
        message = "synthetic voice" + (" (recording out of date)" if lookup.stale else "")
        return SpeechResult(
            lang,
            Source.SYNTHETIC,
            audio,
            message,
            voice=voice.identifier,
            stale=lookup.stale is not None,
            cached=cached,
        )

    def speak_personal(
        self, lang: str, text: str, settings: SpeechSettings | None = None
    ) -> SpeechResult:
        """Audio for the person's own words: synthesised in memory, never cached or written."""
        name = language(lang).name
        voice = self.voices.voice_for(lang)
        if voice is None:
            return SpeechResult(
                lang,
                Source.NONE,
                None,
                f"{name} has no synthetic voice, so typed answers cannot be read aloud in {name}.",
            )
        audio = synthesize(text, voice.identifier, settings or self.settings)
        return SpeechResult(
            lang, Source.SYNTHETIC, audio, "synthetic voice", voice=voice.identifier
        )

    def _lookup(self, lang: str, key: str | None, text: str) -> PromptLookup:
        try:
            if key is None:
                prompt: Prompt | None = self.prompts.find_by_text(lang, text)
                return PromptLookup(prompt=prompt)
            lookup = self.prompts.find_prompt(lang, key, text)
            if lookup.prompt is None:
                # The same words recorded under another key (e.g. a shared "Yes") are just as good.
                return PromptLookup(self.prompts.find_by_text(lang, text), lookup.stale)
            return lookup
        except PromptError as error:
            # A broken manifest must not silence the interview: fall back to the synthetic voice.
            log.warning("recorded prompts unusable: %s", error.message)
            return PromptLookup()

    def language_status(
        self, lang: str, current_texts: dict[str, str] | None = None
    ) -> LanguageStatus:
        info = language(lang)
        voice = self.voices.voice_for(lang)
        recorded, stale, problem = 0, None, None
        try:
            prompts = self.prompts.list_prompts(lang)
            recorded = sum(1 for p in prompts if p.read() is not None)
            if current_texts is not None:
                stale = len(self.prompts.stale_prompts(lang, current_texts))
        except KioskError as error:
            problem = error.message
        return LanguageStatus(
            lang=lang,
            name=info.name,
            voice=voice.identifier if voice else None,
            voice_name=voice.name if voice else None,
            recorded=recorded,
            stale=stale,
            problem=problem,
        )
