"""Staff's "Send referrals" (shown on the staff home when a Central server is connected).

The outbox is sent with `kiosk.core.odk.sender.SendRun`: every store read and write happens
here on the GUI thread (the window's one store connection), and only each POST runs on the
worker runner. Progress and the outcome are shown in plain words; passing problems are retried
after a growing wait (a timer, never a blocked window); a closed window or a killed kiosk loses
nothing, because a version is marked sent only after Central's 201.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.localizer import Localizer, ui_text
from kiosk.core.odk.client import CentralClient, ServerProblem
from kiosk.core.odk.flows import find_flow
from kiosk.core.odk.link import load_connection
from kiosk.core.odk.sender import Outbox, SendReport, SendRun, SendStep, StepOutcome, post
from kiosk.core.store import Store
from kiosk.ui.workers import Runner

# An interview recorded with another copy of the flow (same id and version): its referrals wait.
NOT_PREPARED = ui_text(
    "Some referrals cannot be prepared: their interview does not fit this kiosk's copy of the "
    "flow. Nothing was deleted. Tell the person who looks after this kiosk."
)


class ReferralSender(QObject):
    """Drives one send run: store work here, each POST on the runner."""

    progress = Signal(int, int)  # done, total
    waiting = Signal(float)  # seconds until the next try
    finished = Signal(object)  # SendReport
    failed = Signal(object)  # an unexpected error (a bug): the run ends, nothing is lost

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._run: SendRun | None = None
        self._client: CentralClient | None = None
        self._cancelled = False

    @property
    def running(self) -> bool:
        return self._run is not None

    def start(self, outbox: Outbox, retries: int = 2, backoff: float = 1.0) -> None:
        if self._run is not None:
            return
        self._cancelled = False
        self._client = CentralClient(outbox.connection.link)
        self._run = outbox.start_run(retries, backoff)
        self.progress.emit(0, self._run.total)
        self._next()

    def cancel(self) -> None:
        """Stop after the POST in flight (its answer is still recorded)."""
        self._cancelled = True

    def _next(self) -> None:
        run, client = self._run, self._client
        if run is None or client is None:
            return
        if self._cancelled:
            self._end(run.stop(cancelled=True))
            return
        step = run.next_step()
        if step is None:
            self._end(run.stop())
            return
        self.runner.run(
            lambda: post(client, step),
            lambda problem: self._posted(step, problem),
            self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        if self._run is not None:
            self._end(self._run.stop())
        self.failed.emit(error)

    def _posted(self, step: SendStep, problem: ServerProblem | None) -> None:
        run = self._run
        if run is None:
            return
        outcome: StepOutcome = run.record(step, problem)
        self.progress.emit(outcome.progress.done, outcome.progress.total)
        if outcome.report is not None:
            self._end(outcome.report)
        elif outcome.retry_in:
            self.waiting.emit(outcome.retry_in)
            QTimer.singleShot(int(outcome.retry_in * 1000), self._next)
        else:
            self._next()

    def _end(self, report: SendReport) -> None:
        if self._client is not None:
            self._client.close()
        self._run, self._client = None, None
        self.finished.emit(report)


class SendReferralsPanel(QWidget):
    """A button, a progress bar and one line of words; hidden when no server is connected."""

    def __init__(
        self,
        loc: Localizer,
        runner: Runner,
        store: Callable[[], Store | None],
        flows_dir: Path,
        report_error: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.loc = loc
        self._store = store
        self._flows_dir = flows_dir
        self._report_error = report_error
        self.referrals = ReferralSender(runner, self)
        self.button = QPushButton(loc.ui("Send referrals"))
        self.button.setAccessibleName(loc.ui("Send referrals"))
        self.bar = QProgressBar()
        self.bar.setAccessibleName(loc.ui("Referrals sent"))
        self.bar.setVisible(False)
        self.words = QLabel()
        self.words.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.words, 2)
        self.button.clicked.connect(self.send)
        self.referrals.progress.connect(self._progress)
        self.referrals.waiting.connect(self._waiting)
        self.referrals.finished.connect(self._finished)
        self.referrals.failed.connect(report_error)

    def _outbox(self) -> Outbox | None:
        store = self._store()
        if store is None:
            return None
        connection = load_connection(store)
        if connection is None:
            return None
        return Outbox(store, find_flow(connection.flow_id, self._flows_dir), connection)

    def refresh(self) -> None:
        """Show the panel only with a connected server, with how many referrals wait."""
        waiting, unreadable = 0, False
        try:
            outbox = self._outbox()
            if outbox is not None:
                unreadable = bool(outbox.sync().unreadable)
                waiting = len(outbox.pending())
        except KioskError as error:
            self._report_error(error)
            outbox = None
        self.setVisible(outbox is not None)
        if outbox is not None and not self.referrals.running:
            self.button.setEnabled(waiting > 0)
            text = self.loc.ui("Referrals waiting to be sent: {count}", count=waiting)
            self.words.setText(text + (" " + self.loc.ui(NOT_PREPARED) if unreadable else ""))

    def send(self) -> None:
        try:
            outbox = self._outbox()
        except KioskError as error:
            self._report_error(error)
            return
        if outbox is None:
            return
        self.button.setEnabled(False)
        self.bar.setVisible(True)
        self.words.setText(self.loc.ui("Sending referrals…"))
        try:
            self.referrals.start(outbox)
        except KioskError as error:
            self._report_error(error)
            self.refresh()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)

    def _waiting(self, seconds: float) -> None:
        self.words.setText(
            self.loc.ui("The server did not answer; trying again in {seconds} s.", seconds=seconds)
        )

    def _finished(self, report: SendReport) -> None:
        self.bar.setVisible(False)
        text = self.loc.ui(
            "Sent: {sent}. Still waiting: {remaining}.",
            sent=report.sent,
            remaining=report.remaining,
        )
        if report.problem is not None:
            text += " " + self.loc.ui(report.problem.words)
        if report.unreadable or report.held:
            text += " " + self.loc.ui(NOT_PREPARED)
        self.words.setText(text)
        self.button.setEnabled(report.remaining > 0)
