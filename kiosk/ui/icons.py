"""The action icons (art/icons/*.svg), drawn at paint time in the theme's ink.

Drawing at paint time means switching to high contrast recolours every icon already on a button;
a chosen (checked) button gets its icon in the "on primary" colour, a disabled one in grey, and
an icon made for a filled (primary) button is always in the "on primary" colour, as its words.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from kiosk.ui import art, theme

SIZE = 64


def _ink(mode: QIcon.Mode, state: QIcon.State, on_primary: bool = False) -> art.Ink:
    colours = theme.current().colours
    if mode == QIcon.Mode.Disabled:
        return art.Ink(ink=colours.disabled, fill=colours.art.fill)
    if state == QIcon.State.On or on_primary:
        return art.Ink(ink=colours.on_primary, fill=colours.art.fill)
    return colours.art


class _InkEngine(QIconEngine):
    def __init__(self, name: str, on_primary: bool = False) -> None:
        super().__init__()
        self.name = name
        self.on_primary = on_primary

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = _ink(mode, state, self.on_primary)
        art.paint(painter, QRectF(rect), art.icon_path(self.name), ink)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)  # Qt's default leaves it uninitialised
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _InkEngine(self.name, self.on_primary)


_ENGINES: dict[tuple[str, bool], _InkEngine] = {}  # kept alive here; QIcon only holds the C++ side


@functools.cache
def icon(name: str, colour: str | None = None, on_primary: bool = False) -> QIcon:
    """An action icon; without a colour it follows the theme's ink (`on_primary`: the ink of
    words on the primary fill, for a filled button)."""
    if colour is None:
        engine = _ENGINES.setdefault((name, on_primary), _InkEngine(name, on_primary))
        return QIcon(engine)
    return QIcon(art.pixmap(art.icon_path(name), SIZE, art.Ink(ink=colour)))
