"""Kiosk window benchmarks, each measured side by side with its baseline in one run.

1. Cold start: a fresh process from `python` to the painted unlock screen, against a bare
   PySide6 start (a process that creates a QApplication, shows one label, paints it and exits).
   Runs alternate between the two, so a busy machine slows both alike. Target: ratio <= 2.
2. Answer click to the next question painted: a real click on an answer, then the window is
   rendered (layout and a full paint, as the screen would show it), over whole interviews
   answered as a person would (yes, a choice, an age typed in, Continue on information
   screens). Target: median <= 16 ms (one frame at 60 Hz). Also reported: the CPU the GUI
   thread spent on it (what the code costs; on a busy machine the wall time adds the wait
   for a core and for the disk) and the store commits per click (each is one sync of the
   disk: one per click is the design).

Run: python bench/bench_ui.py [--runs N] [--clicks-only]
     (offscreen unless QT_QPA_PLATFORM says otherwise)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLICK_RUNS = 120

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


def _press_for(window: Any) -> Any:
    """The widget a person presses to answer the question on screen, as they would: "yes",
    the last choice (time_today's last is "more than an hour": the whole interview; on a
    many-choice question: tick it, then Done), a typed age or number then Done, Continue on
    an information screen."""
    q = window.question
    view = q.view
    if view.kind != "question":
        return q.submit
    if view.type == "yes_no":
        return q.answer_buttons["yes"]
    if view.type in ("single_choice", "multiple_choice"):
        choice = q.answer_buttons[view.choices[-1].value]
        if view.type == "single_choice":
            return choice
        choice.click()
        return q.submit
    if view.type in ("age", "number") and q.entry is not None:
        q.entry.setText("30" if view.type == "age" else str(view.min or 1))
        return q.submit
    return q.decline  # typed text and dates: "I'd rather not say"


@dataclass
class Clicks:
    """Per measured click: seconds to the next screen painted, of those the part spent in the
    click itself (the session records the answer in the store, the screen is built; the rest
    is layout and paint), the GUI thread's CPU seconds, and the store commits made."""

    wall: list[float] = field(default_factory=list)
    in_click: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    commits: Counter[int] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)


def click_to_paint() -> Clicks:
    """Click every answer of whole interviews on the real window and time each to the next
    screen painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-bench-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from kiosk.app import intents as i
    from kiosk.ui.app import build_window
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window: Any = build_window(services=Services(), runner=InlineRunner())
    window.resize(1366, 768)
    window.show()
    window.unlock.passphrase.setText("bench passphrase 1")
    window.unlock.repeat.setText("bench passphrase 1")
    window.unlock.submit.click()
    c = window.controller
    c.choose_organisation("ngo_shelter")
    clicks = Clicks()
    while len(clicks.wall) < CLICK_RUNS:
        c.send(i.GoHome())
        c.send(i.NewInterview())
        window.setup.tick_all_safety()
        window.setup.start.click()
        for _ in range(200):  # one interview, to its end; staff pages are passed through
            page = window.page_name
            if page == "finished" or len(clicks.wall) >= CLICK_RUNS:
                break
            if page in ("handover", "safety_hold"):
                c.send(i.HandOver())
            elif page == "lock":
                c.verify("bench passphrase 1")
            elif page == "staff_step":
                window.staff_step.go_on.click()
            elif page == "safety_alert":
                window.safety_alert.go_on.click()
            elif page == "break_offer":
                c.send(i.AnswerBreakOffer(False))
            elif page == "question":
                clicks.kinds[window.question.view.type or "info"] += 1
                widget = _press_for(window)
                app.processEvents()
                commits = c.store.commits
                cpu = time.thread_time()
                start = time.perf_counter()
                widget.click()
                clicked = time.perf_counter()
                window.grab()  # forces layout and a full paint
                clicks.wall.append(time.perf_counter() - start)
                clicks.cpu.append(time.thread_time() - cpu)
                clicks.in_click.append(clicked - start)
                clicks.commits[c.store.commits - commits] += 1
            else:
                print(f"(the bench met page {page})", file=sys.stderr)
                break
        if window.page_name != "finished":
            c.send(i.AskStop())
            c.send(i.Stop())
            c.send(i.HandOver())
            c.verify("bench passphrase 1")
    window.close()
    return clicks


def _summary(seconds: list[float]) -> str:
    runs = ", ".join(f"{t * 1000:.0f}" for t in seconds)
    return f"median {statistics.median(seconds) * 1000:.0f} ms (runs: {runs})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--clicks-only", action="store_true", help="skip the cold starts")
    args = parser.parse_args()
    if not args.clicks_only:
        _cold_start_report(args.runs)
    _click_report()
    return 0


def _cold_start_report(runs: int) -> None:
    bare, kiosk, loaded = cold_starts(runs)
    ratio = statistics.median(kiosk) / statistics.median(bare)
    print(f"cold start, bare PySide6 (one label painted): {_summary(bare)}")
    print(f"cold start, kiosk to the painted unlock screen: {_summary(kiosk)}")
    print(f"ratio kiosk / bare: {ratio:.2f}  target <= 2.0")
    print(f"heavy modules loaded for the unlock screen: {loaded or 'none'}")


def _click_report() -> None:
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    clicks = click_to_paint()
    screens = ", ".join(f"{count} {kind}" for kind, count in clicks.kinds.most_common())
    commits = ", ".join(f"{n} commit(s): {count}" for n, count in sorted(clicks.commits.items()))
    wall = sorted(clicks.wall)
    print(f"answer clicks measured on: {screens} (load average {load})")
    print(f"  store commits per click: {commits}")
    print(
        f"  of which in the click (answer stored, next screen built): median "
        f"{statistics.median(clicks.in_click) * 1000:.1f} ms; layout and paint: the rest"
    )
    print(
        f"  GUI thread CPU per click: median {statistics.median(clicks.cpu) * 1000:.1f} ms "
        f"(90th percentile {sorted(clicks.cpu)[int(len(wall) * 0.9)] * 1000:.1f})"
    )
    print(
        f"answer click to next question painted: median {statistics.median(wall) * 1000:.1f} ms "
        f"over {len(wall)} clicks (90th percentile {wall[int(len(wall) * 0.9)] * 1000:.1f}, "
        f"max {wall[-1] * 1000:.1f})  target <= 16 ms"
    )


if __name__ == "__main__":
    raise SystemExit(main())
