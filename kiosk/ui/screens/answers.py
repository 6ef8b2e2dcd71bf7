"""The answer area of the person's question screen, and how it fits the room it has.

`AnswerGrid` holds the question's own answers (tiles in columns), a row of the two soft answers
(I don't know, I'd rather not say), and the button that finishes a typed or many-choice answer.
`Fit` picks, for the width and height the screen has, the largest question text, answer text,
pictures and fewest columns with which everything shows in full (nothing cut, nothing scrolled).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.widgets import Tile

SPACING = 12
ROOMY_PICTURE = 56  # px: below this a picture above its words is too small to be worth the room
BESIDE_PICTURES = (64, theme.SMALLEST_PICTURE)  # px (adult) in the compact list of answers
CHILD_PICTURES = 1.25  # a child's pictures are this much larger, at every step
CUE_GAP = 6  # px between the last visible answers and the "more below" cue


@dataclass(frozen=True)
class Level:
    """One way to size the screen; `levels` lists them from the roomiest to the tightest."""

    question_pt: int
    answer_pt: int
    picture: int  # px, an adult's answer picture (0: no pictures on this screen)
    beside: bool = False  # pictures beside the words, in a compact list (many answers)
    compact_bar: bool = False  # action icons beside their words (a lower bar)
    companion: bool = True  # the child path's companion beside the question


@dataclass(frozen=True)
class Fit:
    level: Level
    columns: int


@dataclass(frozen=True)
class Needed:
    """Heights at one width: the answers (in the scrolling list) and the row under them (the
    button that goes on and the soft answers, which never scroll)."""

    grid: int
    bottom: int

    @property
    def total(self) -> int:
        return self.grid + self.bottom + (SPACING if self.grid and self.bottom else 0)


def levels(pictures: bool) -> list[Level]:
    """Largest question text first, then answer text; then the lower action bar and no
    companion. With pictures: tiles with the picture above the words while it can stay large
    (at least ROOMY_PICTURE px), then the compact list (picture beside the words, 64 then 48 px),
    its words shrinking before its pictures: pictures are for people who cannot read."""
    t = theme.current().type
    if not pictures:
        found = [
            Level(question, answer, 0)
            for question in (t.question, t.title, t.answer)
            for answer in (t.answer, t.body)
        ]
        found += [
            Level(question, answer, 0, compact_bar=True, companion=False)
            for question in (t.answer, t.body)
            for answer in (t.body, t.caption)
        ]
        return found
    full = theme.current().picture
    above = [side for side in (full, round(full * 0.75)) if side >= ROOMY_PICTURE] or [full]
    found = [
        Level(question, answer, side)
        for side in above
        for question in (t.question, t.title, t.answer)
        for answer in (t.answer, t.body)
    ]
    found += [
        Level(question, answer, above[-1], compact_bar=True, companion=False)
        for question in (t.answer, t.body)
        for answer in (t.answer, t.body)
    ]
    for side in BESIDE_PICTURES:
        found += [
            Level(question, answer, side, beside=True)
            for question in (t.title, t.answer)
            for answer in (t.answer, t.body)
        ]
        found += [
            Level(question, answer, side, beside=True, compact_bar=True, companion=False)
            for question in (t.answer, t.body)
            for answer in (t.answer, t.body, t.caption)
        ]
    return found


def column_choices(count: int, pictures: bool, yes_no: bool, beside: bool = False) -> list[int]:
    """Column counts to try, most readable first."""
    if yes_no:
        return [2, 1]
    if beside:  # a list of rows: two or more columns as the width allows
        return [*range(2, min(count, 4) + 1), 1] if count > 1 else [1]
    if pictures:
        first = count if count <= 4 else -(-count // 2)
        wider = list(range(first, min(count, 6) + 1))
        narrower = list(range(first - 1, 0, -1))
        return [*wider, *narrower]
    if count <= 4:
        return [1, 2]
    return [2, 3, 4, 1]


class AnswerGrid(QWidget):
    """The question's answers in columns (or its entry field). The row under it (`bottom`: the
    button that goes on, then the soft answers, kept for good and shown on questions only) is a
    widget of its own: the screen places it outside the scrolling list, always in reach."""

    def __init__(self, soft: list[Tile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.soft = soft
        self.entry: QWidget | None = None
        self.finish: Tile | None = None
        self.columns = 1
        self._main = QGridLayout()
        self._main.setSpacing(SPACING)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(SPACING)
        self._box.addLayout(self._main)
        self._box.addStretch(1)
        self.bottom = QWidget()
        self._bottom = QHBoxLayout(self.bottom)
        self._bottom.setContentsMargins(0, 0, 0, 0)
        self._bottom.setSpacing(SPACING)
        for tile in soft:
            tile.setProperty("even", True)
            self._bottom.addWidget(tile, 1)

    def set_content(
        self, tiles: list[Tile], entry: QWidget | None = None, finish: Tile | None = None
    ) -> None:
        """The widgets of this question (made by the caller, which shows or hides the soft)."""
        self.tiles, self.entry, self.finish = tiles, entry, finish
        for widget in (*tiles, entry):
            if widget is not None:
                widget.setParent(self)
        for tile in (*tiles, finish):
            if tile is not None:
                tile.setProperty("even", True)  # equal columns, as `needed` measures them
        if finish is not None:
            # First in the row, right under the answers: where Tab goes after them, too.
            self._bottom.insertWidget(0, finish, 1)
            finish.show()
        self.arrange(self.columns)

    def arrange(self, columns: int) -> None:
        self.columns = max(1, columns)
        # removeWidget deletes each layout item in C++ (takeAt would leave it alive, and the
        # widget would keep reporting size changes to that stale item).
        while self._main.count():
            item = self._main.itemAt(0)
            widget = item.widget() if item is not None else None
            if widget is None:
                break
            self._main.removeWidget(widget)
        for index, tile in enumerate(self.tiles):
            row, column = divmod(index, self.columns)
            self._main.addWidget(tile, row, column)
        if self.entry is not None:
            self._main.addWidget(
                self.entry, -(-len(self.tiles) // self.columns), 0, 1, self.columns
            )
        for column in range(self._main.columnCount()):
            self._main.setColumnStretch(column, 1 if column < self.columns else 0)
        for widget in (*self.tiles, self.entry):
            if widget is not None:
                widget.show()

    def relayout(self) -> None:
        self._main.invalidate()
        self._bottom.invalidate()
        self._box.invalidate()
        self.updateGeometry()
        self.bottom.updateGeometry()

    def bottom_row(self) -> list[Tile]:
        row = [tile for tile in self.soft if not tile.isHidden()]
        return [self.finish, *row] if self.finish is not None else row

    def has_answers(self) -> bool:
        """Anything for the scrolling list (answers or an entry field)."""
        return bool(self.tiles) or self.entry is not None

    # ------------------------------------------------------------ measuring

    def needed(self, width: int, columns: int) -> Needed | None:
        """Heights for the current fonts and pictures at `width` in `columns`; None when a
        tile's longest word would not fit its column."""
        grid = 0
        if self.tiles:
            column_width = (width - (columns - 1) * SPACING) // columns
            rows = [self.tiles[i : i + columns] for i in range(0, len(self.tiles), columns)]
            for row in rows:
                if any(t.minimumSizeHint().width() > column_width for t in row):
                    return None
                grid += max(t.heightForWidth(column_width) for t in row) + SPACING
        if self.entry is not None:
            grid += self.entry.sizeHint().height() + SPACING
        bottom = 0
        row = self.bottom_row()
        if row:
            each = (width - (len(row) - 1) * SPACING) // len(row)
            if any(t.minimumSizeHint().width() > each for t in row):
                return None
            bottom = max(t.heightForWidth(each) for t in row)
        return Needed(max(0, grid - SPACING), bottom)

    def apply_fonts(self, answer_pt: int, picture: int, beside: bool, child: bool) -> None:
        """Answer words at `answer_pt`, pictures `picture` px (a child's larger) above the
        words or, `beside`, on their leading side; the soft answers' pictures a little smaller
        above their words, never under the smallest recognisable size."""
        side = round(picture * (CHILD_PICTURES if child else 1.0))
        soft_side = side if beside else max(theme.SMALLEST_PICTURE, round(side * 0.7))
        font = QFont(self.font())
        font.setPointSize(answer_pt)
        for tile in (*self.tiles, *self.soft, self.finish):
            if tile is None:
                continue
            if tile.font().pointSize() != answer_pt:
                tile.setFont(font)
            if tile.picture:
                tile.set_picture(tile.picture, soft_side if tile in self.soft else side)
                tile.set_picture_beside(beside)
        if self.entry is not None and self.entry.font().pointSize() != answer_pt:
            self.entry.setFont(font)


