"""Sending the outbox to Central: in order, each version once, resumable after anything.

A version is marked `sent` only after the server said 201. A kill or a lost answer before the
mark is committed leaves it queued, and the next run posts the very same bytes again: Central
answers a repeat of the same instanceID with identical XML with 201 and keeps one record, so
nothing is lost and nothing arrives twice. That is also why the marks are committed in batches
(every few records or second, and when the run ends): a lost batch costs a repeat, not a
duplicate, and the run is not held up by a disk sync per record. An edit goes only after the
version it replaces is marked sent on disk (the batch is committed first), so a repeat of an
older version can never meet its own newer one on the server.

Problems that would hit every record (offline, wrong token, closed form, full server) stop the
run with their plain message; passing ones (5xx, timeouts, a dropped connection) are retried a
few times with growing waits first. A record the server refuses for good is marked `refused`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from kiosk.core.errors import KioskError
from kiosk.core.odk import storage
from kiosk.core.odk.client import CentralClient, ServerProblem, classify
from kiosk.core.odk.encryption import ENCRYPTED_SUFFIX, SUBMISSION_XML
from kiosk.core.odk.layout import Layout, build_layout
from kiosk.core.odk.link import Connection
from kiosk.core.odk.outbox import (
    FlowDoesNotFit,
    ItemState,
    OutboxItem,
    SyncResult,
    item_state,
    mark_attempt,
    mark_damaged,
    mark_sent,
    payloads,
    post_checks,
    queued_for,
    sync_interview,
)
from kiosk.core.odk.shape import expected_shape, shape_digest
from kiosk.core.odk.storage import ChangeWatch

if TYPE_CHECKING:
    from kiosk.core.flow import Flow
    from kiosk.core.store import Store

RECORD_FILE = SUBMISSION_XML + ENCRYPTED_SUFFIX
MARK_BATCH = 100  # sent marks committed together at most this many records…
MARK_SECONDS = 2.0  # …or this long after the oldest unsaved one
READ_AHEAD = 32  # queued versions whose bytes are read from the store together
DAMAGED_COPY = "its encrypted copy in the store is missing or damaged"


@dataclass(frozen=True)
class SendProgress:
    done: int
    total: int
    sent: int
    retry_in: float = 0.0  # seconds until the next try of a passing problem


@dataclass(frozen=True)
class SendReport:
    sent: int
    refused: int
    remaining: int
    problem: ServerProblem | None = None
    cancelled: bool = False
    held: int = 0  # left queued: their interview cannot be read with this flow (`unreadable`)
    damaged: int = 0  # their stored copy could not be used: marked damaged, rebuilt
    unreadable: tuple[FlowDoesNotFit, ...] = ()


@dataclass(frozen=True)
class SendStep:
    """One POST to make: a queued version's bytes and its try number."""

    item: OutboxItem
    manifest: bytes
    record: bytes
    attempt: int


@dataclass(frozen=True)
class StepOutcome:
    progress: SendProgress
    retry_in: float = 0.0  # wait this long, then take the next step (the same version again)
    report: SendReport | None = None  # the run is over


def post(client: CentralClient, step: SendStep) -> ServerProblem | None:
    """Network only (safe on a worker thread): None when Central took the record."""
    try:
        response = client.submit(step.manifest, [(RECORD_FILE, step.record)])
    except ServerProblem as error:
        return error
    return classify(response.status, response.body)


