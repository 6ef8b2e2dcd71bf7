"""What a person would see as broken layout, found from the live widget tree.

`layout_problems(window)` walks every visible widget of a shown window and reports, in words:
- text that does not fit its widget (a label taller than its room, a button narrower or lower than
  its text and icon need, a combo box or tab whose words are cut, a group box title cut);
- widgets of one layout that overlap, or that stick out of their parent;
- anything that scrolls sideways (and, on the person's screens, anything that scrolls at all);
- controls smaller than a finger (48 px);
- on the person's screens: the button that goes on (Done, Continue) or an action of the action
  bar inside a scroll area (it must show without scrolling), an answer picture under 48 px, and
  answers cut or hidden at the edge of a scrolled answer list with no cue that more are there;
- a window that could not take the size it was given (its content asks for more).

Used by tests/test_ui_layout.py (every screen x language x text size x window size) and by the
screenshot scripts. It reads geometry only; it never changes the window.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
    QWidgetItem,
)

TOUCH = 48  # the smallest control a finger can hit reliably (WCAG 2.5.5, platform guidance)
SMALLEST_PICTURE = 48  # px: an answer's picture still recognisable (and never below a finger)
SCROLL_CUE = "scrollCue"  # objectName of the visible "more answers below" cue of a scrolled list
SLACK = 1  # pixels of rounding allowed


def settle() -> None:
    """Let every queued layout request and resize run, as the event loop would before painting."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _name(widget: QWidget) -> str:
    label = widget.accessibleName() or getattr(widget, "text", lambda: "")() or ""
    label = label if isinstance(label, str) else ""
    short = label if len(label) <= 40 else label[:37] + "…"
    return f"{type(widget).__name__}({widget.objectName() or '-'}: {short!r})"


def _internal(widget: QWidget) -> bool:
    """Qt's own helper widgets (scroll bar containers, viewports, tab scrollers)."""
    return widget.objectName().startswith("qt_")


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    """Every widget under root that is shown, not counting separate windows."""
    for widget in root.findChildren(QWidget):
        if widget.isWindow() or not widget.isVisible():
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        yield widget


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area `widget` scrolls in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


# ------------------------------------------------------------------ text that does not fit


def _label_problem(label: QLabel) -> str | None:
    if not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"{_name(label)}: text needs {needed} px of height, has {label.height()}"
        # A single word wider than the label (long words do not wrap) is cut too.
        hint = label.minimumSizeHint()
        if hint.width() > label.width() + SLACK:
            return f"{_name(label)}: a word needs {hint.width()} px, has {label.width()}"
        return None
    hint = label.sizeHint()
    if hint.width() > label.width() + SLACK or hint.height() > label.height() + SLACK:
        return (
            f"{_name(label)}: text needs {hint.width()}x{hint.height()}, "
            f"has {room.width()}x{room.height()}"
        )
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text() and button.icon().isNull():
        return None
    if button.hasHeightForWidth():  # a word-wrapping button (kiosk.ui.widgets)
        needed_h = button.heightForWidth(button.width())
        hint_w = button.minimumSizeHint().width()
        if needed_h > button.height() + SLACK or hint_w > button.width() + SLACK:
            return (
                f"{_name(button)}: needs {hint_w}x{needed_h} at this width, "
                f"has {button.width()}x{button.height()}"
            )
        return None
    hint = button.sizeHint()
    if hint.width() > button.width() + SLACK or hint.height() > button.height() + SLACK:
        return (
            f"{_name(button)}: text and icon need {hint.width()}x{hint.height()}, "
            f"has {button.width()}x{button.height()}"
        )
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text:
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > field.width() + SLACK:
        return f"{_name(combo)}: chosen text needs {needed} px, has {field.width()}"
    return None


def _tabs_problem(bar: QTabBar) -> str | None:
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        hint = bar.tabSizeHint(index)
        rect = bar.tabRect(index)
        if hint.width() > rect.width() + SLACK or not bar.rect().contains(rect):
            return (
                f"{_name(bar)}: tab {bar.tabText(index)!r} is cut ({rect.width()} < {hint.width()})"
            )
    return None


def _group_problem(box: QGroupBox) -> str | None:
    title = box.title().replace("&", "")
    needed = QFontMetrics(box.font()).horizontalAdvance(title)
    if title and needed > box.width() - 16:
        return f"{_name(box)}: title needs {needed} px, has {box.width() - 16}"
    return None


def _height_problem(widget: QWidget) -> str | None:
    """Entry fields and spin boxes: at least as tall as their text needs (measured as a layout
    measures it: styles may let a frame's outer pixel overlap its neighbours)."""
    if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
        return None  # a combo box's or spin box's own field: the box itself is measured
    hint = QWidgetItem(widget).minimumSize()
    if hint.height() > widget.height() + SLACK:
        return f"{_name(widget)}: needs {hint.height()} px of height, has {widget.height()}"
    return None


def text_problems(widgets: Iterable[QWidget]) -> list[str]:
    problems: list[str] = []
    for widget in widgets:
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QTabBar):
            problem = _tabs_problem(widget)
        elif isinstance(widget, QAbstractButton) and not _internal(widget):
            if widget.parentWidget() is not None and isinstance(widget.parentWidget(), QTabBar):
                continue  # the tab bar's scroll arrows
            problem = _button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
        elif isinstance(widget, QLineEdit | QSpinBox):
            problem = _height_problem(widget)
        if problem:
            problems.append(problem)
    return problems


# ------------------------------------------------------------------ overlap and overflow


