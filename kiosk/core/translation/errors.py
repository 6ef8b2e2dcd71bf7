"""Errors of the translation layer. Messages are for the user and never contain translated text."""

from __future__ import annotations

from kiosk.core.errors import KioskError


class ModelError(KioskError):
    """A model file could not be installed, found or loaded."""


class TranslationUnavailable(KioskError):
    """No installed model (direct or through one pivot language) covers a language pair."""

    def __init__(self, from_lang: str, to_lang: str) -> None:
        super().__init__(
            f"No translation model is installed for {from_lang} → {to_lang}. "
            "Install one with: kiosk models install FILE.argosmodel"
        )
        self.from_lang = from_lang
        self.to_lang = to_lang


class IncompleteTranslation(KioskError):
    """The model could not finish part of a text (it is never returned silently shortened)."""

    def __init__(self, characters: int) -> None:
        super().__init__(
            f"Part of the text ({characters} characters) could not be machine-translated; "
            "it was not shortened or dropped."
        )
        self.characters = characters