class AnswersView(QScrollArea):
    """Holds the answer grid. It asks for exactly the height the fit chose (as a hint, never a
    minimum, so a page not on screen never stops the window from shrinking). Only when nothing
    fits does the list scroll, up and down, with a wide visible bar and a cue over its foot
    ("More answers below", `cue`; pressing it scrolls on) while answers are hidden below."""

    def __init__(self, grid: AnswerGrid) -> None:
        super().__init__()
        self.setObjectName("answersView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # see set_scrolls
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answers; it follows them
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(grid)
        self._wanted = theme.TOUCH
        self._scrolls = False
        self.cue = Tile(icon_name="chevron_down")
        self.cue.setObjectName("scrollCue")
        self.cue.setProperty("centred", True)
        self.cue.setProperty("slim", True)  # a low strip: the room is the answers'
        self.cue.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab reaches every answer by itself
        self.cue.setParent(self)
        self.cue.hide()
        self.cue.clicked.connect(self.scroll_on)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self.place_cue)
        bar.rangeChanged.connect(self.place_cue)

    def set_cue_words(self, text: str, shown: str) -> None:
        self.cue.set_words(text, shown)
        self.place_cue()

    def scroll_on(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + max(bar.singleStep(), self.viewport().height() * 3 // 4))

    def set_scrolls(self, scrolls: bool) -> None:
        """The fit found no arrangement that shows every answer: the list scrolls, with its
        bar and, under the visible answers, a strip for the cue (the viewport's lower margin:
        the cue never covers an answer). Decided by the fit, never by the list's own height:
        a strip that came and went with it would flip between the two."""
        if scrolls == self._scrolls:
            return
        self._scrolls = scrolls
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if scrolls
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.place_cue()

    def place_cue(self) -> None:
        """In its strip while answers are hidden below the visible ones, else out of sight."""
        strip = 0
        if self._scrolls:
            width = min(self.width(), self.cue.one_line_width())
            height = self.cue.heightForWidth(width)
            strip = height + CUE_GAP
        if self.viewportMargins().bottom() != strip:
            self.setViewportMargins(0, 0, 0, strip)
        bar = self.verticalScrollBar()
        if not strip or bar.value() >= bar.maximum():
            self.cue.hide()
            return
        room = self.viewport().geometry()
        self.cue.setGeometry(
            room.left() + (room.width() - width) // 2, room.bottom() + 1 + CUE_GAP, width, height
        )
        self.cue.show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.place_cue()

    def set_wanted_height(self, height: int) -> None:
        if height != self._wanted:
            self._wanted = height
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), self._wanted)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().minimumSizeHint().width(), theme.TOUCH)
