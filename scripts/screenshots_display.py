"""Render the display settings to PNG for people to look at (not a test): high contrast and the
largest text size, on the person's screens, in Khmer (a tall script) and Arabic (right to left).

Run:  xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
          python scripts/screenshots_display.py
Writes screenshots/out/ui/display-*.png. Uses a throw-away KIOSK_HOME; no real data is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots" / "out" / "ui"
PASSPHRASE = "screenshot pass 1234"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-shots-")
    from PySide6.QtWidgets import QApplication

    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.ui.app import build_window
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.services import Services
    from kiosk.ui.workers import InlineRunner

    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    window = build_window(services=Services(localizer=CatalogLocalizer()), runner=InlineRunner())
    assert isinstance(window, MainWindow)
    window.resize(1280, 800)
    window.show()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = OUT / f"display-{name}.png"
        window.grab().save(str(path))
        print("wrote", path)

    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit.click()
    c = window.controller
    for size, contrast in (("largest", False), ("normal", True), ("largest", True)):
        c.set_setting("text_size", size)
        c.set_setting("high_contrast", contrast)
        tag = f"{size}{'-hc' if contrast else ''}"
        for lang in ("km", "ar"):
            c.go_setup()
            window.setup.choose(lang)
            window.setup.tick_all_safety()
            window.setup.start.click()
            shot(f"{tag}-{lang}-1-handover")
            c.hand_over()
            c.proceed()
            shot(f"{tag}-{lang}-2-yes-no")
            c.answer("yes")
            while c.session and c.session.state.current != "consent_talk":
                c.proceed() if c.screen().node.kind == "info" else c.answer("yes")
            c.answer("yes")
            shot(f"{tag}-{lang}-3-age")
            c.answer(30)
            while c.session and c.session.state.current not in ("recruit_how",):
                node = c.screen().node
                if c.screen().audience == "staff":
                    c.staff_continue()
                    c.hand_over()
                elif node.kind == "info":
                    c.proceed()
                elif node.type == "free_text":
                    c.answer("…")
                elif node.type in ("single_choice", "multiple_choice"):
                    first = node.options[0].value
                    c.answer([first] if node.type == "multiple_choice" else first)
                else:
                    c.answer("yes")
                if window.page_name == "break_offer":
                    if lang == "km" and size == "largest":
                        shot(f"{tag}-{lang}-4-break-offer")
                    c.answer_break_offer(False)
            shot(f"{tag}-{lang}-5-choice")
            c.take_break()
            shot(f"{tag}-{lang}-6-break")
            c.end_break()
            c.ask_stop()
            shot(f"{tag}-{lang}-7-stop")
            c.stop()
            c.go_home()
        c.go_settings()
        shot(f"{tag}-settings")
        c.review(c.store.list_interviews()[-1].id)
        shot(f"{tag}-review")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
