"""The controller: owns the store and the live `InterviewSession`, routes every intent.

Screens emit intents (answer, decline, break…); the controller calls the engine, and the
engine's new `Screen` decides which page the window shows. No widget decides branching.
Every public action is guarded: errors go to the message channel and the window lives on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.core import paths
from kiosk.core.engine import InterviewSession, Screen
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview_state import fold
from kiosk.core.staff_pin import check_pin
from kiosk.core.store import Store
from kiosk.core.store_errors import WrongPassphrase
from kiosk.ui.messages import MessageChannel
from kiosk.ui.presenter import QuestionView, question_view
from kiosk.ui.services import Services
from kiosk.ui.workers import Runner

F = TypeVar("F", bound=Callable[..., Any])

# Seconds to wait before the next try, after this many wrong passphrases in a row.
FAILURE_DELAYS = (0, 0, 2, 4, 8, 15, 30)

# Pages of the main window.
UNLOCK, HOME, SETUP, HANDOVER, QUESTION, BREAK_OFFER, BREAK = (
    "unlock",
    "home",
    "setup",
    "handover",
    "question",
    "break_offer",
    "break",
)
STOP_CONFIRM, STOPPED, STAFF_STEP, FINISHED, REVIEW, SETTINGS = (
    "stop_confirm",
    "stopped",
    "staff_step",
    "finished",
    "review",
    "settings",
)
STUDIO = "studio"
PERSON_PAGES = {HANDOVER, QUESTION, BREAK_OFFER, BREAK, STOP_CONFIRM, STOPPED}


def guarded(method: F) -> F:
    """Errors in an action reach the message channel instead of Qt's event loop."""

    @functools.wraps(method)
    def wrapper(self: Controller, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            self.messages.error(error)
            return None

    return wrapper  # type: ignore[return-value]


@dataclass
class SetupChoice:
    """What staff chose on the setup screen."""

    flow_path: Path
    language: str
    staff_language: str = "en"
    interpreter: dict[str, Any] = field(default_factory=dict)
    safety_checked: list[str] = field(default_factory=list)


class Controller(QObject):
    page = Signal(str)  # the window shows this page
    view_changed = Signal(object)  # QuestionView of the person's current screen
    event_recorded = Signal(object)  # every stored event of the live interview
    unlock_result = Signal(bool, str, int)  # ok, message, seconds until the next try
    verify_result = Signal(bool, str, int)
    busy = Signal(bool)
    settings_changed = Signal()

    def __init__(
        self,
        messages: MessageChannel,
        runner: Runner,
        services: Services,
        store_path: Path | None = None,
        flows_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.messages = messages
        self.runner = runner
        self.services = services
        self.store_path = store_path
        self.flows_dir = flows_dir
        self.store: Store | None = None
        self.session: InterviewSession | None = None
        self.current_page = UNLOCK
        self.person_has_screen = False
        self.failures = 0
        self._flows: dict[Path, Flow] = {}
        self._catalog: Any = None

    # ------------------------------------------------------------ helpers

    def _path(self) -> Path:
        return self.store_path if self.store_path is not None else paths.store_path()

    def _flows_dir(self) -> Path:
        return self.flows_dir if self.flows_dir is not None else paths.flows_dir()

    def store_exists(self) -> bool:
        path = self._path()
        return path.exists() and path.stat().st_size > 0

    def _show(self, page: str) -> None:
        self.current_page = page
        self.page.emit(page)

    def _need_store(self) -> Store:
        if self.store is None:
            raise KioskError("The kiosk is locked. Unlock it first.")
        return self.store

    def _need_session(self) -> InterviewSession:
        if self.session is None:
            raise KioskError("No interview is open.")
        return self.session

    def setting(self, key: str, default: Any = None) -> Any:
        if self.store is None:
            return default
        try:
            return self.store.setting(key, default)
        except KioskError:
            return default

    @guarded
    def set_setting(self, key: str, value: Any) -> None:
        self._need_store().set_setting(key, value)
        self.settings_changed.emit()

    def indicator_catalog(self) -> Any:
        """The indicator catalogue, or None if content is missing (review still works)."""
        if self._catalog is None:
            try:
                from kiosk.core.content import load_indicators

                self._catalog = load_indicators()
            except (ImportError, KioskError):
                return None
        return self._catalog

    # ------------------------------------------------------------ unlocking

    def next_delay(self) -> int:
        return FAILURE_DELAYS[min(self.failures, len(FAILURE_DELAYS) - 1)]

    def unlock(self, passphrase: str, create: bool = False) -> None:
        """Derive the key off the GUI thread; the answer comes by `unlock_result`."""
        path = self._path()
        opener = Store.create if create else Store.open
        self.busy.emit(True)
        self.runner.run(lambda: opener(path, passphrase), self._unlocked, self._unlock_failed)

    def _unlocked(self, store: Store) -> None:
        self.busy.emit(False)
        self.store = store
        self.failures = 0
        self.unlock_result.emit(True, "", 0)
        self.settings_changed.emit()
        self._show(HOME)

    def _unlock_failed(self, error: BaseException) -> None:
        self.busy.emit(False)
        if isinstance(error, WrongPassphrase):
            self.failures += 1
            message = "That passphrase did not open the kiosk. Take your time and try again."
            self.unlock_result.emit(False, message, self.next_delay())
            return
        self.messages.error(error)
        self.unlock_result.emit(False, "", 0)

    def verify(self, secret: str) -> None:
        """Check the staff passphrase or PIN to leave the hidden / locked screen (off-thread)."""
        path = self._path()
        pin_record = self.setting("staff_pin")

        def check() -> bool:
            if check_pin(secret, pin_record):
                return True
            try:
                Store.open(path, secret).close()
            except WrongPassphrase:
                return False
            return True

        self.busy.emit(True)
        self.runner.run(check, self._verified, self._verify_failed)

    def _verified(self, ok: bool) -> None:
        self.busy.emit(False)
        if ok:
            self.failures = 0
            self.verify_result.emit(True, "", 0)
            return
        self.failures += 1
        self.verify_result.emit(
            False,
            "That did not match. Take your time and try again.",
            self.next_delay(),
        )

    def _verify_failed(self, error: BaseException) -> None:
        self.busy.emit(False)
        self.messages.error(error)
        self.verify_result.emit(False, "", 0)

    # ------------------------------------------------------------ flows

    def flow_files(self) -> list[Path]:
        folder = self._flows_dir()
        return sorted(p for p in folder.glob("*.yaml") if p.is_file())

    def load_flow(self, path: Path) -> Flow:
        if path not in self._flows:
            catalog = self.indicator_catalog()
            tags = catalog.tags() if catalog is not None else None
            self._flows[path] = load_flow(path, tags)
        return self._flows[path]

    def flow_by_id(self, flow_id: str) -> Flow:
        for path in self.flow_files():
            try:
                flow = self.load_flow(path)
            except KioskError:
                continue
            if flow.id == flow_id:
                return flow
        raise KioskError("The flow this interview was recorded with is not on this kiosk.")

    # ------------------------------------------------------------ navigation (staff)

    @guarded
    def go_home(self) -> None:
        self._need_store()
        self._close_session()
        self._show(HOME)

    @guarded
    def go_setup(self) -> None:
        self._need_store()
        self._show(SETUP)

    @guarded
    def go_settings(self) -> None:
        self._need_store()
        self._show(SETTINGS)

    @guarded
    def go_studio(self) -> None:
        self._need_store()
        self._show(STUDIO)

    def _close_session(self) -> None:
        self.services.speech.stop()
        if self.services.translation is not None:
            # Typed answers were machine-translated for staff: no copy outlives the interview.
            self.services.translation.forget()
        self.session = None
        self.person_has_screen = False

    def _attach(self, session: InterviewSession) -> None:
        self.session = session
        session.listeners.append(lambda event: self.event_recorded.emit(event))

    # ------------------------------------------------------------ interviews

    @guarded
    def start_interview(self, choice: SetupChoice) -> None:
        store = self._need_store()
        flow = self.load_flow(choice.flow_path)
        session = InterviewSession.start(
            store, flow, choice.language, choice.staff_language, choice.interpreter
        )
        self._attach(session)
        node = session.state.current_node
        if node is not None and node.kind == "staff_check":
            session.answer(list(choice.safety_checked))  # the safety check, done on setup
        self.person_has_screen = False
        self.refresh()

    @guarded
    def resume(self, interview_id: str) -> None:
        store = self._need_store()
        summary = store.interview(interview_id)
        session = InterviewSession.resume(store, self.flow_by_id(summary.flow_id), summary.id)
        self._attach(session)
        if session.state.status == "stopped":
            session.resume_interview()
        elif session.state.status == "finished":
            raise KioskError("This interview is finished. Open it in review to add to it.")
        self.person_has_screen = False
        self.refresh()

    def open_session_for_review(self, interview_id: str) -> InterviewSession:
        store = self._need_store()
        summary = store.interview(interview_id)
        session = InterviewSession.resume(store, self.flow_by_id(summary.flow_id), summary.id)
        self._attach(session)
        return session

    @guarded
    def review(self, interview_id: str | None = None) -> None:
        if interview_id is not None:
            self._close_session()
            self.open_session_for_review(interview_id)
        self._need_session()
        self.person_has_screen = False
        self._show(REVIEW)

    def states_of(self, interview_id: str) -> Any:
        """The folded state of a stored interview (for 'what was already asked')."""
        store = self._need_store()
        summary = store.interview(interview_id)
        return fold(self.flow_by_id(summary.flow_id), store.events(summary.id))

    # ------------------------------------------------------------ what to show

    def screen(self) -> Screen:
        return self._need_session().screen()

    def person_language(self) -> str:
        return self.session.state.language if self.session else "en"

    def staff_language(self) -> str:
        return self.session.state.staff_language if self.session else "en"

    def current_view(self, language: str | None = None) -> QuestionView | None:
        if self.session is None:
            return None
        screen = self.session.screen()
        if screen.node is None:
            return None
        return question_view(
            self.services.localizer,
            self.session.flow,
            screen,
            language or self.session.state.language,
        )

    def refresh(self) -> None:
        """Ask the engine what comes now and show the matching page."""
        self.services.speech.stop()
        session = self._need_session()
        screen = session.screen()
        if screen.status == "on_break":
            page = BREAK
        elif screen.status == "stopped":
            page = STOPPED
        elif screen.status == "finished":
            page = FINISHED
        elif screen.audience == "staff":
            page = HANDOVER if self.person_has_screen else STAFF_STEP
        elif not self.person_has_screen:
            page = HANDOVER
        elif screen.offer_break:
            page = BREAK_OFFER
        else:
            page = QUESTION
        view = self.current_view()
        if view is not None:
            self.view_changed.emit(view)
        self._show(page)

    # ------------------------------------------------------------ person intents

    @guarded
    def hand_over(self) -> None:
        """The handover page was accepted: the screen now belongs to whoever it was meant for."""
        screen = self.screen()
        self.person_has_screen = screen.audience != "staff"
        self.refresh()

    @guarded
    def answer(self, value: Any) -> None:
        self._need_session().answer(value)
        self.refresh()

    @guarded
    def decline(self) -> None:
        self._need_session().decline()
        self.refresh()

    @guarded
    def dont_know(self) -> None:
        self._need_session().dont_know()
        self.refresh()

    @guarded
    def proceed(self) -> None:
        self._need_session().proceed()
        self.refresh()

    @guarded
    def back(self) -> None:
        self._need_session().back()
        self.refresh()

    @guarded
    def take_break(self) -> None:
        self._need_session().take_break()
        self.refresh()

    @guarded
    def answer_break_offer(self, taken: bool) -> None:
        self._need_session().offer_break(taken)
        self.refresh()

    @guarded
    def end_break(self) -> None:
        self._need_session().end_break()
        self.refresh()

    @guarded
    def ask_stop(self) -> None:
        self._need_session()
        self._show(STOP_CONFIRM)

    @guarded
    def cancel_stop(self) -> None:
        self.refresh()

    @guarded
    def stop(self, reason: str = "", by: str = "person") -> None:
        self._need_session().stop(reason, by)
        self.refresh()

    @guarded
    def change_language(self, language: str) -> None:
        session = self._need_session()
        if language != session.state.language:
            session.change_language(language)
        self.refresh()

    @guarded
    def read_aloud(self) -> None:
        view = self.current_view()
        if view is None:
            return
        speech = self.services.speech
        self.runner.run(
            lambda: speech.read_aloud(view.language, view.text_key, view.text),
            self._spoken,
            self.messages.error,
        )

    def _spoken(self, note: str) -> None:
        """Nothing could be played: say so in the person's language, and in the staff's."""
        if not note:
            return
        loc = self.services.localizer
        lines = []
        for language in dict.fromkeys([self.person_language(), self.staff_language()]):
            lines.append(
                loc.ui(
                    "This cannot be read aloud yet. Please ask staff or the interpreter to read "
                    "it to you.",
                    language=language,
                )
            )
        self.messages.info("\n".join(lines))

    # ------------------------------------------------------------ staff intents

    @guarded
    def staff_continue(self, checked: list[str] | None = None) -> None:
        session = self._need_session()
        node = session.state.current_node
        if node is not None and node.kind == "staff_check":
            session.answer(list(checked or []))
        else:
            session.proceed()
        self.person_has_screen = False
        self.refresh()

    @guarded
    def staff_take_back(self) -> None:
        """Staff took the screen back (after the person stopped, or from the lock screen)."""
        self.person_has_screen = False
        if self.session is not None and self.session.state.is_closed:
            self._show(REVIEW)
        else:
            self.refresh()

    @guarded
    def mark_child(self) -> None:
        self._need_session().mark_appears_child()

    @guarded
    def switch_adult(self, reason: str) -> None:
        self._need_session().switch_path("adult", reason)

    @guarded
    def add_disclosure(self, text: str, node: str | None = None) -> None:
        self._need_session().add_disclosure(text, node)

    @guarded
    def correct(self, node: str, reason: str, value: Any = None, state: str = "answered") -> None:
        self._need_session().correct(node, reason, value, state)

    @guarded
    def decide_referral(self, service: str, decision: str, note: str = "") -> None:
        self._need_session().decide_referral(service, decision, note)

    def close(self) -> None:
        self._close_session()
        if self.store is not None:
            self.store.close()
            self.store = None
