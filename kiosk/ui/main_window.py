"""The kiosk window: a stack of screens, the quick-hide key, the idle lock, the message banner."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.pages import AnyPage, Audience, Locked, PageKind, Unlock
from kiosk.ui.controller import Controller
from kiosk.ui.messages import MessageBanner
from kiosk.ui.names import APP_TITLE
from kiosk.ui.screens.unlock import UnlockScreen
from kiosk.ui.theme import ThemeSettings, apply_theme
from kiosk.ui.top_bar import TopBar
from kiosk.ui.widgets import PageStack
from kiosk.ui.window_mode import WindowMode

if TYPE_CHECKING:
    from kiosk.ui.interpreter_view import InterpreterView
    from kiosk.ui.presenter import QuestionView
    from kiosk.ui.screens.break_screen import BreakOfferScreen, BreakScreen
    from kiosk.ui.screens.handover import HandoverScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.lock import LockScreen
    from kiosk.ui.screens.question import QuestionScreen
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.safety import ResumeCheckScreen, SafetyAlertScreen, SafetyHoldScreen
    from kiosk.ui.screens.settings import SettingsScreen
    from kiosk.ui.screens.setup import SetupScreen
    from kiosk.ui.screens.staff_step import FinishedScreen, StaffStepScreen
    from kiosk.ui.screens.stop import StopConfirmScreen, StoppedScreen
    from kiosk.ui.screens.studio import StudioScreen

# Every page but the unlock screen, built right after the kiosk is unlocked (not at start: the
# unlock screen needs none of their code: documents, speech, translation), in the order shown.
SCREENS: dict[PageKind, tuple[str, str]] = {
    PageKind.HOME: ("kiosk.ui.screens.home", "HomeScreen"),
    PageKind.LOCKED: ("kiosk.ui.screens.lock", "LockScreen"),
    PageKind.SETUP: ("kiosk.ui.screens.setup", "SetupScreen"),
    PageKind.RESUME_CHECK: ("kiosk.ui.screens.safety", "ResumeCheckScreen"),
    PageKind.HANDOVER: ("kiosk.ui.screens.handover", "HandoverScreen"),
    PageKind.QUESTION: ("kiosk.ui.screens.question", "QuestionScreen"),
    PageKind.BREAK_OFFER: ("kiosk.ui.screens.break_screen", "BreakOfferScreen"),
    PageKind.BREAK: ("kiosk.ui.screens.break_screen", "BreakScreen"),
    PageKind.STOP_CONFIRM: ("kiosk.ui.screens.stop", "StopConfirmScreen"),
    PageKind.STOPPED: ("kiosk.ui.screens.stop", "StoppedScreen"),
    PageKind.SAFETY_HOLD: ("kiosk.ui.screens.safety", "SafetyHoldScreen"),
    PageKind.STAFF_STEP: ("kiosk.ui.screens.staff_step", "StaffStepScreen"),
    PageKind.SAFETY_ALERT: ("kiosk.ui.screens.safety", "SafetyAlertScreen"),
    PageKind.FINISHED: ("kiosk.ui.screens.staff_step", "FinishedScreen"),
    PageKind.REVIEW: ("kiosk.ui.screens.review", "ReviewScreen"),
    PageKind.SETTINGS: ("kiosk.ui.screens.settings", "SettingsScreen"),
    PageKind.STUDIO: ("kiosk.ui.screens.studio", "StudioScreen"),
}

DEFAULT_IDLE_MINUTES = 5  # the idle lock, until staff choose otherwise in settings
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
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)
        self.banner = MessageBanner(controller.messages)
        self.top_bar = TopBar(controller)
        self.hide_button = self.top_bar.hide_button
        self.interpreter_button = self.top_bar.interpreter_button
        self.lock_button = self.top_bar.lock_button
        self.stack = PageStack()
        layout = QVBoxLayout(self)
        # The window is sized by the screen (kiosk), not by whichever page is showing; this also
        # avoids resizing the native window each time the stack's minimum size changes.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)

        self.unlock = UnlockScreen(controller)
        self.pages: dict[PageKind, QWidget] = {PageKind.UNLOCK: self.unlock}
        self.stack.addWidget(self.unlock)
        self._interpreter: InterpreterView | None = None
        # Run once the interview screens exist (build_window wires machine translation here).
        self.on_interview_screens: list[Callable[[MainWindow], None]] = []
        self.window_mode = WindowMode(self)
        self.page: AnyPage = Unlock()
        self._next_view: QuestionView | None = None  # for the question screen, once it shows
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
        controller.view_changed.connect(self._follow_view)
        controller.settings_changed.connect(self.apply_settings)
        controller.interview_closed.connect(self.forget_interview)
        controller.interview_opened.connect(self._interview_opened)
        self.show_page(Unlock())

    @property
    def page_name(self) -> str:
        """The kind of page showing (as the session layer chose it)."""
        return self.page.kind

    # ------------------------------------------------------------ screens, built when needed

    def page_screen(self, kind: PageKind) -> QWidget:
        """The screen of `kind`, built the first time it is needed."""
        widget = self.pages.get(kind)
        if widget is None:
            module, name = SCREENS[kind]
            cls = getattr(importlib.import_module(module), name)
            if kind is PageKind.STUDIO:
                widget = cls(self.controller, self.controller.services.studio)
            else:
                widget = cls(self.controller)
            self.pages[kind] = widget
            self.stack.addWidget(widget)
            if kind is PageKind.QUESTION:
                self._interview_screens_built()
        return widget

    def build_screens(self) -> None:
        """Every screen, at once (after unlock): Hide must never wait for a screen to build."""
        for kind in SCREENS:
            self.page_screen(kind)

    @property
    def interpreter(self) -> InterpreterView:
        if self._interpreter is None:
            from kiosk.ui.interpreter_view import InterpreterView

            self._interpreter = InterpreterView(self.controller)
            self.page_screen(PageKind.QUESTION)
        return self._interpreter

    def _interview_screens_built(self) -> None:
        self.interpreter  # noqa: B018 (built together with the question screen)
        for wire in self.on_interview_screens:
            wire(self)
        self.on_interview_screens.clear()

    @property
    def home(self) -> HomeScreen:
        return self.page_screen(PageKind.HOME)  # type: ignore[return-value]

    @property
    def setup(self) -> SetupScreen:
        return self.page_screen(PageKind.SETUP)  # type: ignore[return-value]

    @property
    def resume_check(self) -> ResumeCheckScreen:
        return self.page_screen(PageKind.RESUME_CHECK)  # type: ignore[return-value]

    @property
    def handover(self) -> HandoverScreen:
        return self.page_screen(PageKind.HANDOVER)  # type: ignore[return-value]

    @property
    def question(self) -> QuestionScreen:
        return self.page_screen(PageKind.QUESTION)  # type: ignore[return-value]

    @property
    def break_offer(self) -> BreakOfferScreen:
        return self.page_screen(PageKind.BREAK_OFFER)  # type: ignore[return-value]

    @property
    def break_screen(self) -> BreakScreen:
        return self.page_screen(PageKind.BREAK)  # type: ignore[return-value]

    @property
    def stop_confirm(self) -> StopConfirmScreen:
        return self.page_screen(PageKind.STOP_CONFIRM)  # type: ignore[return-value]

    @property
    def stopped(self) -> StoppedScreen:
        return self.page_screen(PageKind.STOPPED)  # type: ignore[return-value]

    @property
    def safety_hold(self) -> SafetyHoldScreen:
        return self.page_screen(PageKind.SAFETY_HOLD)  # type: ignore[return-value]

    @property
    def staff_step(self) -> StaffStepScreen:
        return self.page_screen(PageKind.STAFF_STEP)  # type: ignore[return-value]

    @property
    def safety_alert(self) -> SafetyAlertScreen:
        return self.page_screen(PageKind.SAFETY_ALERT)  # type: ignore[return-value]

    @property
    def finished(self) -> FinishedScreen:
        return self.page_screen(PageKind.FINISHED)  # type: ignore[return-value]

    @property
    def review(self) -> ReviewScreen:
        return self.page_screen(PageKind.REVIEW)  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsScreen:
        return self.page_screen(PageKind.SETTINGS)  # type: ignore[return-value]

    @property
    def lock_screen(self) -> LockScreen:
        return self.page_screen(PageKind.LOCKED)  # type: ignore[return-value]

    @property
    def studio(self) -> StudioScreen:
        return self.page_screen(PageKind.STUDIO)  # type: ignore[return-value]

    # ------------------------------------------------------------ pages

    def show_page(self, page: AnyPage) -> None:
        """Draw the page the session layer chose; the window decides nothing."""
        if page.kind is not PageKind.UNLOCK and len(self.pages) == 1:
            self.build_screens()  # unlocked: every screen now, while staff look at the home
        widget = self.page_screen(page.kind) if page.kind is not PageKind.UNLOCK else self.unlock
        # Speech and recording never outlive the screen they belong to.
        self.controller.services.speech.stop()
        if self.page.kind is PageKind.STUDIO and page.kind is not PageKind.STUDIO:
            self.studio.stop_all()
        if isinstance(page, Locked):
            if not isinstance(self.page, Locked):
                self._interpreter_was_visible = self._interpreter_shown()
            if self._interpreter is not None:
                self._interpreter.hide()  # the second screen is blanked too
        elif isinstance(self.page, Locked) and self._interpreter_was_visible:
            self._interpreter_was_visible = False
            if self.controller.session is not None:
                self.interpreter.show()
        self.page = page
        if page.kind is PageKind.QUESTION and self._next_view is not None:
            self.question.show_view(self._next_view)
        self._next_view = None
        show = getattr(widget, "show_page", None)
        if show is not None:
            show(page)
        else:
            prepare = getattr(widget, "prepare", None)
            if prepare is not None:
                prepare()
        self.stack.setCurrentWidget(widget)
        self.top_bar.show_for(page.audience, self.controller.session is not None)
        self.window_mode.follow(page.audience)
        if isinstance(page, Locked):
            self.lock_screen.secret.setFocus()
        elif page.kind is PageKind.QUESTION:
            self.question.focus_first()

    def _follow_view(self, view: QuestionView) -> None:
        """The interview's screen changed; the page comes next (`show_page`). The question
        screen is built only when it is the page: behind a break offer, a staff step or the
        end it would be built for nobody, and built again (a fresh view comes with every
        question page) before anyone sees it."""
        self._next_view = view

    def _interpreter_shown(self) -> bool:
        return self._interpreter is not None and self._interpreter.isVisible()

    def _interview_opened(self, interpreter_present: bool) -> None:
        """Setup said an interpreter is present: their view opens with the interview."""
        if interpreter_present:
            self.interpreter.show()

    def forget_interview(self) -> None:
        """The interview closed: no screen keeps its words (interpreter view included)."""
        self._interpreter_was_visible = False
        self._next_view = None
        if self._interpreter is not None:
            self._interpreter.hide()
            self._interpreter.forget()
        for kind in (PageKind.QUESTION, PageKind.STAFF_STEP, PageKind.REVIEW):
            screen = self.pages.get(kind)
            if screen is not None:
                screen.forget()  # type: ignore[attr-defined]

    # ------------------------------------------------------------ hide and lock

    def quick_hide(self) -> None:
        """Instantly replace everything with a neutral screen (also the interpreter window)."""
        if self.controller.store is not None:
            from kiosk.app import intents as i  # loaded with the store: no delay here

            self.controller.send(i.Hide())

    def idle_lock(self) -> None:
        if self.controller.store is not None:
            from kiosk.app import intents as i

            self.controller.send(i.Lock())

    # ------------------------------------------------------------ settings

    def apply_settings(self) -> None:
        from kiosk.ui.speech_settings import apply_speech  # speech code: not before unlock

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
        if self._interpreter is not None:
            self._interpreter.close()
        wait = getattr(self.controller.runner, "wait", None)
        if wait is not None:
            wait(5000)
        self.controller.close()
        super().closeEvent(event)
