"""The client against a local stand-in for Central (tests/fixtures/central.py): what Central
answers, and what Lantern does about it — sent once, retried when it may help, stopped with
plain words when it cannot, never a record lost or sent twice (real SIGKILLs included)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.odk.client import CentralClient, Problem
from kiosk.core.odk.connect import connect
from kiosk.core.odk.encryption import decrypt_record, public_key_base64
from kiosk.core.odk.form import referral_form
from kiosk.core.odk.layout import form_id, form_version
from kiosk.core.odk.link import load_connection, parse_link, save_connection
from kiosk.core.odk.outbox import ItemState, items
from kiosk.core.odk.sender import Outbox
from kiosk.core.store import Store
from tests.fixtures.central import Central
from tests.fixtures.core import PASSPHRASE
from tests.fixtures.odk import KHMER_TEXT, referred, walk


@pytest.fixture
def demo_flow(referral_flow: Flow) -> Flow:
    """Here the demo flow asks the person about each recipient (tests/data/flows/demo_referral)."""
    return referral_flow


REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "tests" / "data" / "flows" / "demo_referral.yaml"  # consent per recipient


SUFFIX = "[encrypted:AZvCq7Hx]"


def with_key(xform: str, public_b64: str) -> bytes:
    """What Central's managed encryption does to a published form: the key in <submission>,
    and a suffix on the version ("1.1" becomes "1.1[encrypted:…]")."""
    submission = f'<submission method="form-data-post" base64RsaPublicKey="{public_b64}"/>'
    xform = xform.replace('version="1.1"', f'version="1.1{SUFFIX}"', 1)
    return xform.replace("</model>", submission + "</model>", 1).encode()


@pytest.fixture(scope="module")
def demo_xform(project_key) -> bytes:
    from kiosk.core.flow_loader import load_flow

    xml, _ = referral_form(load_flow(DEMO), {})
    return with_key(xml, public_key_base64(project_key.public_key()))


@pytest.fixture
def server(central: Central, demo_flow: Flow, demo_xform: bytes) -> Central:
    central.state.form_id = form_id(demo_flow)
    central.state.form_version = form_version(demo_flow) + SUFFIX
    central.state.form_xml = demo_xform
    return central


def _queue(store: Store, flow: Flow, count: int, text: str = KHMER_TEXT) -> list[str]:
    ids = []
    for _ in range(count):
        session = InterviewSession.start(store, flow, "km")
        walk(session, text)
        session.add_disclosure(text)
        session.give_consent("referral")
        referred(session, "medical", "note")
        ids.append(session.interview_id)
    return ids


def _connected(store: Store, flow: Flow, server: Central) -> Outbox:
    link = parse_link(server.link())
    with CentralClient(link, timeout=5) as client:
        connection = connect(link, flow, client)
    save_connection(store, connection)
    return Outbox(store, flow, connection)


def _send(outbox: Outbox, timeout: float = 5.0, **kwargs):
    waits: list[float] = []
    with CentralClient(outbox.connection.link, timeout=timeout) as client:
        report = outbox.send(client, sleep=waits.append, **kwargs)
    return report, waits


def test_connect_takes_the_forms_key_and_keeps_the_token_in_the_store(
    store: Store,
    demo_flow: Flow,
    server: Central,
    project_key,
    kiosk_home: Path,
) -> None:
    _connected(store, demo_flow, server)
    loaded = load_connection(store)
    assert loaded is not None
    assert loaded.target.public_key == public_key_base64(project_key.public_key())
    assert loaded.link.token not in loaded.link.display_url and "key" not in repr(loaded.link)
    for root, _dirs, files in os.walk(kiosk_home):
        for name in files:  # the token is inside the encrypted store only
            assert loaded.link.token.encode() not in (Path(root) / name).read_bytes()


def test_an_unencrypted_form_is_refused(store, demo_flow, server) -> None:
    from kiosk.core.odk.link import LinkError

    server.state.form_xml = referral_form(demo_flow, {})[0].encode()
    with pytest.raises(LinkError, match="not encrypted"):
        _connected(store, demo_flow, server)
    assert load_connection(store) is None


def test_sent_records_arrive_once_and_open_with_the_project_key(
    store,
    demo_flow,
    server,
    project_key,
) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 3)
    report, _ = _send(outbox)
    assert (report.sent, report.remaining, report.problem) == (3, 0, None)
    assert sorted(server.state.current_ids()) == sorted(i.instance_id for i in items(store))
    for record in server.state.records.values():
        opened = decrypt_record(record.xml, record.files, project_key)
        assert opened.signature_checked and KHMER_TEXT.encode() in opened.submission_xml
        assert KHMER_TEXT.encode() not in record.xml + b"".join(record.files.values())


def test_a_repeat_of_the_same_bytes_is_accepted_and_kept_once(store, demo_flow, server) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 1)
    outbox.sync()
    (item,) = outbox.pending()
    from kiosk.core.odk.outbox import payload

    manifest, record = payload(store, item.instance_id)
    with CentralClient(outbox.connection.link) as client:
        first = client.submit(manifest, [("submission.xml.enc", record)])
        again = client.submit(manifest, [("submission.xml.enc", record)])
    assert (first.status, again.status) == (201, 201)
    report, _ = _send(outbox)  # and the outbox's own send of it is a third repeat
    assert report.sent == 1 and len(server.state.records) == 1


def test_a_conflicting_record_is_refused_and_the_rest_still_go(store, demo_flow, server) -> None:
    from tests.fixtures.central import Record

    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 2)
    outbox.sync()
    first = outbox.pending()[0]
    server.state.records[first.instance_id] = Record(b"<other/>", {})
    report, _ = _send(outbox)
    assert (report.sent, report.refused, report.problem) == (1, 1, None)
    refused = next(i for i in items(store) if i.instance_id == first.instance_id)
    assert refused.state == ItemState.REFUSED and "different record" in (refused.problem or "")


@pytest.mark.parametrize(
    ("token", "expected"),
    [("not-a-token", Problem.TOKEN), ("B" * 64, Problem.TOKEN)],  # 401 malformed, 403 unknown
)
def test_a_bad_token_stops_with_plain_words(store, demo_flow, server, token, expected) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 2)
    from dataclasses import replace

    bad = replace(outbox.connection, link=replace(outbox.connection.link, token=token))
    report, waits = _send(Outbox(store, demo_flow, bad))
    assert report.problem is not None and report.problem.problem == expected
    assert "access link" in report.problem.message and token not in report.problem.message
    assert (report.sent, report.remaining, waits) == (0, 2, [])


def test_server_errors_are_retried_with_growing_waits(store, demo_flow, server) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 1)
    server.state.faults = ["500", "503", "502"]
    report, waits = _send(outbox, backoff=0.5)
    assert report.sent == 1 and waits == [0.5, 1.0, 2.0]


def test_a_full_server_stops_after_its_retries_and_keeps_everything(
    store, demo_flow, server
) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 2)
    server.state.faults = ["507"] * 3
    report, waits = _send(outbox, retries=2)
    assert report.problem is not None and report.problem.problem == Problem.SERVER_FULL
    assert "no room" in report.problem.message
    assert (report.sent, report.remaining, len(waits)) == (0, 2, 2)
    assert server.state.records == {}


def test_a_timeout_and_dropped_connections_lose_nothing(store, demo_flow, server) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 2)
    server.state.faults = ["stall", "drop", "drop_after_store"]
    report, waits = _send(outbox, timeout=0.5)
    assert (report.sent, report.remaining, report.problem) == (2, 0, None)
    assert len(waits) == 3
    assert len(server.state.records) == 2  # the record stored before the drop came back as 201


def test_a_closed_form_and_a_gone_one_say_so(store, demo_flow, server) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 1)
    server.state.form_state = "closing"
    report, _ = _send(outbox)
    assert report.problem is not None and report.problem.problem == Problem.FORM_CLOSED
    server.state.form_state = "gone"
    report, _ = _send(outbox)
    assert report.problem is not None and report.problem.problem == Problem.FORM_MISSING
    assert report.remaining == 1


def test_offline_says_so_and_keeps_the_queue(store, demo_flow, server) -> None:
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 1)
    from dataclasses import replace

    gone = replace(outbox.connection, link=replace(outbox.connection.link, port=1))
    report, waits = _send(Outbox(store, demo_flow, gone), retries=1)
    assert report.problem is not None and report.problem.problem == Problem.OFFLINE
    assert "cannot be reached" in report.problem.message and report.remaining == 1


def test_a_correction_after_sending_replaces_the_record_on_the_server(
    store,
    demo_flow,
    server,
    project_key,
) -> None:
    outbox = _connected(store, demo_flow, server)
    (interview,) = _queue(store, demo_flow, 1)
    _send(outbox)
    session = InterviewSession.resume(store, demo_flow, interview)
    session.correct("sector", "the person explained", "other")
    report, _ = _send(outbox)
    assert report.sent == 1
    (current,) = server.state.current_ids()
    record = server.state.records[current]
    assert (
        record.deprecated_id is not None and not server.state.records[record.deprecated_id].current
    )
    opened = decrypt_record(record.xml, record.files, project_key)
    assert b"<sector><state>answered</state><value>other</value>" in opened.submission_xml


def test_a_withdrawal_during_a_run_wins_over_bytes_already_read_ahead(
    store, demo_flow, server, monkeypatch
) -> None:
    """Records' bytes are read a few at a time, but whether each may still go is checked right
    before its POST: consent withdrawn mid-run stops a record whose bytes were already read."""
    from kiosk.core.odk import sender

    monkeypatch.setattr(sender, "READ_AHEAD", 3)
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 5)
    outbox.sync()
    withdrawn = items(store, ItemState.QUEUED)[2].interview_id  # in the first read-ahead

    def withdraw_after_the_first(progress) -> None:
        if progress.sent == 1:
            InterviewSession.resume(store, demo_flow, withdrawn).withdraw_consent("referral")

    report, _ = _send(outbox, progress=withdraw_after_the_first)
    assert (report.sent, report.remaining, report.problem) == (4, 0, None)
    states = {item.interview_id: item.state for item in items(store)}
    assert states.pop(withdrawn) == ItemState.WITHDRAWN
    assert set(states.values()) == {ItemState.SENT}
    assert sorted(server.state.current_ids()) == sorted(
        item.instance_id for item in items(store, ItemState.SENT)
    )


@pytest.mark.parametrize("watch", ["wal-index header", "sql marker"])
@pytest.mark.parametrize("where", ["this connection", "another connection"])
def test_a_withdrawal_mid_send_wins_over_checks_already_read(
    store, demo_flow, server, kiosk_home: Path, where: str, watch: str, monkeypatch
) -> None:
    """Whether each record may still go is read for several records at once and trusted only
    while nothing was committed since: a withdrawal mid-run, through the sender's own store
    connection (the window) or another one (another window or command), is never sent."""
    from kiosk.core.odk.storage import ChangeWatch

    if watch == "sql marker":  # no -shm mapping: PRAGMA data_version + total_changes
        monkeypatch.setattr(ChangeWatch, "HEADER", 1 << 40)
    outbox = _connected(store, demo_flow, server)
    _queue(store, demo_flow, 6)
    outbox.sync()
    queued = items(store, ItemState.QUEUED)
    withdrawn = {queued[3].interview_id, queued[5].interview_id}
    other = (
        store if where == "this connection" else Store.open(kiosk_home / "lantern.db", PASSPHRASE)
    )

    def withdraw_mid_run(progress) -> None:
        if progress.sent == 2:
            for interview_id in withdrawn:
                session = InterviewSession.resume(other, demo_flow, interview_id)
                session.withdraw_consent("referral")

    try:
        report, _ = _send(outbox, progress=withdraw_mid_run)
    finally:
        if other is not store:
            other.close()
    assert (report.sent, report.remaining, report.problem) == (4, 0, None)
    states = {item.interview_id: item.state for item in items(store)}
    assert {states.pop(each) for each in withdrawn} == {ItemState.WITHDRAWN}
    assert set(states.values()) == {ItemState.SENT}
    assert sorted(server.state.current_ids()) == sorted(
        item.instance_id for item in items(store, ItemState.SENT)
    )


def _kiosk(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "KIOSK_HOME": str(home), "KIOSK_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_cli_connect_status_send(store, demo_flow, server, kiosk_home: Path) -> None:
    _queue(store, demo_flow, 2)
    store.close()
    connect_run = subprocess.run(
        [sys.executable, "-m", "kiosk", "odk", "connect", "-", "--flow", str(DEMO)],
        input=server.link() + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KIOSK_HOME": str(kiosk_home), "KIOSK_PASSPHRASE": PASSPHRASE},
    )
    assert connect_run.returncode == 0, connect_run.stderr
    assert "encrypted" in connect_run.stdout and "key/" not in connect_run.stdout
    status = _kiosk(kiosk_home, "odk", "status", "--flow", str(DEMO))
    out, err = status.communicate(timeout=60)
    assert status.returncode == 0, err
    assert "2 waiting, 0 sent" in out
    send = _kiosk(kiosk_home, "odk", "send", "--flow", str(DEMO))
    out, err = send.communicate(timeout=60)
    assert send.returncode == 0, err
    assert "Sent 2 referral(s)" in out and len(server.state.records) == 2
    server.state.form_state = "closing"
    _queue(Store.open(kiosk_home / "lantern.db", PASSPHRASE), demo_flow, 1)
    send = _kiosk(kiosk_home, "odk", "send", "--flow", str(DEMO))
    out, err = send.communicate(timeout=60)
    assert send.returncode == 1 and "closed or withdrawn" in err and "Traceback" not in err


def test_sigkill_mid_send_loses_nothing_and_sends_nothing_twice(
    store,
    demo_flow,
    server,
    kiosk_home: Path,
) -> None:
    _connected(store, demo_flow, server)
    queued = 24
    _queue(store, demo_flow, queued)
    store.close()
    server.state.delay = 0.05
    kills = 0
    for round_number in range(10):
        # Kill at a different point each time: early, then after a batch of marks was saved.
        before = server.state.posts
        run = _kiosk(kiosk_home, "odk", "send", "--flow", str(DEMO))
        deadline = time.monotonic() + 60
        while server.state.posts < before + 3 + 11 * round_number and run.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        if run.poll() is None:
            os.kill(run.pid, signal.SIGKILL)
            kills += 1
        run.communicate(timeout=60)
        if len(server.state.current_ids()) == queued and run.returncode == 0:
            break
    assert kills >= 2
    final = _kiosk(kiosk_home, "odk", "send", "--flow", str(DEMO))
    out, _err = final.communicate(timeout=60)
    assert final.returncode == 0 and "0 waiting" in out
    reopened = Store.open(kiosk_home / "lantern.db", PASSPHRASE)
    every, sent = items(reopened), items(reopened, ItemState.SENT)
    reopened.close()
    assert len(every) == len(sent) == queued
    assert sorted(server.state.records) == sorted(item.instance_id for item in sent)
    assert len(server.state.current_ids()) == queued  # each arrived exactly once
