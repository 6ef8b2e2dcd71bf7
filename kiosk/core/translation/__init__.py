"""Offline machine translation on top of argos-translate (never imports Qt, never goes online).

Cheap to import: argostranslate, ctranslate2 and sentencepiece are imported only when a model is
installed, loaded or used. Entry points:

- `models`: install / list / remove `.argosmodel` packages in Lantern's data folder;
- `Translator`: translate text with installed models, results cached in memory only; nothing is
  ever silently shortened (`Translated.untranslated` names what the model could not finish);
- `TranslationWorker`: one background thread that runs a `Translator` off the GUI thread.
"""

from __future__ import annotations

from kiosk.core.translation.errors import IncompleteTranslation, ModelError, TranslationUnavailable
from kiosk.core.translation.translator import Translated, Translator
from kiosk.core.translation.worker import TranslationResult, TranslationWorker

__all__ = [
    "IncompleteTranslation",
    "ModelError",
    "TranslationResult",
    "TranslationUnavailable",
    "TranslationWorker",
    "Translated",
    "Translator",
]
