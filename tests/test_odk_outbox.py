"""The outbox follows consent: nothing is built without it, withdrawn consent stops what was not
sent, a later correction becomes an edit, sensitive answers go only with the person's agreement.
Every queued record is opened with the project's private key through the verified path."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.odk.encryption import decrypt_record, parse_manifest
from kiosk.core.odk.outbox import ItemState, items, mark_sent, payload
from kiosk.core.odk.sender import Outbox
from kiosk.core.store import Store
from tests.fixtures.odk import KHMER_TEXT, connection_for, referred, walk


@pytest.fixture
def outbox(store: Store, demo_flow: Flow, project_key) -> Outbox:
    return Outbox(store, demo_flow, connection_for(demo_flow, project_key))


def _finished(store: Store, flow: Flow) -> InterviewSession:
    session = InterviewSession.start(store, flow, "km")
    walk(session)
    assert session.state.status == "finished"
    return session


def _consented(store: Store, flow: Flow, *recipients: str) -> InterviewSession:
    """A finished interview with referral consent, referred to each recipient."""
    session = _finished(store, flow)
    session.give_consent("referral")
    for recipient in recipients or ("medical",):
        referred(session, recipient)
    return session


def _opened(store: Store, key, instance_id: str) -> ElementTree.Element:
    manifest, record = payload(store, instance_id)
    opened = decrypt_record(manifest, {"submission.xml.enc": record}, key)
    assert opened.signature_checked
    return ElementTree.fromstring(opened.submission_xml)


def test_nothing_is_built_without_referral_consent(store, demo_flow, outbox) -> None:
    session = _finished(store, demo_flow)
    referred(session)  # staff decided, but the person gave no referral consent
    assert outbox.sync().queued == 0
    assert items(store) == []


def test_consent_and_a_recipient_queue_one_encrypted_record(
    store,
    demo_flow,
    outbox,
    project_key,
) -> None:
    session = _finished(store, demo_flow)
    session.give_consent("referral")
    referred(session, "medical", "Please call before the visit.")
    assert outbox.sync().queued == 1
    (item,) = items(store)
    assert (item.recipient, item.version, item.state, item.deprecated_id) == (
        "medical",
        1,
        ItemState.QUEUED,
        None,
    )
    xml = _opened(store, project_key, item.instance_id)
    assert xml.findtext("meta/instanceID") == item.instance_id
    assert xml.findtext("referral/recipient") == "medical"
    assert xml.findtext("referral/staff_note") == "Please call before the visit."
    assert xml.findtext("answers/sector/value") == "fishing"
    assert xml.findtext("answers/age/value") == "30"
    assert xml.findtext("consent/referral") == "given"
    # `docs` is marked sensitive: without the person's agreement it is not shared at all.
    assert xml.findtext("answers/docs/state") == "not_shared"
    assert xml.findtext("answers/docs/value") == ""
    assert "ilo_retention_of_documents" not in ElementTree.tostring(xml, encoding="unicode")


def test_sync_is_idempotent(store, demo_flow, outbox) -> None:
    session = _consented(store, demo_flow)
    outbox.sync()
    assert outbox.sync().queued == 0
    session.decide_referral("legal", "suggested")  # changes nothing the receiver sees
    assert outbox.sync().queued == 0
    assert len(items(store)) == 1


def test_an_open_interview_is_not_queued(store, demo_flow, outbox) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    session.give_consent("referral")
    referred(session)
    assert outbox.sync().queued == 0


def test_correction_after_sending_becomes_an_edit(
    store,
    demo_flow,
    outbox,
    project_key,
) -> None:
    session = _consented(store, demo_flow)
    outbox.sync()
    (first,) = items(store)
    mark_sent(store, [first.instance_id])
    session.correct("sector", "the person explained", "other")
    session.add_disclosure(KHMER_TEXT)
    assert outbox.sync().queued == 1
    second = next(item for item in items(store) if item.version == 2)
    assert second.deprecated_id == first.instance_id
    assert parse_manifest(payload(store, second.instance_id)[0]).deprecated_id == (
        first.instance_id
    )
    xml = _opened(store, project_key, second.instance_id)
    assert xml.findtext("meta/deprecatedID") == first.instance_id
    assert xml.findtext("answers/sector/value") == "other"
    assert xml.findtext("answers/sector/corrected") == "yes"
    assert xml.findtext("correction/reason") == "the person explained"
    assert xml.findtext("disclosure/text") == KHMER_TEXT


def test_withdrawn_consent_withdraws_what_was_not_sent(store, demo_flow, outbox) -> None:
    session = _finished(store, demo_flow)
    session.give_consent("referral")
    referred(session, "medical")
    referred(session, "legal")
    outbox.sync()
    sent, unsent = sorted(items(store), key=lambda item: item.recipient != "legal")
    mark_sent(store, [sent.instance_id])
    session.withdraw_consent("referral")
    assert outbox.sync().withdrawn == 1
    states = {item.recipient: item.state for item in items(store)}
    assert states == {"legal": ItemState.SENT, "medical": ItemState.WITHDRAWN}
    assert outbox.pending() == []


def test_no_plaintext_reaches_the_disk(
    store,
    demo_flow,
    outbox,
    kiosk_home: Path,
    tmp_path: Path,
) -> None:
    session = _consented(store, demo_flow)
    session.add_disclosure(KHMER_TEXT)
    outbox.sync()
    needle = KHMER_TEXT.encode("utf-8")
    for folder in {kiosk_home, tmp_path}:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                assert needle not in (Path(root) / name).read_bytes(), name
