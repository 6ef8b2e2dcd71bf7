"""Small widget helpers shared by the screens: labelled, accessible, keyboard-friendly."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui.icons import icon


def button(text: str, name: str | None = None, icon_name: str | None = None) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(name or text)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Return (not only Space) presses a focused button; Qt does this by itself only in dialogs.
    widget.setAutoDefault(True)
    if icon_name:
        widget.setIcon(icon(icon_name))
        widget.setIconSize(QSize(28, 28))
    return widget


def answer_button(text: str, name: str, icon_name: str | None = None) -> QPushButton:
    widget = button(text, name, icon_name)
    widget.setObjectName("answerButton")
    widget.setIconSize(QSize(40, 40))
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return widget


def action_button(text: str, name: str, icon_name: str) -> QPushButton:
    widget = button(text, name, icon_name)
    widget.setObjectName("actionButton")
    # Keep its place when hidden, so the other actions never move.
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    return widget


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


def tab_chain(*widgets: QWidget | None) -> None:
    """Tab through `widgets` in this order (reading order; Qt mirrors it for right-to-left).

    Widgets made after the screen was built join the end of the window's focus chain, so
    screens that build controls on the fly put them back in place with this."""
    present = [widget for widget in widgets if widget is not None]
    for first, second in pairwise(present):
        QWidget.setTabOrder(first, second)


class SimpleScreen(QWidget):
    """A calm screen of text and a few big buttons, re-worded for the language shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

        self.heading = title()
        self.heading.setObjectName("questionText")
        self.body = text_label(name="Text")
        self.row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(12)
        layout.addWidget(self.body)
        layout.addSpacing(24)
        layout.addLayout(self.row)
        layout.addStretch(2)
        layout.setContentsMargins(72, 32, 72, 32)
        self.buttons: list[QPushButton] = []

    def add_button(self, icon_name: str | None = None) -> QPushButton:
        widget = answer_button("", "", icon_name)
        self.row.addWidget(widget)
        self.buttons.append(widget)
        return widget

    def set_words(self, heading: str, body: str, *labels: str) -> None:
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        for widget, label in zip(self.buttons, labels, strict=False):
            widget.setText(label)
            widget.setAccessibleName(label)
