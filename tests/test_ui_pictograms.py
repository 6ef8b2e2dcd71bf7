"""Pictogram answers in the shipped interview, on the real window: the choices a person who
cannot read needs most (kinds of work, feelings, where they slept, who they are with, what
help they want) show a drawn picture on every answer, and the child path shows them larger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtGui import QColor

from kiosk.core.pictograms import names
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import SMALLEST_PICTURE
from kiosk.ui.widgets import Tile
from tests.layout_tour import walk as walk_interview
from tests.ui_helpers import PASSPHRASE, catalog_window

pytestmark = pytest.mark.gui

ADULT_PICTURED = {
    "needs_now",
    "time_today",
    "recruit_situation",
    "documents_kept",
    "work_kind",
    "sleep_place",
    "wellbeing_1",
    "wellbeing_2",
    "wellbeing_3",
    "help_wanted",
}
CHILD_PICTURED = {
    "needs_now",
    "child_cared_for_by",
    "child_travel_with",
    "child_feeling",
    "child_help_wanted",
}

BACKDROP = QColor("#e4edf5")  # every pictogram's round backdrop (as drawn, light theme)


@dataclass(frozen=True)
class Seen:
    value: str
    picture: str | None
    side: int
    backdrop_px: int  # pixels of the tile painted in the pictogram backdrop colour


def _backdrop_pixels(tile: Tile) -> int:
    image = tile.grab().toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if (
                abs(colour.red() - BACKDROP.red())
                + abs(colour.green() - BACKDROP.green())
                + abs(colour.blue() - BACKDROP.blue())
                < 6
            ):
                count += 4
    return count


def walk(window: MainWindow, age: int, wanted: set[str]) -> dict[str, list[Seen]]:
    """One interview in English, looking at the answer tiles of every question in `wanted` as
    the person sees them."""
    seen: dict[str, list[Seen]] = {}

    def look(node: Any) -> None:
        window.question.fit_to_window()
        seen[node.id] = [
            Seen(value, tile.picture, tile.picture_side(), _backdrop_pixels(tile))
            for value, tile in window.question.answer_buttons.items()
        ]

    walk_interview(window, "en", age, PASSPHRASE, look, wanted)
    return seen


def test_shipped_flow_shows_a_picture_on_every_answer_and_larger_for_a_child(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = catalog_window(qtbot, 1366, 768)

    adult = walk(window, 30, ADULT_PICTURED)
    child = walk(window, 12, CHILD_PICTURED)

    assert set(adult) == ADULT_PICTURED, ADULT_PICTURED - set(adult)
    assert set(child) == CHILD_PICTURED, CHILD_PICTURED - set(child)
    known = names()
    for path, screens in (("adult", adult), ("child", child)):
        for node, tiles in screens.items():
            assert len(tiles) >= 3, (path, node)
            for tile in tiles:
                where = (path, node, tile.value)
                assert tile.picture in known, where
                assert tile.side >= SMALLEST_PICTURE, where  # (13 answers on 1366x768: 48 px)
                # The picture is really painted: its round backdrop shows around the drawing.
                assert tile.backdrop_px >= tile.side * tile.side // 8, (where, tile)
    # Same screen size, same four feelings: the child's pictures are larger.
    adult_side = max(t.side for t in adult["wellbeing_1"])
    child_side = max(t.side for t in child["child_feeling"])
    assert child_side > adult_side, (child_side, adult_side)
    window.close()
