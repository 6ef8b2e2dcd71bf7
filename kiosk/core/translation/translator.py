"""The translation service: installed argos models, loaded once, results cached in memory.

Translation goes through argos' own code (`PackageTranslation.hypotheses`: paragraphs, sentence
splitting, sentencepiece, CTranslate2), with argos' downloading sentence splitter swapped for
Lantern's offline one. Texts may be personal (free-text answers), so they and their translations
are kept in memory only and never logged.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kiosk.core.translation import models
from kiosk.core.translation.argos_env import load_argos
from kiosk.core.translation.errors import ModelError, TranslationUnavailable
from kiosk.core.translation.splitter import ArgosSentencizer, splitter_for

log = logging.getLogger(__name__)

Pair = tuple[str, str]

# A fixed, non-personal text used to warm a model (first run allocates and JITs kernels).
WARM_TEXT = "Hello."


@dataclass
class _Loaded:
    model: models.InstalledModel
    translation: Any  # argostranslate.translate.PackageTranslation


class Translator:
    """Translates with installed models. Thread-safe; models load on first use or in `warm()`.

    Pairs without a direct model are translated through one pivot language (argos packages are
    mostly X↔English), preferring the languages in `pivots`.
    """

    def __init__(self, *, cache_size: int = 4096, pivots: Iterable[str] = ("en",)) -> None:
        self._lock = threading.RLock()
        self._loaded: dict[Pair, _Loaded] = {}
        self._cache: OrderedDict[tuple[str, str, str], str] = OrderedDict()
        self._cache_size = cache_size
        self._pivots = tuple(pivots)

    def available_pairs(self) -> list[Pair]:
        """Language pairs with an installed model (direct only), sorted."""
        return [model.pair for model in models.list_models()]

    def route(self, from_lang: str, to_lang: str) -> list[Pair] | None:
        """The model hops for a pair: [] for the same language, one or two hops, or None."""
        if from_lang == to_lang:
            return []
        if (from_lang, to_lang) in self._loaded:  # no need to read the models folder again
            return [(from_lang, to_lang)]
        pairs = set(self.available_pairs())
        if (from_lang, to_lang) in pairs:
            return [(from_lang, to_lang)]
        middles = {b for a, b in pairs if a == from_lang and (b, to_lang) in pairs}
        if not middles:
            return None
        preferred = [p for p in self._pivots if p in middles] or sorted(middles)
        return [(from_lang, preferred[0]), (preferred[0], to_lang)]

    def can_translate(self, from_lang: str, to_lang: str) -> bool:
        return self.route(from_lang, to_lang) is not None

    def translate(self, text: str, from_lang: str, to_lang: str, *, personal: bool = False) -> str:
        """Translate `text`; raise TranslationUnavailable if no installed model covers the pair.

        `personal` text (a person's own words) is never read from or kept in the cache.
        """
        if not text.strip() or from_lang == to_lang:
            return text
        with self._lock:
            cached = None if personal else self._cache_get((from_lang, to_lang, text))
            if cached is not None:
                return cached
            hops = self.route(from_lang, to_lang)
            if hops is None:
                raise TranslationUnavailable(from_lang, to_lang)
            result = text
            for hop in hops:
                result = self._translate_hop(result, hop, personal)
            if not personal:
                self._cache_put((from_lang, to_lang, text), result)
            return result

    def warm(self, pairs: Iterable[Pair] | None = None) -> list[Pair]:
        """Load models (all installed ones by default) and run them once; return those ready.

        A model that fails to load is logged and skipped: start-up must go on without it.
        """
        ready = []
        for pair in list(pairs) if pairs is not None else self.available_pairs():
            try:
                with self._lock:
                    self._run(self._load(pair), WARM_TEXT)
            except ModelError as error:
                log.warning("translation model %s -> %s not ready: %s", *pair, error.message)
                continue
            ready.append(pair)
        return ready

    def clear_cache(self) -> None:
        """Forget every cached text (e.g. when an interview closes)."""
        with self._lock:
            self._cache.clear()

    def unload(self) -> None:
        """Forget loaded models and cached texts (after models were installed or removed)."""
        with self._lock:
            self._loaded.clear()
            self._cache.clear()

    def loaded_pairs(self) -> list[Pair]:
        with self._lock:
            return sorted(self._loaded)

    def _translate_hop(self, text: str, pair: Pair, personal: bool) -> str:
        if personal:
            return self._run(self._load(pair), text)
        key = (pair[0], pair[1], text)
        cached = self._cache_get(key)
        if cached is None:
            cached = self._run(self._load(pair), text)
            self._cache_put(key, cached)
        return cached

    def _load(self, pair: Pair) -> _Loaded:
        loaded = self._loaded.get(pair)
        if loaded is not None and loaded.model.path.is_dir():
            return loaded
        model = models.find_model(*pair)
        if model is None:
            raise TranslationUnavailable(*pair)
        argos = load_argos()
        try:
            package = argos.package.Package(model.path)
        except (OSError, ValueError):
            raise ModelError(f"The installed model {pair[0]} → {pair[1]} is damaged.") from None
        translation = argos.translate.PackageTranslation(
            argos.translate.Language(model.from_code, model.from_name),
            argos.translate.Language(model.to_code, model.to_name),
            package,
        )
        # argos' default splitter downloads a model on first use; use the offline one.
        translation.sentencizer = ArgosSentencizer(splitter_for(model.splitter_model))
        loaded = _Loaded(model, translation)
        self._loaded[pair] = loaded
        return loaded

    def _run(self, loaded: _Loaded, text: str) -> str:
        try:
            hypotheses = loaded.translation.hypotheses(text, num_hypotheses=1)
        except (RuntimeError, ValueError, OSError) as error:
            # Message and log name the pair and error type only, never the text.
            log.warning(
                "translation %s -> %s failed (%s)", *loaded.model.pair, type(error).__name__
            )
            raise ModelError(
                f"The model {loaded.model.from_code} → {loaded.model.to_code} failed to "
                "translate; it may be damaged. Reinstall it with: kiosk models install --replace"
            ) from None
        return str(hypotheses[0].value)

    def _cache_get(self, key: tuple[str, str, str]) -> str | None:
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    def _cache_put(self, key: tuple[str, str, str], value: str) -> None:
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def cache_size(self) -> int:
        with self._lock:
            return len(self._cache)
