"""The outbox: encrypted referral submissions waiting in the store, and what was sent.

The outbox follows the interview's events. `sync_interview` looks at a closed interview: for
every recipient its referral consent covers, it builds the submission, and when what the receiver
would see differs from the last version queued or sent, it encrypts a new version (an edit with
`deprecatedID` once an earlier one exists) and queues it — the new row and the interview's
synced position in one transaction. A recipient whose consent was withdrawn has its unsent
versions marked `withdrawn`: they are never sent. Running it again changes nothing, so a crash
between an interview's last event and its queueing is caught up by the next sync.

Only the manifest and the encrypted record are kept: the plaintext exists in memory while it is
encrypted, never on disk outside the encrypted store.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import KioskError
from kiosk.core.events import Event, now_iso
from kiosk.core.interview_rules import InterviewState, RecordDoesNotFitFlow, fold
from kiosk.core.odk.consent import referral_consents
from kiosk.core.odk.encryption import encrypt_record, load_public_key
from kiosk.core.odk.layout import Layout
from kiosk.core.odk.submission import build_body

if TYPE_CHECKING:
    from kiosk.core.flow import Flow
    from kiosk.core.store import Store

from kiosk.core.odk import storage


class ItemState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    WITHDRAWN = "withdrawn"  # consent withdrawn before it was sent: never sent
    REFUSED = "refused"  # the server refused it for good (e.g. a conflicting record)
    DAMAGED = "damaged"  # its row or its encrypted copy in the store cannot be used: never sent


class FlowDoesNotFit(KioskError):
    """The flow at hand cannot read an interview of the store (a different copy of the flow
    with the same id and version): its referrals wait, nothing is built from a wrong reading."""

    def __init__(self, interview_id: str, flow: Flow, detail: str) -> None:
        super().__init__(
            f"interview {interview_id} cannot be read with this copy of flow '{flow.id}' "
            f"v{flow.version} ({detail}); its referrals wait. Use the flow file the interview "
            "was recorded with (--flow FILE)."
        )
        self.interview_id = interview_id


def read_interview(flow: Flow, interview_id: str, events: list[Event]) -> InterviewState:
    """The interview's state, or `FlowDoesNotFit` when its events name what the flow lacks."""
    try:
        return fold(flow, events)
    except RecordDoesNotFitFlow as error:
        raise FlowDoesNotFit(interview_id, flow, f"it has no '{error.name}'") from None


@dataclass(frozen=True)
class OutboxItem:
    instance_id: str
    interview_id: str
    recipient: str
    version: int
    deprecated_id: str | None
    form_id: str
    form_version: str
    digest: str
    state: ItemState
    attempts: int
    created_at: str
    sent_at: str | None
    problem: str | None

    def __repr__(self) -> str:
        return f"OutboxItem({self.instance_id}, v{self.version}, {self.state})"


@dataclass(frozen=True)
class FormTarget:
    """The published form the outbox encrypts for (from `kiosk odk connect`)."""

    form_id: str
    form_version: str
    public_key: str  # base64 DER, as the XForm carries it


_ITEM_COLUMNS = (
    "instance_id, interview_id, recipient, version, deprecated_id, form_id, form_version, digest,"
    " state, attempts, created_at, sent_at, problem"
)


def item_state(value: object) -> ItemState:
    """A row's state; anything unknown (a damaged row) counts as damaged and is never sent."""
    try:
        return ItemState(str(value))
    except ValueError:
        return ItemState.DAMAGED


def _item(row: tuple[Any, ...]) -> OutboxItem:
    values = list(row)
    values[8] = item_state(values[8])
    return OutboxItem(*values)


def key_digest(public_key: str) -> str:
    """Which project key a version is encrypted for (the form's base64 key, hashed)."""
    return hashlib.sha256(public_key.encode("ascii", "replace")).hexdigest()[:32]


def items(store: Store, state: ItemState | None = None) -> list[OutboxItem]:
    sql = f"SELECT {_ITEM_COLUMNS} FROM odk_outbox"
    params: tuple[Any, ...] = ()
    if state is not None:
        sql += " WHERE state = ?"
        params = (state.value,)
    sql += " ORDER BY created_at, interview_id, recipient, version"
    return [_item(row) for row in storage.read(store, sql, params)]


def queued_for(store: Store, target: FormTarget) -> list[OutboxItem]:
    """Queued versions of this form encrypted for its key, in the order they were queued."""
    rows = storage.read(
        store,
        f"SELECT {_ITEM_COLUMNS} FROM odk_outbox WHERE state = 'queued' AND form_id = ?"
        " AND (key_digest IS NULL OR key_digest = ?)"
        " ORDER BY created_at, interview_id, recipient, version",
        (target.form_id, key_digest(target.public_key)),
    )
    return [_item(row) for row in rows]


