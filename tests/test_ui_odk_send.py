"""Staff's "Send referrals" in the real window: hidden until a server is connected, then it sends
the queue to the (stand-in) Central on a worker thread and says how it went."""

from __future__ import annotations

import pytest

from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.odk.layout import form_id, form_version
from kiosk.core.odk.link import save_connection
from kiosk.core.odk.outbox import ItemState, items
from tests.fixtures.central import TOKEN, Central
from tests.fixtures.odk import connection_for, referred, walk
from tests.ui_helpers import click, flow_path, make_window, unlock

pytestmark = pytest.mark.gui


def test_send_referrals_from_the_staff_home(qtbot, central: Central, project_key) -> None:
    window = make_window(qtbot)
    unlock(qtbot, window)
    home = window.home
    assert not home.referrals.isVisibleTo(window), "no server connected: no send action"
    store = window.controller.store
    flow = load_flow(flow_path())
    central.state.form_id, central.state.form_version = form_id(flow), form_version(flow)
    save_connection(store, connection_for(flow, project_key, port=central.port, token=TOKEN))
    for _ in range(2):
        session = InterviewSession.start(store, flow, "km")
        walk(session)
        referred(session, "medical", "Please call first.")
    home.prepare()
    assert home.referrals.isVisibleTo(window)
    assert "2" in home.referrals.words.text()
    central.state.faults = ["503"]  # one passing problem on the way: retried after a wait
    click(qtbot, home.referrals.button)
    qtbot.waitUntil(lambda: "Sent: 2" in home.referrals.words.text(), timeout=20_000)
    assert len(central.state.current_ids()) == 2
    assert [item.state for item in items(store)] == [ItemState.SENT, ItemState.SENT]
    assert not home.referrals.button.isEnabled()


def test_referrals_of_an_interview_the_flow_cannot_read_are_named_not_a_crash(
    qtbot, central: Central, project_key
) -> None:
    """An interview recorded with another copy of the flow (same id and version): the panel
    says so in plain words; the other referrals still go."""
    from kiosk.core.events import Event, EventKind, now_iso

    window = make_window(qtbot)
    unlock(qtbot, window)
    home = window.home
    store = window.controller.store
    flow = load_flow(flow_path())
    central.state.form_id, central.state.form_version = form_id(flow), form_version(flow)
    save_connection(store, connection_for(flow, project_key, port=central.port, token=TOKEN))
    made = []
    for _ in range(2):
        session = InterviewSession.start(store, flow, "km")
        walk(session)
        referred(session, "medical", "Please call first.")
        made.append(session.interview_id)
    # A correction naming a question this copy of the flow does not have.
    store.append(
        made[0],
        Event(EventKind.ANSWER_CORRECTED, {"node": "gone", "value": "x"}, "staff", now_iso()),
    )
    home.prepare()
    qtbot.waitUntil(lambda: "cannot be prepared" in home.referrals.words.text(), timeout=10_000)
    assert "1" in home.referrals.words.text()
    click(qtbot, home.referrals.button)
    qtbot.waitUntil(lambda: "Sent: 1" in home.referrals.words.text(), timeout=20_000)
    assert "cannot be prepared" in home.referrals.words.text()
    assert len(central.state.current_ids()) == 1
