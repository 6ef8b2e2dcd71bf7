"""Run slow callables (key derivation, speech, PDF) off the GUI thread; results come by signal.

`ThreadRunner` is the production runner. `InlineRunner` runs the call at once on the caller's
thread; it is chosen by whoever builds the window (dependency injection), never by a test flag.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def run(self, work: Callable[[], Any], done: Done, failed: Failed) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; its signals cross back from the worker as queued calls."""

    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI's message channel, never lost
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class ThreadRunner(QObject):
    """Runs each callable on a private thread pool and reports back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        relay = _Relay()
        self._relays.add(relay)  # keep it alive until the result has been delivered

        def finish(result: Any) -> None:
            self._relays.discard(relay)
            done(result)

        def fail(error: BaseException) -> None:
            self._relays.discard(relay)
            failed(error)

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running work (used when the window closes)."""
        return self._pool.waitForDone(msecs)


class InlineRunner:
    """Runs work immediately on the calling thread (headless tools, deterministic tests)."""

    def run(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        try:
            result = work()
        except BaseException as error:
            failed(error)
        else:
            done(result)

    def wait(self, msecs: int = 5000) -> bool:
        return True
