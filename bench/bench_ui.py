"""Kiosk window benchmarks, each measured side by side with its baseline in one run.

1. Cold start: a fresh process from `python` to the painted unlock screen, against a bare
   PySide6 start (a process that creates a QApplication, shows one label, paints it and exits).
   Runs alternate between the two, so a busy machine slows both alike. Target: ratio <= 2.
2. Answer click to the next question painted: a real click on an answer, then the window is
   rendered (layout and a full paint, as the screen would show it). Target: median <= 16 ms
   (one frame at 60 Hz).

Run: python bench/bench_ui.py [--runs N]   (offscreen unless QT_QPA_PLATFORM says otherwise)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLICK_RUNS = 60

# Both children stop once their first window has been painted (an event-loop turn after show).
_BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Lantern")
label.resize(1280, 720)
label.show()
QTimer.singleShot(0, app.quit)
app.exec()
label.grab()
"""

_KIOSK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from kiosk.ui.app import build_window
w = build_window()
w.resize(1280, 720)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
w.unlock.grab()
heavy = [m for m in ("kiosk.core.translation", "kiosk.core.speech.service", "reportlab",
                     "kiosk.core.documents.rights_summary", "argostranslate", "ctranslate2")
         if m in sys.modules]
print("LOADED:" + ",".join(heavy))
"""


# Compiled bytecode is kept between runs (outside the repository), as an installed kiosk has it:
# with PYTHONDONTWRITEBYTECODE set every run would compile Lantern's sources again, which the
# bare start (PySide6, compiled at install) never does.
_BYTECODE = tempfile.mkdtemp(prefix="lantern-bench-pyc-")


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-bench-")
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _BYTECODE
    return env


def _time(code: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, env=_env(), capture_output=True
    )
    return time.perf_counter() - start, done.stdout.decode()


def cold_starts(runs: int) -> tuple[list[float], list[float], str]:
    bare: list[float] = []
    kiosk: list[float] = []
    loaded = ""
    _time(_BARE)  # warm the disk cache for both before measuring
    _time(_KIOSK)
    for _ in range(runs):
        bare.append(_time(_BARE)[0])
        seconds, out = _time(_KIOSK)
        kiosk.append(seconds)
        loaded = out.strip().rsplit("LOADED:", 1)[-1]
    return bare, kiosk, loaded


def click_to_paint() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from kiosk.app import intents as i
    from kiosk.ui.app import build_window
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(services=Services(), runner=InlineRunner())
    window.resize(1366, 768)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    window.unlock.passphrase.setText("bench passphrase 1")  # type: ignore[attr-defined]
    window.unlock.repeat.setText("bench passphrase 1")  # type: ignore[attr-defined]
    window.unlock.submit.click()  # type: ignore[attr-defined]
    c = window.controller  # type: ignore[attr-defined]
    times: list[float] = []
    while len(times) < CLICK_RUNS:
        c.send(i.NewInterview())
        window.setup.tick_all_safety()  # type: ignore[attr-defined]
        window.setup.start.click()  # type: ignore[attr-defined]
        c.send(i.HandOver())
        for _ in range(40):  # information screens, then the questions
            q = window.question  # type: ignore[attr-defined]
            if window.page_name != "question" or q.view is None:  # type: ignore[attr-defined]
                break
            widget = q.answer_buttons.get("yes") or q.submit or q.decline
            app.processEvents()
            start = time.perf_counter()
            widget.click()
            window.grab()  # type: ignore[attr-defined]  # forces layout and a full paint
            times.append(time.perf_counter() - start)
        c.send(i.AskStop())
        c.send(i.Stop())
        c.send(i.HandOver())
        c.verify("bench passphrase 1")
        c.send(i.GoHome())
    window.close()  # type: ignore[attr-defined]
    return times


def _summary(seconds: list[float]) -> str:
    runs = ", ".join(f"{t * 1000:.0f}" for t in seconds)
    return f"median {statistics.median(seconds) * 1000:.0f} ms (runs: {runs})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare, kiosk, loaded = cold_starts(args.runs)
    ratio = statistics.median(kiosk) / statistics.median(bare)
    print(f"cold start, bare PySide6 (one label painted): {_summary(bare)}")
    print(f"cold start, kiosk to the painted unlock screen: {_summary(kiosk)}")
    print(f"ratio kiosk / bare: {ratio:.2f}  target <= 2.0")
    print(f"heavy modules loaded for the unlock screen: {loaded or 'none'}")
    clicks = click_to_paint()
    print(
        f"answer click to next question painted: median {statistics.median(clicks) * 1000:.1f} ms "
        f"over {len(clicks)} clicks (90th percentile "
        f"{sorted(clicks)[int(len(clicks) * 0.9)] * 1000:.1f}, max {max(clicks) * 1000:.1f})  "
        f"target <= 16 ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
