"""Shared helpers for the GUI tests: build the real window, unlock it, drive it by its widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core import paths
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview_rules import InterviewState, fold
from kiosk.core.store import Store
from kiosk.ui.app import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services

PASSPHRASE = "calm river lantern 42"
# Checking a passphrase derives the store key at full strength: well under a second when the
# machine is quiet, several seconds on a loaded CI machine or under strace. A wait ends as soon
# as the screen changes, so a long limit costs nothing when the check is quick.
KEY_CHECK_WAIT_MS = 60_000
# Any other wait for the window (a worker thread, speech, a timer): generous for the same reason.
SLOW_MACHINE_WAIT_MS = 30_000


class RecordingSpeech:
    """A speech hook that records what it was asked to read (no audio in tests)."""

    def __init__(self) -> None:
        self.spoken: list[tuple[str, str | None, str]] = []

    def read_aloud(self, lang: str, key: str | None, text: str) -> str:
        self.spoken.append((lang, key, text))
        return ""

    def stop(self) -> None:
        return None


def make_window(qtbot, services: Services | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = build_window(services=services or Services(speech=RecordingSpeech()))
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.resize(1280, 800)
    window.show()
    return window


def unlock(qtbot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    screen = window.unlock
    screen.passphrase.setText(passphrase)
    if screen.creating:
        screen.repeat.setText(passphrase)
    qtbot.mouseClick(screen.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name == "home", timeout=KEY_CHECK_WAIT_MS)


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    state = (widget.accessibleName(), widget.isVisible(), widget.isEnabled())
    assert widget.isVisible() and widget.isEnabled(), state
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def commit_text(widget: QWidget, text: str) -> None:
    """Type text the way an input method does (safe for any script)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose_organisation(window: MainWindow, kind: str = "ngo_shelter") -> None:
    """Staff choose who runs the kiosk on the home screen (needed once, before an interview)."""
    box = window.home.organisation
    index = box.findData(kind)
    box.setCurrentIndex(index)
    box.activated.emit(index)
    assert window.controller.organisation() == kind


def start_interview(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, language: str = "en", safe: bool = True, interpreter: bool = False
) -> None:
    if not window.home.new.isEnabled():
        choose_organisation(window)
    click(qtbot, window.home.new)
    assert window.page_name == "setup"
    window.setup.choose(language)
    if safe:
        window.setup.tick_all_safety()
    if interpreter:  # an independent interpreter: their view opens with the interview
        window.setup.interpreter.setChecked(True)
        window.setup.interpreter_independent.setChecked(True)
    click(qtbot, window.setup.start)


def pass_staff_gate(qtbot, window: MainWindow, secret: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    """The staff gate (or lock screen): give the passphrase and wait until it opens.

    The check derives the store key at full strength in the watched window (over 5 s under
    strace), so the wait is long; it ends as soon as the gate opens.
    """
    assert window.page_name == "lock"
    window.lock_screen.secret.setText(secret)
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name != "lock", timeout=KEY_CHECK_WAIT_MS)


def staff_takes_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """After the person stopped: the screen back to staff, through the staff gate, to review."""
    assert window.page_name == "stopped"
    click(qtbot, window.stopped.done)
    pass_staff_gate(qtbot, window)
    assert window.page_name == "review"


def stop_at_the_handover(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """Staff stop the interview at the person's handover and take the screen back: returns the
    stopped interview's id (for resume tests)."""
    from kiosk.app import intents as i

    c = window.controller
    c.send(i.HandOver())
    c.send(i.AskStop())
    c.send(i.Stop())
    c.send(i.HandOver())
    if window.page_name == "lock":
        pass_staff_gate(qtbot, window)
    assert c.session is not None
    return c.session.interview_id


def node_id(window: MainWindow) -> str | None:
    session = window.controller.session
    return session.state.current if session else None


Policy = Callable[[MainWindow, str], bool]


def drive(qtbot, window: MainWindow, policy: Policy, limit: int = 300) -> None:  # type: ignore[no-untyped-def]
    """Walk the interview through the real widgets until it is finished or the policy stops.

    `policy(window, node_id)` acts on a question screen and returns False to stop driving;
    handovers, staff notes, break offers and info screens are handled here.
    """
    for _ in range(limit):
        page = window.page_name
        if page == "finished" or page == "stopped" or page == "break":
            return
        if page == "handover":
            click(qtbot, window.handover.accept)
        elif page == "lock":
            pass_staff_gate(qtbot, window)
        elif page == "safety_hold":
            click(qtbot, window.safety_hold.staff)
        elif page == "safety_alert":
            click(qtbot, window.safety_alert.go_on)
        elif page == "staff_step":
            click(qtbot, window.staff_step.go_on)
        elif page == "break_offer":
            if not policy(window, "break_offer:" + (node_id(window) or "")):
                return
        elif page == "question":
            if not policy(window, node_id(window) or ""):
                return
        else:
            raise AssertionError(f"unexpected page {page}")
    raise AssertionError("the interview did not end")


def past_handover(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """From the handover, through the information screens, to the first question."""

    def policy(w: MainWindow, node: str) -> bool:
        if w.question.view is not None and w.question.view.kind != "question":
            click(qtbot, w.question.submit)
            return True
        return False

    drive(qtbot, window, policy)
    assert window.question.view.node_id == "understand_language"


def stored_state(interview_id: str | None = None) -> InterviewState:
    """Open the store again with the passphrase and fold what it holds."""
    flow = load_flow(flow_path())
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        summaries = store.list_interviews()
        chosen = interview_id or summaries[0].id
        return fold(flow, store.events(chosen))


def stored_events(interview_id: str | None = None) -> list:  # type: ignore[type-arg]
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        chosen = interview_id or store.list_interviews()[0].id
        return store.events(chosen)


def flow_path() -> Path:
    return paths.flows_dir() / "identification.yaml"


def catalog_window(qtbot, width: int = 1366, height: int = 768) -> MainWindow:  # type: ignore[no-untyped-def]
    """The real window with the shipped catalogs (every language), unlocked on the home screen
    with the organisation chosen: ready for an interview in any language."""
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.ui.workers import InlineRunner

    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = build_window(services=services, runner=InlineRunner())
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.resize(width, height)
    window.show()
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    window.unlock.submit.click()
    qtbot.waitUntil(lambda: window.page_name == "home", timeout=KEY_CHECK_WAIT_MS)
    choose_organisation(window)
    return window
