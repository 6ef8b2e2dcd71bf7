"""The referral summary's input, mapped from a real interview on the shipped flow (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.core import paths, sharing
from kiosk.core.content import load_indicators
from kiosk.core.documents.referral_summary import AnswerRow, ReferralInput
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.referral_input import build_referral_input, has_referral_consent
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction

WORK_STORY = "Ich habe auf einem Fischerboot gearbeitet"  # distinctive free text
YES = {
    "understand_language",
    "consent_talk",
    "consent_notes",
    "share_formal_id",
    "threatened",
    "paper_safe",
    "safe_tonight",
}
DECLINE = {"recruit_debt"}
CHOICES = {"time_today": "longer"}  # time for the whole interview


def _walk(
    session: InterviewSession,
    stop_at: str | None = None,
    yes: set[str] = YES,
    choices: dict[str, object] | None = None,
) -> None:
    """Answer like a person: 'yes' where listed, 'no' otherwise, first options, one decline."""
    for _ in range(400):
        state = session.state
        node = state.current_node
        if state.status == "on_hold":  # a safety alert: staff saw it and go on
            session.handle_alert(AlertAction.CONTINUE)
            continue
        if state.status != "open" or node is None:
            return
        if node.id == stop_at:
            session.stop("needed a rest", "person")
            return
        if state.needs_break_offer():
            session.offer_break(node.id == "threatened")
            if session.state.status == "on_break":
                session.end_break()
            continue
        if node.kind == "staff_check":
            session.answer([item.id for item in node.items])
        elif not node.is_answerable:
            session.proceed()
        elif node.id in {**CHOICES, **(choices or {})}:
            session.answer({**CHOICES, **(choices or {})}[node.id])
        elif node.id in DECLINE:
            session.decline()
        elif node.id == "age":
            session.answer(30)
        elif node.type == "yes_no":
            session.answer("yes" if node.id in yes else "no")
        elif node.type == "single_choice":
            session.answer(node.options[0].value)
        elif node.type == "multiple_choice":
            session.answer([node.options[0].value])
        elif node.type == "date":
            session.answer("2024-01-01")
        elif node.type in ("number", "age"):
            session.answer(1)
        elif node.type == "free_text" and node.id == "open_work":
            session.answer(WORK_STORY)
        elif node.dont_know:
            session.dont_know()
        else:
            session.answer("-")
    raise AssertionError("the interview did not end")


def _by_node(session: InterviewSession, data: ReferralInput) -> dict[str, AnswerRow]:
    ids = [node.id for node in sharing.shared_questions(session.state)]
    assert len(ids) == len(data.answers)
    return dict(zip(ids, data.answers, strict=True))


@pytest.fixture
def session(store: Store) -> InterviewSession:
    flow = load_flow(paths.flows_dir() / "identification.yaml")
    interpreter = {"present": True, "role": "community interpreter"}
    return InterviewSession.start(store, flow, "vi", "en", interpreter)


def test_finished_interview_maps_states_indicators_and_facts(session: InterviewSession) -> None:
    _walk(session)
    session.add_disclosure("Later: the agent kept the passport.")
    state = session.state
    data = build_referral_input(state, load_indicators())

    assert data.consent_referral and has_referral_consent(state)
    assert data.language == "vi" and data.interpreter == "community interpreter"
    assert data.child_path is False
    flow = state.flow
    rows = _by_node(session, data)
    assert rows["recruit_debt"].state == "declined"
    assert rows["recruit_debt"].answer is None  # declined is never "no"
    assert rows["open_work"].answer == WORK_STORY
    assert rows["child_cared_for_by"].state == "not_asked"
    assert "safety_check" not in rows  # the staff checklist is not the person's answer
    # asked / not asked partition the person's questions
    assert len(data.asked) == sum(r.state != "not_asked" for r in data.answers)
    assert len(data.asked) + len(data.not_asked) == len(data.answers)
    assert flow.node("open_work").text in data.asked
    assert flow.node("child_cared_for_by").text in data.not_asked
    # 'threatened' == yes notes at least one indicator, grouped under a catalogue domain label
    domains = {domain for domain, _items in data.indicators}
    labels = {d.label for d in load_indicators().domains}
    assert domains and domains <= labels
    assert all(items for _domain, items in data.indicators)
    assert data.disclosures[0].text == "Later: the agent kept the passport."
    assert data.disclosures[0].when[:4].isdigit() and "T" not in data.disclosures[0].when
    assert len(data.breaks) == 1 and flow.node("threatened").text in data.breaks[0]
    assert data.reference is None  # only when the person asked for one


def test_stopped_interview_keeps_interrupted_and_the_stop(session: InterviewSession) -> None:
    _walk(session, stop_at="journey_events")
    data = build_referral_input(session.state, None)
    assert _by_node(session, data)["journey_events"].state == "interrupted"
    assert any("stopped (needed a rest)" in note for note in data.notes)
    assert data.consent_referral is False  # the consent question was never reached


def test_withdrawn_consent_counts_as_none(session: InterviewSession) -> None:
    _walk(session)
    session.withdraw_consent("referral")
    assert build_referral_input(session.state, None).consent_referral is False


def test_questions_in_staff_words_and_reference(session: InterviewSession) -> None:
    _walk(session)
    reference = session.ask_reference()
    data = build_referral_input(
        session.state, None, question_text=lambda node: f"[{node.id}]", receiving_agency="NGO"
    )
    assert "[open_work]" in data.asked
    assert data.reference == reference and data.receiving_agency == "NGO"


def test_self_incriminating_answers_and_their_indicators_stay_out_unless_agreed(
    session: InterviewSession, store: Store
) -> None:
    _walk(session, yes=YES | {"unlawful_acts"})
    data = build_referral_input(session.state, load_indicators())
    flow = session.state.flow
    assert flow.node("unlawful_acts").text not in data.asked + data.not_asked
    assert all(row.question != flow.node("unlawful_acts").text for row in data.answers)
    labels = {label for _domain, items in data.indicators for label in items}
    assert "Made to do unlawful acts" not in labels
    # The person agrees to include them: they are shared.
    again = InterviewSession.start(store, flow, "vi", "en")
    _walk(again, yes=YES | {"unlawful_acts", "include_sensitive"})
    data = build_referral_input(again.state, load_indicators())
    assert flow.node("unlawful_acts").text in data.asked
    labels = {label for _domain, items in data.indicators for label in items}
    assert "Made to do unlawful acts" in labels
