"""The kiosk window: a stack of screens, the quick-hide key, the idle lock, the message banner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.app.pages import AnyPage, Audience, Locked, PageKind, Unlock
from kiosk.ui.controller import Controller
from kiosk.ui.interpreter_view import APP_TITLE, InterpreterView
from kiosk.ui.messages import MessageBanner
from kiosk.ui.screens.break_screen import BreakOfferScreen, BreakScreen
from kiosk.ui.screens.common import button
from kiosk.ui.screens.handover import HandoverScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.lock import LockScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.safety import ResumeCheckScreen, SafetyAlertScreen, SafetyHoldScreen
from kiosk.ui.screens.settings import DEFAULT_IDLE_MINUTES, SettingsScreen
from kiosk.ui.screens.setup import SetupScreen
from kiosk.ui.screens.staff_step import FinishedScreen, StaffStepScreen
from kiosk.ui.screens.stop import StopConfirmScreen, StoppedScreen
from kiosk.ui.screens.studio import StudioScreen
from kiosk.ui.screens.unlock import UnlockScreen
from kiosk.ui.speech_settings import apply_speech
from kiosk.ui.theme import ThemeSettings, apply_theme
from kiosk.ui.widgets import PageStack

HIDE_KEY = Qt.Key.Key_F12
ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Application-wide event filter: any input restarts the idle countdown."""

    def __init__(self, on_idle: object, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)  # type: ignore[arg-type]

    def set_timeout(self, msecs: int) -> None:
        self.timer.setInterval(msecs)
        if self.timer.isActive():
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in ACTIVITY_EVENTS and self.timer.interval() > 0:
            self.timer.start()
        return False


