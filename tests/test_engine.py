"""The interview engine: answer states, branching, presumption of minority, breaks, stop,
back, later disclosure and corrections, and resuming by folding the stored events."""

from __future__ import annotations

import pytest

from kiosk.core.errors import EngineError
from kiosk.core.flow import Flow
from kiosk.core.indicators import noted_indicators
from kiosk.core.interview import InterviewSession
from kiosk.core.interview_rules import fold
from kiosk.core.store import Store


def start(store: Store, flow: Flow) -> InterviewSession:
    session = InterviewSession.start(store, flow, "km", staff_language="en")
    session.answer(["private_room", "alone"])  # staff safety check
    session.proceed()  # welcome
    return session


def test_adult_path_with_decline_break_and_later_disclosure(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    assert session.state.current == "consent_talk"
    assert session.state.child, "presumption of minority before any age is known"
    session.answer("yes")
    session.answer(34)
    assert not session.state.child
    assert session.state.current == "adult_only"
    session.decline()
    assert session.state.current == "docs"
    assert session.screen().offer_break, "a sensitive question is preceded by a break offer"
    session.offer_break(taken=True)
    assert session.state.status == "on_break"
    with pytest.raises(EngineError):
        session.answer("yes")
    session.end_break()
    assert session.state.current == "docs" and not session.screen().offer_break
    session.answer("yes")
    session.answer("fishing")
    assert session.state.status == "finished"
    session.add_disclosure("Said more about the boat later", node="docs")
    session.correct("adult_only", reason="Person chose to answer later", value="yes")

    states = session.state.question_states()
    assert states == {
        "safety": "answered",
        "consent_talk": "answered",
        "age": "answered",
        "adult_only": "answered",
        "docs": "answered",
        "sector": "answered",
    }
    history = session.state.answer_history["adult_only"]
    assert [r.state for r in history] == ["declined", "answered"]
    assert history[1].corrected and history[1].reason == "Person chose to answer later"
    tags = sorted({i.tag for i in noted_indicators(session.state)})
    assert tags == ["ilo_deception", "ilo_retention_of_documents"]

    resumed = InterviewSession.resume(store, demo_flow, session.interview_id)
    assert resumed.state.question_states() == states
    assert resumed.state.disclosures[0]["text"] == "Said more about the boat later"
    assert len(resumed.state.breaks) == 1 and resumed.state.breaks[0].ended
    assert store.interview(session.interview_id).status == "finished"


def test_declined_never_counts_as_no(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    session.decline()  # consent_talk declined: not a "no", but not consent either
    assert session.state.answer_state("consent_talk") == "declined"
    assert session.state.consent["talk"] == "refused"
    assert session.state.current == "close_declined"
    assert session.state.status == "finished"


@pytest.mark.parametrize(
    ("age_action", "child"),
    [("dont_know", True), ("decline", True), (15, True), (17.9, True), (18, False), (60, False)],
)
def test_presumption_of_minority(
    store: Store, demo_flow: Flow, age_action: object, child: bool
) -> None:
    session = start(store, demo_flow)
    session.answer("yes")
    if age_action == "dont_know":
        session.dont_know()
    elif age_action == "decline":
        session.decline()
    else:
        session.answer(age_action)
    assert session.state.child is child
    # the adult-only question is skipped (not_asked) on the child path
    assert (session.state.current == "docs") is child
    if child:
        assert session.state.answer_state("adult_only") == "not_asked"


def test_switching_to_adult_needs_a_staff_reason(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    session.answer("yes")
    session.dont_know()
    with pytest.raises(EngineError, match="reason"):
        session.switch_path("adult")
    with pytest.raises(EngineError, match="reason"):
        session.switch_path("adult", "   ")
    session.switch_path("adult", "Passport seen: born 1990")
    assert not session.state.child
    session.mark_appears_child()
    assert session.state.child
    events = [e.kind for e in store.events(session.interview_id)]
    assert events.count("path_switched") == 2


def test_appears_child_outweighs_a_stated_adult_age(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    session.mark_appears_child()
    session.answer("yes")
    session.answer(19)
    assert session.state.child


def test_stop_marks_the_current_question_interrupted_and_can_resume(
    store: Store, demo_flow: Flow
) -> None:
    session = start(store, demo_flow)
    session.answer("yes")
    session.stop("tired")
    assert session.state.answer_state("age") == "interrupted"
    assert session.state.answer_state("sector") == "not_asked"
    with pytest.raises(EngineError, match="closed"):
        session.answer(30)
    session.add_disclosure("Came back the next day")
    reopened = InterviewSession.resume(store, demo_flow, session.interview_id)
    assert reopened.state.status == "stopped"
    reopened.resume_interview()
    reopened.answer(30)
    assert reopened.state.answer_state("age") == "answered"


def test_back_returns_to_previous_question_and_keeps_history(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    session.answer("yes")
    session.answer(40)
    session.back()
    assert session.state.current == "age"
    session.answer(12)
    assert session.state.child and session.state.current == "docs"
    assert [r.value for r in session.state.answer_history["age"]] == [40, 12]


def test_person_cannot_go_back_into_staff_screens(store: Store, demo_flow: Flow) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    session.answer(["private_room"])
    assert not session.screen().can_go_back
    with pytest.raises(EngineError):
        session.back()


@pytest.mark.parametrize(
    ("node_answers", "bad"),
    [
        ([["private_room", "alone"]], ["private_room", "ghost"]),
        ([["alone"], "continue"], "maybe"),
        ([["alone"], "continue", "yes"], -3),
        ([["alone"], "continue", "yes"], "thirty"),
        ([["alone"], "continue", "yes"], 400),
    ],
)
def test_invalid_answers_are_refused_without_storing(
    store: Store, demo_flow: Flow, node_answers: list, bad: object
) -> None:
    session = InterviewSession.start(store, demo_flow, "en")
    for answer in node_answers:
        session.proceed() if answer == "continue" else session.answer(answer)
    before = len(store.events(session.interview_id))
    with pytest.raises(EngineError) as info:
        session.answer(bad)
    assert str(bad) not in info.value.message
    assert len(store.events(session.interview_id)) == before


def test_fold_of_stored_events_equals_live_state(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    session.answer("yes")
    session.take_break()
    session.end_break()
    session.dont_know()
    session.change_language("th")
    state = fold(demo_flow, store.events(session.interview_id))
    assert state.current == session.state.current == "docs"
    assert state.language == "th"
    assert state.question_states() == session.state.question_states()
    assert store.interview(session.interview_id).language == "th"


def test_reference_number_only_on_request(store: Store, demo_flow: Flow) -> None:
    session = start(store, demo_flow)
    assert store.interview(session.interview_id).reference is None
    reference = session.ask_reference()
    assert len(reference) == 7 and reference[3] == "-"
    assert store.interview(reference).id == session.interview_id
    assert session.ask_reference() == reference


def test_resume_refuses_a_different_flow_version(store: Store, demo_flow: Flow) -> None:
    import dataclasses

    session = start(store, demo_flow)
    newer = dataclasses.replace(demo_flow, version=2)
    with pytest.raises(EngineError, match="version 1"):
        InterviewSession.resume(store, newer, session.interview_id)
