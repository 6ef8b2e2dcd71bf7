"""Offline machine translation on top of argos-translate (never imports Qt, never goes online).

Cheap to import: argostranslate, ctranslate2 and sentencepiece are imported only when a model is
installed, loaded or used. Entry points:

- `models`: install / list / remove `.argosmodel` packages in Lantern's data folder;
- `Translator`: translate text with installed models, results cached in memory only;
- `TranslationWorker`: one background thread that runs a `Translator` off the GUI thread.
"""

from __future__ import annotations

from kiosk.core.translation.errors import ModelError, TranslationUnavailable
from kiosk.core.translation.translator import Translator
from kiosk.core.translation.worker import TranslationResult, TranslationWorker

__all__ = [
    "ModelError",
    "TranslationResult",
    "TranslationUnavailable",
    "TranslationWorker",
    "Translator",
]
