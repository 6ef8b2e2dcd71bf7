"""Everything the window holds as text, found by walking every widget of every window.

For each widget: its text (labels, buttons, line and text edits, spin boxes, combo box items),
placeholder, tooltip, status tip, "what's this", accessible name and description, window title,
the undo and redo history of text inputs (what Ctrl+Z would bring back), and every role of every
cell of an item model (tables, lists, trees), including header data.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    Qt.ItemDataRole.UserRole,
]


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.toolTip()
    yield widget.statusTip()
    yield widget.whatsThis()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.windowTitle()
    if isinstance(widget, QLabel | QAbstractButton):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
        yield from _undo_history_line(widget)
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        yield widget.toPlainText()
        yield widget.placeholderText()
        yield from _undo_history_document(widget)
    if isinstance(widget, QAbstractSpinBox):
        yield widget.text()
    if isinstance(widget, QComboBox):
        yield widget.currentText()
        for i in range(widget.count()):
            yield widget.itemText(i)
            yield str(widget.itemData(i) or "")
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model())


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    parent = parent if parent is not None else QModelIndex()
    rows, columns = model.rowCount(parent), _columns(model, parent)
    if parent == QModelIndex():
        for section in range(columns):
            for role in ROLES:
                yield str(model.headerData(section, Qt.Orientation.Horizontal, role) or "")
        for section in range(rows):
            yield str(model.headerData(section, Qt.Orientation.Vertical) or "")
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in ROLES:
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
            if model.rowCount(index) > 0:  # a tree: its children too
                yield from model_texts(model, index)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models keep columnCount private in PySide: one column
        return 1


def _undo_history_line(edit: QLineEdit) -> Iterator[str]:
    """Undo all the way back and redo all the way forward (leaves the text as it was)."""
    steps = 0
    while edit.isUndoAvailable() and steps < 500:
        edit.undo()
        steps += 1
        yield edit.text()
    while edit.isRedoAvailable() and steps > 0:
        edit.redo()
        steps -= 1
        yield edit.text()


def _undo_history_document(edit: QPlainTextEdit | QTextEdit) -> Iterator[str]:
    document = edit.document()
    steps = 0
    while document.isUndoAvailable() and steps < 500:
        document.undo()
        steps += 1
        yield document.toPlainText()
    while document.isRedoAvailable() and steps > 0:
        document.redo()
        steps -= 1
        yield document.toPlainText()


def all_window_texts() -> Iterator[tuple[QWidget, str]]:
    """(widget, text) for every widget of every window of the application."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for widget in app.allWidgets():
        for text in widget_texts(widget):
            if text:
                yield widget, text


def describe(widget: QWidget) -> str:
    names = []
    current: QWidget | None = widget
    while current is not None:
        names.append(current.objectName() or type(current).__name__)
        current = current.parentWidget()
    return "/".join(reversed(names))


def traces(secrets: list[str]) -> list[str]:
    """Where any of `secrets` (case-insensitive) shows anywhere in the application's widgets."""
    lowered = [s.casefold() for s in secrets]
    found = []
    for widget, text in all_window_texts():
        folded = text.casefold()
        for secret, low in zip(secrets, lowered, strict=True):
            if low in folded:
                found.append(f"{describe(widget)}: {secret!r} in {text[:80]!r}")
    return found
