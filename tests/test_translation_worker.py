"""The translation worker: one background thread, results by callback, errors as results."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kiosk.core.translation import TranslationResult, TranslationWorker, Translator, models


@pytest.fixture
def worker(tiny_argos_model: Path):  # type: ignore[no-untyped-def]
    models.install_model(tiny_argos_model)
    worker = TranslationWorker(Translator())
    yield worker
    worker.shutdown()


def test_runs_off_the_calling_thread_on_one_thread(worker: TranslationWorker) -> None:
    seen: list[tuple[TranslationResult, threading.Thread]] = []
    done = threading.Event()

    def callback(result: TranslationResult) -> None:
        seen.append((result, threading.current_thread()))
        if len(seen) == 3:
            done.set()

    for text in ("one.", "two.", "three."):
        worker.submit(text, "en", "xx", callback)
    assert done.wait(30)

    assert [r.text for r, _ in seen] == ["ONE.", "TWO.", "THREE."]  # in order
    threads = {t for _, t in seen}
    assert len(threads) == 1
    assert threading.current_thread() not in threads


def test_result_keeps_original_and_is_marked_machine(worker: TranslationWorker) -> None:
    result = worker.submit("I was afraid.", "en", "xx").result(timeout=30)
    assert result.original == "I was afraid."
    assert result.text == "I WAS AFRAID."
    assert result.ok and result.machine


def test_same_language_is_not_marked_machine(worker: TranslationWorker) -> None:
    result = worker.submit("hello", "en", "en").result(timeout=30)
    assert result.text == "hello"
    assert not result.machine


def test_warm_loads_models_in_background(worker: TranslationWorker) -> None:
    assert worker.warm().result(timeout=30) == [("en", "xx")]
    assert worker.translator.loaded_pairs() == [("en", "xx")]


def test_missing_model_is_a_result_with_error(worker: TranslationWorker) -> None:
    result = worker.submit("hello", "en", "fr").result(timeout=30)
    assert not result.ok and not result.machine
    assert result.text is None
    assert result.original == "hello"
    assert "No translation model is installed for en → fr" in (result.error or "")


def test_unexpected_failure_does_not_kill_the_worker(
    worker: TranslationWorker, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(text: str, from_lang: str, to_lang: str, *, personal: bool = False) -> str:
        raise ZeroDivisionError(text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(worker.translator, "translate_in_full", boom)
        result = worker.submit("secret words", "en", "xx").result(timeout=30)
    assert result.error == "Machine translation failed unexpectedly."
    assert "ZeroDivisionError" in caplog.text
    assert "secret" not in caplog.text

    assert worker.submit("after", "en", "xx").result(timeout=30).text == "AFTER"


def test_failing_callback_does_not_kill_the_worker(worker: TranslationWorker) -> None:
    def bad_callback(result: TranslationResult) -> None:
        raise RuntimeError("gui gone")

    assert worker.submit("a", "en", "xx", bad_callback).result(timeout=30).text == "A"
    assert worker.submit("b", "en", "xx").result(timeout=30).text == "B"


def test_synchronous_mode_runs_inline(tiny_argos_model: Path) -> None:
    models.install_model(tiny_argos_model)
    worker = TranslationWorker(synchronous=True)
    threads: list[threading.Thread] = []
    future = worker.submit("now.", "en", "xx", lambda r: threads.append(threading.current_thread()))
    assert future.done()
    assert future.result().text == "NOW."
    assert threads == [threading.current_thread()]
    assert worker.warm().result() == [("en", "xx")]
