"""Simple, neutral line icons for document sections, drawn as vector graphics (no image files).

Each icon is drawn on a 100 x 100 grid and scaled; the names match the `icon` field of the
rights content. Unknown names get the neutral "info" icon so new content never breaks a print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect
from reportlab.lib.colors import Color

from kiosk.core.documents.fonts import registry

# reportlab ships no type information, so its shapes are typed loosely here.
Shape: TypeAlias = Any  # Circle | Line | PolyLine | Polygon | Rect


def _stroke(shape: Shape, color: Color, width: float = 7, fill: Color | None = None) -> Shape:
    shape.strokeColor = color
    shape.strokeWidth = width
    if not isinstance(shape, Line | PolyLine):  # open shapes have no fill attribute
        shape.fillColor = fill
    shape.strokeLineCap = 1  # round ends and corners read as softer, friendlier marks
    shape.strokeLineJoin = 1
    return shape


def _paper(c: Color) -> list[Shape]:
    return [
        _stroke(Polygon([25, 8, 75, 8, 75, 72, 59, 92, 25, 92]), c),
        _stroke(Line(36, 66, 64, 66), c, 6),
        _stroke(Line(36, 48, 64, 48), c, 6),
        _stroke(Line(36, 30, 56, 30), c, 6),
    ]


def _talk(c: Color) -> list[Shape]:
    return [
        _stroke(Polygon([10, 88, 90, 88, 90, 34, 42, 34, 22, 14, 26, 34, 10, 34]), c),
        _stroke(Circle(32, 61, 4), c, 4, c),
        _stroke(Circle(50, 61, 4), c, 4, c),
        _stroke(Circle(68, 61, 4), c, 4, c),
    ]


def _hand(c: Color) -> list[Shape]:
    return [
        _stroke(PolyLine([30, 10, 30, 70, 30, 82]), c),
        _stroke(PolyLine([30, 10, 70, 10, 76, 50, 76, 72]), c),
        _stroke(Line(44, 40, 44, 90), c),
        _stroke(Line(58, 40, 58, 92), c),
        _stroke(Line(72, 44, 72, 84), c),
        _stroke(Line(30, 50, 14, 64), c),
    ]


def _shield(c: Color) -> list[Shape]:
    return [
        _stroke(Polygon([50, 92, 84, 80, 80, 40, 50, 8, 20, 40, 16, 80]), c),
        _stroke(PolyLine([34, 52, 46, 38, 68, 64]), c),
    ]


def _heart(c: Color) -> list[Shape]:
    return [
        _stroke(
            Polygon(
                [50, 12, 14, 50, 10, 68, 18, 84, 34, 88, 50, 74, 66, 88, 82, 84, 90, 68, 86, 50]
            ),
            c,
        )
    ]


def _clock(c: Color) -> list[Shape]:
    return [_stroke(Circle(50, 50, 40), c), _stroke(PolyLine([50, 76, 50, 50, 68, 40]), c)]


def _home(c: Color) -> list[Shape]:
    return [
        _stroke(Polygon([22, 10, 78, 10, 78, 52, 50, 78, 22, 52]), c),
        _stroke(PolyLine([10, 50, 50, 90, 90, 50]), c),
        _stroke(Rect(42, 10, 16, 26), c, 6),
    ]


def _people(c: Color) -> list[Shape]:
    return [
        _stroke(Circle(34, 68, 12), c),
        _stroke(Circle(68, 68, 12), c),
        _stroke(PolyLine([12, 12, 14, 36, 34, 48, 54, 36, 56, 12]), c),
        _stroke(PolyLine([60, 42, 68, 48, 86, 36, 88, 12]), c),
    ]


def _scales(c: Color) -> list[Shape]:
    return [
        _stroke(Line(50, 12, 50, 88), c),
        _stroke(Line(28, 12, 72, 12), c),
        _stroke(Line(16, 76, 84, 76), c),
        _stroke(Polygon([6, 44, 26, 44, 16, 76]), c, 5),
        _stroke(Polygon([74, 44, 94, 44, 84, 76]), c, 5),
    ]


def _flag(c: Color) -> list[Shape]:
    return [_stroke(Line(22, 8, 22, 92), c), _stroke(Polygon([22, 88, 80, 76, 22, 56]), c)]


def _plane(c: Color) -> list[Shape]:
    return [
        _stroke(
            Polygon(
                [
                    50,
                    94,
                    58,
                    70,
                    90,
                    46,
                    58,
                    52,
                    60,
                    18,
                    72,
                    8,
                    28,
                    8,
                    40,
                    18,
                    42,
                    52,
                    10,
                    46,
                    42,
                    70,
                ]
            ),
            c,
            6,
        )
    ]


def _question(c: Color) -> list[Shape]:
    return [
        _stroke(Circle(50, 50, 42), c),
        _stroke(PolyLine([36, 64, 42, 74, 56, 76, 64, 66, 62, 56, 50, 48, 50, 38]), c),
        _stroke(Circle(50, 24, 4), c, 4, c),
    ]


def _return(c: Color) -> list[Shape]:
    return [
        _stroke(PolyLine([80, 20, 80, 64, 22, 64]), c),
        _stroke(PolyLine([38, 82, 20, 64, 38, 46]), c),
    ]


def _child(c: Color) -> list[Shape]:
    return [
        _stroke(Circle(50, 70, 16), c),
        _stroke(PolyLine([28, 10, 32, 38, 50, 48, 68, 38, 72, 10]), c),
    ]


def _phone(c: Color) -> list[Shape]:
    return [
        _stroke(Rect(30, 6, 40, 88, rx=6, ry=6), c),
        _stroke(Line(44, 18, 56, 18), c, 6),
    ]


def _lock(c: Color) -> list[Shape]:
    return [
        _stroke(Rect(20, 10, 60, 46, rx=4, ry=4), c),
        _stroke(PolyLine([32, 56, 32, 74, 42, 86, 58, 86, 68, 74, 68, 56]), c),
    ]


def _info(c: Color) -> list[Shape]:
    return [
        _stroke(Circle(50, 50, 42), c),
        _stroke(Line(50, 22, 50, 54), c, 8),
        _stroke(Circle(50, 72, 4), c, 5, c),
    ]


ICONS: dict[str, Callable[[Color], list[Shape]]] = {
    "paper": _paper,
    "talk": _talk,
    "hand": _hand,
    "shield": _shield,
    "heart": _heart,
    "clock": _clock,
    "home": _home,
    "people": _people,
    "scales": _scales,
    "flag": _flag,
    "plane": _plane,
    "question": _question,
    "return": _return,
    "child": _child,
    "phone": _phone,
    "lock": _lock,
    "info": _info,
}


def icon(name: str, size: float, color: Color) -> Drawing:
    """A `size` x `size` point drawing of the named icon (a reportlab flowable)."""
    shapes = ICONS.get(name, _info)(color)
    group = Group(*shapes)
    scale = size / 100
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(size, size)
    # the renderer otherwise selects Helvetica, which would be an unembedded font in the PDF
    drawing.initialFontName = registry().font("latin").name
    drawing.add(group)
    return drawing
