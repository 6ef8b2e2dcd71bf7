"""Small visible defects, each seen on a screenshot: an icon on a filled (primary) button drawn
in the button's own colour, a top-bar icon touching its word, and a resume check whose heading
stayed in the language of the first interview resumed."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton

from kiosk.app import intents as i
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui import theme
from kiosk.ui.services import Services
from tests.test_ui_display import ratio
from tests.ui_helpers import (
    MainWindow,
    RecordingSpeech,
    make_window,
    start_interview,
    stop_at_the_handover,
    unlock,
)

pytestmark = pytest.mark.gui


def _icon_ink(widget: QPushButton) -> QColor:
    """The colour most of the button's icon is drawn in (its outlines)."""
    image = widget.icon().pixmap(64, 64).toImage()
    solid = Counter(
        image.pixelColor(x, y).name()
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    )
    assert solid, "the icon draws nothing"
    return QColor(solid.most_common(1)[0][0])


@pytest.mark.parametrize("high_contrast", [True, False], ids=["high-contrast", "light"])
def test_an_icon_on_a_primary_button_takes_the_ink_of_its_words(qtbot, high_contrast) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    window.controller.set_setting("high_contrast", high_contrast)
    window.controller.send(i.NewInterview())
    start = window.setup.start  # "Start the interview", the one filled button of setup
    assert start.objectName() == "primary" and not start.icon().isNull()
    colours = theme.current().colours
    ink = _icon_ink(start)
    assert ink.name() == QColor(colours.on_primary).name(), ink.name()
    assert ratio(ink, QColor(colours.primary)) >= 4.5  # (yellow on yellow was 1.0)


def _ink_columns(image: QImage, background: QColor, top: int, bottom: int) -> list[int]:
    columns = []
    for x in range(image.width()):
        for y in range(top, bottom):
            colour = image.pixelColor(x, y)
            if ratio(colour, background) > 1.5:
                columns.append(x)
                break
    return columns


def _widest_blank(columns: list[int]) -> int:
    return max((b - a - 1 for a, b in zip(columns, columns[1:], strict=False)), default=0)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_top_bar_icon_stands_clear_of_its_word(qtbot, language) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, Services(localizer=CatalogLocalizer(), speech=RecordingSpeech()))
    unlock(qtbot, window)
    start_interview(qtbot, window, language)
    window.controller.send(i.HandOver())
    assert window.page_name == "question"
    hide = window.hide_button
    assert hide.isVisible()
    image = hide.grab().toImage()
    colours = theme.current().colours
    # Only the middle band (icon and words), inside the border and padding.
    band = (image.height() // 3, image.height() * 2 // 3)
    inner = image.copy(12, 0, image.width() - 24, image.height())
    columns = _ink_columns(inner, QColor(colours.surface), *band)
    assert columns, "nothing painted"
    gap = _widest_blank(columns)
    assert gap >= 8, f"icon and word {gap} px apart"


def _stopped_interview(qtbot, window: MainWindow, staff_language: str) -> str:  # type: ignore[no-untyped-def]
    c = window.controller
    c.send(i.GoHome())
    c.send(i.NewInterview())
    window.setup.choose("vi", staff_language)
    window.setup.tick_all_safety()
    window.setup.start.click()
    return stop_at_the_handover(qtbot, window)


def test_the_resume_check_and_top_bar_speak_the_staff_language_of_each_interview(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = make_window(qtbot, services)
    unlock(qtbot, window)
    loc = services.localizer
    khmer = _stopped_interview(qtbot, window, "km")
    english = _stopped_interview(qtbot, window, "en")
    c = window.controller
    screen = window.resume_check
    for interview, language in ((english, "en"), (khmer, "km"), (english, "en")):
        c.send(i.GoHome())
        c.send(i.ResumeInterview(interview))
        assert window.page_name == "resume_check"
        for widget, words in (
            (screen.heading, "Safety check before going on"),
            (screen.back, "Back"),
            (screen.go_on, "Go on with the interview"),
            (window.lock_button, "Lock"),  # the top bar of staff pages too
            (window.hide_button, "Hide"),
        ):
            wanted = loc.ui(words, language=language)
            assert widget.text() == wanted, (language, widget.text())
            if widget in (screen.back, screen.go_on, window.lock_button):
                assert widget.accessibleName() == wanted  # what a screen reader says
    assert loc.ui("Safety check before going on", language="km") != "Safety check before going on"


@pytest.mark.parametrize("centred", [False, True])
def test_right_to_left_words_sit_beside_their_icon(qtbot, centred: bool) -> None:  # type: ignore[no-untyped-def]
    """Arabic on a wide button with an icon: icon on the right and the words right beside it
    (they sat at the far left of the tile, the painter does not mirror a plain AlignLeft)."""
    from PySide6.QtCore import Qt

    from kiosk.ui.widgets import Tile

    tile = Tile(icon_name="print")
    tile.set_words("طباعة")
    tile.setProperty("centred", centred)
    tile.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(tile)
    tile.resize(640, 64)
    image = tile.grab().toImage()  # painted off screen: no window of its own
    ink = [
        x
        for x in range(10, image.width() - 10)
        for y in range(image.height() // 4, image.height() * 3 // 4, 2)
        if sum(image.pixelColor(x, y).getRgb()[:3]) < 200
    ]
    left, right = min(ink), max(ink)
    assert right - left < 200, (left, right)  # icon and word together, not across the tile
    if not centred:
        assert left > image.width() // 2, left  # on the leading (right) side
