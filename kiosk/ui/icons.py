"""Simple line icons drawn in code (no image files, no icon theme needed, same everywhere)."""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

SIZE = 64


def _path(name: str) -> QPainterPath:
    p = QPainterPath()
    if name == "yes":
        p.moveTo(14, 34)
        p.lineTo(27, 47)
        p.lineTo(51, 18)
    elif name == "no":
        p.moveTo(18, 18)
        p.lineTo(46, 46)
        p.moveTo(46, 18)
        p.lineTo(18, 46)
    elif name == "dont_know":
        p.moveTo(22, 24)
        p.cubicTo(22, 10, 44, 10, 44, 24)
        p.cubicTo(44, 32, 32, 32, 32, 40)
        p.moveTo(32, 49)
        p.lineTo(32, 51)
    elif name == "decline":
        p.addEllipse(QRectF(12, 12, 40, 40))
        p.moveTo(20, 32)
        p.lineTo(44, 32)
    elif name == "back":
        p.moveTo(44, 32)
        p.lineTo(18, 32)
        p.moveTo(30, 18)
        p.lineTo(16, 32)
        p.lineTo(30, 46)
    elif name == "next":
        p.moveTo(20, 32)
        p.lineTo(46, 32)
        p.moveTo(34, 18)
        p.lineTo(48, 32)
        p.lineTo(34, 46)
    elif name == "break":
        p.moveTo(24, 16)
        p.lineTo(24, 48)
        p.moveTo(40, 16)
        p.lineTo(40, 48)
    elif name == "stop":
        p.addRoundedRect(QRectF(16, 16, 32, 32), 4, 4)
    elif name == "speaker":
        p.moveTo(12, 26)
        p.lineTo(22, 26)
        p.lineTo(34, 14)
        p.lineTo(34, 50)
        p.lineTo(22, 38)
        p.lineTo(12, 38)
        p.closeSubpath()
        p.moveTo(42, 24)
        p.quadTo(48, 32, 42, 40)
        p.moveTo(47, 18)
        p.quadTo(58, 32, 47, 46)
    elif name == "language":
        p.addEllipse(QRectF(12, 12, 40, 40))
        p.addEllipse(QRectF(24, 12, 16, 40))
        p.moveTo(12, 32)
        p.lineTo(52, 32)
    elif name == "hide":
        p.moveTo(8, 32)
        p.quadTo(32, 8, 56, 32)
        p.quadTo(32, 56, 8, 32)
        p.addEllipse(QPointF(32, 32), 7, 7)
        p.moveTo(14, 50)
        p.lineTo(50, 14)
    elif name == "help":
        p.addEllipse(QRectF(12, 12, 40, 40))
        p.moveTo(32, 28)
        p.lineTo(32, 44)
        p.moveTo(32, 20)
        p.lineTo(32, 21)
    elif name == "calm":
        for i in range(3):
            y = 26 + i * 8
            p.moveTo(12, y)
            for x in range(12, 53, 4):
                p.lineTo(x, y + 3 * math.sin(x / 5))
    return p


def _draw(painter: QPainter, rect: QRect, name: str, colour: QColor) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.topLeft())
    painter.scale(rect.width() / SIZE, rect.height() / SIZE)
    pen = QPen(colour, 5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_path(name))
    painter.restore()


class _InkEngine(QIconEngine):
    """Draws in the theme's button ink at paint time, so switching to high contrast recolours
    every icon already on a button (kiosk.ui.theme sets the ink)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        ink = QGuiApplication.palette().color(group, QPalette.ColorRole.ButtonText)
        _draw(painter, rect, self.name, ink)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)  # Qt's default leaves it uninitialised
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _InkEngine(self.name)


_ENGINES: dict[str, _InkEngine] = {}  # kept alive here; QIcon only holds the C++ side


@functools.cache
def icon(name: str, colour: str | None = None) -> QIcon:
    """A line icon; without a colour it follows the theme's button ink."""
    if colour is None:
        engine = _ENGINES.setdefault(name, _InkEngine(name))
        return QIcon(engine)
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    _draw(painter, QRect(0, 0, SIZE, SIZE), name, QColor(colour))
    painter.end()
    return QIcon(pixmap)
