"""Render the kiosk's main screens to PNG for people to look at (not a test).

Run:  xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb python scripts/screenshots.py
Writes screenshots/out/ui/*.png. Uses a throw-away KIOSK_HOME; no real data is touched.
The window is driven the way staff and the person drive it: intents through the controller,
and the staff passphrase at the staff gate.
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


def plain_answer(node) -> object:  # type: ignore[no-untyped-def]
    """A calm walk: consents yes, no danger signs, the last (quiet) choice, a short story."""
    if node.type == "multiple_choice":
        return [node.options[-1].value]
    if node.type == "single_choice":
        return node.options[-1].value
    if node.type == "free_text":
        return "…"
    if node.type in ("age", "number"):
        return 30
    if node.consent or node.id in ("understand_language", "safe_tonight", "paper_safe"):
        return "yes"
    return "no"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="lantern-shots-")
    from PySide6.QtWidgets import QApplication

    from kiosk.app import intents as i
    from kiosk.app.pages import BreakOffer, Handover, Locked, Question, StaffStep
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.core.vocabulary import AlertAction
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
    c = window.controller

    def shot(name: str, widget: object = None) -> None:
        for _ in range(5):
            app.processEvents()
        target = widget or window
        target.grab().save(str(OUT / f"{name}.png"))  # type: ignore[attr-defined]
        print("wrote", OUT / f"{name}.png")

    def current() -> str | None:
        return c.session.state.current if c.session else None

    def step() -> None:
        """One move of whoever holds the screen (staff give the passphrase at the gate)."""
        page = c.kiosk.page
        if isinstance(page, Locked):
            c.verify(PASSPHRASE)
        elif isinstance(page, Handover):
            c.send(i.HandOver())
        elif isinstance(page, StaffStep):
            c.send(i.StaffContinue())
        elif isinstance(page, BreakOffer):
            c.send(i.AnswerBreakOffer(False))
        elif isinstance(page, Question) and page.screen.node is not None:
            info = page.screen.node.kind == "info"
            c.send(i.Continue() if info else i.Answer(plain_answer(page.screen.node)))
        else:
            raise RuntimeError(f"no step for {page}")

    shot("01-unlock-first-run")
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit.click()
    c.choose_organisation("ngo_shelter")  # who runs the kiosk: chosen at first run
    for lang in LANGUAGES:
        c.send(i.NewInterview())
        window.setup.choose(lang)
        window.setup.tick_all_safety()
        if lang == "en":
            shot("02-setup")
        window.setup.start.click()
        shot(f"03-handover-{lang}")
        c.send(i.HandOver())
        shot(f"04-info-{lang}")
        c.send(i.Continue())
        shot(f"05-yes-no-{lang}")
        while current() != "age":
            step()
        if lang in ("en", "ar"):
            shot(f"06-age-{lang}")
        c.send(i.DontKnow())  # unknown age: the child path
        while current() != "child_travel_with":
            step()
        shot(f"07-child-choice-{lang}")
        c.send(i.TakeBreak())
        if lang == "en":
            shot("08-break")
        c.send(i.EndBreak())
        c.send(i.AskStop())
        c.send(i.Stop())
        if lang == "en":
            shot("10-stopped")
        c.send(i.HandOver())
        if lang == "en":
            shot("16-staff-gate")
        c.verify(PASSPHRASE)
        c.send(i.GoHome())
    shot("11-home")
    interview = c.store.list_interviews()[-1].id if c.store else ""
    c.send(i.OpenReview(interview))
    shot("12-review-answers")
    window.review.tabs.setCurrentIndex(2)
    shot("13-review-indicators")
    c.send(i.GoHome())
    # A safety alert: the person's calm page, then the staff's alert behind the gate.
    for lang in ("en", "km"):
        c.send(i.NewInterview())
        window.setup.choose(lang)
        window.setup.tick_all_safety()
        window.setup.start.click()
        while current() != "age":
            step()
        c.send(i.Answer(30))
        while current() != "afraid_now":
            step()
        if isinstance(c.kiosk.page, BreakOffer):
            c.send(i.AnswerBreakOffer(False))
        c.send(i.Answer("yes"))
        shot(f"18-safety-hold-{lang}")
        c.send(i.HandOver())
        c.verify(PASSPHRASE)
        shot(f"19-safety-alert-{lang}")
        if lang == "en":  # staff go on: the questions the story may have covered
            c.send(i.HandleAlert(AlertAction.CONTINUE))
            while current() != "gaps_note" or not isinstance(c.kiosk.page, StaffStep):
                step()
            shot("17-staff-step-covered")
            c.send(i.StaffStop("screenshots"))
        else:
            c.send(i.HandleAlert(AlertAction.STOP))
        c.send(i.GoHome())
    c.send(i.ResumeInterview(c.store.list_interviews()[0].id if c.store else ""))
    shot("20-resume-check")
    c.send(i.GoHome())
    c.send(i.NewInterview())
    window.setup.start.click()  # nothing ticked: nothing starts, the flow's note says why
    shot("21-setup-not-ready")
    c.send(i.GoHome())
    c.send(i.OpenSettings())
    shot("14-settings")
    window.quick_hide()
    shot("15-hidden")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
