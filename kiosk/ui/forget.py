"""When an interview closes, the window forgets it: nothing of one person stays in a widget for
the next one to see, read out through a screen reader, or bring back with Ctrl+Z.

Pages fill themselves again from the session layer when they are shown (`prepare()`), so what
is cleared here is only what the closed interview left behind:
- every text input on the interview's pages, emptied *without* undo history (QLineEdit.clear()
  is undoable: Ctrl+Z in the next interview would bring the previous person's words back);
- every table, list and text view on those pages;
- the interpreter view's texts (the question, the last step, the person's typed answer);
- callbacks of translations of the person's words still under way (their results are dropped);
- the clipboard and the X11 selection, if this program put text there (see `clipboard.py`).
The session layer drops its own state (session, translator cache) itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)

from kiosk.ui.clipboard import clear_owned_clipboard

# Pages whose inputs are not about an interview (passphrase, settings, recording studio).
KEEP_PAGES = frozenset({"unlock", "lock", "settings", "studio", "home", "setup"})


def empty_inputs(root: QWidget) -> None:
    """Every text input and item view below `root` emptied, with no undo history left."""
    for edit in root.findChildren(QLineEdit):
        edit.setText("")  # unlike clear(), setText() also empties the undo history
    for text in root.findChildren(QPlainTextEdit):
        text.clear()  # QPlainTextEdit.clear() drops the undo history
    for rich in root.findChildren(QTextEdit):
        rich.clear()
    for table in root.findChildren(QTableWidget):
        table.clearContents()
        table.setRowCount(0)
    for listing in root.findChildren(QListWidget):
        listing.clear()
    for view in root.findChildren(QAbstractItemView):
        if isinstance(view, QTableWidget | QListWidget) or view.model() is None:
            continue
        view.clearSelection()


def forget_interview(window: Any) -> None:
    """Clear what the closed interview left in the window and the interpreter view."""
    for name, page in window.pages.items():
        if name not in KEEP_PAGES:
            empty_inputs(page)
    interpreter = window.interpreter
    for label in interpreter.findChildren(QLabel):
        if label is not interpreter.heading:
            label.setText("")
    interpreter.node_id = ""
    interpreter.person_words = ""
    interpreter.staff_words = ""
    free_text = getattr(window, "free_text", None)
    if free_text is not None:
        free_text.forget()  # pending translations of the person's words
    clear_owned_clipboard()


def forget_when_closed(window: Any) -> None:
    """Call `forget_interview` whenever the session layer says an interview closed (the
    window's own screens forget their parts too: MainWindow.forget_interview)."""
    window.controller.interview_closed.connect(lambda: forget_interview(window))
