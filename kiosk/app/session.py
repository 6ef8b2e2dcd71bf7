"""The kiosk session: the one place for the kiosk's rules of who sees what, and when.

Intents go in (`handle`), typed pages come out. The session owns the current page and the
interview open on this kiosk, and enforces, whatever drives it (the window, `kiosk simulate`):
- **the staff gate**: whenever the screen would pass from the person to a staff page, the
  staff passphrase or PIN comes first (`Locked(STAFF_GATE)`), every time;
- **safety first**: the flow's safety check opens every interview and every resumed one, and no
  interview record exists until it passed; a safety alert pauses the interview for staff;
- **nothing recorded that did not happen**: staff actions are recorded as staff; intents that
  are not possible on the page showing are refused and record nothing;
- **quick hide and lock** from every page, back to the same page only with the code;
- **one interview at a time**: closing it leaves nothing of it here (`on_close` tells the
  window to clear its screens too).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from typing import assert_never

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
    PageKind,
    Question,
    ResumeCheck,
    Review,
    SafetyAlertPage,
    SafetyHold,
    Settings,
    Setup,
    SetupProblem,
    StaffStep,
    StopConfirm,
    Stopped,
    Studio,
    Unlock,
)
from kiosk.core import organisation
from kiosk.core.errors import KioskError
from kiosk.core.events import Actor, Event
from kiosk.core.flow import Flow, Node
from kiosk.core.interview import InterviewSession
from kiosk.core.interview_rules import safety_check_passes
from kiosk.core.store import Store
from kiosk.core.vocabulary import Audience as NodeAudience
from kiosk.core.vocabulary import InterviewStatus, NodeKind, PathKind

# Which intents each page accepts. Anything else is refused before anything is recorded: a
# staff action can never be reached from a person's page, whatever a widget sends.
_ANYWHERE = (i.Hide, i.Lock)
ALLOWED: dict[PageKind, tuple[type, ...]] = {
    PageKind.UNLOCK: (i.Unlocked,),
    PageKind.LOCKED: (i.StaffVerified, i.GateBack, i.Hide),
    PageKind.HOME: (
        i.NewInterview,
        i.OpenSettings,
        i.OpenStudio,
        i.ResumeInterview,
        i.OpenReview,
        i.GoHome,
    ),
    PageKind.SETUP: (i.StartInterview, i.GoHome),
    PageKind.SETTINGS: (i.GoHome,),
    PageKind.STUDIO: (i.GoHome,),
    PageKind.RESUME_CHECK: (i.ConfirmSafetyCheck, i.GoHome),
    PageKind.STAFF_STEP: (
        i.StaffContinue,
        i.StaffStop,
        i.MarkCovered,
        i.MarkChild,
        i.SwitchAdult,
        i.AddDisclosure,
    ),
    PageKind.SAFETY_ALERT: (i.HandleAlert,),
    PageKind.FINISHED: (i.OpenReview, i.GoHome),
    PageKind.REVIEW: (
        i.GoHome,
        i.MarkChild,
        i.SwitchAdult,
        i.AddDisclosure,
        i.Correct,
        i.DecideReferral,
        i.WithdrawConsent,
    ),
    PageKind.HANDOVER: (i.HandOver,),
    PageKind.QUESTION: (
        i.Answer,
        i.Decline,
        i.DontKnow,
        i.Continue,
        i.Back,
        i.TakeBreak,
        i.AskStop,
        i.ChangeLanguage,
    ),
    PageKind.BREAK_OFFER: (i.AnswerBreakOffer, i.AskStop),
    PageKind.BREAK: (i.EndBreak,),
    PageKind.STOP_CONFIRM: (i.Stop, i.CancelStop),
    PageKind.STOPPED: (i.HandOver,),
    PageKind.SAFETY_HOLD: (i.HandOver,),
}


class NotPossibleHere(KioskError):
    """An intent the page showing does not offer (a stale click, or a forged one)."""

    def __init__(self) -> None:
        super().__init__("That is not possible on this screen.")


@dataclass
class OpenInterview:
    """The interview open on this kiosk, and who holds the screen for it."""

    session: InterviewSession
    holder: NodeAudience = NodeAudience.STAFF


class KioskSession:
    def __init__(self, flows: FlowLibrary | None = None) -> None:
        self.flows = flows or FlowLibrary()
        self.store: Store | None = None
        self.interview: OpenInterview | None = None
        self.on_open: list[Callable[[InterviewSession], None]] = []
        self.on_close: list[Callable[[], None]] = []
        self._page: AnyPage = Unlock()
        # The person has had the screen since staff last gave the passphrase or PIN.
        self._person_side = False
        self._under_lock: AnyPage | None = None  # the page a hide or lock covers
        self._gate_target: AnyPage | None = None  # the staff page waiting behind the gate
        self._gate_from: AnyPage | None = None  # the person's page the gate came from

    # ------------------------------------------------------------ reading

    @property
    def page(self) -> AnyPage:
        return self._page

    @property
    def live(self) -> InterviewSession | None:
        """The engine session of the open interview, if any."""
        return self.interview.session if self.interview is not None else None

    def allows(self, intent: i.Intent) -> bool:
        if isinstance(intent, _ANYWHERE) and self._page.kind is not PageKind.UNLOCK:
            return True
        if isinstance(intent, i.GateBack):
            return isinstance(self._page, Locked) and self._gate_target is not None
        return isinstance(intent, ALLOWED[self._page.kind])

    # ------------------------------------------------------------ the one entry point

    def handle(self, intent: i.Intent) -> AnyPage:
        """Do what `intent` asks if this page offers it; return the page to show now.

        Whatever the intent records is saved in one transaction (one sync of the disk) before
        this returns, or, if anything fails, none of it."""
        if not self.allows(intent):
            raise NotPossibleHere()
        live = self.live
        with live.one_commit() if live is not None else nullcontext():
            self._do(intent)
        return self._page

    def _do(self, intent: i.Intent) -> None:
        match intent:
            case i.Unlocked(store):
                self.store = store
                self._person_side = False
                self._show(Home())
            case i.StaffVerified():
                self._verified()
            case i.Hide():
                self._lock(LockReason.HIDE)
            case i.Lock():
                self._lock(LockReason.IDLE)
            case i.GateBack():
                self._gate_back()
            case i.GoHome():
                self._close_interview()
                self._show(Home())
            case i.NewInterview():
                self._show(Setup())
            case i.OpenSettings():
                self._show(Settings())
            case i.OpenStudio():
                self._show(Studio())
            case i.StartInterview():
                self._start(intent)
            case i.ResumeInterview(interview_id):
                self._resume(interview_id)
            case i.ConfirmSafetyCheck(checked):
                self._confirm_resume(checked)
            case i.OpenReview(interview_id):
                self._review(interview_id)
            case i.StaffContinue(checked):
                self._staff_continue(checked)
            case i.StaffStop(reason):
                self._engine().stop(reason, by=Actor.STAFF)
                self._route(holder=NodeAudience.STAFF)
            case i.HandleAlert(action):
                self._engine().handle_alert(action)
                self._route()
            case i.MarkCovered(nodes):
                self._engine().mark_covered(nodes)
                self._route()
            case i.MarkChild():
                self._engine().mark_appears_child()
                self._stay()
            case i.SwitchAdult(reason):
                self._engine().switch_path(PathKind.ADULT, reason)
                self._stay()
            case i.AddDisclosure(text, node):
                self._engine().add_disclosure(text, node)
                self._stay()
            case i.Correct(node, reason, value, state):
                self._engine().correct(node, reason, value, state)
                self._stay()
            case i.DecideReferral(service, decision, note):
                self._engine().decide_referral(service, decision, note)
                self._stay()
            case i.WithdrawConsent(layer):
                self._engine().withdraw_consent(layer, by=Actor.STAFF)
                self._stay()
            case i.HandOver():
                self._hand_over()
            case i.Answer(value):
                self._engine().answer(value)
                self._route()
            case i.Decline():
                self._engine().decline()
                self._route()
            case i.DontKnow():
                self._engine().dont_know()
                self._route()
            case i.Continue():
                self._engine().proceed()
                self._route()
            case i.Back():
                self._engine().back()
                self._route()
            case i.TakeBreak():
                self._engine().take_break()
                self._route()
            case i.AnswerBreakOffer(taken):
                self._engine().offer_break(taken)
                self._route()
            case i.EndBreak():
                self._engine().end_break()
                self._route()
            case i.AskStop():
                self._engine()
                self._show(StopConfirm())
            case i.CancelStop():
                self._route()
            case i.Stop():
                self._engine().stop("", by=Actor.PERSON)
                self._route()
            case i.ChangeLanguage(language):
                engine = self._engine()
                if language != engine.state.language:
                    engine.change_language(language)
                self._route()
            case _:
                assert_never(intent)

    def close(self) -> None:
        """The kiosk closes: forget the interview and the store (the caller closes the store)."""
        self._close_interview()
        self.store = None
        self._page = Unlock()

    # ------------------------------------------------------------ showing pages

    def _show(self, page: AnyPage) -> None:
        """The only way a page reaches the screen: staff pages after a person's page wait
        behind the staff gate."""
        if page.audience is Audience.STAFF and self._person_side:
            if self._page.audience is Audience.PERSON:
                self._gate_from = self._page
            self._gate_target = page
            page = Locked(LockReason.STAFF_GATE)
        elif page.audience is Audience.PERSON:
            self._person_side = True
        self._page = page

    def _lock(self, reason: LockReason) -> None:
        if isinstance(self._page, Locked):
            if reason is LockReason.HIDE:  # even the gate's words go
                self._page = Locked(reason)
            return
        self._under_lock = self._page
        self._page = Locked(reason)

    def _verified(self) -> None:
        """Staff gave the passphrase or PIN: what waited behind the gate, or what the lock
        covered."""
        self._person_side = False
        target = self._gate_target or self._under_lock or Home()
        self._gate_target = self._gate_from = self._under_lock = None
        self._show(target)

    def _gate_back(self) -> None:
        """The person pressed on by mistake: back to their page; the screen stays theirs."""
        back = self._gate_from
        self._gate_target = self._gate_from = self._under_lock = None
        if self.interview is not None:
            self.interview.holder = NodeAudience.PERSON
        self._page = back if back is not None else Locked(LockReason.IDLE)

    def _stay(self) -> None:
        """A staff action that changes no page: show the same page with fresh content."""
        if isinstance(self._page, Review):
            self._show(Review(self._page.interview_id))
        else:
            self._route()

    # ------------------------------------------------------------ the interview's pages

    def _engine(self) -> InterviewSession:
        if self.interview is None:
            raise KioskError("No interview is open.")
        return self.interview.session

    def _route(self, holder: NodeAudience | None = None) -> None:
        interview = self.interview
        if interview is None:
            raise KioskError("No interview is open.")
        if holder is not None:
            interview.holder = holder
        self._show(self._interview_page(interview))

    def _interview_page(self, interview: OpenInterview) -> AnyPage:
        """The page of the open interview, from its state and who holds the screen."""
        engine = interview.session
        state = engine.state
        screen = engine.screen()
        person = interview.holder is NodeAudience.PERSON
        match state.status:
            case InterviewStatus.ON_HOLD:
                return SafetyHold() if person else SafetyAlertPage(tuple(state.pending_alerts()))
            case InterviewStatus.ON_BREAK:
                return Break()
            case InterviewStatus.STOPPED:
                return Stopped() if person else Review(engine.interview_id)
            case InterviewStatus.FINISHED:
                return Handover(HandoverTo.STAFF) if person else Finished(screen)
            case InterviewStatus.OPEN:
                node = state.current_node
                if node is None:
                    raise KioskError("The interview shows nothing; review it instead.")
                if node.audience is NodeAudience.STAFF:
                    if person:
                        return Handover(HandoverTo.STAFF)
                    return StaffStep(screen, tuple(state.coverable()))
                if not person:
                    return Handover(HandoverTo.PERSON)
                if screen.offer_break:
                    return BreakOffer(screen)
                return Question(screen)
            case InterviewStatus.NEW:
                raise KioskError("The interview has not started.")
            case _:
                assert_never(state.status)

    def _hand_over(self) -> None:
        """The person's page's hand-over button: the screen changes hands."""
        interview = self.interview
        if interview is None:
            raise KioskError("No interview is open.")
        page = self._page
        to_person = isinstance(page, Handover) and page.to is HandoverTo.PERSON
        self._route(holder=NodeAudience.PERSON if to_person else NodeAudience.STAFF)

    def _staff_continue(self, checked: tuple[str, ...]) -> None:
        engine = self._engine()
        node = engine.state.current_node
        if node is not None and node.kind is NodeKind.STAFF_CHECK:
            engine.answer(list(checked))
        else:
            engine.proceed()
        self._route(holder=NodeAudience.STAFF)

    # ------------------------------------------------------------ opening and closing

    def _need_store(self) -> Store:
        if self.store is None:
            raise KioskError("The kiosk is locked. Unlock it first.")
        return self.store

    def _open(self, session: InterviewSession) -> None:
        self.interview = OpenInterview(session)
        session.listeners.append(partial(_keep_outbox_current, session))
        for listener in list(self.on_open):
            listener(session)

    def _close_interview(self) -> None:
        """Nothing of the interview stays in the session layer (nor, told by `on_close`, in the
        window)."""
        if self.interview is None:
            return
        self.interview.session.listeners.clear()
        self.interview = None
        self._gate_target = self._gate_from = self._under_lock = None
        for listener in list(self.on_close):
            listener()

    def _start(self, choice: i.StartInterview) -> None:
        store = self._need_store()
        flow = self.flows.load(choice.flow_path)
        self._close_interview()
        interpreter = dict(choice.interpreter)
        if interpreter.get("present") and not interpreter.get("independent"):
            self._show(Setup(problem=SetupProblem.INTERPRETER_NOT_INDEPENDENT))
            return
        has_check = flow.policy.safety_check is not None
        if has_check and not safety_check_passes(flow, choice.safety_checked):
            self._show(Setup(problem=SetupProblem.NOT_READY, not_ready=_not_ready(flow)))
            return  # nothing recorded: no interview exists until the check passed
        session = InterviewSession.start(
            store,
            flow,
            choice.language,
            choice.staff_language,
            interpreter,
            safety_check=list(choice.safety_checked) if has_check else None,
            listen_only=choice.listen_only,
            organisation=organisation.current(store),
        )
        self._open(session)
        self._route(holder=NodeAudience.STAFF)

    def _resume(self, interview_id: str) -> None:
        store = self._need_store()
        summary = store.interview(interview_id)
        flow = self.flows.by_id(summary.flow_id)
        self._close_interview()
        session = InterviewSession.resume(store, flow, summary.id)
        if session.state.status is InterviewStatus.FINISHED:
            raise KioskError("This interview is finished. Open it in review to add to it.")
        self._open(session)
        check = flow.policy.safety_check
        if check is None:
            session.resume_interview()
            self._route(holder=NodeAudience.STAFF)
            return
        self._show(ResumeCheck(summary.id, flow.node(check), _not_ready(flow)))

    def _confirm_resume(self, checked: tuple[str, ...]) -> None:
        engine = self._engine()
        page = self._page
        assert isinstance(page, ResumeCheck)  # the only page offering this intent
        if not safety_check_passes(engine.flow, checked):
            self._show(ResumeCheck(page.interview_id, page.check, page.not_ready, refused=True))
            return  # nothing recorded: the interview stays as it was
        engine.resume_interview(list(checked))
        self._route(holder=NodeAudience.STAFF)

    def _review(self, interview_id: str | None) -> None:
        if interview_id is not None:
            store = self._need_store()
            summary = store.interview(interview_id)
            flow = self.flows.by_id(summary.flow_id)
            self._close_interview()
            self._open(InterviewSession.resume(store, flow, summary.id))
        engine = self._engine()
        if self.interview is not None:
            self.interview.holder = NodeAudience.STAFF
        self._show(Review(engine.interview_id))


def _keep_outbox_current(session: InterviewSession, _event: Event) -> None:
    """Once an interview is closed, every event may change what a consented referral would
    send: bring its ODK outbox up to date (a no-op without a connected server). `kiosk odk send`
    and the send panel sync first anyway, so a failure here never loses anything; it must not
    undo an action the person or staff already took, so it is not raised."""
    if not session.state.is_closed:
        return
    from kiosk.core.odk.sender import sync_if_connected  # heavy (crypto); only once closed

    try:
        sync_if_connected(session.store, session.flow, session.interview_id)
    except KioskError:
        return


def _not_ready(flow: Flow) -> Node | None:
    node_id = flow.policy.not_ready
    return flow.node(node_id) if node_id is not None else None
