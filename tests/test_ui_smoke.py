"""The window opens, unlocks (key derivation off the GUI thread) and keeps a neutral title."""

from __future__ import annotations

from tests.ui_helpers import make_window, unlock


def test_first_run_creates_store_and_unlocks(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    assert window.windowTitle() == "Lantern"
    assert window.unlock.creating
    unlock(qtbot, window)
    assert window.controller.store is not None
    assert window.interpreter.windowTitle() == "Lantern"
