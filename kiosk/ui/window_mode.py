"""How the kiosk window sits on the screen: full screen while the person has it (nothing else of
the laptop shows, no window edges to fiddle with), maximized for staff (they may need the
system's own windows: a file dialog, the printer). Off by default, so a window built for tests
or screenshots keeps the size it is given; `kiosk` (run_app) turns it on.

Maximizing and full screen are requests to the window manager. A kiosk laptop may run the
program in a bare X session with no window manager at all, and then the request is ignored and
the window keeps its small natural size in a corner. So the window first takes the screen's size
itself; a window manager, when there is one, then does the rest.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

PERSON, STAFF = "person", "staff"  # kiosk.app.pages.Audience values


class WindowMode:
    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.enabled = False

    def follow(self, audience: str) -> None:
        if not self.enabled:
            return
        screen = self.window.screen()
        if audience == PERSON and not self.window.isFullScreen():
            self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
        elif audience == STAFF and (self.window.isFullScreen() or not self.window.isMaximized()):
            self.window.setGeometry(screen.availableGeometry())
            self.window.showMaximized()
