"""Screenshots of every kind of screen (the layout check's tour), for people to look at.

Run:  xvfb-run -a -s "-screen 0 3840x2160x24" env QT_QPA_PLATFORM=xcb \\
          .venv/bin/python scripts/screenshots_tour.py --langs en,km,my,ar --sizes largest \\
          --windows 1366x768,1280x720 [--only question,handover] [--contrast]
Writes screenshots/out/tour/<size>-<window>-<lang>-<screen>.png and prints the layout check's
findings next to each. Uses a throw-away KIOSK_HOME; no real data is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots" / "out" / "tour"
PASSPHRASE = "screenshot pass 1234"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--langs", default="en,km,my,ar")
    parser.add_argument("--sizes", default="largest")
    parser.add_argument("--windows", default="1366x768,1280x720")
    parser.add_argument("--only", default="", help="comma-separated prefixes of screen names")
    parser.add_argument("--contrast", action="store_true", help="high contrast")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-shots-")
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.ui.app import build_window
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner
    from tests.layout_check import layout_problems, settle
    from tests.layout_tour import tour
    from tests.ui_helpers import RecordingSpeech

    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = build_window(services=services, runner=InlineRunner())
    assert isinstance(window, MainWindow)
    windows = [QSize(*map(int, size.split("x"))) for size in args.windows.split(",")]
    window.resize(windows[0])
    window.show()
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit.click()
    only = tuple(p for p in args.only.split(",") if p)
    window.controller.set_setting("high_contrast", args.contrast)
    for size in args.sizes.split(","):
        window.controller.set_setting("text_size", size)
        for lang in args.langs.split(","):
            for stop in tour(window, lang, PASSPHRASE):
                if only and not stop.name.startswith(only):
                    continue
                for wanted in windows:
                    window.resize(wanted)
                    settle()
                    app.processEvents()
                    tag = (
                        f"{size}{'-hc' if args.contrast else ''}-{wanted.width()}x{wanted.height()}"
                    )
                    path = OUT / f"{tag}-{lang}-{stop.name}.png"
                    window.grab().save(str(path))
                    problems = layout_problems(window, stop.person, wanted)
                    print("wrote", path.name, f"({len(problems)} problems)")
                    for problem in problems:
                        print("   ", problem)
                window.resize(windows[0])
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
