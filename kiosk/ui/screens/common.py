"""Small widget helpers shared by the screens: labelled, accessible, keyboard-friendly."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.line_breaks import breakable
from kiosk.ui import theme
from kiosk.ui.icons import icon
from kiosk.ui.widgets import PersonText, Picture, Tile, Toggle


def button(text: str, name: str | None = None, icon_name: str | None = None) -> QPushButton:
    """A staff button (one line of words; at least a finger high)."""
    widget = QPushButton(text)
    widget.setAccessibleName(name or text)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Return (not only Space) presses a focused button; Qt does this by itself only in dialogs.
    widget.setAutoDefault(True)
    # Always as tall as its words need (a row of buttons is never squeezed to cut them).
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if icon_name:
        widget.setIcon(icon(icon_name))
        widget.setIconSize(QSize(24, 24))
        widget.setProperty("iconName", icon_name)
    return widget


def primary(widget: QPushButton) -> QPushButton:
    """Mark the one main action of a staff screen (filled in the primary colour; its icon in
    the colour of its words, never the fill's own: yellow on yellow in high contrast)."""
    widget.setObjectName("primary")
    name = widget.property("iconName")
    if name:
        widget.setIcon(icon(name, on_primary=True))
    return widget


def bar_button(text: str, name: str | None = None, icon_name: str | None = None) -> Tile:
    """A button of the row above the pages: as wide as its words, its icon a clear gap away
    (a QPushButton's own gap is a few pixels)."""
    widget = Tile(text, name, icon_name)
    widget.setObjectName("barButton")
    policy = widget.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Maximum)
    widget.setSizePolicy(policy)
    return widget


def answer_button(text: str, name: str, icon_name: str | None = None) -> Tile:
    """A big button for the person, its words wrapping, an icon beside them."""
    widget = Tile(text, name, icon_name)
    widget.setObjectName("answerTile")
    return widget


def toggle(text: str) -> Toggle:
    """A yes/no setting or checklist item, drawn as a large switch."""
    return Toggle(text)


def title(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("screenTitle")
    label.setWordWrap(True)
    return label


def text_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setAccessibleName(name)
    return label


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label that names `widget` for screen readers and gives it a mnemonic."""
    label = QLabel(text)
    label.setBuddy(widget)
    label.setWordWrap(True)
    widget.setAccessibleName(text.replace("&", ""))
    return label


def scrolled(inner: QWidget) -> QScrollArea:
    """A staff form that scrolls up and down when the window is short (never sideways: its
    words wrap to the width it is given)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Tab goes straight to the fields; the area scrolls to whichever has the focus.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(inner)
    return area


def discard(*widgets: QWidget | None) -> None:
    """Take widgets off the screen now and free them later: `deleteLater` alone leaves them
    painted until the event loop runs, so a page rebuilt at once showed the old boxes beside
    the new ones (seen in the resume check's screenshot)."""
    for widget in widgets:
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def scrolled_page(owner: QWidget, inner: QWidget, left: QWidget, right: QWidget) -> QVBoxLayout:
    """A staff page's frame: `inner` scrolls up and down, `left` and `right` stay at its foot."""
    row = QHBoxLayout()
    row.addWidget(left)
    row.addStretch(1)
    row.addWidget(right)
    layout = QVBoxLayout(owner)
    layout.addWidget(scrolled(inner), 1)
    layout.addLayout(row)
    layout.setContentsMargins(48, 24, 48, 24)
    return layout


def wrapping_list() -> QListWidget:
    """A list whose long lines wrap instead of scrolling sideways."""
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    return widget


def tab_chain(*widgets: QWidget | None) -> None:
    """Tab through `widgets` in this order (reading order; Qt mirrors it for right-to-left).

    Widgets made after the screen was built join the end of the window's focus chain, so
    screens that build controls on the fly put them back in place with this."""
    present = [widget for widget in widgets if widget is not None]
    for first, second in pairwise(present):
        QWidget.setTabOrder(first, second)


class SimpleScreen(QWidget):
    """A calm screen for the person: a picture, a few words, a few big buttons; re-worded for
    the language shown (with the child path's companion picture when `child`)."""

    def __init__(self, picture: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture_name = picture
        self.picture = Picture()
        self.heading = PersonText()
        self.heading.setObjectName("questionText")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = PersonText()
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.row = QHBoxLayout()
        self.row.setSpacing(16)
        column = QWidget()
        column.setMaximumWidth(1100)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.picture)
        inner.addSpacing(12)
        inner.addWidget(self.heading)
        inner.addSpacing(8)
        inner.addWidget(self.body)
        inner.addSpacing(24)
        inner.addLayout(self.row)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(column, 100)
        centre.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(2)
        layout.setContentsMargins(48, 24, 48, 24)
        self.buttons: list[Tile] = []
        self._child = False

    def add_button(self, icon_name: str | None = None) -> Tile:
        widget = answer_button("", "", icon_name)
        widget.setProperty("centred", True)
        self.row.addWidget(widget)
        self.buttons.append(widget)
        return widget

    def show_picture(self, name: str, child: bool = False) -> None:
        """The screen's picture: an icon, or for a child the companion (a pictogram)."""
        from kiosk.ui import art

        side = round(theme.current().picture * (1.5 if child else 1.1))
        path = art.pictogram_path(name) if child else art.icon_path(name)
        self.picture.show_art(path, side)
        self.picture.setVisible(True)

    def set_words(self, heading: str, body: str, *labels: str, language: str = "en") -> None:
        self.heading.set_words(heading, breakable(heading, language))
        self.heading.setAccessibleName(heading)
        self.body.set_words(body, breakable(body, language))
        self.body.setVisible(bool(body))
        for widget, label in zip(self.buttons, labels, strict=False):
            widget.set_words(label, breakable(label, language))
        if self.picture_name:
            self.show_picture(self.picture_name)
        else:
            self.picture.hide()

    def set_child(self, child: bool, comfort: str = "companion") -> None:
        """The child path: warmer page and the companion instead of the icon."""
        theme.set_child_look(self, child)
        if child:
            self.show_picture(comfort, child=True)
