"""One background thread that runs translations, so the GUI never waits on a model.

Results are delivered to a plain callback on the worker thread; the GUI bridges it to a Qt signal.
With `synchronous=True` work runs inline in the caller's thread (headless commands and tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.core.errors import KioskError
from kiosk.core.translation.translator import Pair, Translator

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class TranslationResult:
    """A finished request. The original is always kept so both can be shown side by side."""

    original: str
    from_lang: str
    to_lang: str
    text: str | None  # None when it failed; `error` then says why, in plain words
    error: str | None = None
    # Parts the model could not finish: kept in the original inside `text`, and named here so
    # that wherever the translation shows, it can say so beside it.
    untranslated: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.ok and not self.untranslated

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def machine(self) -> bool:
        """True when the text was machine-translated and must be marked so wherever it shows."""
        return self.ok and self.from_lang != self.to_lang and bool(self.original.strip())


Callback = Callable[[TranslationResult], None]


class _InlineExecutor(Executor):
    """Runs each job at once in the calling thread."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # delivered through the future like a thread pool does
            future.set_exception(error)
        return future


class TranslationWorker:
    """Runs a Translator on one thread; the Translator (and its models) are loaded once."""

    def __init__(self, translator: Translator | None = None, *, synchronous: bool = False) -> None:
        self.translator = translator if translator is not None else Translator()
        self._executor: Executor = (
            _InlineExecutor()
            if synchronous
            else ThreadPoolExecutor(max_workers=1, thread_name_prefix="lantern-translate")
        )

    def warm(self, pairs: Iterable[Pair] | None = None) -> Future[list[Pair]]:
        """Load and run installed models once in the background (call at start-up)."""
        chosen = list(pairs) if pairs is not None else None
        return self._executor.submit(self.translator.warm, chosen)

    def submit(
        self,
        text: str,
        from_lang: str,
        to_lang: str,
        callback: Callback | None = None,
        *,
        personal: bool = False,
    ) -> Future[TranslationResult]:
        """Queue a translation; `callback` (if any) gets the result on the worker thread.

        `personal` text is translated without touching the translator's cache.
        """
        return self._executor.submit(self._job, text, from_lang, to_lang, callback, personal)

    def shutdown(self, wait: bool = True) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def _job(
        self,
        text: str,
        from_lang: str,
        to_lang: str,
        callback: Callback | None,
        personal: bool = False,
    ) -> TranslationResult:
        try:
            done = self.translator.translate_in_full(text, from_lang, to_lang, personal=personal)
            result = TranslationResult(text, from_lang, to_lang, done.text, None, done.untranslated)
        except KioskError as error:
            result = TranslationResult(text, from_lang, to_lang, None, error.message)
        except Exception as error:  # a bug must not kill the worker; say so without the text
            log.error("translation job failed (%s)", type(error).__name__)
            result = TranslationResult(
                text, from_lang, to_lang, None, "Machine translation failed unexpectedly."
            )
        if callback is not None:
            try:
                callback(result)
            except Exception as error:
                log.error("translation callback failed (%s)", type(error).__name__)
        return result
