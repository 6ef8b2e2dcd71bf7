"""Print / save / read aloud the take-away documents of the open interview.

Jobs are read from the interview state on the GUI thread; building the PDF, handing it to
`lp` and writing the chosen file run on the window's runner and report back by callback
(queued signals with `ThreadRunner`). Results and problems go to the message channel; no
message quotes an answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from kiosk.core.documents.paper import DEFAULT_SHEET, SHEET_SIZES
from kiosk.core.errors import KioskError
from kiosk.core.localizer import document_translate
from kiosk.core.referral_input import build_referral_input, has_referral_consent
from kiosk.core.staff_words import StaffWords
from kiosk.ui.controller import Controller
from kiosk.ui.document_jobs import (
    CardJob,
    Job,
    ReferralJob,
    RightsJob,
    spoken_rights,
)
from kiosk.ui.printing import choose_printer, send_to_lp


class DocumentActions(QObject):
    completed = Signal(str)  # "printed" | "saved" | "spoken", after the work succeeded
    spoken = Signal(int, int)  # the part of the rights now playing, of how many
    unplayed = Signal(str)  # nothing could be played (the speech layer's note, in English)

    def __init__(self, controller: Controller, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.window_parent = parent
        self._spoken: list[str] = []
        self._spoken_for: tuple[str, bool] | None = None
        self.next_part = 0

    # ------------------------------------------------------------ jobs from the interview

    def _state(self) -> Any:
        session = self.controller.session
        if session is None:
            raise KioskError("No interview is open.")
        return session.state

    def _paper(self) -> str:
        paper = str(self.controller.setting("paper_size", "a4"))
        return paper if paper in SHEET_SIZES else DEFAULT_SHEET

    def _reference(self, wanted: bool) -> str | None:
        session = self.controller.session
        return session.ask_reference() if wanted and session is not None else None

    def _place(self) -> tuple[str, dict[str, Any]]:
        overrides = self.controller.setting("contacts_overrides", {}) or {}
        country = str(self.controller.setting("default_country", "generic") or "generic")
        return country, dict(overrides)

    def contacts_checked(self) -> datetime.date | None:
        """The day this site checked exactly the contacts the paper will carry, or None
        (kiosk.core.contact_check: a change since then makes the check lapse)."""
        from kiosk.core import contact_check
        from kiosk.core.content import load_country

        country, overrides = self._place()
        try:
            profile = load_country(country, overrides=overrides or None)
        except KioskError:
            return None  # the build reports the broken profile itself
        return contact_check.checked_on(self.controller.setting(contact_check.SETTING), profile)

    def rights_job(self, second_language: bool, reference: bool) -> RightsJob:
        state = self._state()
        loc = self.controller.services.localizer
        country, overrides = self._place()
        second = state.staff_language if second_language else None
        return RightsJob(
            lang=state.language,
            translate=document_translate(loc, state.language),
            child=state.child,
            country=country,
            overrides=overrides,
            second_lang=second if second != state.language else None,
            second_translate=document_translate(loc, second) if second else None,
            reference=self._reference(reference),
            paper=self._paper(),
            contacts_checked=self.contacts_checked(),
        )

    def card_job(self, reference: bool) -> CardJob:
        state = self._state()
        country, overrides = self._place()
        return CardJob(
            lang=state.language,
            translate=document_translate(self.controller.services.localizer, state.language),
            country=country,
            overrides=overrides,
            reference=self._reference(reference),
            child=state.child,
        )

    def referral_job(self) -> ReferralJob:
        state = self._state()
        if not has_referral_consent(state):
            raise KioskError(
                "No referral summary: the person has not consented to referral. "
                "They can still take their rights summary."
            )
        loc = self.controller.services.localizer
        words = StaffWords(loc, state.flow, state.staff_language, child=state.child)
        data = build_referral_input(state, self.controller.indicator_catalog(), words=words)
        return ReferralJob(
            data=data,
            staff_lang=state.staff_language,
            translate=document_translate(loc, state.staff_language),
            paper=self._paper(),
        )

    # ------------------------------------------------------------ print and save

    def _documents(self) -> Any:
        return self.controller.services.documents

    def print_job(self, make_job: Callable[[], Job]) -> None:
        """Printer and copies first (staff can cancel), then build and send off-thread."""
        c = self.controller
        loc = c.services.localizer
        try:
            choice = choose_printer(
                self.window_parent,
                loc.ui("Printing needs CUPS (the lp command), which is not installed here."),
                loc.ui("No printer is set up on this computer. Save the document instead."),
            )
            if choice is None:
                return
            job = make_job()
        except KioskError as error:
            c.messages.error(error)
            return
        docs = self._documents()

        def done(_result: object) -> None:
            c.messages.info(loc.ui("Sent to the printer {printer}.", printer=choice.printer))
            self.completed.emit("printed")

        c.runner.run(lambda: send_to_lp(docs.build(job), choice), done, c.messages.error)

    def save_job(self, make_job: Callable[[], Job], suggested: str) -> None:
        """A path staff choose, then build and write (atomically, 0600) off-thread."""
        from kiosk.core.documents.safe_output import write_pdf

        c = self.controller
        loc = c.services.localizer
        path, _filter = QFileDialog.getSaveFileName(
            self.window_parent, loc.ui("Save as PDF"), suggested, loc.ui("PDF files (*.pdf)")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            job = make_job()
        except KioskError as error:
            c.messages.error(error)
            return
        docs = self._documents()

        def done(written: Path) -> None:
            c.messages.info(loc.ui("Saved as {name}.", name=written.name))
            self.completed.emit("saved")

        c.runner.run(lambda: write_pdf(docs.build(job), path), done, c.messages.error)

    # ------------------------------------------------------------ reading aloud

    def read_next_part(self) -> tuple[int, int]:
        """Start speaking the next part of the rights summary; returns (that part, parts).

        `spoken(part, parts)` follows once it plays. When nothing could be played the reading
        does not move on (the same part is offered again) and `unplayed(note)` says why."""
        c = self.controller
        state = self._state()
        wanted = (state.language, state.child)
        if self._spoken_for != wanted:
            translate = document_translate(c.services.localizer, state.language)
            self._spoken = spoken_rights(state.child, translate)
            self._spoken_for = wanted
            self.next_part = 0
        if not self._spoken:
            return (0, 0)
        index = self.next_part % len(self._spoken)
        count = len(self._spoken)
        text = self._spoken[index]
        self.next_part = index + 1  # a second press reads on, even before this one plays
        speech = c.services.speech

        def done(note: str) -> None:
            if note:
                if self.next_part == index + 1:
                    self.next_part = index  # nothing was heard: offer the same part again
                self.unplayed.emit(note)
                return
            self.spoken.emit(index + 1, count)
            self.completed.emit("spoken")

        c.runner.run(lambda: speech.read_aloud(state.language, None, text), done, c.messages.error)
        return (index + 1, count)

    def restart_reading(self) -> None:
        self.next_part = 0
