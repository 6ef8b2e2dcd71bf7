"""Render the kiosk's main screens to PNG for people to look at (not a test).

Run:  xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb python scripts/screenshots.py
Writes screenshots/out/ui/*.png. Uses a throw-away KIOSK_HOME; no real data is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots" / "out" / "ui"
PASSPHRASE = "screenshot pass 1234"
LANGUAGES = ("en", "km", "my", "th", "ar")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-shots-")
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import build_window
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner

    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    from kiosk.core.i18n.catalogs import CatalogLocalizer

    window = build_window(services=Services(localizer=CatalogLocalizer()), runner=InlineRunner())
    assert isinstance(window, MainWindow)
    window.resize(1280, 800)
    window.show()

    def shot(name: str, widget: object = None) -> None:
        for _ in range(5):
            app.processEvents()
        target = widget or window
        target.grab().save(str(OUT / f"{name}.png"))  # type: ignore[attr-defined]
        print("wrote", OUT / f"{name}.png")

    shot("01-unlock-first-run")
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit.click()
    c = window.controller
    for lang in LANGUAGES:
        c.go_setup()
        window.setup.choose(lang)
        window.setup.tick_all_safety()
        if lang == "en":
            shot("02-setup")
        window.setup.start.click()
        shot(f"03-handover-{lang}")
        c.hand_over()
        shot(f"04-info-{lang}")
        c.proceed()
        shot(f"05-yes-no-{lang}")
        if lang == "en":
            window.toggle_interpreter()
            shot("09-interpreter-view", window.interpreter)
            window.toggle_interpreter()
        c.answer("yes")
        while c.session and c.session.state.current != "consent_talk":
            c.proceed() if c.screen().node.kind == "info" else c.answer("yes")
        c.answer("yes")
        if lang in ("en", "ar"):
            shot(f"06-age-{lang}")
        c.dont_know()  # unknown age: the child path
        while c.session.state.current not in ("child_travel_with",):
            node = c.screen().node
            if c.screen().audience == "staff":
                c.staff_continue()
                c.hand_over()
            elif node.kind == "info":
                c.proceed()
            else:
                c.answer("yes")
        shot(f"07-child-choice-{lang}")
        c.take_break()
        if lang == "en":
            shot("08-break")
        c.end_break()
        c.stop()
        if lang == "en":
            shot("10-stopped")
        c.go_home()
    shot("11-home")
    interview = c.store.list_interviews()[-1].id
    c.review(interview)
    shot("12-review-answers")
    window.review.tabs.setCurrentIndex(2)
    shot("13-review-indicators")
    c.go_settings()
    shot("14-settings")
    window.quick_hide()
    shot("15-hidden")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
