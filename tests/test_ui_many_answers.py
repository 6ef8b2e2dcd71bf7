"""Many pictured answers at the largest text on a small laptop screen (1366x768, 1280x720):
every answer and the button that goes on can be seen without hunting.

The questions with the most pictured answers (help_wanted: 13, work_kind: 10, needs_now,
child_help_wanted) are walked to on the real window in English, Khmer, Myanmar (tall scripts)
and Arabic (right to left), adult and child, and the layout check looks at them as shown: the
Done button and the person's tools outside any scroll area, every answer's picture at least
48 px, no answer cut or hidden at the edge of a scrolled list without a visible cue, and
nothing cut, overlapping or too small (tests/layout_check.py); the progress line ("Part 8 of
10") in the digits the person's language writes (Khmer ៨, Myanmar ၈).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from PySide6.QtCore import QSize

from kiosk.core.numerals import zero_of
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.answers import CHILD_PICTURES
from kiosk.ui.theme import SMALLEST_PICTURE
from tests.layout_check import layout_problems, settle
from tests.layout_tour import walk
from tests.ui_helpers import PASSPHRASE, catalog_window

pytestmark = pytest.mark.gui

WINDOWS = (QSize(1366, 768), QSize(1280, 720))
ADULT = {"needs_now", "recruit_situation", "work_kind", "documents_kept", "help_wanted"}
CHILD = {"needs_now", "child_help_wanted"}


def _look_at_every_size(
    window: MainWindow, where: str, problems: list[str], sides: dict[tuple[str, int], int]
) -> Any:
    def look(node: Any) -> None:
        language = window.question.view.language  # type: ignore[union-attr]
        progress = window.question.progress.text()
        digits = [ch for ch in progress if unicodedata.decimal(ch, None) is not None]
        if any(ord(ch) - unicodedata.decimal(ch) != ord(zero_of(language)) for ch in digits):
            problems.append(f"{where} {node.id}: progress {progress!r} not in {language} digits")
        for wanted in WINDOWS:
            window.resize(wanted)
            settle()
            found = layout_problems(window, True, wanted)
            problems.extend(f"{where} {node.id} {wanted.width()}: {p}" for p in found)
            tiles = window.question.answer_buttons.values()
            sides[(node.id, wanted.width())] = min(tile.picture_side() for tile in tiles)
        window.resize(WINDOWS[0])

    return look


@pytest.mark.parametrize("language", ["en", "km", "my", "ar"])
def test_many_pictured_answers_show_in_full_with_done_in_reach(qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    window = catalog_window(qtbot, WINDOWS[0].width(), WINDOWS[0].height())
    window.controller.set_setting("text_size", "largest")
    problems: list[str] = []
    adult: dict[tuple[str, int], int] = {}
    child: dict[tuple[str, int], int] = {}
    for age, wanted, sides in ((30, ADULT, adult), (12, CHILD, child)):
        where = "adult" if age >= 18 else "child"
        look = _look_at_every_size(window, where, problems, sides)
        assert walk(window, language, age, PASSPHRASE, look, wanted) == wanted
    window.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:200])
    print(f"\nsmallest answer picture, px ({language}): adult {adult}, child {child}")  # noqa: T201
    # The child path keeps larger pictures: even its tightest list is above the adult's floor.
    for wanted in WINDOWS:
        key = ("child_help_wanted", wanted.width())
        assert child[key] >= round(SMALLEST_PICTURE * CHILD_PICTURES), (key, child[key])
