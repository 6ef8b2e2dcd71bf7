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
    from screenshots import plain_answer  # the same calm walk as the main screenshots

    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-shots-")
    from PySide6.QtWidgets import QApplication

    from kiosk.app import intents as i
    from kiosk.app.pages import BreakOffer, Handover, Locked, Question, StaffStep
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
    c.choose_organisation("ngo_shelter")  # who runs the kiosk: chosen at first run

    def current() -> str | None:
        return c.session.state.current if c.session else None

    def step(lang: str, tag: str, size: str) -> None:
        """One move of whoever holds the screen (staff give the passphrase at the gate)."""
        page = c.kiosk.page
        if isinstance(page, Locked):
            c.verify(PASSPHRASE)
        elif isinstance(page, Handover):
            c.send(i.HandOver())
        elif isinstance(page, StaffStep):
            c.send(i.StaffContinue())
        elif isinstance(page, BreakOffer):
            if lang == "km" and size == "largest":
                shot(f"{tag}-{lang}-4-break-offer")
            c.send(i.AnswerBreakOffer(False))
        elif isinstance(page, Question) and page.screen.node is not None:
            node = page.screen.node
            c.send(i.Continue() if node.kind == "info" else i.Answer(plain_answer(node)))

    for size, contrast in (("largest", False), ("normal", True), ("largest", True)):
        c.set_setting("text_size", size)
        c.set_setting("high_contrast", contrast)
        tag = f"{size}{'-hc' if contrast else ''}"
        for lang in ("km", "ar"):
            c.send(i.NewInterview())
            window.setup.choose(lang)
            window.setup.tick_all_safety()
            window.setup.start.click()
            shot(f"{tag}-{lang}-1-handover")
            c.send(i.HandOver())
            c.send(i.Continue())
            shot(f"{tag}-{lang}-2-yes-no")
            while current() != "age":
                step(lang, tag, size)
            shot(f"{tag}-{lang}-3-age")
            while current() != "journey_events" or not isinstance(c.kiosk.page, Question):
                step(lang, tag, size)
            shot(f"{tag}-{lang}-5-choice")
            c.send(i.TakeBreak())
            shot(f"{tag}-{lang}-6-break")
            c.send(i.EndBreak())
            c.send(i.AskStop())
            shot(f"{tag}-{lang}-7-stop")
            c.send(i.Stop())
            c.send(i.HandOver())
            c.verify(PASSPHRASE)  # the staff gate
            c.send(i.GoHome())
        c.send(i.OpenSettings())
        shot(f"{tag}-settings")
        c.send(i.GoHome())
        c.send(i.OpenReview(c.store.list_interviews()[-1].id if c.store else None))
        shot(f"{tag}-review")
        c.send(i.GoHome())
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