def queued_elsewhere(store: Store, target: FormTarget) -> int:
    """Queued versions this connection will not send: for another form or another key."""
    rows = storage.read(
        store,
        "SELECT count(*) FROM odk_outbox WHERE state = 'queued' AND NOT (form_id = ?"
        " AND (key_digest IS NULL OR key_digest = ?))",
        (target.form_id, key_digest(target.public_key)),
    )
    return int(rows[0][0])


def post_checks(store: Store, instance_ids: list[str]) -> dict[str, tuple[bool, bool]]:
    """Per version: (still queued, its interview has events the outbox has not looked at yet),
    in one read. A version not in the answer is gone."""
    marks = ", ".join("?" * len(instance_ids))
    rows = storage.read(
        store,
        "SELECT o.instance_id, o.state = 'queued',"
        " coalesce((SELECT seq FROM odk_synced WHERE interview_id = o.interview_id), 0)"
        " < (SELECT max(seq) FROM events WHERE interview_id = o.interview_id)"
        f" FROM odk_outbox AS o WHERE o.instance_id IN ({marks})",
        tuple(instance_ids),
    )
    return {instance_id: (bool(queued), bool(stale)) for instance_id, queued, stale in rows}


def _intact(instance_id: str, manifest: object, record: object) -> bool:
    """Cheap signs that the stored copy is whole: the manifest names this version, and the
    record is AES ciphertext of PKCS#7-padded bytes (whole 16-byte blocks)."""
    return (
        isinstance(manifest, bytes)
        and isinstance(record, bytes)
        and manifest.startswith(b"<")
        and instance_id.encode() in manifest
        and len(record) > 0
        and len(record) % 16 == 0
    )


def payloads(store: Store, instance_ids: list[str]) -> dict[str, tuple[bytes, bytes]]:
    """(manifest, encrypted submission.xml) of these versions, in one read; a version whose
    copy is missing or damaged is left out. A version's bytes never change once queued, so
    they may be read ahead of the check before their POST."""
    marks = ", ".join("?" * len(instance_ids))
    rows = storage.read(
        store,
        f"SELECT instance_id, manifest, payload FROM odk_records WHERE instance_id IN ({marks})",
        tuple(instance_ids),
    )
    return {
        instance_id: (manifest, record)
        for instance_id, manifest, record in rows
        if _intact(instance_id, manifest, record)
    }


def payload(store: Store, instance_id: str) -> tuple[bytes, bytes]:
    """(manifest, encrypted submission.xml) of one queued version."""
    return payloads(store, [instance_id])[instance_id]


def _latest(store: Store, interview_id: str) -> dict[str, OutboxItem]:
    rows = storage.read(
        store,
        f"SELECT {_ITEM_COLUMNS} FROM odk_outbox WHERE interview_id = ? ORDER BY version",
        (interview_id,),
    )
    latest: dict[str, OutboxItem] = {}
    for row in rows:
        item = _item(row)
        latest[item.recipient] = item
    return latest


def _live(store: Store, interview_id: str, recipient: str) -> OutboxItem | None:
    """The newest version that was queued or sent: the one an edit replaces."""
    rows = storage.read(
        store,
        f"SELECT {_ITEM_COLUMNS} FROM odk_outbox WHERE interview_id = ? AND recipient = ?"
        " AND state IN ('queued', 'sent') ORDER BY version DESC LIMIT 1",
        (interview_id, recipient),
    )
    return _item(rows[0]) if rows else None


@dataclass(frozen=True)
class SyncResult:
    queued: int = 0
    withdrawn: int = 0
    unreadable: tuple[FlowDoesNotFit, ...] = ()  # interviews left as they were (see the error)


