"""Nothing typed in the kiosk reaches the system clipboard or the X11 primary selection.

On X11, selecting text in any input puts it in the primary selection at once, where any other
program (or a clipboard manager keeping a history on disk) can read it; Ctrl+C and the context
menu put it on the clipboard. A person's words must not leave the kiosk that way, nor staff's
notes about them. `ClipboardGuard` takes back, the moment it is set, anything this program puts
on the clipboard or the selection (other programs' clipboard contents are left alone), and
`clear_owned_clipboard()` is called again when an interview closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QClipboard, QGuiApplication

MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection, QClipboard.Mode.FindBuffer)


def _owns(clipboard: QClipboard, mode: QClipboard.Mode) -> bool:
    if mode == QClipboard.Mode.Clipboard:
        return clipboard.ownsClipboard()
    if mode == QClipboard.Mode.Selection:
        return clipboard.supportsSelection() and clipboard.ownsSelection()
    return clipboard.supportsFindBuffer() and clipboard.ownsFindBuffer()


def clear_owned_clipboard() -> None:
    """Empty the clipboard and the selections this program owns (no-op without a GUI)."""
    clipboard = QGuiApplication.clipboard() if QGuiApplication.instance() else None
    if clipboard is None:
        return
    for mode in MODES:
        if _owns(clipboard, mode):
            clipboard.clear(mode)


class ClipboardGuard(QObject):
    """Installed once per application: whatever this program copies or selects is taken back
    before any other program can ask for it (the clear happens before Qt returns to the event
    loop, where another program's request would be answered)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clipboard = QGuiApplication.clipboard()
        self.clipboard.changed.connect(self._changed)

    def _changed(self, mode: QClipboard.Mode) -> None:
        if _owns(self.clipboard, mode):
            self.clipboard.clear(mode)
