"""Draw the project's SVG art (art/icons, art/pictograms) in the colours of the current theme.

The files are drawn in the light theme's colours; `Ink` says what each of those colours becomes
now (high contrast: ink turns yellow and every soft fill turns black, so the outlines carry the
picture). Rendered pixmaps are cached per name, size, colours and device pixel ratio.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.core import paths

SOURCE_INK = "#1d2430"
SOURCE_FILLS = ("#e4edf5", "#9fd3b0", "#ef9a80", "#f4c06a", "#9cc3e6", "#c9d6e3", "#ffffff")


@dataclass(frozen=True)
class Ink:
    """What the drawings' colours become: the ink, and (None: as drawn) every soft fill."""

    ink: str = SOURCE_INK
    fill: str | None = None


def icon_path(name: str) -> Path:
    return paths.art_dir() / "icons" / f"{name}.svg"


def pictogram_path(name: str) -> Path:
    return paths.art_dir() / "pictograms" / f"{name}.svg"


@functools.cache
def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _renderer(path: Path, ink: Ink) -> QSvgRenderer:
    text = _source(path).replace(SOURCE_INK, ink.ink)
    if ink.fill is not None:
        for colour in SOURCE_FILLS:
            text = text.replace(colour, ink.fill)
    return QSvgRenderer(QByteArray(text.encode("utf-8")))


def render(painter: QPainter, rect: QRectF, path: Path, ink: Ink) -> None:
    """Draw the picture from its vectors into `rect` (kept square, centred)."""
    side = min(rect.width(), rect.height())
    square = QRectF(
        rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
    )
    _renderer(path, ink).render(painter, square)


def paint(painter: QPainter, rect: QRectF, path: Path, ink: Ink) -> None:
    """Draw the picture into `rect` (kept square, centred) from a cached pixmap: rendering the
    SVG again on every paint of every button would cost a frame on a slow laptop."""
    side = int(min(rect.width(), rect.height()))
    if side <= 0:
        return
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    image = pixmap(path, side, ink, ratio)
    left = rect.x() + (rect.width() - side) / 2
    top = rect.y() + (rect.height() - side) / 2
    painter.drawPixmap(QRectF(left, top, side, side), image, QRectF(image.rect()))


@functools.lru_cache(maxsize=512)
def pixmap(path: Path, side: int, ink: Ink, ratio: float = 1.0) -> QPixmap:
    size = QSize(round(side * ratio), round(side * ratio))
    image = QPixmap(size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    render(painter, QRectF(0, 0, size.width(), size.height()), path, ink)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def exists(path: Path) -> bool:
    return path.is_file()
