"""The few pytest-qt calls tests/ui_helpers.py uses, for scripts that drive the real window in
their own process (no pytest there)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


class Bot:
    def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:  # noqa: N802
        QTest.mouseClick(widget, button)

    def waitUntil(self, condition: Callable[[], object], timeout: int = 5000) -> None:  # noqa: N802
        end = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("condition not met in time")
            QTest.qWait(20)

    def wait(self, ms: int) -> None:
        QTest.qWait(ms)
