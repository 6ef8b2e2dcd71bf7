"""Whole interviews driven through the real window; the store is checked afterwards."""

from __future__ import annotations

from tests.ui_helpers import (
    KEY_CHECK_WAIT_MS,
    MainWindow,
    click,
    commit_text,
    drive,
    make_window,
    start_interview,
    stored_events,
    stored_state,
    unlock,
)

KHMER = "ខ្ញុំធ្វើការនៅលើទូក"  # "I worked on a boat"
ARABIC = "كنت أعمل في مطبخ"
CHINESE = "我在工厂工作"

DECLINE = {"recruit_debt", "tasks_not_agreed"}
YES = {
    "understand_language",
    "consent_talk",
    "consent_notes",
    "share_formal_id",
    "threatened",
    "safe_tonight",
    "paper_safe",
}
# Time for the whole interview, and no immediate need that calls staff first.
CHOICES = {"time_today": "longer", "needs_now": "nothing"}


def answer_like_a_person(qtbot, free_text: str = KHMER, age: str = "30", decline=DECLINE, yes=YES):  # type: ignore[no-untyped-def]
    """Answers: some declines, yes where listed, 'no' otherwise, first choices, breaks once."""
    offers = {"count": 0}

    def policy(window: MainWindow, node: str) -> bool:
        q = window.question
        if node.startswith("break_offer:"):
            offers["count"] += 1
            click(qtbot, window.break_offer.go_on)
            return True
        view = q.view
        assert view is not None and view.node_id == node
        if node in decline:
            click(qtbot, q.decline)
        elif view.kind != "question":
            click(qtbot, q.submit)
        elif view.type == "yes_no":
            click(qtbot, q.answer_buttons["yes" if node in yes else "no"])
        elif view.type == "single_choice":
            click(qtbot, q.answer_buttons[CHOICES.get(node, view.choices[0].value)])
        elif view.type == "multiple_choice":
            click(qtbot, q.answer_buttons[CHOICES.get(node, view.choices[0].value)])
            click(qtbot, q.submit)
        elif view.type == "age":
            commit_text(q.entry, age)
            click(qtbot, q.submit)
        elif view.type == "free_text":
            commit_text(q.entry, free_text)
            click(qtbot, q.submit)
        else:
            click(qtbot, q.submit)
        return True

    return policy, offers


def test_adult_path_with_declines_finishes_and_is_stored(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "km")
    assert window.page_name == "handover"
    policy, offers = answer_like_a_person(qtbot)
    drive(qtbot, window, policy)
    assert window.page_name == "finished"
    assert offers["count"] >= 1  # sensitive questions were preceded by a break offer

    state = stored_state()
    assert state.status == "finished"
    assert state.path == "adult"
    assert state.language == "km"
    assert state.answer_state("tasks_not_agreed") == "declined"
    assert state.answer_state("recruit_debt") == "declined"
    assert state.answer_value("open_work") == KHMER
    assert state.answer_value("age") == 30
    assert state.answer_state("child_cared_for_by") == "not_asked"
    assert state.consent == {"talk": "given", "notes": "given", "referral": "given"}
    assert state.answers["safety_check"].value  # the setup's safety check was recorded first


def test_break_and_resume_returns_to_the_same_question(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "ar")
    policy, _ = answer_like_a_person(qtbot, free_text=ARABIC)

    def until_open_work(w: MainWindow, node: str) -> bool:
        return node != "open_work" and policy(w, node)

    drive(qtbot, window, until_open_work)
    assert window.question.view.node_id == "open_work"
    assert window.question.layoutDirection().name == "RightToLeft"
    click(qtbot, window.question.action_bar.take_break)
    assert window.page_name == "break"
    # The break screen shows nothing of the interview.
    assert window.question.view.text not in window.break_screen.body.text()
    click(qtbot, window.break_screen.resume)
    assert window.page_name == "question"
    assert window.question.view.node_id == "open_work"
    commit_text(window.question.entry, ARABIC)
    click(qtbot, window.question.submit)

    events = stored_events()
    kinds = [e.kind for e in events]
    assert "break_started" in kinds and "break_ended" in kinds
    state = stored_state()
    assert state.breaks and state.breaks[0].node == "open_work" and state.breaks[0].ended
    assert state.answer_value("open_work") == ARABIC


def test_stop_then_later_disclosure_in_review(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "zh")
    policy, _ = answer_like_a_person(qtbot, free_text=CHINESE, decline=DECLINE | {"open_work"})

    def until_journey(w: MainWindow, node: str) -> bool:
        return node != "journey_events" and policy(w, node)

    drive(qtbot, window, until_journey)
    click(qtbot, window.question.action_bar.stop)
    assert window.page_name == "stop_confirm"
    click(qtbot, window.stop_confirm.confirm)
    assert window.page_name == "stopped"
    click(qtbot, window.stopped.done)
    assert window.page_name == "lock"  # staff take the screen back with their passphrase
    window.lock_screen.secret.setText("calm river lantern 42")
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name == "review", timeout=KEY_CHECK_WAIT_MS)

    review = window.review
    review.tabs.setCurrentIndex(3)  # "Add or correct"
    commit_text(review.disclosure, "Later she said the agent kept her passport.")
    click(qtbot, review.save_disclosure)
    review.correct_node.setCurrentIndex(review.correct_node.findData("open_work"))
    review.correct_state.setCurrentIndex(review.correct_state.findData("answered"))
    review.correct_value.setEditText("在宿舍")
    review.correct_reason.setText("the person added this after the break")
    click(qtbot, review.save_correction)
    review.tabs.setCurrentIndex(2)  # "Indicators and referral"
    review.service.setCurrentText("legal")
    review.decision.setCurrentIndex(review.decision.findData("made"))
    click(qtbot, review.save_referral)

    state = stored_state()
    assert state.status == "stopped"
    assert state.answer_state("journey_events") == "interrupted"
    assert state.answer_state("open_work") == "answered"
    assert state.answers["open_work"].corrected
    assert [h.state for h in state.answer_history["open_work"]] == ["declined", "answered"]
    assert state.disclosures[0]["text"] == "Later she said the agent kept her passport."
    assert state.referral_decisions["legal"]["decision"] == "made"
    # The review table shows the states as they are stored.
    rows = {
        review.answers.item(r, 0).text(): review.answers.item(r, 1).text()
        for r in range(review.answers.rowCount())
    }
    flow = window.controller.session.flow
    assert rows[flow.node("journey_events").text] == "interrupted"
    assert rows[flow.node("child_cared_for_by").text] == "not asked"


def test_child_path_by_dont_know_age(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "my")
    policy, _ = answer_like_a_person(qtbot)
    seen: list[str] = []

    def by_dont_know(w: MainWindow, node: str) -> bool:
        seen.append(node)
        if node == "age":
            click(qtbot, w.question.dont_know)
            return True
        return node != "child_travel_with" and policy(w, node)

    drive(qtbot, window, by_dont_know)
    assert "child_privacy" in seen  # told honestly that child protection will be told
    view = window.question.view
    assert view.node_id == "child_travel_with" and view.child
    flow = window.controller.session.flow
    assert view.text == flow.node("child_travel_with").child_text
    state = stored_state()
    assert state.path == "child"
    assert state.answer_state("age") == "dont_know"
