"""Types a person's words, selects them and copies them (Ctrl+A, Ctrl+C), on a real X display,
then keeps serving the clipboard until the reader (another program) is done.

Usage: python -m tests.outside.clipboard_owner kiosk|bare TEXT READY_FILE DONE_FILE
`kiosk` does it in the free-text answer of the real kiosk window; `bare` in a plain Qt text box
(what any program does: the reader must see the words there, or the test proves nothing).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from tests.outside.bot import Bot


def kiosk_text_box(text: str) -> QWidget:
    from kiosk.ui.app import build_window
    from kiosk.ui.services import Services
    from tests.ui_helpers import RecordingSpeech, commit_text, drive, start_interview, unlock

    bot = Bot()
    window = build_window(services=Services(speech=RecordingSpeech()))
    window.resize(1280, 800)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    unlock(bot, window)  # type: ignore[arg-type]
    start_interview(bot, window, "en")  # type: ignore[arg-type]

    def until_free_text(w, node: str) -> bool:  # type: ignore[no-untyped-def]
        q = w.question
        if node.startswith("break_offer:"):
            bot.mouseClick(w.break_offer.go_on, Qt.MouseButton.LeftButton)
            return True
        view = q.view
        if view.kind == "question" and view.type == "free_text":
            return False
        if view.kind != "question":
            bot.mouseClick(q.submit, Qt.MouseButton.LeftButton)
        elif view.type == "single_choice":
            # The last choice: "more than an hour" of time, so the story question comes.
            bot.mouseClick(q.answer_buttons[view.choices[-1].value], Qt.MouseButton.LeftButton)
        elif view.type in ("yes_no", "multiple_choice"):
            bot.mouseClick(q.answer_buttons[view.choices[0].value], Qt.MouseButton.LeftButton)
            if view.type == "multiple_choice":
                bot.mouseClick(q.submit, Qt.MouseButton.LeftButton)
        elif view.type == "age":
            commit_text(q.entry, "30")
            bot.mouseClick(q.submit, Qt.MouseButton.LeftButton)
        else:
            bot.mouseClick(q.action_bar.decline, Qt.MouseButton.LeftButton)
        return True

    drive(bot, window, until_free_text)  # type: ignore[arg-type]
    entry = window.question.entry  # type: ignore[attr-defined]
    commit_text(entry, text)
    return entry


def bare_text_box(text: str) -> QWidget:
    box = QPlainTextEdit()
    box.show()
    box.insertPlainText(text)
    return box


def main(mode: str, text: str, ready: str, done: str) -> int:
    app = QApplication([])
    box = kiosk_text_box(text) if mode == "kiosk" else bare_text_box(text)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select: PRIMARY
    QTest.keyClick(box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copy: CLIPBOARD
    QTest.qWait(100)
    Path(ready).write_text("ready")
    end = time.monotonic() + 60
    while not Path(done).exists() and time.monotonic() < end:
        QTest.qWait(20)  # answer the reader's selection requests
    app.closeAllWindows()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