class MainWindow(QWidget):
    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller
        # Attached by build_window: machine-translation bridges and the first-run dialog.
        self.machine: Any = None
        self.free_text: Any = None
        self.first_run_dialog: Any = None
        loc = controller.services.localizer
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)
        self.banner = MessageBanner(controller.messages)
        self.hide_button = button(loc.ui("Hide"), loc.ui("Hide the screen"), "hide")
        self.interpreter_button = button(loc.ui("Interpreter view"))
        self.lock_button = button(loc.ui("Lock"))
        chrome = QHBoxLayout()
        chrome.setContentsMargins(8, 4, 8, 0)
        chrome.addWidget(self.interpreter_button)
        chrome.addWidget(self.lock_button)
        chrome.addStretch(1)
        chrome.addWidget(self.hide_button)
        self.stack = PageStack()
        layout = QVBoxLayout(self)
        # The window is sized by the screen (kiosk), not by whichever page is showing; this also
        # avoids resizing the native window each time the stack's minimum size changes.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(chrome)
        layout.addWidget(self.stack, 1)

        self.unlock = UnlockScreen(controller)
        self.home = HomeScreen(controller)
        self.setup = SetupScreen(controller)
        self.handover = HandoverScreen(controller)
        self.question = QuestionScreen(controller)
        self.break_offer = BreakOfferScreen(controller)
        self.break_screen = BreakScreen(controller)
        self.stop_confirm = StopConfirmScreen(controller)
        self.stopped = StoppedScreen(controller)
        self.staff_step = StaffStepScreen(controller)
        self.finished = FinishedScreen(controller)
        self.review = ReviewScreen(controller)
        self.settings = SettingsScreen(controller)
        self.lock_screen = LockScreen(controller)
        self.studio = StudioScreen(controller, controller.services.studio)
        self.safety_hold = SafetyHoldScreen(controller)
        self.safety_alert = SafetyAlertScreen(controller)
        self.resume_check = ResumeCheckScreen(controller)
        self.pages: dict[PageKind, QWidget] = {
            PageKind.UNLOCK: self.unlock,
            PageKind.HOME: self.home,
            PageKind.SETUP: self.setup,
            PageKind.RESUME_CHECK: self.resume_check,
            PageKind.HANDOVER: self.handover,
            PageKind.QUESTION: self.question,
            PageKind.BREAK_OFFER: self.break_offer,
            PageKind.BREAK: self.break_screen,
            PageKind.STOP_CONFIRM: self.stop_confirm,
            PageKind.STOPPED: self.stopped,
            PageKind.SAFETY_HOLD: self.safety_hold,
            PageKind.STAFF_STEP: self.staff_step,
            PageKind.SAFETY_ALERT: self.safety_alert,
            PageKind.FINISHED: self.finished,
            PageKind.REVIEW: self.review,
            PageKind.SETTINGS: self.settings,
            PageKind.LOCKED: self.lock_screen,
            PageKind.STUDIO: self.studio,
        }
        for widget in self.pages.values():
            self.stack.addWidget(widget)
        self.interpreter = InterpreterView(controller)
        self.page: AnyPage = Unlock()
        self._interpreter_was_visible = False

        self.idle = IdleWatcher(self.idle_lock, self)
        self.idle.set_timeout(DEFAULT_IDLE_MINUTES * 60_000)
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.hide_shortcut = QShortcut(QKeySequence(HIDE_KEY), self)
        self.hide_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.hide_shortcut.activated.connect(self.quick_hide)
        self.hide_button.clicked.connect(self.quick_hide)
        self.lock_button.clicked.connect(self.idle_lock)
        self.interpreter_button.clicked.connect(self.toggle_interpreter)
        controller.page.connect(self.show_page)
        controller.view_changed.connect(self.question.show_view)
        controller.settings_changed.connect(self.apply_settings)
        controller.interview_closed.connect(self.forget_interview)
        controller.interview_opened.connect(self._interview_opened)
        self.show_page(Unlock())

    @property
    def page_name(self) -> str:
        """The kind of page showing (as the session layer chose it)."""
        return self.page.kind

    # ------------------------------------------------------------ pages

    def show_page(self, page: AnyPage) -> None:
        """Draw the page the session layer chose; the window decides nothing."""
        widget = self.pages[page.kind]
        # Speech and recording never outlive the screen they belong to.
        self.controller.services.speech.stop()
        if self.page.kind is PageKind.STUDIO and page.kind is not PageKind.STUDIO:
            self.studio.stop_all()
        if isinstance(page, Locked):
            if not isinstance(self.page, Locked):
                self._interpreter_was_visible = self.interpreter.isVisible()
            self.interpreter.hide()  # the second screen is blanked too
        elif isinstance(self.page, Locked) and self._interpreter_was_visible:
            self._interpreter_was_visible = False
            if self.controller.session is not None:
                self.interpreter.show()
        self.page = page
        show = getattr(widget, "show_page", None)
        if show is not None:
            show(page)
        else:
            prepare = getattr(widget, "prepare", None)
            if prepare is not None:
                prepare()
        self.stack.setCurrentWidget(widget)
        staff_page = page.audience is Audience.STAFF
        # The interpreter view belongs to the open interview, opened from staff pages only.
        self.interpreter_button.setVisible(staff_page and self.controller.session is not None)
        self.lock_button.setVisible(staff_page)
        self.hide_button.setVisible(page.kind not in (PageKind.UNLOCK, PageKind.LOCKED))
        if isinstance(page, Locked):
            self.lock_screen.secret.setFocus()
        elif page.kind is PageKind.QUESTION:
            self.question.focus_first()

    def _interview_opened(self, interpreter_present: bool) -> None:
        """Setup said an interpreter is present: their view opens with the interview."""
        if interpreter_present:
            self.interpreter.show()

    def forget_interview(self) -> None:
        """The interview closed: no screen keeps its words (interpreter view included)."""
        self.interpreter.hide()
        self._interpreter_was_visible = False
        for screen in (self.interpreter, self.question, self.staff_step, self.review):
            screen.forget()

    # ------------------------------------------------------------ hide and lock

    def quick_hide(self) -> None:
        """Instantly replace everything with a neutral screen (also the interpreter window)."""
        if self.controller.store is not None:
            self.controller.send(i.Hide())

    def idle_lock(self) -> None:
        if self.controller.store is not None:
            self.controller.send(i.Lock())

    # ------------------------------------------------------------ settings

    def apply_settings(self) -> None:
        c = self.controller
        minutes = int(c.setting("idle_minutes", DEFAULT_IDLE_MINUTES))
        apply_speech(c)
        self.idle.set_timeout(minutes * 60_000)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(
                app,
                ThemeSettings(
                    text_size=str(c.setting("text_size", "normal")),
                    high_contrast=bool(c.setting("high_contrast", False)),
                ),
            )

    def toggle_interpreter(self) -> None:
        if self.page.audience is not Audience.STAFF or self.controller.session is None:
            return  # from staff pages only, and only for the open interview
        if self.interpreter.isVisible():
            self.interpreter.hide()
            return
        view = self.controller.current_view()
        if view is not None:
            self.interpreter.follow(view)
        self.interpreter.show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        QApplication.instance().removeEventFilter(self.idle)  # type: ignore[union-attr]
        self.interpreter.close()
        wait = getattr(self.controller.runner, "wait", None)
        if wait is not None:
            wait(5000)
        self.controller.close()
        super().closeEvent(event)
