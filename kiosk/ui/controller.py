"""The controller: a thin Qt adapter between the widgets and the kiosk session (`kiosk.app`).

Widgets send intents (`send`); the session decides the page and the controller emits it for
the window to draw. Slow checks (the passphrase's key derivation) run off the GUI thread and come
back as intents. No rule lives here: who may see what, and when, is `kiosk.app.session`'s.
Every intent is guarded: errors go to the message channel and the window lives on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.app.gate import WrongTries, staff_secret_matches
from kiosk.app.pages import AnyPage, BreakOffer, Finished, PageKind, Question, StaffStep
from kiosk.core import organisation, paths
from kiosk.core.errors import ContentError, KioskError
from kiosk.core.store_errors import WrongPassphrase
from kiosk.ui.messages import MessageChannel
from kiosk.ui.services import Services
from kiosk.ui.workers import Runner

# The session layer, the store, flows and content load on unlock (see `_open_store`), not at
# start: the unlock screen needs none of them, and the kiosk should paint it at once.
if TYPE_CHECKING:
    from kiosk.app import intents as i
    from kiosk.app.flows import FlowLibrary
    from kiosk.app.session import KioskSession
    from kiosk.core.content import IndicatorCatalog, OrganisationProfile
    from kiosk.core.flow import Flow
    from kiosk.core.interview import InterviewSession, Screen
    from kiosk.core.interview_rules import InterviewState
    from kiosk.core.store import Store
    from kiosk.ui.presenter import QuestionView

F = TypeVar("F", bound=Callable[..., Any])

# Pages that show the interview's current screen (the question view follows them).
_VIEW_PAGES = (Question, BreakOffer, StaffStep, Finished)


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


class Controller(QObject):
    page = Signal(object)  # the kiosk.app page the window shows now
    view_changed = Signal(object)  # QuestionView of the interview's current screen
    event_recorded = Signal(object)  # every stored event of the open interview
    interview_opened = Signal(bool)  # an interview opened; True: an interpreter is present
    interview_closed = Signal()  # nothing of the closed interview may stay on any widget
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
        self._kiosk: KioskSession | None = None
        self.tries = WrongTries()

    # ------------------------------------------------------------ reading the session

    @property
    def kiosk(self) -> KioskSession:
        """The session layer, made on first use (on unlock: the unlock page needs none of it)."""
        if self._kiosk is None:
            from kiosk.app.flows import FlowLibrary
            from kiosk.app.session import KioskSession

            self._kiosk = KioskSession(FlowLibrary(self.flows_dir))
            self._kiosk.on_open.append(self._opened)
            self._kiosk.on_close.append(self._closed)
        return self._kiosk

    @property
    def flows(self) -> FlowLibrary:
        return self.kiosk.flows

    @property
    def store(self) -> Store | None:
        return self._kiosk.store if self._kiosk is not None else None

    @property
    def session(self) -> InterviewSession | None:
        """The open interview's engine session (screens read its state; they never drive it)."""
        return self._kiosk.live if self._kiosk is not None else None

    @property
    def current_page(self) -> PageKind:
        """The kind of page the session layer shows (it alone holds the page)."""
        return self._kiosk.page.kind if self._kiosk is not None else PageKind.UNLOCK

    @property
    def failures(self) -> int:
        return self.tries.count

    def _path(self) -> Path:
        return self.store_path if self.store_path is not None else paths.store_path()

    def store_exists(self) -> bool:
        path = self._path()
        return path.exists() and path.stat().st_size > 0

    def setting(self, key: str, default: Any = None) -> Any:
        if self.store is None:
            return default
        try:
            return self.store.setting(key, default)
        except KioskError:
            return default

    @guarded
    def set_setting(self, key: str, value: Any) -> None:
        store = self.store
        if store is None:
            raise KioskError("The kiosk is locked. Unlock it first.")
        store.set_setting(key, value)
        self.settings_changed.emit()

    def organisation(self) -> str:
        """Who runs this kiosk (an OrganisationKind value, or `not_set`)."""
        if self.store is None:
            return organisation.NOT_SET
        try:
            return organisation.current(self.store)
        except KioskError:
            return organisation.NOT_SET

    def organisation_profile(self, kind: str) -> OrganisationProfile | None:
        """The profile an interview ran under (None: not chosen, or content missing)."""
        from kiosk.core.content import organisation_profile

        try:
            return organisation_profile(kind)
        except ContentError:
            return None

    @guarded
    def choose_organisation(self, kind: str) -> None:
        store = self.store
        if store is None:
            raise KioskError("The kiosk is locked. Unlock it first.")
        organisation.choose(store, kind)
        self.settings_changed.emit()

    def indicator_catalog(self) -> IndicatorCatalog | None:
        """The indicator catalogue, or None if content is missing (review still works)."""
        from kiosk.core.content import indicator_catalog

        return indicator_catalog()

    def flow_files(self) -> list[Path]:
        return self.flows.files()

    def load_flow(self, path: Path) -> Flow:
        return self.flows.load(path)

    def states_of(self, interview_id: str) -> InterviewState:
        """The folded state of a stored interview (for 'what was already asked')."""
        from kiosk.core.interview_rules import fold

        store = self.store
        if store is None:
            raise KioskError("The kiosk is locked. Unlock it first.")
        summary = store.interview(interview_id)
        return fold(self.flows.by_id(summary.flow_id), store.events(summary.id))

    def screen(self) -> Screen:
        session = self.session
        if session is None:
            raise KioskError("No interview is open.")
        return session.screen()

    def person_language(self) -> str:
        return self.session.state.language if self.session else "en"

    def staff_language(self) -> str:
        return self.session.state.staff_language if self.session else "en"

    def current_view(self, language: str | None = None) -> QuestionView | None:
        session = self.session
        if session is None:
            return None
        screen = session.screen()
        if screen.node is None:
            return None
        from kiosk.ui.presenter import question_view

        return question_view(
            self.services.localizer,
            session.flow,
            screen,
            language or session.state.language,
            session.state.answers.get(screen.node.id),  # shown chosen again after Back
        )

    # ------------------------------------------------------------ intents

    @guarded
    def send(self, intent: i.Intent) -> None:
        """Hand an intent to the session and show the page it chose."""
        self.services.speech.stop()  # speech never outlives the screen it belongs to
        self._show(self.kiosk.handle(intent))

    def _show(self, page: AnyPage) -> None:
        if isinstance(page, _VIEW_PAGES):
            view = self.current_view()
            if view is not None:
                self.view_changed.emit(view)
        self.page.emit(page)

    def _opened(self, session: InterviewSession) -> None:
        session.listeners.append(self.event_recorded.emit)
        self.interview_opened.emit(bool(session.state.interpreter.get("present")))

    def _closed(self) -> None:
        self.services.speech.stop()
        if self.services.translation is not None:
            # Typed answers were machine-translated for staff: no copy outlives the interview.
            self.services.translation.forget()
        self.interview_closed.emit()

    # ------------------------------------------------------------ credentials, off-thread

    def next_delay(self) -> int:
        return self.tries.delay()

    def unlock(self, passphrase: str, create: bool = False) -> None:
        """Derive the key off the GUI thread; the answer comes by `unlock_result`."""
        path = self._path()
        self.busy.emit(True)
        self.runner.run(
            lambda: _open_store(path, passphrase, create), self._unlocked, self._unlock_failed
        )

    def _unlocked(self, store: Store) -> None:
        self.busy.emit(False)
        self.tries.reset()
        self.unlock_result.emit(True, "", 0)
        from kiosk.app import intents as i  # loaded with the store (see `_open_store`)

        self.send(i.Unlocked(store))
        self.settings_changed.emit()

    def _unlock_failed(self, error: BaseException) -> None:
        self.busy.emit(False)
        if isinstance(error, WrongPassphrase):
            wait = self.tries.failed()
            message = "That passphrase did not open the kiosk. Take your time and try again."
            self.unlock_result.emit(False, message, wait)
            return
        self.messages.error(error)
        self.unlock_result.emit(False, "", 0)

    def verify(self, secret: str) -> None:
        """Check the staff passphrase or PIN on the lock screen or staff gate (off-thread)."""
        path = self._path()
        pin_record = self.setting("staff_pin")
        self.busy.emit(True)
        self.runner.run(
            lambda: staff_secret_matches(path, secret, pin_record),
            self._verified,
            self._verify_failed,
        )

    def _verified(self, ok: bool) -> None:
        self.busy.emit(False)
        if ok:
            self.tries.reset()
            self.verify_result.emit(True, "", 0)
            from kiosk.app import intents as i

            self.send(i.StaffVerified())
            return
        wait = self.tries.failed()
        self.verify_result.emit(False, "That did not match. Take your time and try again.", wait)

    def _verify_failed(self, error: BaseException) -> None:
        self.busy.emit(False)
        self.messages.error(error)
        self.verify_result.emit(False, "", 0)

    # ------------------------------------------------------------ other actions

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

    def close(self) -> None:
        if self._kiosk is None:
            return
        store = self.store
        self._kiosk.close()
        if store is not None:
            store.close()


def _open_store(path: Path, passphrase: str, create: bool) -> Store:
    """Open (or create) the store, off the GUI thread. The code every page after unlock needs
    is imported here too, while the key derivation keeps the person waiting anyway."""
    from kiosk.core.store import Store

    store = Store.create(path, passphrase) if create else Store.open(path, passphrase)
    import kiosk.app.session  # noqa: F401  (the session layer: flows, engine, content)
    import kiosk.ui.presenter  # noqa: F401

    return store
