"""Who runs the kiosk: the organisation profile, its store setting, and what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core import content, organisation, summary
from kiosk.core.errors import ContentError
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store

REPO = Path(__file__).resolve().parent.parent


def test_every_kind_has_a_profile_and_never_refers_to_itself() -> None:
    profiles = content.load_organisations(REPO / "content")
    assert [p.id for p in profiles] == [k.value for k in organisation.OrganisationKind]
    itself = {
        "police": "police_protection",
        "embassy": "consular",
        "labour_inspection": "labour",
        "child_protection": "child_protection",
    }
    for profile in profiles:
        assert set(profile.refers_to) <= set(content.SERVICE_KINDS)
        assert "formal_identification" in profile.refers_to and "unhcr" in profile.refers_to
        if profile.id in itself:
            assert itself[profile.id] not in profile.refers_to, profile.id
    assert content.organisation_profile(organisation.NOT_SET, REPO / "content") is None


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("  - id: charity\n    refers_to: [medical]\n", ":3: 'id' must be one of"),
        ("  - id: police\n    refers_to: [medical, spa]\n", ":4: 'refers_to' must be a list"),
        ("  - id: police\n    refers_to: [medical]\n    label: Police\n", ":5: unknown field"),
    ],
)
def test_profile_errors_name_the_line(tmp_path: Path, broken: str, expected: str) -> None:
    (tmp_path / "organisations.yaml").write_text(
        "format: 1\norganisations:\n" + broken, encoding="utf-8"
    )
    with pytest.raises(ContentError) as info:
        content.load_organisations(tmp_path)
    assert expected in str(info.value)


def test_a_missing_profile_is_reported(tmp_path: Path) -> None:
    (tmp_path / "organisations.yaml").write_text(
        "format: 1\norganisations:\n  - id: police\n    refers_to: [medical]\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match="no profile for: ngo_shelter"):
        content.load_organisations(tmp_path)


def test_the_choice_lives_in_the_encrypted_store(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    with Store.create(path, "a long enough passphrase") as store:
        assert organisation.current(store) == organisation.NOT_SET
        organisation.choose(store, "embassy")
        with pytest.raises(ValueError, match="unknown organisation kind"):
            organisation.choose(store, "charity")
    assert b"embassy" not in path.read_bytes()  # encrypted on disk
    with Store.open(path, "a long enough passphrase") as store:
        assert organisation.current(store) == "embassy"
        store.set_setting(organisation.SETTING_KEY, "something old")
        assert organisation.current(store) == organisation.NOT_SET


def test_an_interview_keeps_the_profile_it_was_run_under() -> None:
    flow = load_flow(REPO / "flows" / "identification.yaml")
    store = Store.in_memory()
    organisation.choose(store, "police")
    session = InterviewSession.start(store, flow, "en", organisation=organisation.current(store))
    organisation.choose(store, "ngo_shelter")  # a later change does not rewrite the past
    again = InterviewSession.resume(store, flow, session.interview_id)
    assert again.state.organisation == "police" and again.state.builtin("organisation") == "police"


def test_referral_suggestions_follow_who_may_refer() -> None:
    flow = load_flow(REPO / "flows" / "identification.yaml")
    session = InterviewSession.start(Store.in_memory(), flow, "en", organisation="police")
    groups = [summary.IndicatorGroup("coercion", "Coercion and control", (), True)]
    everything = summary.referral_suggestions(session.state, groups)
    police = content.organisation_profile("police", REPO / "content")
    assert police is not None
    filtered = summary.referral_suggestions(session.state, groups, police.refers_to)
    assert "formal_identification" in filtered
    assert "child_protection" in filtered  # a presumed child: always, whoever runs the kiosk
    assert set(filtered) <= set(everything)
