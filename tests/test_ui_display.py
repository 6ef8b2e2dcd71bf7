"""Display settings: high contrast, text size, right-to-left mirroring of the person's screens."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.app import intents as i
from kiosk.core import paths
from kiosk.core.store import Store
from tests.ui_helpers import (
    PASSPHRASE,
    MainWindow,
    click,
    make_window,
    past_handover,
    staff_takes_back,
    start_interview,
    unlock,
)

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def ratio(fore: QColor, back: QColor) -> float:
    """WCAG 2 contrast ratio."""
    high, low = sorted((luminance(fore), luminance(back)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def contrast(widget: QWidget) -> float:
    """Contrast ratio of the colours the widget is actually painted with."""
    palette = widget.palette()
    return ratio(palette.color(widget.foregroundRole()), palette.color(widget.backgroundRole()))


def colours(widget: QWidget) -> tuple[str, str]:
    palette = widget.palette()
    return (
        palette.color(widget.foregroundRole()).name(),
        palette.color(widget.backgroundRole()).name(),
    )


def to_first_question(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    start_interview(qtbot, window, language)
    past_handover(qtbot, window)


def test_high_contrast_and_text_size_apply_and_persist(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    to_first_question(qtbot, window, "km")
    question = window.question
    label = question.text
    big = question.answer_buttons["yes"]
    action = question.decline
    before = (colours(label), colours(big))
    size_before = label.font().pointSizeF()

    click(qtbot, question.action_bar.stop)
    click(qtbot, window.stop_confirm.confirm)
    staff_takes_back(qtbot, window)
    window.controller.send(i.GoHome())
    window.controller.send(i.OpenSettings())
    settings = window.settings
    settings.high_contrast.setChecked(True)
    settings.text_size.setCurrentIndex(settings.text_size.findData("largest"))
    click(qtbot, settings.save)

    with Store.open(paths.store_path(), PASSPHRASE) as store:
        assert store.setting("high_contrast") is True
        assert store.setting("text_size") == "largest"

    window.controller.send(i.GoHome())
    to_first_question(qtbot, window, "km")
    label, big, action = question.text, question.answer_buttons["yes"], question.decline
    assert (colours(label), colours(big)) != before
    for widget in (label, big, action):
        assert contrast(widget) >= 7.0, (widget.accessibleName(), colours(widget))
    assert label.font().pointSizeF() > size_before * 1.4
    # The pictures are drawn in the theme's ink too (they were dark on black): every solid
    # pixel that is not the background contrasts with it (soft fills turn into background).
    from kiosk.ui import art, theme

    assert big.picture
    picture = art.pixmap(art.pictogram_path(big.picture), 64, theme.current().colours.art)
    image = picture.toImage()
    background = big.palette().color(big.backgroundRole())
    solid = [
        image.pixelColor(x, y)
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255 and image.pixelColor(x, y) != background
    ]
    ink = Counter(colour.name() for colour in solid).most_common(1)[0][0]
    assert ratio(QColor(ink), background) >= 7.0, ink  # outlines: edges blend into fills
    # The action icons as well.
    image = question.action_bar.stop.icon().pixmap(64, 64).toImage()
    solid = [
        image.pixelColor(x, y)
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert solid and all(ratio(colour, background) >= 7.0 for colour in solid)
    assert big.font().pointSizeF() > size_before

    # A disabled button must not look like one that works.
    home_settings = window.settings
    click(qtbot, question.action_bar.stop)
    click(qtbot, window.stop_confirm.confirm)
    staff_takes_back(qtbot, window)
    window.controller.send(i.GoHome())
    window.controller.send(i.OpenSettings())
    enabled = colours(home_settings.save)
    home_settings.save.setEnabled(False)
    assert colours(home_settings.save) != enabled
    home_settings.save.setEnabled(True)


def test_arabic_mirrors_person_screens_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "ar")
    assert window.handover.layoutDirection() == RTL
    past_handover(qtbot, window)
    question = window.question
    assert question.layoutDirection() == RTL
    assert question.action_bar.layoutDirection() == RTL
    yes, no = question.answer_buttons["yes"], question.answer_buttons["no"]
    assert yes.x() > no.x()  # the first answer is on the right
    # The bar above the person's page mirrors too, and says Hide in Arabic; the window itself
    # and the staff screens keep the staff language's direction.
    assert window.layoutDirection() == LTR
    assert window.top_bar.layoutDirection() == RTL
    bar = window.top_bar
    assert window.hide_button.text() == window.controller.services.localizer.ui(
        "Hide", language="ar"
    )
    assert not bar.interpreter_button.isVisible() and not bar.lock_button.isVisible()
    click(qtbot, question.action_bar.take_break)
    assert window.break_screen.layoutDirection() == RTL
    click(qtbot, window.break_screen.resume)
    click(qtbot, question.action_bar.stop)
    assert window.stop_confirm.layoutDirection() == RTL
    click(qtbot, window.stop_confirm.confirm)
    assert window.stopped.layoutDirection() == RTL
    staff_takes_back(qtbot, window)  # the interpreter view opens from staff pages only
    window.toggle_interpreter()
    assert window.interpreter.person_box.layoutDirection() == RTL
    assert window.interpreter.staff_text.layoutDirection() == LTR
    window.toggle_interpreter()
    assert window.review.layoutDirection() == LTR
    window.controller.send(i.GoHome())
    assert window.home.layoutDirection() == LTR
    # The next person reads left to right again.
    to_first_question(qtbot, window, "th")
    assert question.layoutDirection() == LTR
    assert question.answer_buttons["yes"].x() < question.answer_buttons["no"].x()
