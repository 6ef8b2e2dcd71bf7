"""The answer area of the person's question screen, and how it fits the room it has.

`AnswerGrid` holds the question's own answers (tiles in columns), a row of the two soft answers
(I don't know, I'd rather not say), and the button that finishes a typed or many-choice answer.
`Fit` picks, for the width and height the screen has, the largest question text, answer text,
pictures and fewest columns with which everything shows in full (nothing cut, nothing scrolled).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
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


@dataclass(frozen=True)
class Level:
    """One way to size the screen; `levels` lists them from the roomiest to the tightest."""

    question_pt: int
    answer_pt: int
    picture_scale: float
    compact_bar: bool = False  # action icons beside their words (a lower bar)
    companion: bool = True  # the child path's companion beside the question


@dataclass(frozen=True)
class Fit:
    level: Level
    columns: int


def levels(pictures: bool) -> list[Level]:
    """Largest question text first, then answer text, then pictures; then the lower action
    bar and no companion; last the smallest of everything. Pictures are for people who cannot
    read: before a picture shrinks to its smallest, the words shrink as far as they can."""
    t = theme.current().type
    groups = [[1.0, 0.75, 0.55], [0.4]] if pictures else [[1.0]]
    found: list[Level] = []
    for group in groups:
        found += [
            Level(question, answer, scale)
            for question in (t.question, t.title, t.answer)
            for answer in (t.answer, t.body)
            for scale in group
        ]
        found += [
            Level(question, answer, scale, compact_bar=True, companion=False)
            for question in (t.answer, t.body)
            for answer in (t.body, t.caption)
            for scale in group
            if scale <= 0.55 or not pictures
        ]
    return found


def column_choices(count: int, pictures: bool, yes_no: bool) -> list[int]:
    """Column counts to try, most readable first."""
    if yes_no:
        return [2, 1]
    if pictures:
        first = count if count <= 4 else -(-count // 2)
        wider = list(range(first, min(count, 6) + 1))
        narrower = list(range(first - 1, 0, -1))
        return [*wider, *narrower]
    if count <= 4:
        return [1, 2]
    return [2, 3, 4, 1]


class AnswerGrid(QWidget):
    """The question's answers in columns (or its entry field), then one bottom row: the soft
    answers (`soft`, kept for good, shown on questions only) and the button that goes on."""

    def __init__(self, soft: list[Tile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []
        self.soft = soft
        self.entry: QWidget | None = None
        self.finish: Tile | None = None
        self.columns = 1
        self._main = QGridLayout()
        self._main.setSpacing(SPACING)
        self._bottom = QHBoxLayout()
        self._bottom.setSpacing(SPACING)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(SPACING)
        self._box.addLayout(self._main)
        self._box.addLayout(self._bottom)
        for tile in soft:
            self._bottom.addWidget(tile, 1)

    def set_content(
        self, tiles: list[Tile], entry: QWidget | None = None, finish: Tile | None = None
    ) -> None:
        """The widgets of this question (made by the caller, which shows or hides the soft)."""
        self.tiles, self.entry, self.finish = tiles, entry, finish
        for widget in (*tiles, entry):
            if widget is not None:
                widget.setParent(self)
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

    def bottom_row(self) -> list[Tile]:
        row = [tile for tile in self.soft if not tile.isHidden()]
        return [self.finish, *row] if self.finish is not None else row

    # ------------------------------------------------------------ measuring

    def needed(self, width: int, columns: int) -> int | None:
        """Height for the current fonts and pictures at `width` in `columns`; None when a tile's
        longest word would not fit its column."""
        height = 0
        if self.tiles:
            column_width = (width - (columns - 1) * SPACING) // columns
            rows = [self.tiles[i : i + columns] for i in range(0, len(self.tiles), columns)]
            for row in rows:
                if any(t.minimumSizeHint().width() > column_width for t in row):
                    return None
                height += max(t.heightForWidth(column_width) for t in row) + SPACING
        if self.entry is not None:
            height += self.entry.sizeHint().height() + SPACING
        bottom = self.bottom_row()
        if bottom:
            each = (width - (len(bottom) - 1) * SPACING) // len(bottom)
            if any(t.minimumSizeHint().width() > each for t in bottom):
                return None
            height += max(t.heightForWidth(each) for t in bottom) + SPACING
        return max(0, height - SPACING)

    def apply_fonts(self, answer_pt: int, picture_scale: float, child: bool) -> None:
        side = round(theme.current().picture * picture_scale * (1.25 if child else 1.0))
        font = QFont(self.font())
        font.setPointSize(answer_pt)
        for tile in (*self.tiles, *self.soft, self.finish):
            if tile is None:
                continue
            if tile.font().pointSize() != answer_pt:
                tile.setFont(font)
            if tile.picture:
                soft = tile in self.soft
                tile.set_picture(tile.picture, round(side * (0.7 if soft else 1.0)))
        if self.entry is not None and self.entry.font().pointSize() != answer_pt:
            self.entry.setFont(font)


class AnswersView(QScrollArea):
    """Holds the answer grid. It asks for exactly the height the fit chose (as a hint, never a
    minimum, so a page not on screen never stops the window from shrinking); only when nothing
    fits does the list scroll, up and down, with a wide visible bar."""

    def __init__(self, grid: AnswerGrid) -> None:
        super().__init__()
        self.setObjectName("answersView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answers; it follows them
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWidget(grid)
        self._wanted = theme.TOUCH

    def set_wanted_height(self, height: int) -> None:
        if height != self._wanted:
            self._wanted = height
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), self._wanted)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().minimumSizeHint().width(), theme.TOUCH)
