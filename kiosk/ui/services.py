"""Optional services the screens plug into: reading aloud, machine translation, documents.

Each is a small hook with a plain "not available" answer when its engine is missing, so a
screen can always offer the control and say honestly what happened. Hooks are blocking calls;
the controller runs them through a `Runner`, never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.core.localizer import Localizer, SourceLocalizer
from kiosk.ui.document_jobs import CoreDocuments, Job

if TYPE_CHECKING:
    from kiosk.core.translation import TranslationWorker, Translator
    from kiosk.core.translation.worker import TranslationResult

log = logging.getLogger(__name__)

NO_SOUND_WAIT_S = 0.4  # a player with no sound device fails well within this (aplay, paplay)


class SpeechHook(Protocol):
    def read_aloud(self, lang: str, key: str | None, text: str) -> str:
        """Start speaking fixed content; return a plain note of what happened."""
        ...

    def stop(self) -> None: ...


class TranslationHook(Protocol):
    def submit(
        self,
        text: str,
        from_lang: str,
        to_lang: str,
        callback: Callable[[TranslationResult], None],
        *,
        personal: bool = False,
    ) -> Any:
        """Queue a machine translation (argos codes); `callback` runs on the worker's thread.

        `personal` text (the person's own words) is never kept in the translator's cache."""
        ...

    def forget(self) -> None:
        """Drop every text kept from earlier translations (the person's own words among them)."""
        ...


class DocumentsHook(Protocol):
    def build(self, job: Job) -> bytes:
        """A take-away document as PDF bytes, in memory (see kiosk.ui.document_jobs)."""
        ...


class NoSpeech:
    def read_aloud(self, lang: str, key: str | None, text: str) -> str:
        return "Reading aloud is not available on this computer."

    def stop(self) -> None:
        return None


class CoreSpeech:
    """`kiosk.core.speech`: recorded prompt, else synthetic voice, played through a pipe.

    A `Speaker` drops audio that is ready only after the screen changed (`stop()` is called on
    every page change). `player` and `prompts` can be given (a site's own audio program).
    """

    def __init__(self, player: Any = None, prompts: Any = None) -> None:
        self._speaker: Any = None
        self._player = player
        self._prompts = prompts
        self._settings: Any = None
        self.last: Any = None  # the last SpeechResult of fixed content (what was played, how)

    def configure(self, rate: int, volume: float) -> None:
        """Speed (words per minute) and volume from the settings screen."""
        from kiosk.core.speech.synth import SpeechSettings

        self._settings = SpeechSettings(rate=rate, volume=volume)

    def _ready(self) -> Any:
        from kiosk.core.speech.cache import ContentCache
        from kiosk.core.speech.player import Player
        from kiosk.core.speech.service import SpeechService
        from kiosk.core.speech.speaker import Speaker

        if self._speaker is None:
            service = SpeechService(prompts=self._prompts, cache=ContentCache())
            self._speaker = Speaker(service, self._player if self._player else Player())
        return self._speaker

    def read_aloud(self, lang: str, key: str | None, text: str) -> str:
        from kiosk.core.speech.player import PlaybackError

        speaker = self._ready()
        ticket = speaker.ticket()
        result = speaker.prepare(lang, key, text, personal=False, settings=self._settings)
        self.last = result
        if result.audio is None:
            return result.message
        try:
            started = speaker.play(ticket, result)
        except PlaybackError as error:
            return error.message  # no audio program: nothing was heard
        if not started:
            return ""  # the screen changed meanwhile: nothing to say
        # Without a sound device the player gives up at once: wait a moment to know.
        outcome = speaker.player.wait(timeout=NO_SOUND_WAIT_S)
        if not outcome.ok:
            return outcome.message
        return ""

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()


class CoreTranslation:
    """`kiosk.core.translation`: offline argos models, loaded once."""

    def __init__(self) -> None:
        self._translator: Translator | None = None
        self._worker: TranslationWorker | None = None

    def submit(
        self, text: str, from_lang: str, to_lang: str, callback: Any, *, personal: bool = False
    ) -> Any:
        """Queue on the translation worker's own thread; `callback` gets a TranslationResult."""
        from kiosk.core.translation import TranslationWorker, Translator

        if self._translator is None:
            self._translator = Translator()
        if self._worker is None:
            self._worker = TranslationWorker(self._translator)
        return self._worker.submit(text, from_lang, to_lang, callback, personal=personal)

    def forget(self) -> None:
        if self._translator is not None:
            self._translator.clear_cache()

    def shutdown(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None


@dataclass
class Services:
    localizer: Localizer = field(default_factory=SourceLocalizer)
    speech: SpeechHook = field(default_factory=NoSpeech)
    translation: TranslationHook | None = None
    studio: Any = None  # kiosk.ui.screens.studio.StudioTools; None = this computer's devices
    documents: DocumentsHook = field(default_factory=CoreDocuments)


def default_services() -> Services:
    """What the real kiosk uses: every engine that is installed (all load lazily)."""
    from kiosk.core.i18n.catalogs import CatalogLocalizer

    return Services(
        localizer=CatalogLocalizer(), speech=CoreSpeech(), translation=CoreTranslation()
    )
