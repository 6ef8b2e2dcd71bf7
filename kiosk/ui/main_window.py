"""The kiosk window: a stack of screens, the quick-hide key, the idle lock, the message banner."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import controller as pages
from kiosk.ui.controller import Controller
from kiosk.ui.interpreter_view import APP_TITLE, InterpreterView
from kiosk.ui.messages import MessageBanner
from kiosk.ui.screens.break_screen import BreakOfferScreen, BreakScreen
from kiosk.ui.screens.common import button
from kiosk.ui.screens.handover import HandoverScreen
from kiosk.ui.screens.hidden import HIDDEN, LOCKED, LockScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.question import QuestionScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.settings import DEFAULT_IDLE_MINUTES, SettingsScreen
from kiosk.ui.screens.setup import SetupScreen
from kiosk.ui.screens.staff_step import FinishedScreen, StaffStepScreen
from kiosk.ui.screens.stop import StopConfirmScreen, StoppedScreen
from kiosk.ui.screens.studio import StudioScreen
from kiosk.ui.screens.unlock import UnlockScreen
from kiosk.ui.speech_settings import apply_speech
from kiosk.ui.theme import ThemeSettings, apply_theme

HIDE_KEY = Qt.Key.Key_F12
LOCK = "lock"
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
        self.stack = QStackedWidget()
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
        self.stopped = StoppedScreen(controller, self.give_to_staff)
        self.staff_step = StaffStepScreen(controller)
        self.finished = FinishedScreen(controller)
        self.review = ReviewScreen(controller)
        self.settings = SettingsScreen(controller)
        self.lock_screen = LockScreen(controller)
        self.studio = StudioScreen(controller, controller.services.studio)
        self.pages: dict[str, QWidget] = {
            pages.UNLOCK: self.unlock,
            pages.HOME: self.home,
            pages.SETUP: self.setup,
            pages.HANDOVER: self.handover,
            pages.QUESTION: self.question,
            pages.BREAK_OFFER: self.break_offer,
            pages.BREAK: self.break_screen,
            pages.STOP_CONFIRM: self.stop_confirm,
            pages.STOPPED: self.stopped,
            pages.STAFF_STEP: self.staff_step,
            pages.FINISHED: self.finished,
            pages.REVIEW: self.review,
            pages.SETTINGS: self.settings,
            LOCK: self.lock_screen,
            pages.STUDIO: self.studio,
        }
        for widget in self.pages.values():
            self.stack.addWidget(widget)
        self.interpreter = InterpreterView(controller)
        self.page_name = pages.UNLOCK
        self._before_lock = pages.UNLOCK
        self._after_lock_to_staff = False
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
        self.lock_screen.returned.connect(self._returned)
        controller.page.connect(self.show_page)
        controller.view_changed.connect(self.question.show_view)
        controller.settings_changed.connect(self.apply_settings)
        self.show_page(pages.UNLOCK)

    # ------------------------------------------------------------ pages

    def show_page(self, name: str) -> None:
        widget = self.pages[name]
        # Speech and recording never outlive the screen they belong to.
        self.controller.services.speech.stop()
        if self.page_name == pages.STUDIO and name != pages.STUDIO:
            self.studio.stop_all()
        self.page_name = name
        prepare = getattr(widget, "prepare", None)
        if prepare is not None and name != LOCK:
            prepare()
        self.stack.setCurrentWidget(widget)
        staff_page = name in (
            pages.HOME,
            pages.SETUP,
            pages.SETTINGS,
            pages.REVIEW,
            pages.STAFF_STEP,
            pages.FINISHED,
            pages.STUDIO,
        )
        self.interpreter_button.setVisible(staff_page or name == pages.HANDOVER)
        self.lock_button.setVisible(staff_page)
        self.hide_button.setVisible(name not in (pages.UNLOCK, LOCK))
        if name == pages.QUESTION:
            self.question.focus_first()

    # ------------------------------------------------------------ hide and lock

    def quick_hide(self) -> None:
        """Instantly replace everything with a neutral screen (also the interpreter window)."""
        self._lock(HIDDEN)

    def idle_lock(self) -> None:
        self._lock(LOCKED)

    def give_to_staff(self) -> None:
        """After the person stopped: staff take the screen back with their passphrase."""
        self._lock(LOCKED)
        self._after_lock_to_staff = True

    def _lock(self, mode: str) -> None:
        if self.controller.store is None or self.page_name == LOCK:
            return
        self.controller.services.speech.stop()
        self._before_lock = self.page_name
        self._after_lock_to_staff = False
        self._interpreter_was_visible = self.interpreter.isVisible()
        self.interpreter.hide()
        self.lock_screen.prepare(mode)
        self.show_page(LOCK)
        self.lock_screen.secret.setFocus()

    def _returned(self) -> None:
        if self._interpreter_was_visible:
            self.interpreter.show()
        if self._after_lock_to_staff:
            self._after_lock_to_staff = False
            self.controller.staff_take_back()
            return
        self.show_page(self._before_lock)

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
