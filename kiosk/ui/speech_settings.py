"""Reading-aloud speed and volume, chosen by staff in settings and applied to every voice
(synthetic and recorded prompts): kiosk.core.speech.synth.SpeechSettings.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QSpinBox, QWidget

from kiosk.core.speech.synth import DEFAULT_RATE, DEFAULT_VOLUME, MAX_RATE, MAX_VOLUME, MIN_RATE
from kiosk.ui.screens.common import buddy

RATE_KEY, VOLUME_KEY = "speech_rate", "speech_volume"


def stored_speech(controller: Any) -> tuple[int, float]:
    """(words per minute, volume) from the store, kept inside what the speech engine accepts."""
    rate = int(controller.setting(RATE_KEY, DEFAULT_RATE))
    volume = float(controller.setting(VOLUME_KEY, DEFAULT_VOLUME))
    return min(max(rate, MIN_RATE), MAX_RATE), min(max(volume, 0.0), MAX_VOLUME)


def apply_speech(controller: Any) -> None:
    """Hand the stored speed and volume to the speech hook (hooks without settings ignore it)."""
    configure = getattr(controller.services.speech, "configure", None)
    if callable(configure):
        configure(*stored_speech(controller))


class SpeechControls(QGroupBox):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        loc = controller.services.localizer
        super().__init__(loc.ui("Reading aloud"), parent)
        self.controller = controller
        self.rate = QSpinBox()
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSingleStep(10)
        self.rate.setSuffix(loc.ui(" words per minute"))
        self.volume = QSpinBox()
        self.volume.setRange(0, int(MAX_VOLUME * 100))
        self.volume.setSingleStep(10)
        self.volume.setSuffix(" %")
        form = QFormLayout(self)
        form.addRow(buddy(loc.ui("Speed"), self.rate), self.rate)
        form.addRow(buddy(loc.ui("Volume"), self.volume), self.volume)

    def load(self) -> None:
        rate, volume = stored_speech(self.controller)
        self.rate.setValue(rate)
        self.volume.setValue(round(volume * 100))

    def save(self) -> None:
        self.controller.set_setting(RATE_KEY, self.rate.value())
        self.controller.set_setting(VOLUME_KEY, self.volume.value() / 100)
