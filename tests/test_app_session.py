"""The kiosk session's rules, without Qt: the staff gate, safety first, nothing recorded that did
not happen, staff recorded as staff, breaks, stop, resume, quick hide and lock, one interview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import intents as i
from kiosk.app.flows import FlowLibrary
from kiosk.app.pages import (
    AnyPage,
    Audience,
    Break,
    BreakOffer,
    Finished,
    Handover,
    HandoverTo,
    Home,
    Locked,
    LockReason,
    Question,
    ResumeCheck,
    Review,
    SafetyAlertPage,
    SafetyHold,
    Setup,
    SetupProblem,
    StaffStep,
    Stopped,
)
from kiosk.app.session import KioskSession, NotPossibleHere
from kiosk.core.errors import KioskError
from kiosk.core.events import Actor, EventKind
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction, AnswerState, InterviewStatus

DATA = Path(__file__).parent / "data" / "flows"
RULES = DATA / "kiosk_rules.yaml"
SAFE = ("private_room", "paper")


@pytest.fixture
def store() -> Iterator[Store]:
    opened = Store.in_memory()
    yield opened
    opened.close()


def kiosk_on(store: Store) -> KioskSession:
    kiosk = KioskSession(FlowLibrary(DATA))
    kiosk.handle(i.Unlocked(store))
    return kiosk


def started(store: Store, checked: tuple[str, ...] = SAFE) -> KioskSession:
    kiosk = kiosk_on(store)
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(RULES, "km", safety_checked=checked))
    return kiosk


def at_person(store: Store) -> KioskSession:
    """Started, and the screen handed to the person (the first information screen)."""
    kiosk = started(store)
    kiosk.handle(i.HandOver())
    assert isinstance(kiosk.page, Question) and kiosk.live is not None
    assert kiosk.live.state.current == "hello"
    return kiosk


def events(kiosk: KioskSession) -> list[tuple[str, str]]:
    live = kiosk.live
    assert live is not None and kiosk.store is not None
    return [(e.kind, e.actor) for e in kiosk.store.events(live.interview_id)]


def walk_to(kiosk: KioskSession, node: str) -> None:
    """The person (and staff at the gate) go on until `node` is on screen."""
    for _ in range(40):
        live = kiosk.live
        assert live is not None
        page = kiosk.page
        if isinstance(page, Question | BreakOffer) and live.state.current == node:
            return
        match page:
            case Handover() | Stopped() | SafetyHold():
                kiosk.handle(i.HandOver())
            case Locked():
                kiosk.handle(i.StaffVerified())
            case StaffStep():
                kiosk.handle(i.StaffContinue())
            case BreakOffer():
                kiosk.handle(i.AnswerBreakOffer(False))
            case Question(screen) if screen.node is not None and screen.node.kind == "info":
                kiosk.handle(i.Continue())
            case Question(screen) if screen.node is not None and screen.node.type == "age":
                kiosk.handle(i.Answer(30))
            case Question(screen) if screen.node is not None and screen.node.type == "free_text":
                kiosk.handle(i.Answer("a story"))
            case Question():
                kiosk.handle(i.Answer("yes" if live.state.current == "consent" else "no"))
            case _:
                raise AssertionError(f"unexpected page {page}")
    raise AssertionError(f"never reached {node}")


# ------------------------------------------------------------------ safety first


def test_no_record_exists_until_the_safety_check_passed(store: Store) -> None:
    kiosk = kiosk_on(store)
    kiosk.handle(i.NewInterview())
    page = kiosk.handle(i.StartInterview(RULES, "km", safety_checked=("paper",)))
    assert isinstance(page, Setup) and page.problem is SetupProblem.NOT_READY
    assert page.not_ready is not None and page.not_ready.text == "Not yet"
    assert store.list_interviews() == [] and kiosk.live is None

    page = kiosk.handle(i.StartInterview(RULES, "km", safety_checked=SAFE))
    assert page == Handover(HandoverTo.PERSON)
    assert len(store.list_interviews()) == 1
    # The check is recorded first, and as staff: the person never answered it.
    assert events(kiosk) == [("started", "staff"), ("answered", "staff")]


def test_an_interpreter_with_links_to_the_person_starts_nothing(store: Store) -> None:
    kiosk = kiosk_on(store)
    kiosk.handle(i.NewInterview())
    interpreter = {"present": True, "independent": False}
    page = kiosk.handle(i.StartInterview(RULES, "km", interpreter=interpreter, safety_checked=SAFE))
    assert isinstance(page, Setup) and page.problem is SetupProblem.INTERPRETER_NOT_INDEPENDENT
    assert store.list_interviews() == []


@pytest.mark.parametrize("pause", ["stop", "break", "open"])
def test_every_resume_goes_through_a_fresh_safety_check(store: Store, pause: str) -> None:
    kiosk = at_person(store)
    live = kiosk.live
    assert live is not None
    interview_id = live.interview_id
    kiosk.handle(i.Continue())  # hello
    if pause == "stop":
        kiosk.handle(i.AskStop())
        kiosk.handle(i.Stop())
        kiosk.handle(i.HandOver())
        kiosk.handle(i.StaffVerified())
        assert isinstance(kiosk.page, Review)
    elif pause == "break":
        kiosk.handle(i.TakeBreak())
    kiosk.close()  # the kiosk closed (or crashed): the interview stopped, on a break or open
    kiosk = kiosk_on(store)
    before = len(store.events(interview_id))
    page = kiosk.handle(i.ResumeInterview(interview_id))
    assert isinstance(page, ResumeCheck) and page.check.id == "check"
    page = kiosk.handle(i.ConfirmSafetyCheck(("paper",)))
    assert isinstance(page, ResumeCheck) and page.refused  # not passed: nothing recorded
    assert len(store.events(interview_id)) == before
    page = kiosk.handle(i.ConfirmSafetyCheck(("private_room",)))
    assert page == Handover(HandoverTo.PERSON)  # never straight onto the person's screen
    resumed = store.events(interview_id)[-1]
    assert resumed.kind == EventKind.RESUMED and resumed.actor == Actor.STAFF
    assert resumed.data == {"check": ["private_room"]}
    state = kiosk.live.state if kiosk.live else None
    assert state is not None and state.status is InterviewStatus.OPEN
    assert not state.paper_is_safe()  # the fresh check counts: paper was not ticked this time
    kiosk.handle(i.HandOver())
    assert isinstance(kiosk.page, Question) and state.current == "consent"


def test_a_safety_alert_pauses_the_interview_for_staff(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "danger")
    page = kiosk.handle(i.Answer("yes"))
    assert page == SafetyHold()  # the person sees a calm page, no alarm
    with pytest.raises(NotPossibleHere):
        kiosk.handle(i.Answer("no"))
    page = kiosk.handle(i.HandOver())
    assert page == Locked(LockReason.STAFF_GATE)  # the alert itself is for staff only
    page = kiosk.handle(i.StaffVerified())
    assert isinstance(page, SafetyAlertPage)
    assert [a.reason for a in page.alerts] == ["The person is in danger now."]
    page = kiosk.handle(i.HandleAlert(AlertAction.CONTINUE))
    assert page == Handover(HandoverTo.PERSON)
    kinds = events(kiosk)[-3:]
    assert kinds == [("answered", "person"), ("safety_alert", "system"), ("alert_handled", "staff")]
    kiosk.handle(i.HandOver())
    kiosk.handle(i.Continue())  # bye
    live = kiosk.live
    assert live is not None and live.state.alerts_raised == ["danger_now"]  # fired once


@pytest.mark.parametrize("action", [AlertAction.BREAK, AlertAction.STOP])
def test_after_an_alert_staff_take_a_break_or_stop_as_staff(
    store: Store, action: AlertAction
) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "danger")
    kiosk.handle(i.Answer("yes"))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    page = kiosk.handle(i.HandleAlert(action))
    last = events(kiosk)[-1]
    if action is AlertAction.BREAK:
        assert page == Break() and last == ("break_started", "staff")
    else:
        assert isinstance(page, Review) and last == ("stopped", "staff")


# ------------------------------------------------------------------ the staff gate


SAMPLE_INTENTS: list[i.Intent] = [
    i.Answer("yes"),
    i.Answer("no"),
    i.Answer(30),
    i.Answer("words"),
    i.Decline(),
    i.DontKnow(),
    i.Continue(),
    i.Back(),
    i.TakeBreak(),
    i.AnswerBreakOffer(True),
    i.AnswerBreakOffer(False),
    i.EndBreak(),
    i.AskStop(),
    i.CancelStop(),
    i.Stop(),
    i.ChangeLanguage("th"),
    i.HandOver(),
    i.Hide(),
    i.Lock(),
    i.GateBack(),
    # staff intents: each must be refused on a person's page (or lead only to the gate)
    i.StaffContinue(()),
    i.StaffStop(),
    i.HandleAlert(AlertAction.CONTINUE),
    i.MarkCovered(("pay",)),
    i.MarkChild(),
    i.SwitchAdult("a reason"),
    i.AddDisclosure("more"),
    i.Correct("work", "a reason", "yes"),
    i.DecideReferral("medical", "made"),
    i.WithdrawConsent("talk"),
    i.GoHome(),
    i.NewInterview(),
    i.OpenSettings(),
    i.OpenStudio(),
    i.OpenReview(None),
    i.ConfirmSafetyCheck(SAFE),
    i.StartInterview(RULES, "km", safety_checked=SAFE),
]


def _signature(kiosk: KioskSession) -> tuple[object, ...]:
    live = kiosk.live
    state = live.state if live is not None else None
    return (
        kiosk.page,
        state.current if state else None,
        state.status if state else None,
        kiosk.interview.holder if kiosk.interview else None,
    )


def _replay(start: str, path: list[i.Intent]) -> KioskSession:
    kiosk = at_person(Store.in_memory())
    walk_to(kiosk, start)
    for intent in path:
        kiosk.handle(intent)
    return kiosk


@pytest.mark.parametrize("start", ["hello", "work", "danger"])
def test_no_staff_page_is_reachable_from_a_persons_page_without_the_code(start: str) -> None:
    """Every sequence of intents from the person's pages, without the staff passphrase or PIN:
    none shows a staff page (breadth-first over distinct states, replaying from `start`, where
    the person holds the screen; each staff note ahead can only be passed with the code)."""
    seen = {_signature(_replay(start, []))}
    queue: list[list[i.Intent]] = [[]]
    person_pages: set[str] = set()
    while queue:
        path = queue.pop(0)
        kiosk = _replay(start, path)
        for intent in SAMPLE_INTENTS:
            try:
                page: AnyPage = kiosk.handle(intent)
            except KioskError:
                continue  # refused before anything happened: the same kiosk tries the next
            assert page.audience is not Audience.STAFF, (path, intent, page)
            if page.audience is Audience.PERSON:
                person_pages.add(page.kind)
            signature = _signature(kiosk)
            if signature not in seen:
                seen.add(signature)
                queue.append([*path, intent])
            kiosk = _replay(start, path)
    # The walk really went through the interview: every kind of person page was met.
    wanted = {"question", "break", "stop_confirm", "stopped", "handover"}
    later = {"break_offer", "safety_hold"} if start == "work" else set()
    assert person_pages >= wanted | later, person_pages


def test_staff_intents_are_refused_on_the_persons_pages_and_record_nothing(store: Store) -> None:
    kiosk = at_person(store)
    before = events(kiosk)
    for intent in (i.StaffStop(), i.SwitchAdult("x"), i.MarkChild(), i.OpenReview(None)):
        with pytest.raises(NotPossibleHere):
            kiosk.handle(intent)
    assert events(kiosk) == before and isinstance(kiosk.page, Question)


def test_the_gate_opens_only_with_the_code_and_the_person_can_step_back(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "story")
    kiosk.handle(i.Answer("my story"))
    assert kiosk.page == Handover(HandoverTo.STAFF)  # "Thank you. Please give the screen back"
    assert kiosk.handle(i.HandOver()) == Locked(LockReason.STAFF_GATE)
    back = kiosk.handle(i.GateBack())  # pressed by mistake: back to the person's own page
    assert back == Handover(HandoverTo.STAFF)
    kiosk.handle(i.HandOver())
    page = kiosk.handle(i.StaffVerified())
    assert isinstance(page, StaffStep) and page.screen.node is not None
    assert page.screen.node.id == "gaps"


# ------------------------------------------------------------------ hide and lock


def _pages_to_visit(store: Store) -> Iterator[KioskSession]:
    """A kiosk showing each kind of page in turn."""
    kiosk = kiosk_on(store)
    yield kiosk  # home
    kiosk.handle(i.OpenSettings())
    yield kiosk  # settings
    kiosk.handle(i.GoHome())
    kiosk.handle(i.OpenStudio())
    yield kiosk  # studio
    kiosk.handle(i.GoHome())
    kiosk.handle(i.NewInterview())
    yield kiosk  # setup
    kiosk.handle(i.StartInterview(RULES, "km", safety_checked=("paper",)))
    yield kiosk  # setup, the check not passed
    kiosk.handle(i.StartInterview(RULES, "km", safety_checked=SAFE))
    yield kiosk  # handover to the person
    kiosk.handle(i.HandOver())
    yield kiosk  # question
    walk_to(kiosk, "hard")
    yield kiosk  # break offer
    kiosk.handle(i.AnswerBreakOffer(True))
    yield kiosk  # break
    kiosk.handle(i.EndBreak())
    kiosk.handle(i.AskStop())
    yield kiosk  # stop confirmation
    kiosk.handle(i.CancelStop())
    kiosk.handle(i.Answer("no"))
    kiosk.handle(i.Answer("yes"))
    yield kiosk  # safety hold
    kiosk.handle(i.HandOver())
    yield kiosk  # the staff gate
    kiosk.handle(i.StaffVerified())
    yield kiosk  # the safety alert
    kiosk.handle(i.HandleAlert(AlertAction.CONTINUE))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.Continue())
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    yield kiosk  # staff step
    kiosk.handle(i.StaffContinue())
    yield kiosk  # finished
    kiosk.handle(i.OpenReview(None))
    yield kiosk  # review
    kiosk.handle(i.GoHome())
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(RULES, "km", safety_checked=SAFE))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.AskStop())
    kiosk.handle(i.Stop())
    yield kiosk  # stopped, the person's page
    assert kiosk.live is not None
    stopped = kiosk.live.interview_id
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    kiosk.handle(i.GoHome())
    kiosk.handle(i.ResumeInterview(stopped))
    yield kiosk  # the resume's safety check


def test_quick_hide_and_lock_work_from_every_page_and_record_nothing(store: Store) -> None:
    def recorded() -> int:
        return sum(len(store.events(s.id)) for s in store.list_interviews())

    kinds = []
    for kiosk in _pages_to_visit(store):
        showing = kiosk.page
        kinds.append(showing.kind)
        if isinstance(showing, Locked):  # the staff gate: hiding blanks even its words
            assert kiosk.handle(i.Hide()) == Locked(LockReason.HIDE)
            continue
        for reason, intent in ((LockReason.HIDE, i.Hide()), (LockReason.IDLE, i.Lock())):
            before = recorded()
            assert kiosk.handle(intent) == Locked(reason)
            for refused in (i.Answer("yes"), i.Continue(), i.GoHome(), i.HandOver()):
                with pytest.raises(NotPossibleHere):
                    kiosk.handle(refused)
            assert kiosk.handle(i.StaffVerified()) == showing  # back, with the code only
            assert recorded() == before
    assert set(kinds) == {
        "home",
        "settings",
        "studio",
        "stopped",
        "resume_check",
        "setup",
        "handover",
        "question",
        "break_offer",
        "break",
        "stop_confirm",
        "safety_hold",
        "lock",
        "safety_alert",
        "staff_step",
        "finished",
        "review",
    }


# ------------------------------------------------------------------ breaks, stop, staff


def test_breaks_keep_the_question_and_stop_hands_back_through_the_gate(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "hard")
    assert isinstance(kiosk.page, BreakOffer)  # the policy's break_before: a sensitive question
    assert kiosk.handle(i.AnswerBreakOffer(True)) == Break()
    page = kiosk.handle(i.EndBreak())
    assert isinstance(page, Question) and page.screen.node is not None
    assert page.screen.node.id == "hard"  # no second offer for the same question
    kiosk.handle(i.AskStop())
    assert kiosk.handle(i.Stop()) == Stopped()
    live = kiosk.live
    assert live is not None and live.state.answer_state("hard") is AnswerState.INTERRUPTED
    assert kiosk.handle(i.HandOver()) == Locked(LockReason.STAFF_GATE)
    assert isinstance(kiosk.handle(i.StaffVerified()), Review)
    assert ("stopped", "person") in events(kiosk)


def test_staff_actions_are_recorded_as_staff(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "story")
    kiosk.handle(i.Answer("my story"))
    kiosk.handle(i.HandOver())
    page = kiosk.handle(i.StaffVerified())
    assert isinstance(page, StaffStep)
    assert [node.id for node in page.coverable] == ["work", "pay", "hard", "danger"]
    kiosk.handle(i.MarkChild())
    kiosk.handle(i.StaffContinue())
    assert events(kiosk)[-3:] == [
        ("answered", "person"),
        ("path_switched", "staff"),
        ("continued", "staff"),
    ]


def test_marked_as_covered_is_skipped_and_never_counts_as_no(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "story")
    kiosk.handle(i.Answer("I was not paid"))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    page = kiosk.handle(i.MarkCovered(("pay",)))
    assert isinstance(page, StaffStep) and "pay" not in [n.id for n in page.coverable]
    assert events(kiosk)[-1] == ("questions_covered", "staff")
    kiosk.handle(i.StaffContinue())
    kiosk.handle(i.HandOver())
    kiosk.handle(i.Answer("no"))  # work
    live = kiosk.live
    assert live is not None and live.state.current == "hard"  # `pay` was not asked again
    state = live.state
    assert state.answer_state("pay") is AnswerState.COVERED
    assert not state.holds(_parse("pay == 'no'")) and not state.holds(_parse("pay == 'yes'"))
    assert state.holds(_parse("pay is covered")) and state.holds(_parse("pay is unknown"))
    with pytest.raises(NotPossibleHere):  # only staff mark, only on a staff page
        kiosk.handle(i.MarkCovered(("danger",)))


def _parse(source: str):  # type: ignore[no-untyped-def]
    from kiosk.core import conditions

    return conditions.parse(source)


def test_consent_and_age_cannot_be_marked_as_covered(store: Store) -> None:
    kiosk = started(store)
    live = kiosk.live
    assert live is not None
    coverable = {node.id for node in live.state.coverable()}
    assert "consent" not in coverable and "age" not in coverable


# ------------------------------------------------------------------ one interview at a time


def test_going_home_leaves_nothing_of_the_interview_in_the_session(store: Store) -> None:
    kiosk = at_person(store)
    closed: list[bool] = []
    kiosk.on_close.append(lambda: closed.append(True))
    walk_to(kiosk, "work")
    kiosk.handle(i.AskStop())
    kiosk.handle(i.Stop())
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    engine = kiosk.live
    assert engine is not None
    assert kiosk.handle(i.GoHome()) == Home()
    assert closed == [True] and kiosk.interview is None and kiosk.live is None
    assert engine.listeners == []  # nothing can still follow it
    assert vars(kiosk).get("_gate_target") is None and vars(kiosk).get("_under_lock") is None
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(RULES, "th", safety_checked=SAFE))
    assert kiosk.live is not None and kiosk.live.interview_id != engine.interview_id


def test_a_finished_interview_opens_in_review_not_resume(store: Store) -> None:
    kiosk = at_person(store)
    walk_to(kiosk, "bye")
    kiosk.handle(i.Continue())
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    assert isinstance(kiosk.page, StaffStep)
    assert isinstance(kiosk.handle(i.StaffContinue()), Finished)
    live = kiosk.live
    assert live is not None
    kiosk.handle(i.GoHome())
    with pytest.raises(KioskError, match="review"):
        kiosk.handle(i.ResumeInterview(live.interview_id))
    assert isinstance(kiosk.handle(i.OpenReview(live.interview_id)), Review)


# ------------------------------------------------------------------ ODK outbox kept current


def test_events_of_a_closed_interview_keep_the_odk_outbox_current(
    store: Store, project_key: object
) -> None:
    from kiosk.core.odk.link import save_connection
    from kiosk.core.odk.outbox import interviews_to_sync
    from tests.fixtures.odk import connection_for

    flow = FlowLibrary(DATA).load(RULES)
    save_connection(store, connection_for(flow, project_key))  # type: ignore[arg-type]
    kiosk = at_person(store)
    kiosk.handle(i.Continue())
    assert interviews_to_sync(store) != []  # open: nothing to send yet, nothing looked at
    kiosk.handle(i.AskStop())
    kiosk.handle(i.Stop())
    assert interviews_to_sync(store) == []  # closing brought its outbox up to date
    kiosk.handle(i.HandOver())
    kiosk.handle(i.StaffVerified())
    kiosk.handle(i.AddDisclosure("more, later"))
    assert interviews_to_sync(store) == []  # and so does each review event


def test_listen_only_is_kept_with_the_interview(store: Store) -> None:
    kiosk = kiosk_on(store)
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(RULES, "km", safety_checked=SAFE, listen_only=True))
    live = kiosk.live
    assert live is not None and live.state.listen_only
    assert store.events(live.interview_id)[0].data["listen_only"] is True
