"""Sending the outbox to Central: in order, each version once, resumable after anything.

A version is marked `sent` only after the server said 201, in its own transaction. A kill or a
lost answer between the two leaves it queued, and the next run posts the very same bytes again:
Central answers a repeat of the same instanceID with identical XML with 201 and keeps one record,
so nothing is lost and nothing arrives twice. An edit goes only after the version it replaces.

Problems that would hit every record (offline, wrong token, closed form, full server) stop the
run with their plain message; passing ones (5xx, timeouts, a dropped connection) are retried a
few times with growing waits first. A record the server refuses for good is marked `refused`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.core.odk import storage
from kiosk.core.odk.client import CentralClient, ServerProblem, classify
from kiosk.core.odk.encryption import ENCRYPTED_SUFFIX, SUBMISSION_XML
from kiosk.core.odk.layout import Layout, build_layout
from kiosk.core.odk.link import Connection
from kiosk.core.odk.outbox import (
    ItemState,
    OutboxItem,
    SyncResult,
    item_by_id,
    items,
    mark_attempt,
    mark_sent,
    needs_sync,
    payload,
    sync_interview,
)

if TYPE_CHECKING:
    from kiosk.core.flow import Flow
    from kiosk.core.store import Store

RECORD_FILE = SUBMISSION_XML + ENCRYPTED_SUFFIX


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


class Outbox:
    """The outbox of one connected form: sync from the interviews, then send."""

    def __init__(self, store: Store, flow: Flow, connection: Connection) -> None:
        self.store = store
        self.flow = flow
        self.connection = connection
        self.layout: Layout = build_layout(flow, {})

    def _ours(self, interview_id: str) -> bool:
        summary = self.store.interview(interview_id)
        return summary.flow_id == self.flow.id and summary.flow_version == self.flow.version

    def sync(self, interview_id: str | None = None) -> SyncResult:
        """Bring the outbox up to date with one interview, or with every unsynced one."""
        from kiosk.core.odk.outbox import interviews_to_sync

        ids = [interview_id] if interview_id else interviews_to_sync(self.store)
        queued = withdrawn = 0
        for each in ids:
            if not self._ours(each):
                continue
            result = sync_interview(
                self.store, self.flow, self.layout, self.connection.target, each
            )
            queued += result.queued
            withdrawn += result.withdrawn
        return SyncResult(queued, withdrawn)

    def counts(self) -> dict[ItemState, int]:
        found = {state: 0 for state in ItemState}
        for state, count in storage.read(
            self.store, "SELECT state, count(*) FROM odk_outbox GROUP BY state"
        ):
            found[ItemState(state)] = count
        return found

    def pending(self) -> list[OutboxItem]:
        return [
            item
            for item in items(self.store, ItemState.QUEUED)
            if item.form_id == self.connection.target.form_id
        ]

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
        cancel = cancel or threading.Event()
        wait = sleep or (lambda seconds: cancel.wait(seconds) and None)
        self.sync()
        queue = self.pending()
        total, sent, refused, done = len(queue), 0, 0, 0
        states: dict[str, ItemState] = {}

        def report(problem: ServerProblem | None = None, cancelled: bool = False) -> SendReport:
            return SendReport(sent, refused, len(self.pending()), problem, cancelled)

        for item in queue:
            if cancel.is_set():
                return report(cancelled=True)
            current = self._current(item)
            if current is None:
                done += 1
                continue
            base = states.get(current.deprecated_id or "")
            if base == ItemState.REFUSED:
                mark_attempt(self.store, item.instance_id, "the earlier version was refused", True)
                refused += 1
                done += 1
                states[item.instance_id] = ItemState.REFUSED
                continue
            manifest, record = payload(self.store, item.instance_id)
            for attempt in range(retries + 1):
                try:
                    response = client.submit(manifest, [(RECORD_FILE, record)])
                    problem = classify(response.status, response.body)
                except ServerProblem as error:
                    problem = error
                if problem is None:
                    mark_sent(self.store, item.instance_id)
                    states[item.instance_id] = ItemState.SENT
                    sent += 1
                    break
                if not problem.stops_sending:
                    mark_attempt(self.store, item.instance_id, problem.message, refused=True)
                    states[item.instance_id] = ItemState.REFUSED
                    refused += 1
                    break
                if not problem.retryable or attempt == retries or cancel.is_set():
                    mark_attempt(self.store, item.instance_id, problem.message)
                    return report(problem, cancelled=cancel.is_set())
                delay = backoff * (2**attempt)
                if progress:
                    progress(SendProgress(done, total, sent, retry_in=delay))
                wait(delay)
            done += 1
            if progress:
                progress(SendProgress(done, total, sent))
        return report()

    def _current(self, item: OutboxItem) -> OutboxItem | None:
        """The item as it stands now (consent may have been withdrawn meanwhile), if queued."""
        if needs_sync(self.store, item.interview_id):
            self.sync(item.interview_id)
        fresh = item_by_id(self.store, item.instance_id)
        return fresh if fresh is not None and fresh.state == ItemState.QUEUED else None