class SendRun:
    """Sends a snapshot of the queue in order; every store access happens in its methods."""

    def __init__(
        self,
        outbox: Outbox,
        queue: list[OutboxItem],
        retries: int,
        backoff: float,
        unreadable: tuple[FlowDoesNotFit, ...] = (),
    ):
        self.outbox = outbox
        self.queue = deque(queue)
        self.total = len(queue)
        self.retries = retries
        self.backoff = backoff
        self.sent = self.refused = self.done = self.held = self.damaged = 0
        self.unreadable = {error.interview_id: error for error in unreadable}
        self._attempt = 0
        self._states: dict[str, ItemState] = {}
        self._unsaved: list[str] = []  # sent, mark not yet committed
        self._oldest_unsaved = 0.0
        self._read_ahead: dict[str, tuple[bytes, bytes]] = {}  # instance id → bytes to post
        self._checks: dict[str, tuple[bool, bool]] = {}  # instance id → (queued, stale)…
        self._watch = ChangeWatch(outbox.store)
        self._marker: tuple[object, int] | None = None  # …as read after this change marker

    def _check(self, item: OutboxItem) -> tuple[bool, bool]:
        """(still queued, stale) as the store says right now, so that a withdrawal or a send by
        another window made before this POST wins. The answers for the next versions are read
        together, with a marker taken first; they stand for as long as the marker is unchanged
        (nothing was written to the store since), else they are read again."""
        marker = self._watch.marker()
        if marker != self._marker or item.instance_id not in self._checks:
            self._checks = post_checks(
                self.outbox.store, [each.instance_id for each in islice(self.queue, READ_AHEAD)]
            )
            self._marker = marker
        return self._checks.get(item.instance_id, (False, False))

    def _bytes_of(self, item: OutboxItem) -> tuple[bytes, bytes] | None:
        """The version's manifest and record; the next few versions' bytes come in the same
        read (one query per READ_AHEAD records, not one per record)."""
        if item.instance_id not in self._read_ahead:
            ahead = [each.instance_id for each in islice(self.queue, READ_AHEAD)]
            self._read_ahead = payloads(self.outbox.store, ahead)
        return self._read_ahead.get(item.instance_id)

    def save_marks(self) -> None:
        mark_sent(self.outbox.store, self._unsaved)
        self._unsaved = []

    def _progress(self, retry_in: float = 0.0) -> SendProgress:
        return SendProgress(self.done, self.total, self.sent, retry_in)

    def stop(self, problem: ServerProblem | None = None, cancelled: bool = False) -> SendReport:
        self.save_marks()
        self._watch.close()
        remaining = len(self.outbox.pending())
        return SendReport(
            self.sent,
            self.refused,
            remaining,
            problem,
            cancelled,
            self.held,
            self.damaged,
            tuple(self.unreadable.values()),
        )

    def next_step(self) -> SendStep | None:
        """The next version to post (None when the queue is done)."""
        store = self.outbox.store
        while self.queue:
            item = self.queue[0]
            queued, stale = self._check(item)
            if stale:  # new events since the last sync (a withdrawal must win): sync first
                synced = self.outbox.sync(item.interview_id)
                self.unreadable.update((error.interview_id, error) for error in synced.unreadable)
                queued, stale = self._check(item)
            if queued and stale:  # its events cannot be read: whether consent holds is unknown
                self.held += 1
                self._drop(item)
                continue
            if not queued:  # sent elsewhere, or its consent withdrawn meanwhile
                self._drop(item)
                continue
            data = self._bytes_of(item)
            if data is None:  # rebuilt from the interview's events, sent at the end of the run
                mark_damaged(store, item.instance_id, DAMAGED_COPY)
                self.damaged += 1
                self._drop(item)
                self._rebuild(item.interview_id)
                continue
            if item.deprecated_id in self._unsaved:
                self.save_marks()
            if self._states.get(item.deprecated_id or "") == ItemState.REFUSED:
                mark_attempt(store, item.instance_id, "the earlier version was refused", True)
                self._finish(item, ItemState.REFUSED)
                continue
            return SendStep(item, data[0], data[1], self._attempt)
        return None

    def _rebuild(self, interview_id: str) -> None:
        synced = self.outbox.sync(interview_id)
        self.unreadable.update((error.interview_id, error) for error in synced.unreadable)
        known = {each.instance_id for each in self.queue}
        fresh = [
            each
            for each in self.outbox.pending()
            if each.interview_id == interview_id and each.instance_id not in known
        ]
        self.queue.extend(fresh)
        self.total += len(fresh)

    def _drop(self, item: OutboxItem) -> None:
        self.queue.popleft()
        self._read_ahead.pop(item.instance_id, None)
        self.done += 1

    def _finish(self, item: OutboxItem, state: ItemState) -> None:
        self._states[item.instance_id] = state
        self.sent += state == ItemState.SENT
        self.refused += state == ItemState.REFUSED
        self._drop(item)
        self._attempt = 0

    def record(self, step: SendStep, problem: ServerProblem | None) -> StepOutcome:
        """Keep what the POST of `step` came to, and say what happens next."""
        store, item = self.outbox.store, step.item
        if problem is None:
            if not self._unsaved:
                self._oldest_unsaved = time.monotonic()
            self._unsaved.append(item.instance_id)
            if (
                len(self._unsaved) >= MARK_BATCH
                or time.monotonic() - self._oldest_unsaved >= MARK_SECONDS
            ):
                self.save_marks()
            self._finish(item, ItemState.SENT)
        elif not problem.stops_sending:
            mark_attempt(store, item.instance_id, problem.message, refused=True)
            self._finish(item, ItemState.REFUSED)
        elif not problem.retryable or step.attempt >= self.retries:
            mark_attempt(store, item.instance_id, problem.message)
            return StepOutcome(self._progress(), report=self.stop(problem))
        else:
            self._attempt = step.attempt + 1
            delay = self.backoff * (2**step.attempt)
            return StepOutcome(self._progress(delay), retry_in=delay)
        return StepOutcome(self._progress())


