"""A whole kiosk session in the real window, started the way a user starts it (`kiosk`, through
`kiosk.cli.main`), then left running: for the network watch and the disk walk.

The session: create the store at first unlock (the first-run dialog opens and is closed), an
interview in Khmer with the interpreter view open (content missing from the catalog and the
person's typed answer are machine-translated by the installed models), a question read aloud
(espeak-ng), the rights summary and the referral summary saved as PDFs, review, back home; then
the window idles for IDLE_SECONDS (while telemetry would phone home) and is closed.

Usage: python -m tests.outside.window_session OUT_DIR IDLE_SECONDS FREE_TEXT
Writes OUT_DIR/session.json.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

import kiosk.ui.app
from kiosk.cli import main
from tests.outside.bot import Bot

report: dict[str, Any] = {}


def drive(window: Any, out: Path, idle: float, free_text: str) -> None:
    from kiosk.app import intents as i
    from tests.test_ui_interview import answer_like_a_person
    from tests.ui_helpers import click, start_interview, unlock
    from tests.ui_helpers import drive as walk

    bot = Bot()
    # The operating system's file dialog cannot be driven here: it answers with a path.
    saved: list[str] = []

    def save_as(*args: object, **kwargs: object) -> tuple[str, str]:
        target = out / f"saved-{len(saved)}.pdf"
        saved.append(str(target))
        return str(target), "PDF files (*.pdf)"

    QFileDialog.getSaveFileName = staticmethod(save_as)  # type: ignore[method-assign]
    try:
        unlock(bot, window)
        bot.waitUntil(lambda: window.first_run_dialog is not None, 10_000)
        window.first_run_dialog.close()
        start_interview(bot, window, "km", interpreter=True)
        policy, _ = answer_like_a_person(bot, free_text=free_text)
        spoken = {"done": False}

        def read_aloud_once(w: Any, node: str) -> bool:
            if not spoken["done"] and w.page_name == "question" and not node.startswith("break"):
                click(bot, w.question.action_bar.read_aloud)
                QTest.qWait(1500)  # espeak-ng runs; playing needs a sound device (none here)
                spoken["done"] = True
            return bool(policy(w, node))

        walk(bot, window, read_aloud_once)
        report["page_after_interview"] = window.page_name
        bot.waitUntil(lambda: "[" in window.interpreter.answer.text(), 120_000)
        report["interpreter_answer_translated"] = True
        panel = window.finished.take_away
        click(bot, panel.save_paper)
        bot.waitUntil(lambda: len(saved) == 1 and Path(saved[0]).exists(), 120_000)
        click(bot, window.finished.review)
        documents = window.review.documents
        window.review.tabs.setCurrentWidget(documents)
        click(bot, documents.referral.save_referral)
        click(bot, documents.referral.confirm_save)
        bot.waitUntil(lambda: len(saved) == 2 and Path(saved[1]).exists(), 120_000)
        window.controller.send(i.GoHome())
        report["saved"] = saved
        report["onnxruntime_loaded"] = "onnxruntime" in sys.modules
        report["idle_started"] = time.time()
        end = time.monotonic() + idle
        while time.monotonic() < end:
            QTest.qWait(200)
        report["idle_seconds"] = round(time.time() - report["idle_started"], 1)
        report["ok"] = True
    except Exception as error:  # reported, then the window closes as a user would close it
        report["error"] = f"{type(error).__name__}: {error}"
        # Where it stopped: the last frames of the test's own code (never the person's text).
        report["where"] = traceback.format_exc(limit=-4).splitlines()[-8:]
    finally:
        window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def watchdog(out: Path, seconds: float) -> None:
    """If the session hangs, say where it got to and end the process (a diagnosable failure)."""

    def expire() -> None:
        report["error"] = report.get("error") or f"watchdog: no end after {seconds:.0f} s"
        (out / "session.json").write_text(json.dumps(report, ensure_ascii=False))
        os._exit(3)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


def run(out: Path, idle: float, free_text: str) -> int:
    watchdog(out, idle + 480)
    build = kiosk.ui.app.build_window

    def build_and_drive(*args: Any, **kwargs: Any) -> object:
        window = build(*args, **kwargs)
        QTimer.singleShot(500, lambda: drive(window, out, idle, free_text))
        return window

    kiosk.ui.app.build_window = build_and_drive  # type: ignore[assignment]
    code = main([])  # the kiosk window, exactly as `kiosk` opens it
    report["exit_code"] = code
    # Threads that would keep the process alive after the window closed (reported, not hidden).
    report["threads_left"] = sorted(
        t.name for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon
    )
    (out / "session.json").write_text(json.dumps(report, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # the report is written; do not wait on those threads (see threads_left)


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3]))
