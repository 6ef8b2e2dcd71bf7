"""`Speaker`: *Read aloud* for one window, so speech stops when the screen changes.

Preparing audio takes tens of milliseconds and runs off the GUI thread, so a result can arrive
after the person has moved on. Each press takes a ticket; `stop()` (called on every screen
change) silences the current sound and voids every ticket, so late results are dropped:

    ticket = speaker.ticket()                                   # GUI thread, on the press
    result = speaker.prepare(lang, key, text, personal=False)   # worker thread
    speaker.play(ticket, result)                                # GUI thread, on the signal
"""

from __future__ import annotations

import threading

from kiosk.core.speech.player import Player
from kiosk.core.speech.service import SpeechResult, SpeechService
from kiosk.core.speech.synth import SpeechSettings


class Speaker:
    def __init__(self, service: SpeechService, player: Player | None = None) -> None:
        self.service = service
        self.player = player if player is not None else Player()
        self._lock = threading.Lock()
        self._generation = 0

    def ticket(self) -> int:
        with self._lock:
            return self._generation

    def prepare(
        self,
        lang: str,
        key: str | None,
        text: str,
        *,
        personal: bool,
        settings: SpeechSettings | None = None,
    ) -> SpeechResult:
        """Audio for the text (blocking; call off the GUI thread). Personal text stays in memory."""
        if personal:
            return self.service.speak_personal(lang, text, settings)
        return self.service.speak_content(lang, key, text, settings)

    def play(self, ticket: int, result: SpeechResult) -> bool:
        """Play `result` unless the screen changed since `ticket`; True if it started."""
        with self._lock:
            if ticket != self._generation or result.audio is None:
                return False
            self.player.play(result.audio)
            return True

    def stop(self) -> None:
        """Silence now and drop any result still being prepared (the screen changed)."""
        with self._lock:
            self._generation += 1
        self.player.stop()
