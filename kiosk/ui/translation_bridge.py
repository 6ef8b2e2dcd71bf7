"""Machine translation as a visible fallback (DESIGN rule 9), off the GUI thread.

- Fixed content (question, help, options) missing from the person's catalog: the screen shows
  the English first; the missing strings go to the translation worker; when all are back they
  are kept in memory (`MachineFallbackLocalizer`) and `translated` re-emits the view, now with
  status `machine`, which the interpreter view marks as such.
- Free text the person typed: translated into the staff language for the interpreter view and
  the review screen; the original is always kept and shown beside it. Never cached by Lantern,
  never logged, never written.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.core.errors import KioskError
from kiosk.core.localizer import Fallbacks, Localized, Localizer

if TYPE_CHECKING:  # the unlock screen loads none of the translation or flow code
    from kiosk.core.translation.worker import TranslationResult
    from kiosk.ui.presenter import QuestionView

SOURCE = "en"
Done = Callable[["TranslationResult"], None]


class Submit(Protocol):
    """TranslationWorker.submit-like: queue a translation, `callback` on the worker thread.

    Returns the job's Future (or None), so a job nobody waits for any more can be cancelled.
    """

    def __call__(
        self, text: str, from_lang: str, to_lang: str, callback: Done, *, personal: bool = False
    ) -> Future[TranslationResult] | None: ...


def mt_code(code: str) -> str:
    """The machine-translation code of a Lantern language (e.g. fil -> tl)."""
    from kiosk.core.i18n.languages import language

    try:
        return language(code).mt_code
    except KioskError:
        return code


class MachineFallbackLocalizer:
    """Wraps the window's localizer: content missing from a catalog but already machine-
    translated (in memory) comes back with status `machine`. It never blocks on a model.
    """

    def __init__(self, base: Localizer) -> None:
        self.base = base
        self.machine: dict[tuple[str, str, str], str] = {}  # (lang, context, source) -> text

    def content(
        self, language: str, context: str, source: str, fallbacks: Fallbacks = ()
    ) -> Localized:
        found = self.base.content(language, context, source, fallbacks)
        if found.status == "missing":
            text = self.machine.get((language, context, source))
            if text:
                return Localized(text, "machine", language)
        return found

    def ui(self, source: str, language: str | None = None, **placeholders: object) -> str:
        return self.base.ui(source, language=language, **placeholders)

    def __getattr__(self, name: str) -> Any:  # ui_localized, clear_machine_cache, ...
        return getattr(self.base, name)


class _MissingRecorder:
    """A localizer that notes which content strings came back missing (to translate them)."""

    def __init__(self, base: Localizer) -> None:
        self.base = base
        self.missing: list[tuple[str, str, str]] = []

    def content(
        self, language: str, context: str, source: str, fallbacks: Fallbacks = ()
    ) -> Localized:
        found = self.base.content(language, context, source, fallbacks)
        if found.status == "missing" and source.strip():
            self.missing.append((language, context, source))
        return found

    def ui(self, source: str, language: str | None = None, **placeholders: object) -> str:
        return self.base.ui(source, language=language, **placeholders)


@dataclass
class _Pending:
    node_id: str
    language: str
    wanted: list[tuple[str, str, str]]
    results: dict[int, TranslationResult]
    jobs: list[Future[TranslationResult]] = field(default_factory=list)

    def cancel(self) -> None:
        """Drop the jobs still queued: the person moved on, and the worker is one thread, so
        stale screens would otherwise delay the translation of the screen they are on."""
        for job in self.jobs:
            job.cancel()


class MachineContent(QObject):
    """Starts machine translation for the person's screen and says when it is ready."""

    translated = Signal(object)  # QuestionView, now with machine text
    _arrived = Signal(int, int, object)  # generation, index, TranslationResult (crosses threads)

    def __init__(
        self,
        controller: Any,
        localizer: MachineFallbackLocalizer,
        submit: Submit | None,
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.localizer = localizer
        self.submit = submit
        self._generation = 0
        self._pending: _Pending | None = None
        self._arrived.connect(self._collect)
        controller.view_changed.connect(self.request)

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def request(self, view: QuestionView) -> None:
        """Translate whatever content of `view` its catalog lacks (no-op if nothing is)."""
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel()
        self._pending = None
        session = self.controller.session
        if self.submit is None or session is None or view.language == session.flow.language:
            return
        recorder = _MissingRecorder(self.localizer)
        from kiosk.ui.presenter import question_view

        question_view(recorder, session.flow, session.screen(), view.language)
        wanted = list(dict.fromkeys(recorder.missing))
        if not wanted:
            return
        generation = self._generation
        pending = self._pending = _Pending(view.node_id, view.language, wanted, {})
        target = mt_code(view.language)
        for index, (_lang, _context, source) in enumerate(wanted):
            # The callback runs on the worker thread; the signal brings it to the GUI thread.
            job = self.submit(source, SOURCE, target, partial(self._relay, generation, index))
            if job is not None:
                pending.jobs.append(job)

    def _relay(self, generation: int, index: int, result: TranslationResult) -> None:
        """On the worker thread: hand the result to the GUI thread through the signal."""
        self._arrived.emit(generation, index, result)

    def _collect(self, generation: int, index: int, result: TranslationResult) -> None:
        pending = self._pending
        if generation != self._generation or pending is None:
            return  # the screen changed meanwhile: drop the late result
        pending.results[index] = result
        if len(pending.results) < len(pending.wanted):
            return
        self._pending = None
        for i, key in enumerate(pending.wanted):
            text = pending.results[i].text
            if pending.results[i].ok and text and text.strip():
                self.localizer.machine[key] = text
        view = self.controller.current_view()
        if (
            view is not None
            and view.node_id == pending.node_id
            and view.language == (pending.language)
        ):
            self.translated.emit(view)


class FreeTextTranslator(QObject):
    """Translates the person's own words for staff; the result only lives in the widgets."""

    _arrived = Signal(object, object)  # token, TranslationResult

    def __init__(self, submit: Submit | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.submit = submit
        self._callbacks: dict[int, Callable[[TranslationResult], None]] = {}
        self._next = 0
        self._arrived.connect(self._deliver)

    @property
    def available(self) -> bool:
        return self.submit is not None

    def translate(
        self, text: str, from_lang: str, to_lang: str, done: Callable[[TranslationResult], None]
    ) -> bool:
        """Ask for a translation; `done` runs on the GUI thread. False if nothing can translate."""
        if self.submit is None or not text.strip() or from_lang == to_lang:
            return False
        self._next += 1
        token = self._next
        self._callbacks[token] = done
        self.submit(
            text,
            mt_code(from_lang),
            mt_code(to_lang),
            lambda r: self._arrived.emit(token, r),
            personal=True,  # the person's own words never enter the translator's cache
        )
        return True

    def forget(self) -> None:
        """Drop the callbacks of translations still under way (they hold the person's words);
        their results, when they come, are discarded."""
        self._callbacks.clear()

    def _deliver(self, token: int, result: TranslationResult) -> None:
        done = self._callbacks.pop(token, None)
        if done is not None:
            done(result)


def machine_note(loc: Localizer, original: str, result: TranslationResult) -> str:
    """The original and its machine translation, side by side and marked; if the model could
    not finish a part, that part stays in the original and the note says so."""
    note = loc.ui(
        "{original}\n[Machine translation, check it] {translated}",
        original=original,
        translated=result.text or "",
    )
    if result.untranslated:
        note += "\n" + loc.ui(
            "Part of this could not be machine-translated and is shown in the original language."
        )
    return note


def annotate_review_answers(window: Any, free_text: FreeTextTranslator) -> None:
    """Add machine translations of free-text answers beside the originals on the review screen."""
    from kiosk.core import summary

    controller = window.controller
    session = controller.session
    if session is None or controller.current_page != "review" or not free_text.available:
        return
    table = window.review.answers
    loc = controller.services.localizer
    source, target = session.state.language, controller.staff_language()
    for row, answer in enumerate(summary.answers(session.state)):
        node = session.flow.node(answer.node)
        if node.type != "free_text" or not answer.value.strip() or row >= table.rowCount():
            continue
        original = answer.value

        def done(result: TranslationResult, row: int = row, original: str = original) -> None:
            item = table.item(row, 2)
            if item is None or item.text() != original or not result.ok or not result.text:
                return
            item.setText(machine_note(loc, original, result))

        free_text.translate(original, source, target, done)


def connect_machine_translation(window: Any) -> tuple[MachineContent, FreeTextTranslator]:
    """Wire machine translation into a built window (the localizer must already be wrapped)."""
    controller = window.controller
    localizer = controller.services.localizer
    assert isinstance(localizer, MachineFallbackLocalizer)
    hook = controller.services.translation
    submit = hook.submit if hook is not None else None
    machine = MachineContent(controller, localizer, submit)
    free_text = FreeTextTranslator(submit, controller)
    machine.translated.connect(window.question.show_translated)
    machine.translated.connect(window.interpreter.follow)
    window.interpreter.free_text = free_text

    def review_shown(*_args: object) -> None:
        annotate_review_answers(window, free_text)

    # Connected after the window's own slots, so the review table is already filled.
    controller.page.connect(review_shown)
    controller.event_recorded.connect(review_shown)
    return machine, free_text