def _managed_children(widget: QWidget) -> list[QWidget]:
    layout = widget.layout()
    if layout is None:
        return []
    children = []
    for child in widget.children():
        if not isinstance(child, QWidget) or child.isWindow() or not child.isVisible():
            continue
        if _internal(child) or child.width() <= 0 or child.height() <= 0:
            continue
        if layout.indexOf(child) < 0 and not _in_sublayout(layout, child):
            continue
        children.append(child)
    return children


def _in_sublayout(layout: object, child: QWidget) -> bool:
    from PySide6.QtWidgets import QLayout

    if not isinstance(layout, QLayout):
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is child:
            return True
        inner = item.layout()
        if inner is not None and _in_sublayout(inner, child):
            return True
    return False


def geometry_problems(root: QWidget) -> list[str]:
    problems: list[str] = []
    for parent in [root, *visible_widgets(root)]:
        children = _managed_children(parent)
        inside_scroll = isinstance(parent.parentWidget(), QScrollArea) or _internal(parent)
        bounds = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
        for index, child in enumerate(children):
            geometry = child.geometry()
            if not inside_scroll and not bounds.contains(geometry):
                problems.append(
                    f"{_name(child)} sticks out of {_name(parent)} "
                    f"({_rect(geometry)} in {parent.width()}x{parent.height()})"
                )
            for other in children[index + 1 :]:
                overlap = geometry.intersected(other.geometry())
                if overlap.width() > SLACK and overlap.height() > SLACK:
                    problems.append(f"{_name(child)} overlaps {_name(other)} by {_rect(overlap)}")
    return problems


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def scroll_problems(root: QWidget, person: bool) -> list[str]:
    problems: list[str] = []
    for widget in visible_widgets(root):
        if not isinstance(widget, QAbstractScrollArea):
            continue
        if widget.horizontalScrollBar().isVisible():
            problems.append(f"{_name(widget)} scrolls sideways")
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            inner = widget.widget()
            if inner.width() > widget.viewport().width() + SLACK:
                problems.append(f"{_name(widget)}: its content is wider than the view")
        # The answer list may scroll up and down as a last resort (kiosk.ui.screens.question).
        last_resort = widget.objectName() == "answersView"
        if person and not last_resort and widget.verticalScrollBar().isVisible():
            problems.append(f"{_name(widget)} scrolls on a person's screen")
    return problems


def touch_problems(widgets: Iterable[QWidget]) -> list[str]:
    problems: list[str] = []
    for widget in widgets:
        if _internal(widget) or not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        if parent is not None and (isinstance(parent, QTabBar) or _internal(parent)):
            continue  # scroll arrows and the like
        if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # an editable combo box's own field: the combo box is the target
        if isinstance(widget, QPushButton | QToolButton | QCheckBox | QComboBox | QLineEdit):
            size = widget.size()
            if size.height() < TOUCH - SLACK or size.width() < TOUCH - SLACK:
                problems.append(f"{_name(widget)} is {size.width()}x{size.height()}, under {TOUCH}")
    return problems


def _goes_on(widget: QWidget) -> bool:
    """The button that finishes an answer (Done, Continue, Save my answer) or one of the
    person's tools in the action bar (Read aloud, Back, Take a break, Stop, language)."""
    return isinstance(widget, QAbstractButton) and (
        bool(widget.property("primary")) or widget.objectName() == "actionButton"
    )


def _shown_cue(area: QAbstractScrollArea) -> bool:
    return any(
        cue.isVisible() and cue.width() > 0 and cue.height() > 0
        for cue in area.findChildren(QWidget, SCROLL_CUE)
    )


def person_answer_problems(widgets: Iterable[QWidget]) -> list[str]:
    """What a frightened person with little reading would have to hunt for: the button that goes
    on scrolled away with the answers, pictures too small to recognise, answers cut at the edge
    of a scrolled list (or below it) with nothing saying more are there."""
    problems: list[str] = []
    for widget in widgets:
        area = _scroll_area_of(widget)
        if area is not None and _goes_on(widget):
            problems.append(f"{_name(widget)} is inside a scroll area ({_name(area)})")
        side_of = getattr(widget, "picture_side", None)
        if callable(side_of) and isinstance(widget, QAbstractButton):
            side = side_of()
            if side and side < SMALLEST_PICTURE:
                problems.append(
                    f"{_name(widget)}: its picture is {side} px, under {SMALLEST_PICTURE}"
                )
        if (
            area is not None
            and isinstance(widget, QAbstractButton)
            and not _internal(widget)
            and widget.objectName() != SCROLL_CUE
            and not _shown_cue(area)
        ):
            viewport = area.viewport()
            where = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
            if not viewport.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(where):
                cut = where.intersects(viewport.rect())
                problems.append(
                    f"{_name(widget)} is {'cut at' if cut else 'hidden below'} the edge of "
                    f"{_name(area)} and no cue says more answers are there"
                )
    return problems


def window_problems(window: QWidget, wanted: QSize) -> list[str]:
    problems = []
    if window.size() != wanted:
        problems.append(
            f"the window could not take {wanted.width()}x{wanted.height()}; "
            f"it is {window.width()}x{window.height()} (its content asks for more)"
        )
    hint = window.minimumSizeHint()
    if hint.width() > wanted.width() or hint.height() > wanted.height():
        problems.append(f"the window needs at least {hint.width()}x{hint.height()}")
    return problems


def layout_problems(window: QWidget, person: bool, wanted: QSize | None = None) -> list[str]:
    """Everything wrong with the window as shown now (an empty list when it all fits)."""
    settle()
    widgets = list(visible_widgets(window))
    problems = text_problems(widgets)
    problems += geometry_problems(window)
    problems += scroll_problems(window, person)
    problems += touch_problems(widgets)
    if person:
        problems += person_answer_problems(widgets)
    if wanted is not None:
        problems += window_problems(window, wanted)
    return problems
