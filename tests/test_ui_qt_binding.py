"""The Qt binding in use does not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to `True` on every signal emitted from Python; on Python 3.11
that aborts the interpreter after enough emits ("bool_dealloc"). pyproject pins a version
without the bug; this test catches a binding that brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    flag = Signal(bool)
    text = Signal(str)


def test_emitting_signals_keeps_bool_reference_counts(qapp: object) -> None:
    emitter = Emitter()
    received: list[object] = []
    emitter.flag.connect(received.append)
    emitter.text.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(2000):
        emitter.flag.emit(True)
        emitter.text.emit("x")
    received.clear()
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert after[0] >= before[0] - 10 and after[1] >= before[1] - 10
