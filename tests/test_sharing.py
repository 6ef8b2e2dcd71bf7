"""Consent per recipient, as staff see it: a referral staff make to a service the person did not
agree to is flagged (nothing may go to it), one they agreed to is not."""

from __future__ import annotations

import pytest

from kiosk.core import sharing
from kiosk.core.flow import Flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from tests.fixtures.odk import referred, walk


@pytest.fixture
def demo_flow(referral_flow: Flow) -> Flow:
    """Here the demo flow asks the person about each recipient (tests/data/flows/demo_referral)."""
    return referral_flow


def test_a_referral_the_person_did_not_agree_to_is_flagged(store: Store, demo_flow: Flow) -> None:
    session = InterviewSession.start(store, demo_flow, "km")
    walk(session, answers={"share_medical": "yes", "share_legal": "no"})
    referred(session, "medical")
    referred(session, "legal")
    session.decide_referral("shelter", "made")  # never asked about: no consent either
    state = session.state
    assert sharing.recipient_consents(state) == {
        "medical": sharing.RecipientConsent.GIVEN,
        "legal": sharing.RecipientConsent.REFUSED,
    }
    assert sharing.referrals_without_consent(state) == ["legal", "shelter"]
    session.withdraw_consent("referral")
    assert sharing.referrals_without_consent(session.state) == ["medical", "legal", "shelter"]
