"""The outbox follows consent: nothing is built without it, each recipient only with the person's
own yes for it and staff's referral, withdrawn consent stops what was not sent, a later
correction becomes an edit, self-incriminating answers go only with the person's agreement.
Every queued record is opened with the project's private key through the verified path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
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
def demo_flow(referral_flow: Flow) -> Flow:
    """Here the demo flow asks the person about each recipient (tests/data/flows/demo_referral)."""
    return referral_flow


# The demo flow asks the person about each recipient separately (share_medical, share_legal).
REFUSED_ALL = {"share_medical": "no", "share_legal": "no"}


@pytest.fixture
def outbox(store: Store, demo_flow: Flow, project_key) -> Outbox:
    return Outbox(store, demo_flow, connection_for(demo_flow, project_key))


def _finished(store: Store, flow: Flow, answers: dict[str, Any] | None = None) -> InterviewSession:
    session = InterviewSession.start(store, flow, "km")
    walk(session, answers=answers)
    assert session.state.status == "finished"
    return session


def _consented(store: Store, flow: Flow, *recipients: str) -> InterviewSession:
    """A finished interview: the person agreed to every recipient; staff referred to each given."""
    session = _finished(store, flow)
    for recipient in recipients or ("medical",):
        referred(session, recipient)
    return session


def _opened(store: Store, key, instance_id: str) -> ElementTree.Element:
    manifest, record = payload(store, instance_id)
    opened = decrypt_record(manifest, {"submission.xml.enc": record}, key)
    assert opened.signature_checked
    return ElementTree.fromstring(opened.submission_xml)


def test_nothing_is_built_without_referral_consent(store, demo_flow, outbox) -> None:
    session = _finished(store, demo_flow, REFUSED_ALL)
    referred(session)  # staff decided, but the person said no to sharing with anyone
    assert outbox.sync().queued == 0
    assert items(store) == []


def test_only_the_recipients_the_person_agreed_to_are_sent(store, demo_flow, outbox) -> None:
    agreed_medical = _finished(store, demo_flow, {"share_medical": "yes", "share_legal": "no"})
    referred(agreed_medical, "medical")
    referred(agreed_medical, "legal")  # staff referred, but the person refused the legal adviser
    declined_legal = _finished(store, demo_flow, {"share_medical": "no"})
    referred(declined_legal, "medical")  # the person refused: never sent
    referred(declined_legal, "legal")  # agreed to (yes): sent
    never_asked = InterviewSession.start(store, demo_flow, "km")
    walk(never_asked, decline={"share_medical", "share_legal"})  # "I'd rather not say" is no yes
    referred(never_asked, "medical")
    never_asked.give_consent("referral")  # a bare layer names no recipient
    assert outbox.sync().queued == 2
    sent = {(item.interview_id, item.recipient) for item in items(store)}
    assert sent == {
        (agreed_medical.interview_id, "medical"),
        (declined_legal.interview_id, "legal"),
    }


def test_a_corrected_no_withdraws_what_was_not_sent(store, demo_flow, outbox) -> None:
    session = _consented(store, demo_flow, "medical")
    assert outbox.sync().queued == 1
    session.correct("share_medical", "the person changed their mind", "no")
    assert outbox.sync().withdrawn == 1
    assert [item.state for item in items(store)] == [ItemState.WITHDRAWN]
    assert outbox.pending() == []


def test_consent_and_a_recipient_queue_one_encrypted_record(
    store,
    demo_flow,
    outbox,
    project_key,
) -> None:
    session = _finished(store, demo_flow)
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
    assert xml.findtext("referral/consent_at") == session.state.answers["share_medical"].at
    assert xml.findtext("referral/staff_note") == "Please call before the visit."
    assert xml.findtext("answers/sector/value") == "fishing"
    assert xml.findtext("answers/age/value") == "30"
    assert xml.findtext("answers/docs/value") == "yes"  # sensitive, but the person agreed to share
    assert xml.findtext("consent/referral") == "given"
    # `unlawful` could expose the person to punishment: without their agreement to include it
    # (the flow's share_self_incriminating policy; the demo flow has none) it is not shared.
    assert xml.findtext("referral/sensitive_shared") == "no"
    assert xml.findtext("answers/unlawful/state") == "not_shared"
    assert xml.findtext("answers/unlawful/value") == ""


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
    referred(session)  # still open: nothing goes, whatever consent says
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
    session = _consented(store, demo_flow, "medical", "legal")
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
