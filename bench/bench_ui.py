"""Kiosk window benchmarks: cold start to the unlock screen, and answer click to next question.

Run: python bench/bench_ui.py  (offscreen). Targets on the reference machine: cold start
<= 1.5 s, answer click -> next question painted <= 50 ms (medians).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLD_RUNS = 5
CLICK_RUNS = 30

# Child process: build the app and window, stop once the unlock screen has been painted.
_COLD = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.ui.app import build_window
w = build_window()
w.resize(1280, 800)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
w.unlock.grab()
"""


def cold_start() -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-bench-")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _COLD], check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def click_to_paint() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import build_window
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(services=Services(), runner=InlineRunner())
    window.resize(1280, 800)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    window.unlock.passphrase.setText("bench passphrase 1")  # type: ignore[attr-defined]
    window.unlock.repeat.setText("bench passphrase 1")  # type: ignore[attr-defined]
    window.unlock.submit.click()  # type: ignore[attr-defined]
    c = window.controller  # type: ignore[attr-defined]
    times: list[float] = []
    while len(times) < CLICK_RUNS:
        c.go_setup()
        window.setup.tick_all_safety()  # type: ignore[attr-defined]
        window.setup.start.click()  # type: ignore[attr-defined]
        c.hand_over()
        c.proceed()  # the read-aloud info screen
        app.processEvents()
        # Alternate "I'd rather not say" and yes/no clicks through the early questions.
        for _ in range(6):
            q = window.question  # type: ignore[attr-defined]
            if window.page_name != "question" or q.view is None:  # type: ignore[attr-defined]
                break
            widget = q.answer_buttons.get("yes") or q.submit or q.decline
            start = time.perf_counter()
            widget.click()
            window.grab()  # type: ignore[attr-defined]  # forces layout and a full paint
            times.append(time.perf_counter() - start)
        c.stop()
        c.go_home()
    window.close()  # type: ignore[attr-defined]
    return times


def main() -> int:
    colds = [cold_start() for _ in range(COLD_RUNS)]
    clicks = click_to_paint()
    print(
        f"cold start to unlock screen: median {statistics.median(colds) * 1000:.0f} ms "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in colds)})  target <= 1500 ms"
    )
    print(
        f"answer click to next question painted: median {statistics.median(clicks) * 1000:.1f} ms "
        f"over {len(clicks)} clicks (max {max(clicks) * 1000:.1f})  target <= 50 ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
