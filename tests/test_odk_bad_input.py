"""Every `kiosk odk` command given what a confused staff member or an attacker would give it:
another copy of the flow, a form that does not fit, a damaged connection or outbox row. Each
gets one clear message (never "internal error"), and nothing already saved is lost or sent
where it should not go. Against the local stand-in for Central (tests/fixtures/central.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kiosk.cli import main
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.odk.encryption import decrypt_record, public_key_base64
from kiosk.core.odk.form import referral_form
from kiosk.core.odk.layout import form_id, form_version
from kiosk.core.odk.link import load_connection
from kiosk.core.odk.outbox import ItemState, items
from kiosk.core.odk.sender import sync_if_connected
from kiosk.core.odk.storage import ODK_PART, SERVER_SETTING
from kiosk.core.store import Store
from tests.fixtures.central import Central
from tests.fixtures.core import PASSPHRASE
from tests.fixtures.odk import KHMER_TEXT, referred, walk

DEMO = Path(__file__).resolve().parent / "data" / "flows" / "demo_referral.yaml"


@pytest.fixture(scope="module")
def demo_xform() -> str:
    return referral_form(load_flow(DEMO), {})[0]  # pyxform: seconds, so once per module


def published(xform: str, key) -> bytes:
    """The XForm Central serves once managed encryption is on (key in <submission>)."""
    submission = (
        '<submission method="form-data-post" '
        f'base64RsaPublicKey="{public_key_base64(key.public_key())}"/>'
    )
    return xform.replace("</model>", submission + "</model>", 1).encode()


@pytest.fixture
def server(central: Central, referral_flow: Flow, project_key, demo_xform: str) -> Central:
    central.state.form_id = form_id(referral_flow)
    central.state.form_version = form_version(referral_flow)
    central.state.form_xml = published(demo_xform, project_key)
    return central


def edited_flow(tmp_path: Path, change) -> Path:
    """Another copy of the demo flow, same id and version, edited by `change(data)`."""
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def without(*ids: str):
    def change(data) -> None:
        data["nodes"] = [node for node in data["nodes"] if node["id"] not in ids]

    return change


def interviews(store: Store, flow: Flow, count: int) -> list[str]:
    made = []
    for _ in range(count):
        session = InterviewSession.start(store, flow, "km")
        walk(session, KHMER_TEXT)
        referred(session, "medical", "note")
        made.append(session.interview_id)
    return made


def kiosk(monkeypatch: pytest.MonkeyPatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("KIOSK_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    code = main(["odk", *[str(arg) for arg in args]])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    return code, out, err


def connected(monkeypatch, capsys, server: Central, flow: Path = DEMO) -> None:
    code, _, err = kiosk(monkeypatch, capsys, "connect", server.link(), "--flow", flow)
    assert code == 0, err


# ------------------------------------------------------------------ another copy of the flow


@pytest.mark.parametrize("command", ["status", "send"])
def test_a_flow_missing_recorded_nodes_gets_one_message_and_loses_nothing(
    store, referral_flow, server, tmp_path, monkeypatch, capsys, command
) -> None:
    connected(monkeypatch, capsys, server)
    made = interviews(store, referral_flow, 2)
    # Same shape of form (only an info screen is gone), but the interviews passed through it.
    other = edited_flow(tmp_path, without("welcome"))
    code, _, err = kiosk(monkeypatch, capsys, command, "--flow", other)
    assert code == 1
    for interview_id in made:
        assert f"interview {interview_id} cannot be read" in err and "'welcome'" in err
    assert items(store) == [] and server.state.records == {}
    # With the right flow, everything is there to be sent.
    code, _, err = kiosk(monkeypatch, capsys, "send", "--flow", DEMO)
    assert code == 0, err
    assert len(server.state.current_ids()) == 2


def test_a_queued_referral_whose_new_events_cannot_be_read_is_held_not_sent(
    store, referral_flow, server, tmp_path, monkeypatch, capsys
) -> None:
    connected(monkeypatch, capsys, server)
    (made,) = interviews(store, referral_flow, 1)
    assert kiosk(monkeypatch, capsys, "status", "--flow", DEMO)[0] == 0  # queued
    session = InterviewSession.resume(store, referral_flow, made)
    session.withdraw_consent("referral")  # a withdrawal the other copy of the flow cannot read
    other = edited_flow(tmp_path, without("welcome"))
    code, out, err = kiosk(monkeypatch, capsys, "send", "--flow", other)
    assert code == 1 and "Sent 0" in out and f"interview {made} cannot be read" in err
    assert server.state.records == {}  # whether the consent still holds was unknown: not sent
    assert kiosk(monkeypatch, capsys, "send", "--flow", DEMO)[0] == 0
    assert server.state.records == {}  # the withdrawal won
    assert [item.state for item in items(store)] == [ItemState.WITHDRAWN]


def test_the_session_layer_sync_does_not_fail_on_an_unreadable_interview(
    store, referral_flow, server, tmp_path, monkeypatch, capsys
) -> None:
    connected(monkeypatch, capsys, server)
    (made,) = interviews(store, referral_flow, 1)
    other = load_flow(edited_flow(tmp_path, without("welcome")))
    result = sync_if_connected(store, other, made)
    assert result.queued == 0 and [error.interview_id for error in result.unreadable] == [made]


def test_connect_refuses_a_form_made_from_another_copy_of_the_flow(
    store, server, tmp_path, monkeypatch, capsys
) -> None:
    other = edited_flow(tmp_path, without("sector"))  # the published form still has `sector`
    code, _, err = kiosk(monkeypatch, capsys, "connect", server.link(), "--flow", other)
    assert code == 1 and "does not fit" in err and "'sector'" in err
    assert load_connection(store) is None


def test_connect_refuses_a_form_whose_choices_differ(
    store, server, tmp_path, monkeypatch, capsys
) -> None:
    def fewer_choices(data) -> None:
        sector = next(node for node in data["nodes"] if node["id"] == "sector")
        sector["options"] = sector["options"][1:]

    other = edited_flow(tmp_path, fewer_choices)
    code, _, err = kiosk(monkeypatch, capsys, "connect", server.link(), "--flow", other)
    assert code == 1 and "'sector' offers other choices" in err
    assert load_connection(store) is None


@pytest.mark.parametrize("command", ["status", "send"])
def test_a_flow_that_does_not_fit_the_connected_form_is_refused(
    store, referral_flow, server, tmp_path, monkeypatch, capsys, command
) -> None:
    connected(monkeypatch, capsys, server)
    interviews(store, referral_flow, 1)
    other = edited_flow(tmp_path, without("sector"))
    code, _, err = kiosk(monkeypatch, capsys, command, "--flow", other)
    assert code == 1 and "not the one the connected form was made from" in err
    assert items(store) == [] and server.state.records == {}


@pytest.mark.parametrize("command", ["status", "send"])
def test_a_connected_flow_the_kiosk_does_not_carry_is_named(
    store, server, monkeypatch, capsys, command
) -> None:
    connected(monkeypatch, capsys, server)
    code, _, err = kiosk(monkeypatch, capsys, command)  # the demo flow is not a shipped flow
    assert code == 1 and "no flow 'demo'" in err and "--flow FILE" in err


# ------------------------------------------------------------------ a damaged connection


def set_raw(store: Store, key: str, raw: str) -> None:
    with store.write() as db:
        db.execute("UPDATE settings SET value = ? WHERE key = ?", (raw, key))


DAMAGES = {
    "not json": "{not json",
    "a string": '"garbage"',
    "no link": '{"target": {}}',
}


@pytest.mark.parametrize(
    ("damage", "command"),
    [(damage, "status") for damage in DAMAGES]
    + [("plain http elsewhere", "send"), ("a bad key", "send"), ("port", "status")],
)
def test_a_damaged_connection_is_named_and_nothing_is_sent(
    store, referral_flow, server, monkeypatch, capsys, damage, command
) -> None:
    connected(monkeypatch, capsys, server)
    interviews(store, referral_flow, 1)
    if damage in DAMAGES:
        set_raw(store, SERVER_SETTING, DAMAGES[damage])
    else:
        json_path, value = {
            "plain http elsewhere": ("$.link.host", "'collect.example.org'"),
            "a bad key": ("$.target.public_key", "'AAAA'"),
            "port": ("$.link.port", "'abc'"),
        }[damage]
        with store.write() as db:
            db.execute(
                f"UPDATE settings SET value = json_set(value, '{json_path}', {value})"
                " WHERE key = ?",
                (SERVER_SETTING,),
            )
    code, _, err = kiosk(monkeypatch, capsys, command, "--flow", DEMO)
    assert code == 1 and "saved connection to Central is damaged" in err
    assert server.state.posts == 0
    # Disconnecting clears it; connecting again sends what waited.
    assert kiosk(monkeypatch, capsys, "disconnect")[0] == 0
    connected(monkeypatch, capsys, server)
    assert kiosk(monkeypatch, capsys, "send", "--flow", DEMO)[0] == 0
    assert len(server.state.current_ids()) == 1


# ------------------------------------------------------------------ damaged outbox rows


def damage_rows(store: Store, sql: str) -> None:
    store.use_part(ODK_PART)
    with store.write() as db:
        db.execute(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM odk_records WHERE rowid = (SELECT min(rowid) FROM odk_records)",
        "UPDATE odk_records SET payload = substr(payload, 1, 7)",
        "UPDATE odk_records SET payload = ''",
        "UPDATE odk_records SET manifest = X'00ff'",
    ],
    ids=["copy missing", "truncated", "text instead of bytes", "manifest garbage"],
)
def test_a_damaged_stored_copy_is_rebuilt_from_the_interview_and_sent_once(
    store, referral_flow, server, project_key, monkeypatch, capsys, sql
) -> None:
    connected(monkeypatch, capsys, server)
    interviews(store, referral_flow, 2)
    assert kiosk(monkeypatch, capsys, "status", "--flow", DEMO)[0] == 0
    damage_rows(store, sql)
    code, out, err = kiosk(monkeypatch, capsys, "send", "--flow", DEMO)
    assert code == 0, err
    assert "damaged and have been rebuilt" in out
    assert len(server.state.current_ids()) == 2  # one per interview, each decryptable
    for record in server.state.records.values():
        assert decrypt_record(record.xml, record.files, project_key).signature_checked
    code, out, _ = kiosk(monkeypatch, capsys, "status", "--flow", DEMO)
    assert code == 0 and "0 waiting, 2 sent" in out and "damaged in the store" in out


def test_a_row_with_an_unknown_state_is_counted_as_damaged(
    store, referral_flow, server, monkeypatch, capsys
) -> None:
    connected(monkeypatch, capsys, server)
    interviews(store, referral_flow, 2)
    assert kiosk(monkeypatch, capsys, "status", "--flow", DEMO)[0] == 0
    damage_rows(
        store,
        "UPDATE odk_outbox SET state = 'bogus' WHERE rowid = (SELECT min(rowid) FROM odk_outbox)",
    )
    code, out, _ = kiosk(monkeypatch, capsys, "status", "--flow", DEMO)
    assert code == 0 and "1 waiting" in out and "1 damaged in the store (never sent)" in out
    assert kiosk(monkeypatch, capsys, "send", "--flow", DEMO)[0] == 0
    assert len(server.state.current_ids()) == 1


# ------------------------------------------------------------------ disconnect


def test_disconnect_removes_the_token_and_keeps_waiting_referrals_for_their_project(
    store, referral_flow, server, demo_xform, monkeypatch, capsys
) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    connected(monkeypatch, capsys, server)
    interviews(store, referral_flow, 1)
    assert kiosk(monkeypatch, capsys, "status", "--flow", DEMO)[0] == 0  # queued
    code, out, _ = kiosk(monkeypatch, capsys, "disconnect")
    assert code == 0 and "1 referral(s) still wait" in out
    assert load_connection(store) is None
    assert server.link().split("/key/")[1].split("/")[0] not in str(store.setting(SERVER_SETTING))
    code, _, err = kiosk(monkeypatch, capsys, "send", "--flow", DEMO)
    assert code == 1 and "not connected" in err
    # Another project (another key): what waits, encrypted for the first one, never goes there.
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server.state.form_xml = published(demo_xform, other_key)
    connected(monkeypatch, capsys, server)
    code, out, _ = kiosk(monkeypatch, capsys, "send", "--flow", DEMO)
    assert code == 0 and "Sent 0" in out and server.state.posts == 0
    code, out, _ = kiosk(monkeypatch, capsys, "status", "--flow", DEMO)
    assert "1 are for another form or project" in out
    assert kiosk(monkeypatch, capsys, "disconnect")[1].startswith("Disconnected")
    assert "not connected" in kiosk(monkeypatch, capsys, "disconnect")[1]