def sync_interview(
    store: Store, flow: Flow, layout: Layout, target: FormTarget, interview_id: str
) -> SyncResult:
    """Queue what the interview's consent covers now; withdraw what it no longer covers."""
    events = store.events(interview_id)
    if not events:
        return SyncResult()
    state = read_interview(flow, interview_id, events)
    last_seq = events[-1].seq
    consents = referral_consents(state)
    latest = _latest(store, interview_id)
    new_rows: list[tuple[Any, ...]] = []
    records: list[tuple[str, bytes, bytes]] = []
    # Consent withdrawn, even while a resumed interview is open: unsent versions never go.
    withdraw = [
        item.instance_id
        for recipient, item in latest.items()
        if recipient not in consents and item.state == ItemState.QUEUED
    ]
    if state.is_closed and consents:
        key = load_public_key(target.public_key)
        for recipient, consent in consents.items():
            body = build_body(layout, state, consent, events[0].at)
            previous = latest.get(recipient)
            if (
                previous is not None
                and previous.state not in (ItemState.WITHDRAWN, ItemState.DAMAGED)
                and (previous.digest == body.digest)
            ):
                continue
            live = _live(store, interview_id, recipient)
            instance_id = f"uuid:{uuid.uuid4()}"
            deprecated = live.instance_id if live is not None else None
            record = encrypt_record(
                body.xml(instance_id, deprecated, target.form_version),
                form_id=target.form_id,
                form_version=target.form_version,
                instance_id=instance_id,
                public_key=key,
                deprecated_id=deprecated,
            )
            version = (previous.version + 1) if previous is not None else 1
            new_rows.append(
                (
                    instance_id,
                    interview_id,
                    recipient,
                    version,
                    deprecated,
                    target.form_id,
                    target.form_version,
                    body.digest,
                    ItemState.QUEUED.value,
                    now_iso(),
                    key_digest(target.public_key),
                )
            )
            records.append((instance_id, record.manifest, record.files[-1].data))
    expected = {recipient: item.version for recipient, item in latest.items()}
    with storage.transaction(store) as db:
        # Another window or command may have queued the same versions meanwhile: then it wins.
        now = {
            recipient: version
            for recipient, version in db.execute(
                "SELECT recipient, max(version) FROM odk_outbox WHERE interview_id = ?"
                " GROUP BY recipient",
                (interview_id,),
            ).fetchall()
        }
        if now != expected:
            return SyncResult()
        db.executemany(
            "INSERT INTO odk_outbox (instance_id, interview_id, recipient, version, deprecated_id,"
            " form_id, form_version, digest, state, created_at, key_digest)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new_rows,
        )
        db.executemany(
            "INSERT INTO odk_records (instance_id, manifest, payload) VALUES (?, ?, ?)", records
        )
        db.executemany(
            "UPDATE odk_outbox SET state = 'withdrawn' WHERE instance_id = ? AND state = 'queued'",
            [(instance_id,) for instance_id in withdraw],
        )
        db.execute(
            "INSERT INTO odk_synced (interview_id, seq) VALUES (?, ?)"
            " ON CONFLICT (interview_id) DO UPDATE SET seq = excluded.seq",
            (interview_id, last_seq),
        )
    return SyncResult(queued=len(new_rows), withdrawn=len(withdraw))


_UNSYNCED = (
    "SELECT i.id FROM interviews AS i LEFT JOIN odk_synced AS s ON s.interview_id = i.id"
    " WHERE coalesce(s.seq, 0) < (SELECT max(seq) FROM events WHERE interview_id = i.id)"
)


def interviews_to_sync(store: Store) -> list[str]:
    """Interviews with events the outbox has not looked at yet."""
    return [row[0] for row in storage.read(store, _UNSYNCED)]


def mark_sent(store: Store, instance_ids: list[str]) -> None:
    """Record Central's 201 for these versions, in one transaction."""
    if not instance_ids:
        return
    with storage.bookkeeping(store) as db:
        db.executemany(
            "UPDATE odk_outbox SET state = 'sent', sent_at = ?, problem = NULL"
            " WHERE instance_id = ?",
            [(now_iso(), instance_id) for instance_id in instance_ids],
        )


def mark_damaged(store: Store, instance_id: str, problem: str) -> None:
    """A version whose stored copy cannot be used: never sent. Its interview is looked at
    again by the next sync, which queues a fresh version built from the events."""
    with storage.transaction(store) as db:
        db.execute(
            "UPDATE odk_outbox SET state = 'damaged', problem = ? WHERE instance_id = ?",
            (problem, instance_id),
        )
        db.execute(
            "DELETE FROM odk_synced WHERE interview_id ="
            " (SELECT interview_id FROM odk_outbox WHERE instance_id = ?)",
            (instance_id,),
        )


def mark_attempt(
    store: Store, instance_id: str, problem: str | None, refused: bool = False
) -> None:
    with storage.transaction(store) as db:
        db.execute(
            "UPDATE odk_outbox SET attempts = attempts + 1, problem = ?,"
            " state = CASE WHEN ? THEN 'refused' ELSE state END WHERE instance_id = ?",
            (problem, refused, instance_id),
        )
