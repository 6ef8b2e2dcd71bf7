"""QApplication setup and `run_app`, which `kiosk` (no arguments) calls."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk.ui.names import APP_TITLE


def build_window(
    services: object | None = None,
    runner: object | None = None,
    store_path: Path | None = None,
    flows_dir: Path | None = None,
    first_run: Callable[[Any], Any] | None = None,
) -> object:
    """Build the controller and main window (the QApplication must exist already)."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.clipboard import ClipboardGuard
    from kiosk.ui.controller import Controller
    from kiosk.ui.forget import forget_when_closed
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.messages import MessageChannel
    from kiosk.ui.services import Services, default_services
    from kiosk.ui.theme import ThemeSettings, apply_theme
    from kiosk.ui.translation_bridge import MachineFallbackLocalizer, connect_machine_translation
    from kiosk.ui.workers import ThreadRunner

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, ThemeSettings())
    channel = MessageChannel()
    chosen = services if isinstance(services, Services) else default_services()
    if not isinstance(chosen.localizer, MachineFallbackLocalizer):
        # Machine translations of missing content are shown, marked, once they are ready.
        chosen.localizer = MachineFallbackLocalizer(chosen.localizer)
    controller = Controller(
        channel,
        runner if runner is not None else ThreadRunner(),  # type: ignore[arg-type]
        chosen,
        store_path=store_path,
        flows_dir=flows_dir,
    )
    window = MainWindow(controller)
    # A message belongs to the screen it was posted on (staff or the person's).
    controller.page.connect(window.banner.follow_page)

    def wire_translation(built: Any) -> None:
        built.machine, built.free_text = connect_machine_translation(built)

    # With the question screen and interpreter view, which are built after unlock.
    window.on_interview_screens.append(wire_translation)
    # Nothing the kiosk shows or takes in reaches the clipboard; a closed interview leaves
    # nothing in the widgets (kiosk.ui.clipboard, kiosk.ui.forget).
    ClipboardGuard(window)  # owned by the window
    forget_when_closed(window)
    if first_run is not None:
        from kiosk.ui.first_run_hook import open_after_first_unlock

        open_after_first_unlock(window, first_run)
    return window


def register_bundled_fonts() -> None:
    """A bundle's own fonts for every script. On Linux fontconfig already finds them (a start-up
    hook points it there); Qt on Windows and macOS needs them registered one by one."""
    if sys.platform.startswith("linux"):
        return
    from PySide6.QtGui import QFontDatabase

    from kiosk.core.bundle import font_files

    for path in font_files():
        QFontDatabase.addApplicationFont(str(path))


def run_app(argv: Sequence[str]) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(list(argv))
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    register_bundled_fonts()
    from kiosk.ui.first_run_hook import real_first_run_dialog
    from kiosk.ui.window_mode import STAFF

    window = build_window(first_run=real_first_run_dialog)
    # Full screen while the person has it, maximized for staff (kiosk.ui.window_mode).
    window.window_mode.enabled = True  # type: ignore[attr-defined]
    window.window_mode.follow(STAFF)  # type: ignore[attr-defined]  # the unlock screen
    channel = window.controller.messages  # type: ignore[attr-defined]

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        # Last line of defence: an error escaping a slot is shown, never fatal, never traced.
        channel.error(error)

    sys.excepthook = hook
    return app.exec()
