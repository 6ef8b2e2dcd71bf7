"""The translation service: installed argos models, loaded once, results cached in memory.

argos loads the package (its tokenizer and target prefix); the pipeline after that is Lantern's
own, because argos' (`apply_packaged_translation`) silently drops text: it calls CTranslate2
with its default limits, which cut every input after 1024 tokens and every output after 256, and
gives one whole unpunctuated answer (Thai, Khmer, Lao, Myanmar) to the model as one sentence.
Here each paragraph is split into sentences (Lantern's offline splitter), each sentence into
bounded pieces (`pieces.py`, at word edges), inputs are never truncated, the output limit grows
with the input, and a piece whose translation still reached the limit is reported, kept in the
original beside the translation, never silently shortened (`Translated.untranslated`).

Texts may be personal (free-text answers), so they and their translations are kept in memory
only and never logged.
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
from kiosk.core.translation.errors import IncompleteTranslation, ModelError, TranslationUnavailable
from kiosk.core.translation.pieces import bounded_pieces
from kiosk.core.translation.splitter import SentenceSplitter, splitter_for

log = logging.getLogger(__name__)

Pair = tuple[str, str]

# A fixed, non-personal text used to warm a model (first run allocates and JITs kernels).
WARM_TEXT = "Hello."

# Output tokens allowed per input token (a target language may need more tokens than the
# source), plus a margin for short inputs. Only a model that loops ever reaches this.
OUTPUT_TOKENS_PER_INPUT = 4
OUTPUT_TOKENS_MARGIN = 32


@dataclass(frozen=True)
class Translated:
    """A translation. Parts the model could not finish are in `untranslated` and appear in
    `text`, in the original language, where their translation would have been."""

    text: str
    untranslated: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.untranslated


@dataclass
class _Loaded:
    model: models.InstalledModel
    package: Any  # argostranslate.package.Package: tokenizer, target prefix
    splitter: SentenceSplitter
    engine: Any = None  # ctranslate2.Translator, created on first use


class Translator:
    """Translates with installed models. Thread-safe; models load on first use or in `warm()`.

    Pairs without a direct model are translated through one pivot language (argos packages are
    mostly X↔English), preferring the languages in `pivots`.
    """

    def __init__(self, *, cache_size: int = 4096, pivots: Iterable[str] = ("en",)) -> None:
        self._lock = threading.RLock()
        self._loaded: dict[Pair, _Loaded] = {}
        self._cache: OrderedDict[tuple[str, str, str], Translated] = OrderedDict()
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
        """The whole of `text` translated; IncompleteTranslation if any part could not be, and
        TranslationUnavailable if no installed model covers the pair.

        `personal` text (a person's own words) is never read from or kept in the cache.
        """
        result = self.translate_in_full(text, from_lang, to_lang, personal=personal)
        if not result.complete:
            raise IncompleteTranslation(sum(len(part) for part in result.untranslated))
        return result.text

    def translate_in_full(
        self, text: str, from_lang: str, to_lang: str, *, personal: bool = False
    ) -> Translated:
        """Like `translate`, but a part the model could not finish is kept in the original
        (and listed) instead of raising: for showing a person's words to staff."""
        if not text.strip() or from_lang == to_lang:
            return Translated(text)
        with self._lock:
            cached = None if personal else self._cache_get((from_lang, to_lang, text))
            if cached is not None:
                return cached
            hops = self.route(from_lang, to_lang)
            if hops is None:
                raise TranslationUnavailable(from_lang, to_lang)
            result = Translated(text)
            untranslated: list[str] = []
            for hop in hops:
                result = self._translate_hop(result.text, hop, personal)
                untranslated.extend(result.untranslated)
            result = Translated(result.text, tuple(dict.fromkeys(untranslated)))
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

    def _translate_hop(self, text: str, pair: Pair, personal: bool) -> Translated:
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
        # argos' own splitter downloads a model on first use; Lantern's is offline.
        loaded = _Loaded(model, package, splitter_for(model.splitter_model))
        self._loaded[pair] = loaded
        return loaded

    def _run(self, loaded: _Loaded, text: str) -> Translated:
        try:
            paragraphs = [self._paragraph(loaded, p) for p in text.split("\n")]
        except (RuntimeError, ValueError, OSError) as error:
            # Message and log name the pair and error type only, never the text.
            log.warning(
                "translation %s -> %s failed (%s)", *loaded.model.pair, type(error).__name__
            )
            raise ModelError(
                f"The model {loaded.model.from_code} → {loaded.model.to_code} failed to "
                "translate; it may be damaged. Reinstall it with: kiosk models install --replace"
            ) from None
        return Translated(
            "\n".join(p.text for p in paragraphs),
            tuple(part for p in paragraphs for part in p.untranslated),
        )

    def _paragraph(self, loaded: _Loaded, paragraph: str) -> Translated:
        """One paragraph: sentences, bounded pieces, one CTranslate2 batch, pieces put back."""
        pieces = [
            piece
            for sentence in loaded.splitter.split(paragraph)
            for piece in bounded_pieces(sentence)
        ]
        if not pieces:
            return Translated(paragraph)
        package = loaded.package
        tokens = [package.tokenizer.encode(piece) for piece in pieces]
        prefix = [package.target_prefix] if package.target_prefix else []
        limit = OUTPUT_TOKENS_PER_INPUT * max(len(t) for t in tokens) + OUTPUT_TOKENS_MARGIN
        limit += len(prefix)
        results = self._engine(loaded).translate_batch(
            tokens,
            target_prefix=[prefix] * len(tokens) if prefix else None,
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=4,
            num_hypotheses=1,
            length_penalty=0.2,
            max_input_length=0,  # never cut the input
            max_decoding_length=limit,
        )
        parts: list[str] = []
        untranslated: list[str] = []
        for piece, result in zip(pieces, results, strict=True):
            output = list(result.hypotheses[0])
            if len(output) >= limit:  # stopped by the limit, not by the end of the sentence
                parts.append(piece)
                untranslated.append(piece)
                continue
            decoded = package.tokenizer.decode(output)
            if prefix and decoded.startswith(package.target_prefix):
                decoded = decoded[len(package.target_prefix) :]
            parts.append(decoded.strip())
        return Translated(" ".join(p for p in parts if p), tuple(untranslated))

    def _engine(self, loaded: _Loaded) -> Any:
        if loaded.engine is None:
            import ctranslate2

            loaded.engine = ctranslate2.Translator(
                str(loaded.package.package_path / "model"), device="cpu", inter_threads=1
            )
        return loaded.engine

    def _cache_get(self, key: tuple[str, str, str]) -> Translated | None:
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    def _cache_put(self, key: tuple[str, str, str], value: Translated) -> None:
        self._cache[key] = value
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def cache_size(self) -> int:
        with self._lock:
            return len(self._cache)