class FormDoesNotFit(KioskError):
    def __init__(self, flow: Flow) -> None:
        super().__init__(
            f"this copy of flow '{flow.id}' v{flow.version} is not the one the connected form "
            "was made from, so referrals built from it would not fit the form. Use the flow "
            "file you connected with (--flow FILE), or publish this flow's form (kiosk odk "
            "form) and connect again."
        )


class Outbox:
    """The outbox of one connected form: sync from the interviews, then send."""

    def __init__(self, store: Store, flow: Flow, connection: Connection) -> None:
        self.store = store
        self.flow = flow
        self.connection = connection
        self.layout: Layout = build_layout(flow, {})
        if connection.shape and shape_digest(expected_shape(self.layout)) != connection.shape:
            raise FormDoesNotFit(flow)

    def _ours(self, interview_id: str) -> bool:
        summary = self.store.interview(interview_id)
        return summary.flow_id == self.flow.id and summary.flow_version == self.flow.version

    def sync(self, interview_id: str | None = None) -> SyncResult:
        """Bring the outbox up to date with one interview, or with every unsynced one."""
        from kiosk.core.odk.outbox import interviews_to_sync

        ids = [interview_id] if interview_id else interviews_to_sync(self.store)
        queued = withdrawn = 0
        unreadable: list[FlowDoesNotFit] = []
        for each in ids:
            if not self._ours(each):
                continue
            try:
                result = sync_interview(
                    self.store, self.flow, self.layout, self.connection.target, each
                )
            except FlowDoesNotFit as error:  # left unsynced: its referrals wait, the rest go on
                unreadable.append(error)
                continue
            queued += result.queued
            withdrawn += result.withdrawn
        return SyncResult(queued, withdrawn, tuple(unreadable))

    def counts(self) -> dict[ItemState, int]:
        found = {state: 0 for state in ItemState}
        for state, count in storage.read(
            self.store, "SELECT state, count(*) FROM odk_outbox GROUP BY state"
        ):
            found[item_state(state)] += count
        return found

    def pending(self) -> list[OutboxItem]:
        """What this connection sends: queued for its form and encrypted for its key."""
        return queued_for(self.store, self.connection.target)

    def start_run(self, retries: int = 4, backoff: float = 1.0) -> SendRun:
        """A send run: store work on the caller's thread, only `post` touches the network."""
        synced = self.sync()
        return SendRun(self, self.pending(), retries, backoff, synced.unreadable)

    def send(
        self,
        client: CentralClient,
        *,
        progress: Callable[[SendProgress], None] | None = None,
        cancel: threading.Event | None = None,
        retries: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] | None = None,
    ) -> SendReport:
        """Send everything queued, in order (the command line's loop over a `SendRun`)."""
        cancel = cancel or threading.Event()
        wait = sleep or (lambda seconds: cancel.wait(seconds) and None)
        run = self.start_run(retries, backoff)
        while (step := run.next_step()) is not None:
            if cancel.is_set():
                return run.stop(cancelled=True)
            outcome = run.record(step, post(client, step))
            if outcome.report is not None:
                return outcome.report
            if progress:
                progress(outcome.progress)
            if outcome.retry_in:
                wait(outcome.retry_in)
        return run.stop()


def sync_if_connected(store: Store, flow: Flow, interview_id: str) -> SyncResult:
    """After an interview closes or gets a review event: bring its outbox entries up to date
    (nothing when no server is connected, or the connected form is for another flow)."""
    from kiosk.core.odk.link import load_connection

    connection = load_connection(store)
    if connection is None or connection.flow_id != flow.id:
        return SyncResult()
    return Outbox(store, flow, connection).sync(interview_id)
