"""The one message channel: every problem reaches the user here, in plain words.

Slots that call into core are wrapped with `MessageChannel.guard`, so a `KioskError` shows its
own message and anything unexpected shows a generic one; the window never dies from a slot.
Messages never quote answers or other personal data (core errors are written that way).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.store_errors import StoreBug

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

INFO = "info"
ERROR = "error"


def plain_message(error: BaseException) -> str:
    """What to tell the user about `error`, without any data it might carry."""
    if isinstance(error, KioskError):
        return error.message
    if isinstance(error, StoreBug):
        return (
            "Lantern could not read or write its store (an internal problem). "
            "Nothing saved before this was lost."
        )
    return (
        f"Something went wrong inside Lantern ({type(error).__name__}). "
        "Nothing saved was lost. You can carry on or restart the kiosk."
    )


class MessageChannel(QObject):
    """Emits `posted(text, level)`; the banner shows it."""

    posted = Signal(str, str)

    def info(self, text: str) -> None:
        self.posted.emit(text, INFO)

    def error(self, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else plain_message(error)
        if isinstance(error, BaseException) and not isinstance(error, KioskError):
            # Only the class name: exception text could hold personal data.
            log.error("unexpected error in the window: %s", type(error).__name__)
        self.posted.emit(text, ERROR)

    def guard(self, slot: F) -> F:
        """Wrap a slot so that no exception escapes into Qt's event loop."""

        @functools.wraps(slot)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return slot(*args, **kwargs)
            except Exception as error:
                self.error(error)
                return None

        return wrapper  # type: ignore[return-value]


class MessageBanner(QWidget):
    """A non-modal banner at the top of the window. It stays until dismissed or replaced, or
    until the screen passes between staff and the person: a staff message ("Settings saved.")
    never lingers on the person's screen, nor the person's on the staff's."""

    INFO_SECONDS = 12  # information goes by itself; a problem stays until dismissed

    def __init__(self, channel: MessageChannel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        self.setAccessibleName("Message")
        self._label = QLabel()
        self._label.setWordWrap(True)
        # Not selectable: a selectable label takes the keyboard focus without being a control,
        # and nothing here needs copying (messages never hold personal words).
        self._label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._close = QPushButton("OK")
        self._close.setAccessibleName("Dismiss message")
        self._close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._close)
        self.level = ""
        self._audience: object = None  # whose screen it was posted on
        self._shown_audience: object = None  # whose screen shows now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        channel.posted.connect(self.show_message)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    def follow_page(self, page: Any) -> None:
        """The window shows `page` now (a kiosk.app page, with its `audience`)."""
        audience = getattr(page, "audience", None)
        self._shown_audience = audience
        if self.isVisible() and audience != self._audience:
            self.dismiss()

    def show_message(self, text: str, level: str) -> None:
        self.level = level
        self._audience = self._shown_audience
        if level == INFO:
            self._timer.start(self.INFO_SECONDS * 1000)
        else:
            self._timer.stop()
        self._label.setText(text)
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def dismiss(self) -> None:
        self._timer.stop()
        self._label.setText("")
        self.level = ""
        self.hide()
