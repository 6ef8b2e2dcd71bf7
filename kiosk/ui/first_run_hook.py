"""Open the first-run dialog (languages on this computer, import from a USB folder) right after
the store was created, without blocking the window. The caller chooses the dialog (run_app passes
the real one; tests pass theirs), so building a window never opens it by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FirstRun = Callable[[Any], Any]  # window -> a shown dialog (kept alive by the window)


def real_first_run_dialog(window: Any) -> Any:
    from kiosk.ui.first_run_dialog import FirstRunDialog

    controller = window.controller
    localizer = controller.services.localizer

    def translate(source: str) -> str:
        return localizer.ui(source, language=controller.staff_language())

    dialog = FirstRunDialog(controller.runner, window, translate=translate)
    dialog.setModal(False)  # staff can close it, or keep it beside the window
    dialog.show()
    return dialog


def open_after_first_unlock(window: Any, first_run: FirstRun) -> None:
    """After the unlock that created the store, call `first_run(window)` once."""

    def unlocked(ok: bool, _message: str, _delay: int) -> None:
        if ok and window.unlock.creating and window.first_run_dialog is None:
            window.first_run_dialog = first_run(window)

    window.first_run_dialog = None
    window.controller.unlock_result.connect(unlocked)
