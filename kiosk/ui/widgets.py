"""Lantern's own controls, drawn with the theme's tokens (kiosk.ui.theme):

- `Tile`: a button whose words wrap (no translation is ever cut), with an icon beside the words
  and a pictogram above them or, in a compact list of many answers, beside them; a chosen tile
  shows a tick as well as its colour, the keyboard focus a second ring; hover shows only after
  the pointer really moved over it (a new screen never starts with an answer lit up under a
  resting mouse).
- `Toggle`: a check box drawn as a large switch with a tick, its words wrapping beside it.

Both report `heightForWidth`, so layouts give them the height their words need.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFont,
    QFontMetrics,
    QHideEvent,
    QIcon,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QWidget,
)

from kiosk.ui import art, theme

PAD_X, PAD_Y, GAP, BORDER = 16, 10, 12, 3
COMPACT_PAD_Y = 5
WRAP = Qt.TextFlag.TextWordWrap


# Measured sizes of fixed words (never the person's own text: entry fields are not measured),
# keyed by the font's identity; layouts ask for the same few many times.
_MEASURED: dict[tuple[str, str, int], int] = {}
_LIMIT = 50_000


def _remember(key: tuple[str, str, int], value: int) -> int:
    if len(_MEASURED) > _LIMIT:
        _MEASURED.clear()
    _MEASURED[key] = value
    return value


# Myanmar: Qt's line breaker also breaks between the letters of a word (a syllable was cut in
# two on the rights screen: "ပုံနှိပ်ရ|န်"), whatever marks the text carries. Lines of Myanmar
# text are therefore broken here, at the word marks (kiosk.core.line_breaks) and spaces only.
_SELF_BROKEN = re.compile("[\u1000-\u109f]")
_WORD = re.compile("[^\u200b ]+[\u200b ]*|[\u200b ]+")


def _words_of(paragraph: str) -> list[str]:
    """Each word with the marks or spaces after it."""
    return _WORD.findall(paragraph)


def laid_out(font: QFont, text: str, width: int) -> str:
    """`text` as it is drawn wrapped at `width`: unchanged where Qt finds the line breaks; for
    Myanmar with a newline at each break chosen here (then every line fits and Qt breaks none)."""
    if not _SELF_BROKEN.search(text):
        return text
    metrics = QFontMetrics(font)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in _words_of(paragraph):
            wider = current + word
            if current and metrics.horizontalAdvance(wider.rstrip(" \u200b")) > width - 2:
                lines.append(current.rstrip(" "))
                current = word
            else:
                current = wider
        lines.append(current)
    return "\n".join(lines)


def min_text_width(font: QFont, text: str) -> int:
    """The widest piece of `text` that cannot be wrapped (a word, or an unspaced phrase)."""
    if not text:
        return 0
    key = (font.key(), text, -1)
    known = _MEASURED.get(key)
    if known is not None:
        return known
    if _SELF_BROKEN.search(text):
        metrics = QFontMetrics(font)
        words = [word.strip(" \u200b") for word in _words_of(text.replace("\n", " "))]
        return _remember(key, max(metrics.horizontalAdvance(word) for word in words) + 2)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(1)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return _remember(key, int(widest) + 2)


def text_height(font: QFont, text: str, width: int) -> int:
    """The height `text` takes when wrapped at `width` (as QPainter.drawText lays it out)."""
    if not text:
        return 0
    width = max(1, width)
    key = (font.key(), text, width)
    known = _MEASURED.get(key)
    if known is not None:
        return known
    rect = QFontMetrics(font).boundingRect(
        QRect(0, 0, width, 100_000), WRAP, laid_out(font, text, width)
    )
    return _remember(key, rect.height())


def set_wrap_policy(widget: QWidget, horizontal: QSizePolicy.Policy) -> None:
    policy = QSizePolicy(horizontal, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    policy.setRetainSizeWhenHidden(widget.sizePolicy().retainSizeWhenHidden())
    widget.setSizePolicy(policy)


class Tile(QPushButton):
    """A big button with wrapping words and an icon beside them or a pictogram above them."""

    def __init__(
        self,
        text: str = "",
        name: str | None = None,
        icon_name: str | None = None,
        picture: str | None = None,
        parent: QWidget | None = None,
        stacked: bool = False,
    ) -> None:
        super().__init__(text, parent)
        self._stacked = stacked  # the icon above the words (the action bar)
        self.setAccessibleName(name or text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoDefault(
            True
        )  # Return presses a focused tile (Qt does so alone only in dialogs)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, False)  # hover is ours (see mouseMoveEvent)
        self.setMouseTracking(True)
        self._icon_name = icon_name
        self._picture = picture
        self._picture_side = 0  # 0: the theme's size
        self._picture_beside = False  # the pictogram on the leading side of the words
        self._shown_text = text  # what is painted (may carry invisible break marks)
        self._pointer_moved = False
        self._inside = False
        self._marked = False  # shown as chosen without being a toggle (the answer before Back)
        self._hint_cache: dict[int, int] = {}
        set_wrap_policy(self, QSizePolicy.Policy.Expanding)
        if icon_name:
            from kiosk.ui.icons import icon

            self.setIcon(icon(icon_name))

    # ------------------------------------------------------------ content

    def set_words(self, text: str, shown: str | None = None) -> None:
        """Set the words (`shown`: the same words with break marks, for painting only)."""
        self.setText(text)
        self.setAccessibleName(text)
        self._shown_text = shown if shown is not None else text
        self._changed()

    def set_icon_name(self, name: str | None) -> None:
        if name == self._icon_name:
            return
        from kiosk.ui.icons import icon

        self._icon_name = name
        self.setIcon(icon(name) if name else QIcon())
        self._changed()

    def set_marked(self, marked: bool) -> None:
        """Show the tile as the answer chosen before (after Back), without making it a toggle."""
        self._marked = marked
        self.update()

    @property
    def chosen(self) -> bool:
        return self.isChecked() or self._marked

    def set_stacked(self, stacked: bool) -> None:
        """The icon above the words (True) or beside them."""
        if stacked != self._stacked:
            self._stacked = stacked
            self._changed()

    def set_picture(self, name: str | None, side: int = 0) -> None:
        """A pictogram above the words (`side` px; 0 = the theme's size)."""
        if (name, side) == (self._picture, self._picture_side):
            return
        self._picture, self._picture_side = name, side
        self._changed()

    def set_picture_beside(self, beside: bool) -> None:
        """The pictogram beside the words (a compact row) instead of above them."""
        if beside != self._picture_beside:
            self._picture_beside = beside
            self._changed()

    @property
    def picture_beside(self) -> bool:
        return bool(self._picture) and self._picture_beside

    @property
    def picture(self) -> str | None:
        return self._picture

    def _changed(self) -> None:
        self._hint_cache.clear()
        self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint_cache.clear()
            self.updateGeometry()
        super().changeEvent(event)

    # ------------------------------------------------------------ geometry

    def _words(self) -> str:
        return (
            self._shown_text
            if self._shown_text.replace("\u200b", "") == self.text()
            else self.text()
        )

    def picture_side(self) -> int:
        if not self._picture:
            return 0
        return self._picture_side or theme.current().picture

    def _icon_size(self) -> int:
        """Icons grow with the words (a third taller than a line), never under 24 px."""
        return max(24, round(QFontMetrics(self.font()).height() * 1.15))

    def _icon_side(self) -> int:
        """The icon or picture beside the words (0 when there is none, or it sits above them)."""
        if self.picture_beside:
            return self.picture_side()
        if self.icon().isNull() or self._picture or self._stacked:
            return 0
        return self._icon_size()

    def _top_side(self) -> int:
        """The picture or icon above the words (0 when there is none)."""
        if self.picture_beside:
            return 0
        if self._picture:
            return self.picture_side()
        if self._stacked and not self.icon().isNull():
            return self._icon_size()
        return 0

    def _padding(self) -> tuple[int, int]:
        if self.picture_beside or self.property("slim"):  # a compact row: less air above
            return PAD_X + BORDER, COMPACT_PAD_Y + BORDER
        return PAD_X + BORDER, PAD_Y + BORDER

    def _text_width(self, width: int) -> int:
        pad_x, _ = self._padding()
        icon = self._icon_side()
        return width - 2 * pad_x - (icon + GAP if icon else 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        cached = self._hint_cache.get(width)
        if cached is not None:
            return cached
        _, pad_y = self._padding()
        words = self._words()
        text_h = text_height(self.font(), words, self._text_width(width)) if words else 0
        top = self._top_side()
        if top:
            content = top + (GAP // 2 + text_h if words else 0)
        else:
            content = max(self._icon_side(), text_h)
        height = max(theme.TOUCH, content + 2 * pad_y)
        self._hint_cache[width] = height
        return height

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        pad_x, _ = self._padding()
        words = min_text_width(self.font(), self._words())
        top = self._top_side()
        if top:
            width = max(top, words) + 2 * pad_x
        else:
            icon = self._icon_side()
            width = words + 2 * pad_x + (icon + GAP if icon else 0)
        # The height that matters comes from heightForWidth at the width the layout gives;
        # reporting the (tall) height at the narrowest width would make windows refuse to shrink.
        return QSize(max(theme.TOUCH, width), theme.TOUCH)

    def one_line_width(self) -> int:
        """The width at which the words take one line beside the icon (or under the picture)."""
        pad_x, _ = self._padding()
        words = QFontMetrics(self.font()).horizontalAdvance(self._words()) + 4
        top = self._top_side()
        if top:
            return max(top, words) + 2 * pad_x
        icon = self._icon_side()
        return words + 2 * pad_x + (icon + GAP if icon else 0)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        if self.property("even"):
            # One of a row or grid of equal columns: asking for no more than the narrowest it
            # can be lets the layout give every column the same width (a wide wish would take
            # room from its neighbours, which then grow taller than the fit measured).
            width = self.minimumSizeHint().width()
            return QSize(width, self.heightForWidth(width))
        pad_x, _ = self._padding()
        words = self._words()
        metrics = QFontMetrics(self.font())
        natural = min(metrics.horizontalAdvance(words) + 4, metrics.averageCharWidth() * 28)
        minimum = self.minimumSizeHint().width()
        top = self._top_side()
        if top:
            width = max(minimum, top + 2 * pad_x, natural + 2 * pad_x)
        else:
            icon = self._icon_side()
            width = max(minimum, natural + 2 * pad_x + (icon + GAP if icon else 0))
        return QSize(width, self.heightForWidth(width))

    # ------------------------------------------------------------ hover, only when real

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 (Qt API)
        # Qt also sends this when a tile appears under a pointer that has not moved (the next
        # screen's answer under the finger that pressed the last one): that is no hover yet.
        self._inside = True
        super().enterEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self._inside and not self._pointer_moved:
            self._pointer_moved = True
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        self._inside = self._pointer_moved = False
        self.update()
        super().leaveEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        self._inside = self._pointer_moved = False  # shown again later, it starts unlit
        super().hideEvent(event)

    @property
    def hovered(self) -> bool:
        return self._inside and self._pointer_moved

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        t = theme.current()
        c = t.colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        chosen = self.chosen
        enabled = self.isEnabled()
        child = _child_look(self)
        radius = theme.CHILD_RADIUS if child else theme.RADIUS
        outer = QRectF(self.rect()).adjusted(BORDER / 2, BORDER / 2, -BORDER / 2, -BORDER / 2)
        fill = c.surface
        if chosen:
            fill = c.primary
        elif enabled and (self.hovered or self.isDown()):
            fill = c.primary_soft
        edge = c.primary if chosen else c.border
        width = BORDER
        if self.property("primary") and not chosen:
            # The button that goes on: outlined in the primary colour (filled means "chosen").
            edge, width = c.primary, BORDER + 1
            if fill == c.surface:
                fill = c.primary_soft
        if not enabled:
            edge = c.disabled
        pen = QPen(QColor(edge), width)
        if not enabled:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(outer, radius, radius)
        if self.hasFocus():
            # Two rings in the focus colour: unmistakable, and never the colour of "chosen".
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(c.focus), BORDER + 1))
            painter.drawRoundedRect(outer, radius, radius)
            inner = outer.adjusted(5, 5, -5, -5)
            painter.setPen(QPen(QColor(c.focus), 2))
            painter.drawRoundedRect(inner, max(2, radius - 5), max(2, radius - 5))
        ink = c.on_primary if chosen else (c.ink if enabled else c.disabled)
        self._paint_content(painter, ink, chosen)
        if chosen:
            self._paint_tick(painter, outer)
        painter.end()

    def _paint_content(self, painter: QPainter, ink: str, chosen: bool) -> None:
        pad_x, pad_y = self._padding()
        area = self.rect().adjusted(pad_x, pad_y, -pad_x, -pad_y)
        words = self._words()
        painter.setFont(self.font())
        painter.setPen(QColor(ink))
        top_side = self._top_side()
        if top_side:
            text_h = text_height(self.font(), words, area.width()) if words else 0
            used = top_side + (GAP // 2 + text_h if words else 0)
            top = area.top() + max(0, (area.height() - used) // 2)
            place = QRect(area.left() + (area.width() - top_side) // 2, top, top_side, top_side)
            if self._picture:
                colours = theme.current().colours
                art.paint(painter, QRectF(place), art.pictogram_path(self._picture), colours.art)
            else:
                self._paint_icon(painter, place, chosen)
            if words:
                text_rect = QRect(area.left(), place.bottom() + GAP // 2, area.width(), text_h + 2)
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                shown = laid_out(self.font(), words, area.width())
                painter.drawText(text_rect, int(align) | int(WRAP), shown)
            return
        icon_side = self._icon_side()
        text_rect = QRect(area)
        # The leading side, next to the icon: the right in right-to-left (the painter does not
        # mirror a plain AlignLeft by itself: Arabic words sat at the far side of the tile).
        side = QStyle.visualAlignment(self.layoutDirection(), Qt.AlignmentFlag.AlignLeft)
        if icon_side:
            text_width = area.width() - icon_side - GAP
            offset = 0
            if self.property("centred"):
                # Icon and words together in the middle (a lone "Continue" or "I am ready").
                natural = QFontMetrics(self.font()).horizontalAdvance(words) + 4
                offset = max(0, (text_width - natural) // 2)
            icon_rect = QRect(
                area.left() + offset,
                area.top() + (area.height() - icon_side) // 2,
                icon_side,
                icon_side,
            )
            place = QStyle.visualRect(self.layoutDirection(), area, icon_rect)
            if self.picture_beside and self._picture:
                colours = theme.current().colours
                art.paint(painter, QRectF(place), art.pictogram_path(self._picture), colours.art)
            else:
                self._paint_icon(painter, place, chosen)
            text_rect = QStyle.visualRect(
                self.layoutDirection(),
                area,
                area.adjusted(offset + icon_side + GAP, 0, 0, 0),
            )
        elif self.property("centred"):
            side = Qt.AlignmentFlag.AlignHCenter
        shown = laid_out(self.font(), words, text_rect.width())
        painter.drawText(text_rect, int(side | Qt.AlignmentFlag.AlignVCenter) | int(WRAP), shown)

    def _paint_icon(self, painter: QPainter, rect: QRect, chosen: bool) -> None:
        mode = QIcon.Mode.Normal if self.isEnabled() else QIcon.Mode.Disabled
        state = QIcon.State.On if chosen else QIcon.State.Off
        self.icon().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def _paint_tick(self, painter: QPainter, outer: QRectF) -> None:
        """A ticked badge in the leading top corner: chosen is shown by shape, not colour only."""
        c = theme.current().colours
        d = 26.0
        x = (
            outer.right() - d - 6
            if self.layoutDirection() == Qt.LayoutDirection.LeftToRight
            else outer.left() + 6
        )
        badge = QRectF(x, outer.top() + 6, d, d)
        painter.setPen(QPen(QColor(c.primary), 2))
        painter.setBrush(QColor(c.on_primary))
        painter.drawEllipse(badge)
        tick = QPainterPath(QPointF(badge.left() + 6, badge.center().y() + 1))
        tick.lineTo(badge.left() + 11, badge.bottom() - 7)
        tick.lineTo(badge.right() - 6, badge.top() + 8)
        pen = QPen(QColor(c.primary), 3.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)


class Toggle(QCheckBox):
    """A check box drawn as a large switch (with a tick when on) and wrapping words."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        set_wrap_policy(self, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def _track(self) -> QSize:
        height = max(32, QFontMetrics(self.font()).height() + 8)
        return QSize(round(height * 1.75), height)

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt API)
        return self.rect().contains(pos)  # the words are part of the target, not only the switch

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        track = self._track()
        words = text_height(self.font(), self.text(), width - track.width() - GAP - 8)
        return max(theme.TOUCH, track.height() + 12, words + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        width = self._track().width() + GAP + 8 + min_text_width(self.font(), self.text())
        return QSize(width, theme.TOUCH)  # the real height: heightForWidth (see Tile)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        metrics = QFontMetrics(self.font())
        natural = min(metrics.horizontalAdvance(self.text()) + 4, metrics.averageCharWidth() * 60)
        width = max(self.minimumSizeHint().width(), self._track().width() + GAP + 8 + natural)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        c = theme.current().colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = self._track()
        top = (self.height() - track.height()) / 2 if self.height() < 2 * track.height() else 6
        box = QRectF(4, top, track.width(), track.height())
        box = QRectF(QStyle.visualRect(self.layoutDirection(), self.rect(), box.toRect()))
        on = self.isChecked()
        enabled = self.isEnabled()
        edge = c.disabled if not enabled else (c.primary if on else c.border)
        painter.setPen(QPen(QColor(edge), 3))
        painter.setBrush(QColor(c.primary if on and enabled else c.surface))
        radius = box.height() / 2
        painter.drawRoundedRect(box, radius, radius)
        knob_d = box.height() - 10
        leading = self.layoutDirection() == Qt.LayoutDirection.LeftToRight
        at_end = on == leading
        knob_x = box.right() - knob_d - 5 if at_end else box.left() + 5
        knob = QRectF(knob_x, box.top() + 5, knob_d, knob_d)
        painter.setPen(QPen(QColor(c.primary if on else c.border), 2))
        painter.setBrush(QColor(c.on_primary if on else c.surface))
        painter.drawEllipse(knob)
        if on:  # a tick inside the knob: "on" is a shape, not only a colour
            pen = QPen(QColor(c.primary), 3)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            k = knob.adjusted(knob_d * 0.25, knob_d * 0.3, -knob_d * 0.25, -knob_d * 0.3)
            path = QPainterPath(QPointF(k.left(), k.center().y()))
            path.lineTo(k.left() + k.width() * 0.4, k.bottom())
            path.lineTo(k.right(), k.top())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        if self.hasFocus():
            painter.setPen(QPen(QColor(c.focus), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 8, 8)
        text_rect = QRect(self.rect()).adjusted(track.width() + GAP + 4, 6, -4, -6)
        text_rect = QStyle.visualRect(self.layoutDirection(), self.rect(), text_rect)
        painter.setPen(QColor(c.ink if enabled else c.disabled))
        painter.setFont(self.font())
        start = QStyle.visualAlignment(self.layoutDirection(), Qt.AlignmentFlag.AlignLeft)
        align = start | Qt.AlignmentFlag.AlignVCenter  # the words start beside the switch
        painter.drawText(text_rect, int(align) | int(WRAP), self.text())
        painter.end()


class PersonText(QLabel):
    """Words for the person: wrapped, plain text, with invisible break marks where a script
    writes no spaces (kiosk.core.line_breaks). `text()` gives the words as written."""

    def __init__(self, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._plain = ""
        if name:
            self.setAccessibleName(name)

    def set_words(self, text: str, shown: str | None = None) -> None:
        self._plain = text
        super().setText(shown if shown is not None else text)
        self.setAccessibleName(text)  # read as written (no break marks)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self.set_words(text)

    def text(self) -> str:  # type: ignore[override]
        return self._plain

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        # One line high: the screen fits its words by choosing their size (QuestionScreen),
        # and a tall minimum here would only stop the window from shrinking.
        words = min_text_width(self.font(), super().text())
        return QSize(words, QFontMetrics(self.font()).height())

    def _self_broken(self) -> bool:
        return bool(_SELF_BROKEN.search(super().text()))

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        if not self._self_broken():
            return super().heightForWidth(width)
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        height = text_height(self.font(), super().text(), inner)
        return height + margins.top() + margins.bottom()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if not self._self_broken():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        room = self.contentsRect()
        shown = laid_out(self.font(), super().text(), room.width())
        painter.drawText(room, int(self.alignment()) | int(WRAP), shown)
        painter.end()


class Picture(QWidget):
    """A decorative picture (the companion, a screen's illustration). Painted, not a QLabel, so
    screen readers do not announce an unnamed image: the words beside it say everything."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._side = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def show_art(self, path: Path, side: int) -> None:
        self._path, self._side = path, side
        self.setFixedHeight(side)
        self.setMinimumWidth(side)
        self.updateGeometry()
        self.update()

    def side(self) -> int:
        return self._side

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if self._path is None or not self._side:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = (self.width() - self._side) / 2
        square = QRectF(left, 0, self._side, self._side)
        art.paint(painter, square, self._path, theme.current().colours.art)
        painter.end()


class StepDots(QWidget):
    """How far the interview is, as dots (one per part): readable without reading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = 0
        self.count = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_steps(self, index: int, count: int, name: str) -> None:
        self.index, self.count = index, count
        self.setAccessibleName(name)
        self.setVisible(count > 1)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(max(0, self.count) * 22, 18)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        c = theme.current().colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number in range(1, self.count + 1):
            x = 4 + (number - 1) * 22
            rect = QRectF(x, 3, 12, 12)
            rect = QRectF(QStyle.visualRect(self.layoutDirection(), self.rect(), rect.toRect()))
            done = number <= self.index
            painter.setPen(QPen(QColor(c.primary if done else c.border), 2))
            painter.setBrush(QColor(c.primary) if done else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect)
        painter.end()


class PageStack(QStackedWidget):
    """The window's pages. Each page fits itself to the room it gets; the stack does not pass
    on their height-for-width (Qt would take the tallest of *all* pages, shown or not, and
    squeeze the window's top bar to make room for a page nobody sees)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return -1


def _child_look(widget: QWidget) -> bool:
    parent: QWidget | None = widget
    while parent is not None:
        if parent.property("child"):
            return True
        parent = parent.parentWidget()
    return False


def pictogram_exists(name: str) -> bool:
    return Path(art.pictogram_path(name)).is_file()
