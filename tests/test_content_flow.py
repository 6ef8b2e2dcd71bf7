"""The built-in identification flow: validity, every branch walked, the child protocol, safety
alerts, consent to share, and indicators that do not over-identify.

Coverage is computed from flows/identification.yaml and content/indicators.yaml, never from a
hand-kept list: every ILO forced-labour indicator (set `ilo11`) must be reachable by a question
on the adult path; the child path is a short protocol that notes only a child's situation and
never asks about sexual harm, violence, threats, debt or unlawful acts. Two independent proofs:
a static walk of the graph, and real interviews driven through the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.core import conditions, sharing, summary
from kiosk.core.content import load_indicators
from kiosk.core.flow import Flow, Node
from kiosk.core.flow_loader import load_flow, read_flow
from kiosk.core.flow_paths import decide, longest_path
from kiosk.core.indicators import CONTEXT_ONLY_WORDING, NOTED_WORDING, noted_indicators
from kiosk.core.interview import InterviewSession
from kiosk.core.organisation import CONDITION_VALUES, NOT_SET, OrganisationKind
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction

REPO = Path(__file__).resolve().parent.parent
FLOW_FILE = REPO / "flows" / "identification.yaml"
CONTENT = REPO / "content"

# The questions the practice review says a kiosk must not ask a presumed child before a
# guardian or child-protection worker is present (sexual acts, unwanted touching, violence,
# threats, "things you thought were wrong", debt), by their ids in this flow.
NOT_FOR_A_CHILD = {
    "sexual_exploitation",
    "forced_marriage",
    "unwanted_touch",
    "violence",
    "threatened",
    "threat_kind",
    "unlawful_acts",
    "debt_now",
    "debt_bond",
    "debt_grew",
    "restrictions",
}
# The limit for the child protocol, and the adult path before this edition.
MAX_CHILD_QUESTIONS = 20
ADULT_QUESTIONS_BEFORE = 56


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_indicators(CONTENT)


@pytest.fixture(scope="module")
def flow(catalog) -> Flow:  # type: ignore[no-untyped-def]
    return load_flow(FLOW_FILE, catalog.tags())


def tags_in_set(catalog, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.tag for i in catalog.indicators if i.set == name}


def tags_in_domain(catalog, domain: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.tag for i in catalog.indicators if i.domain == domain}


def referral_tags(catalog) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.tag for i in catalog.indicators if catalog.suggests_referral(i.tag)}


def node_tags(node: Node) -> set[str]:
    return set(node.indicators) | {tag for option in node.options for tag in option.indicators}


# --- validity -----------------------------------------------------------------------------


def test_flow_validates_with_no_problems(catalog) -> None:  # type: ignore[no-untyped-def]
    flow, problems = read_flow(FLOW_FILE, catalog.tags())
    assert flow is not None
    assert [str(problem) for problem in problems] == []


def test_flow_header_follows_the_brief(flow: Flow) -> None:
    assert flow.child_wording == "required"
    assert flow.age_question == "age"
    assert flow.node(flow.start).kind == "section"
    first_screen = flow.node(flow.default_next(flow.node(flow.start)) or "")
    assert first_screen.kind == "staff_check"
    assert "safe_to_carry_paper" in {item.id for item in first_screen.items}
    assert {node.consent for node in flow.nodes if node.consent} == {"talk", "notes", "referral"}
    assert flow.nodes[-1].kind == "end"
    assert {n.outcome for n in flow.nodes if n.kind == "end"} == {
        "completed",
        "declined",
        "stopped_safely",
    }
    assert any(node.kind == "staff_note" for node in flow.nodes)


def test_every_indicator_in_the_catalogue_is_used_by_the_flow(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    used = set().union(*(node_tags(node) for node in flow.nodes))
    # Child exploitation is never asked at the kiosk: staff note it after a child-protection
    # worker has talked with the child. Everything else must be reachable by a question.
    assert catalog.tags() - used == tags_in_domain(catalog, "child_exploitation")


def test_sensitive_questions_are_flagged(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    # Violence, threats, confinement and sexual harm are always preceded by a break offer.
    for node in flow.nodes:
        tags = node_tags(node)
        if tags & {
            "ilo_physical_sexual_violence",
            "ec_sexual_exploitation",
            "reg_online_sexual_exploitation",
            "reg_forced_marriage",
            "ec_confinement",
            "ec_forced_illicit_activities",
            "ilo_intimidation_threats",
        }:
            assert node.sensitive, node.id


def test_every_question_about_the_situation_is_adult_only_or_child_only(flow: Flow) -> None:
    # A path changed by staff mid-interview must never show a child an adult question: every
    # question after the shared opening says which path it belongs to.
    shared = {
        "understand_language",
        "needs_now",
        "time_today",
        "age",
        "consent_talk",
        "consent_notes",
        "afraid_now",
        "safe_tonight",
        "any_questions",
        "paper_safe",
    }
    for node in flow.questions:
        if node.kind != "question" or node.id in shared:
            continue
        assert node.when is not None, node.id
        assert (
            decide(node.when.tree, {"child": True}) is False
            or decide(node.when.tree, {"child": False}) is False
        ), node.id


# --- static walk --------------------------------------------------------------------------


def walk(
    flow: Flow, child: bool, organisation: str | None = None
) -> tuple[set[str], set[tuple[str, str]]]:
    """Nodes shown and edges taken on one path, with every answer-dependent choice open."""
    known: dict[str, Any] = {"child": child}
    if organisation is not None:
        known["organisation"] = organisation
    shown: set[str] = set()
    edges: set[tuple[str, str]] = set()
    stack = [flow.start]
    seen: set[str] = set()
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = flow.node(node_id)
        targets: list[str] = []
        when = decide(node.when.tree, known) if node.when else True
        if when is not False:
            if node.kind != "section":
                shown.add(node_id)
            certain = False
            for branch in node.branches:
                decided = decide(branch.condition.tree, known)
                if decided is not False:
                    targets.append(branch.goto)
                if decided is True:
                    certain = True
                    break
            default = flow.default_next(node)
            if not certain and default is not None and node.kind != "end":
                targets.append(default)
        if when is not True:  # skipped: the engine goes to the default next node
            default = flow.default_next(node)
            if default is not None:
                targets.append(default)
        for target in targets:
            edges.add((node_id, target))
            stack.append(target)
    return shown, edges


def test_every_node_and_every_branch_is_walked(flow: Flow) -> None:
    adult_nodes, adult_edges = walk(flow, child=False)
    child_nodes, child_edges = walk(flow, child=True)
    screens = {node.id for node in flow.nodes if node.kind != "section"}
    assert screens - (adult_nodes | child_nodes) == set()
    all_edges = {(node.id, target) for node in flow.nodes for target in flow.successors(node)}
    assert all_edges - (adult_edges | child_edges) == set()


def test_child_only_nodes_stay_off_the_adult_path(flow: Flow) -> None:
    adult_nodes, _ = walk(flow, child=False)
    child_nodes, _ = walk(flow, child=True)
    child_only = {
        n.id for n in flow.nodes if n.when and decide(n.when.tree, {"child": False}) is False
    }
    adult_only = {
        n.id for n in flow.nodes if n.when and decide(n.when.tree, {"child": True}) is False
    }
    assert child_only and adult_only
    assert child_only & adult_nodes == set()
    assert adult_only & child_nodes == set()


def test_static_indicator_coverage(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    ilo11 = tags_in_set(catalog, "ilo11")
    assert len(ilo11) == 11

    def reachable_tags(child: bool) -> set[str]:
        shown, _ = walk(flow, child)
        return set().union(*(node_tags(flow.node(n)) for n in shown if flow.node(n).is_question))

    adult, child = reachable_tags(False), reachable_tags(True)
    assert ilo11 - adult == set(), "ILO indicators no adult question can note"
    assert not any(tag.startswith("child_") for tag in adult), "a child indicator on the adult path"
    # The child protocol notes the child's situation only; exploitation is a matter for the
    # child-protection worker, never the kiosk.
    assert child == tags_in_domain(catalog, "child_context")


def test_the_child_path_is_a_short_protocol_that_never_asks_the_reviewed_questions(
    flow: Flow,
) -> None:
    child_nodes, _ = walk(flow, child=True)
    assert NOT_FOR_A_CHILD & child_nodes == set()
    assert not any(flow.node(n).sensitive for n in child_nodes), "a sensitive question for a child"
    assert "child_handover" in child_nodes
    longest = longest_path(flow, child=True)
    assert longest.questions <= MAX_CHILD_QUESTIONS, longest.question_ids


def test_the_adult_path_is_not_longer_than_before(flow: Flow) -> None:
    # More topics (journey, several employers, forced marriage, online sexual exploitation,
    # withheld cards and phones, blacklisting, threats to co-workers, fear of return, immediate
    # needs, consent per recipient) in no more questions than the first edition asked.
    assert longest_path(flow, child=False).questions <= ADULT_QUESTIONS_BEFORE
    for kind in CONDITION_VALUES:  # every organisation sees the same questions at most
        assert longest_path(flow, False, {"organisation": kind}).questions <= ADULT_QUESTIONS_BEFORE


# --- real interviews through the engine ---------------------------------------------------

Policy = Callable[[Node, InterviewSession], Any]


class Hypothetical:
    """The interview's answers, with one answer replaced, for trying notes_when conditions."""

    def __init__(self, session: InterviewSession, node: Node, value: Any) -> None:
        self.state, self.node, self.value = session.state, node, value

    def answer_state(self, name: str) -> str:
        return "answered" if name == self.node.id else self.state.answer_state(name)

    def answer_value(self, name: str) -> Any:
        return self.value if name == self.node.id else self.state.answer_value(name)

    def builtin(self, name: str) -> Any:
        return self.state.builtin(name)


def notes_on(node: Node, session: InterviewSession, value: str) -> bool:
    if node.notes_when is not None:
        return conditions.evaluate(node.notes_when.tree, Hypothetical(session, node, value))
    return value == "yes"


def seek_indicators(noted: set[str]) -> Policy:
    """Answer so as to note indicators not noted yet (consent and wellbeing kept positive)."""

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.consent or node.id in ("understand_language", "include_sensitive"):
            return "yes"
        if node.type == "free_text":
            return "(story)"
        if node.type == "multiple_choice":
            picked = [o.value for o in node.options if o.indicators]
            return picked or [node.options[0].value]
        if node.type == "single_choice":
            if not any(o.indicators for o in node.options):
                return node.options[-1].value  # e.g. "more than an hour" for the time available
            best = max(node.options, key=lambda o: len(set(o.indicators) - noted))
            return best.value
        if node.type == "yes_no":
            if node.indicators:
                return next((v for v in ("yes", "no") if notes_on(node, session, v)), "yes")
            return "yes"
        raise AssertionError(f"no answer for {node.id} ({node.type})")

    return choose


def benign(answers: dict[str, Any] | None = None) -> Policy:
    """Answer so that nothing is noted, except what `answers` says (consents given)."""
    given = answers or {}

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.id in given:
            return given[node.id]
        if node.consent or node.id == "understand_language":
            return "yes"
        if node.type == "free_text":
            return "(story)"
        if node.type == "multiple_choice":  # the last quiet choice: "none", "nothing right now"
            return [next(o.value for o in reversed(node.options) if not o.indicators)]
        if node.type == "single_choice":
            quiet = next(o.value for o in node.options if not o.indicators)
            return "longer" if node.id == "time_today" else quiet
        if node.type == "yes_no":
            if node.indicators:
                return next(v for v in ("no", "yes") if not notes_on(node, session, v))
            quiet_no = ("afraid_now", "still_there", "fear_return", "child_tell")
            return "no" if node.id in quiet_no else "yes"
        raise AssertionError(f"no answer for {node.id} ({node.type})")

    return choose


def fixed(answers: dict[str, Any], default: str = "yes") -> Policy:
    """Answer from `answers`, else a plain default for the question type."""

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.id in answers:
            return answers[node.id]
        if default in ("decline", "dont_know"):
            return default
        if node.type == "free_text":
            return "(story)"
        if node.type == "multiple_choice":
            return [node.options[-1].value]
        if node.type == "single_choice":
            return node.options[0].value if default == "yes" else node.options[-1].value
        return default

    return choose


def run(  # type: ignore[no-untyped-def]
    flow: Flow,
    age: Any,
    policy: Policy,
    safety: list[str] | None = None,
    organisation: str = OrganisationKind.NGO_SHELTER,
    staff: Callable[[InterviewSession, str], None] | None = None,
):
    """Drive one interview to its end; return (session, shown node ids).

    `staff(session, node_id)` may act as staff before each screen (e.g. mark a child).
    """
    session = InterviewSession.start(Store.in_memory(), flow, "en", organisation=organisation)
    shown: list[str] = []
    checks = safety if safety is not None else [i.id for i in flow.node("safety_check").items]
    for _ in range(500):
        state = session.state
        node = state.current_node
        assert node is not None
        if staff is not None:
            staff(session, node.id)
            node = session.state.current_node
            assert node is not None
        shown.append(node.id)
        if state.status == "finished":
            return session, shown
        if state.status == "on_hold":  # a safety alert: staff saw it and go on
            session.handle_alert(AlertAction.CONTINUE)
            continue
        if node.kind in ("info", "staff_note"):
            session.proceed()
            continue
        if node.kind == "staff_check":
            session.answer(checks)
            continue
        if state.needs_break_offer():
            session.offer_break(taken=False)
        value = age if node.type == "age" else policy(node, session)
        if value == "decline":
            session.decline()
        elif value == "dont_know":
            session.dont_know()
        else:
            session.answer(value)
    raise AssertionError(f"the interview did not end: {shown[-5:]}")


def seek_all(flow: Flow, age: Any) -> tuple[set[str], set[str], list[InterviewSession]]:
    """Interviews that each seek indicators not noted before, until nothing new is noted."""
    noted: set[str] = set()
    shown: set[str] = set()
    sessions: list[InterviewSession] = []
    for _ in range(6):
        session, walked = run(flow, age, seek_indicators(noted))
        found = {item.tag for item in noted_indicators(session.state)}
        sessions.append(session)
        shown |= set(walked)
        if found <= noted:
            break
        noted |= found
    return noted, shown, sessions


def outcome(session: InterviewSession) -> str:
    node = session.state.current_node
    assert node is not None and node.kind == "end"
    return node.outcome


def alerts_holding(session: InterviewSession) -> set[str]:
    policy = session.state.flow.policy
    return {a.id for a in policy.safety_alerts if session.state.holds(a.condition.tree)}


def test_engine_adult_interviews_can_note_every_ilo_indicator(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    noted, shown, sessions = seek_all(flow, 34)
    assert all(outcome(session) == "completed" for session in sessions)
    assert all(session.state.path == "adult" for session in sessions)
    assert tags_in_set(catalog, "ilo11") - noted == set()
    assert not any(tag.startswith("child_") for tag in noted)
    assert {"sexual_exploitation", "forced_marriage", "journey_events", "fear_return"} <= shown
    assert "child_handover" not in shown


@pytest.mark.parametrize("age", [9, 12, 17, "dont_know", "decline"])
def test_engine_child_protocol_hands_over_and_asks_nothing_it_must_not(
    flow: Flow, catalog, age: Any
) -> None:  # type: ignore[no-untyped-def]
    # Under 18, "I don't know" and a declined age all mean the child path.
    noted, shown, sessions = seek_all(flow, age)
    assert all(session.state.path == "child" for session in sessions)
    assert all(outcome(session) == "completed" for session in sessions)
    assert noted == tags_in_domain(catalog, "child_context")
    assert NOT_FOR_A_CHILD & shown == set()
    asked = [n for n in shown if flow.node(n).kind == "question"]
    assert len(set(asked)) <= MAX_CHILD_QUESTIONS
    for node_id in ("child_privacy", "child_guardian_note", "child_handover", "staff_child_note"):
        assert node_id in shown
    assert "welcome_privacy" not in shown  # the adult "we ask before we share" is not for a child
    if age in ("dont_know", "decline"):
        assert "age_unknown_note" in shown


def test_engine_a_child_marked_mid_interview_goes_straight_to_the_handover(flow: Flow) -> None:
    marked_at: list[int] = []

    def mark_child_at_violence(session: InterviewSession, node_id: str) -> None:
        if node_id == "violence" and not session.state.child:
            marked_at.append(len(session.state.history))
            session.mark_appears_child()

    session, shown = run(flow, 30, benign(), staff=mark_child_at_violence)
    assert marked_at and session.state.path == "child"
    # The adult question on screen when staff marked the child is never shown or answered,
    # and nothing adult follows: the interview goes to the handover.
    assert "violence" not in shown and "violence" not in session.state.answers
    after = session.state.history[marked_at[0] :]
    assert not set(after) & NOT_FOR_A_CHILD
    assert {"child_handover", "staff_child_note"} <= set(after)
    assert outcome(session) == "completed"


def test_engine_benign_migrant_worker_gets_no_referral_suggestion(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    # The practice review's construction worker: full pay, own passport, 8-hour days, but no
    # contract, employer housing, no local language, fear of police, family needed money,
    # knows nobody. Context only: no "consider referral for formal identification".
    worker = benign(
        {
            "pay_received": ["all"],
            "documents_kept": ["none"],
            "work_hours": "up_to_8",
            "recruit_contract": "no_contract",
            "sleep_place": "employer_place",
            "recruit_situation": ["family_needed_money"],
            "vulnerability": ["knew_no_one", "no_language", "feared_authorities"],
            "work_kind": ["construction"],
        }
    )
    session, _ = run(flow, 31, worker)
    state = session.state
    groups = summary.indicator_groups(state, catalog)
    assert {g.domain for g in groups} == {"context"}  # noted, but only as context
    assert len(groups[0].items) >= 6
    assert summary.indicator_wording(groups) == CONTEXT_ONLY_WORDING
    assert "formal_identification" not in summary.referral_suggestions(state, groups)


def referral_answers(flow: Flow, catalog) -> list[tuple[str, Any, set[str]]]:  # type: ignore[no-untyped-def]
    """(question, answer, tags) for every single answer on the adult path that notes a
    deception, coercion or exploitation indicator."""
    adult, _ = walk(flow, child=False)
    wanted = referral_tags(catalog)
    found: list[tuple[str, Any, set[str]]] = []
    for node in flow.questions:
        if node.id not in adult or node.kind != "question":
            continue
        for option in node.options:
            if set(option.indicators) & wanted:
                value = [option.value] if node.type == "multiple_choice" else option.value
                found.append((node.id, value, set(option.indicators) & wanted))
        if set(node.indicators) & wanted and node.type == "yes_no":
            value = (
                "no" if node.notes_when is not None and "'no'" in node.notes_when.source else "yes"
            )
            found.append((node.id, value, set(node.indicators) & wanted))
    return found


def test_engine_each_coercion_or_exploitation_indicator_alone_suggests_referral(
    flow: Flow, catalog
) -> None:  # type: ignore[no-untyped-def]
    cases = referral_answers(flow, catalog)
    assert len(cases) > 30
    covered: set[str] = set()
    for node_id, value, tags in cases:
        answers: dict[str, Any] = {node_id: value}
        if node_id in ("debt_bond", "debt_grew"):
            answers["debt_now"] = "yes"
        if node_id == "threat_kind":
            answers["threatened"] = "yes"
        if node_id == "documents_back":
            answers["documents_kept"] = ["passport"]
        session, shown = run(flow, 40, benign(answers))
        assert node_id in shown
        state = session.state
        groups = summary.indicator_groups(state, catalog)
        noted = {item.tag for item in noted_indicators(state)}
        assert tags <= noted, (node_id, value)
        assert summary.indicator_wording(groups) == NOTED_WORDING, (node_id, value)
        assert "formal_identification" in summary.referral_suggestions(state, groups)
        covered |= tags
    # Every deception, coercion and exploitation indicator the adult path can note was tried.
    assert referral_tags(catalog) - tags_in_domain(catalog, "child_exploitation") == covered


def test_engine_no_consent_to_talk_closes_respectfully(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_talk": "no"}))
    assert outcome(session) == "declined"
    assert {"declined_ok", "declined_help", "declined_staff"} <= set(shown)
    assert "declined_child" not in shown
    assert "afraid_now" not in shown and "open_work" not in shown
    assert session.state.consent.get("talk") == "refused"


def test_engine_a_child_who_does_not_agree_is_told_child_protection_will_know(flow: Flow) -> None:
    session, shown = run(flow, 13, fixed({"consent_talk": "no"}))
    assert outcome(session) == "declined"
    assert {"child_privacy", "declined_child"} <= set(shown)
    assert "afraid_now" not in shown


def test_engine_declined_consent_is_not_a_yes(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_talk": "decline"}))
    assert outcome(session) == "declined"
    assert "open_work" not in shown


def test_engine_safety_check_not_met_stops_before_the_person_sees_anything(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({}), safety=["private_room", "safe_to_carry_paper"])
    assert outcome(session) == "stopped_safely"
    assert shown == ["safety_check", "safety_not_ready", "end_not_ready"]


def test_engine_immediate_needs_and_time_come_before_anything_else(flow: Flow) -> None:
    _, shown = run(flow, 30, benign())
    questions = [n for n in shown if flow.node(n).kind == "question"]
    assert questions[:4] == ["understand_language", "needs_now", "time_today", "age"]
    assert shown.index("welcome_time") < shown.index("consent_talk")  # duration before consent
    assert shown.index("afraid_now") < shown.index("open_work")  # safety now before the story


def test_engine_little_time_means_safety_then_rights(flow: Flow) -> None:
    session, shown = run(flow, 30, benign({"time_today": "short"}))
    assert outcome(session) == "completed"
    assert {"afraid_now", "safe_tonight", "staff_short_visit_note", "share_formal_id"} <= set(shown)
    assert "open_work" not in shown and "violence" not in shown


def test_engine_no_notes_records_nothing_more_but_gives_rights_and_sharing(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_notes": "no"}))
    assert outcome(session) == "completed"
    assert {"no_notes_ok", "no_notes_staff", "rights_card", "share_formal_id"} <= set(shown)
    for node_id in ("open_work", "afraid_now", "help_wanted", "paper_safe", "any_questions"):
        assert node_id not in shown
    assert "rights_paper" not in shown  # carrying paper was never confirmed by the person


def test_engine_paper_only_when_staff_and_person_say_it_is_safe(flow: Flow) -> None:
    _, shown = run(flow, 30, fixed({"paper_safe": "yes"}))
    assert "rights_paper" in shown and "rights_card" not in shown
    _, shown = run(flow, 30, fixed({"paper_safe": "no"}))
    assert "rights_card" in shown and "staff_card_note" in shown
    checks = ["private_room", "accompanying_person_absent", "interpreter_independent"]
    _, shown = run(flow, 30, fixed({"paper_safe": "yes"}), safety=checks)
    assert "rights_card" in shown and "rights_paper" not in shown


def understood_second_time(answers: dict[str, Any], base: Policy | None = None) -> Policy:
    """'No' to the understanding check the first time, 'yes' once the language is fixed."""
    fallback = base or fixed(answers)
    asked: list[str] = []

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.id == "understand_language":
            asked.append(node.id)
            return "no" if len(asked) == 1 else "yes"
        return fallback(node, session)

    return choose


def test_engine_language_not_understood_loops_back_to_the_check(flow: Flow) -> None:
    _, shown = run(flow, 30, understood_second_time({}))
    assert "language_fix" in shown
    # Staff fixed the language: the understanding check comes again, never straight on into
    # consent or any other question.
    after_fix = shown[shown.index("language_fix") + 1 :]
    next_question = next(n for n in after_fix if flow.node(n).kind == "question")
    assert next_question == "understand_language"
    _, shown = run(flow, 30, fixed({}))
    assert "language_fix" not in shown


def test_engine_wellbeing_offer_only_when_not_ok(flow: Flow) -> None:
    upset = {f"wellbeing_{n}": "scared" for n in range(1, 4)}
    _, shown = run(flow, 30, benign(upset))
    assert {f"wellbeing_{n}_offer" for n in range(1, 4)} <= set(shown)
    _, shown = run(flow, 30, benign())
    assert not any(n.endswith("_offer") for n in shown)
    _, shown = run(flow, 11, benign({"child_feeling": "sad"}))
    assert "child_feeling_offer" in shown


def test_engine_declining_everything_notes_nothing_and_raises_no_alert(flow: Flow) -> None:
    consents = {"consent_talk": "yes", "consent_notes": "yes"}
    session, shown = run(flow, 30, fixed({**consents, "understand_language": "yes"}, "decline"))
    assert outcome(session) == "completed"
    assert noted_indicators(session.state) == []
    # Declined is never "no" or "yes": follow-ups that need a "yes" stay unasked, no alert holds.
    assert "debt_bond" not in shown and "threat_kind" not in shown
    assert alerts_holding(session) == set()


@pytest.mark.parametrize(
    ("alert", "age", "answers"),
    [
        ("needs_doctor", 30, {"needs_now": ["doctor"]}),
        ("immediate_needs", 30, {"needs_now": ["water_food"]}),
        ("afraid_now", 30, {"afraid_now": "yes"}),
        ("no_safe_place", 30, {"safe_tonight": "no"}),
        ("no_safe_place", 12, {"safe_tonight": "dont_know"}),
        ("not_left", 30, {"still_there": "yes"}),
        ("unwanted_touch", 30, {"unwanted_touch": "yes"}),
        ("child_scared", 10, {"child_feeling": "scared"}),
        ("child_disclosure", 10, {"child_tell": "yes"}),
    ],
)
def test_engine_each_danger_sign_raises_its_safety_alert_at_once(
    flow: Flow, alert: str, age: int, answers: dict[str, Any]
) -> None:
    (trigger,) = answers

    def check(session: InterviewSession, node_id: str) -> None:
        # The alert must hold on the very next screen, so the session pauses there.
        previous = session.state.history[-2] if len(session.state.history) > 1 else None
        if previous == trigger:
            assert alert in alerts_holding(session), (alert, node_id)

    session, shown = run(flow, age, benign(answers), staff=check)
    assert trigger in shown
    assert alerts_holding(session) == {alert}


def test_engine_we_are_not_the_police_only_where_true(flow: Flow) -> None:
    said: dict[str, set[str]] = {}
    for kind in CONDITION_VALUES:
        _, shown = run(flow, 30, benign(), organisation=kind)
        said[kind] = {n for n in shown if n.startswith("who_") or n == "official_record"}
    assert said["ngo_shelter"] == {"who_ngo"}
    assert said["child_protection"] == {"who_child_protection"}
    assert said["embassy"] == {"who_embassy"}
    for official in ("police", "immigration", "labour_inspection"):
        assert "official_record" in said[official]
        assert not said[official] & {"who_ngo", "who_child_protection"}
    assert said[NOT_SET] == {"who_not_set"}
    not_police = [n for n in flow.nodes if "not the police" in (n.text or "").lower()]
    for node in not_police:
        assert node.when is not None
        for kind in ("police", "immigration", "labour_inspection", NOT_SET):
            assert decide(node.when.tree, {"organisation": kind}) is False, node.id


def test_engine_consent_to_share_is_per_recipient(flow: Flow) -> None:
    answers = {
        "help_wanted": ["doctor", "legal", "embassy"],
        "share_formal_id": "no",
        "share_health": "yes",
        "share_legal": "no",
        "share_embassy": "yes",
    }
    session, shown = run(flow, 30, benign(answers))
    assert {"share_formal_id", "share_health", "share_legal", "share_embassy"} <= set(shown)
    assert "share_police" not in shown and "share_unhcr" not in shown
    consents = sharing.recipient_consents(session.state)
    assert consents == {
        "formal_identification": "refused",
        "medical": "given",
        "psychosocial": "given",
        "legal": "refused",
        "labour": "refused",
        "consular": "given",
    }
    assert session.state.consent["referral"] == "given"  # a later "no" does not undo a "yes"
    # An embassy does not ask to share with itself.
    _, shown = run(flow, 30, benign(answers), organisation="embassy")
    assert "share_embassy" not in shown


def test_engine_fear_of_return_offers_unhcr(flow: Flow) -> None:
    session, shown = run(flow, 30, benign({"fear_return": "yes", "share_unhcr": "yes"}))
    assert {"share_unhcr", "staff_return_note"} <= set(shown)
    assert "unhcr" in session.state.referral_hints()
    assert sharing.may_share_with(session.state, "unhcr")


def test_engine_self_incriminating_answers_stay_out_unless_the_person_agrees(flow: Flow) -> None:
    told = {
        "unlawful_acts": "yes",
        "sexual_exploitation": ["for_money_or_others"],
        "help_wanted": ["doctor"],
        "share_health": "yes",
    }
    session, shown = run(flow, 30, benign({**told, "include_sensitive": "no"}))
    assert "include_sensitive" in shown
    ids = {node.id for node in sharing.shared_questions(session.state)}
    assert "unlawful_acts" not in ids and "sexual_exploitation" not in ids
    assert "work_hours" in ids and "safety_check" not in ids
    session, _ = run(flow, 30, benign({**told, "include_sensitive": "yes"}))
    ids = {node.id for node in sharing.shared_questions(session.state)}
    assert {"unlawful_acts", "sexual_exploitation"} <= ids
    # Nothing to include: not asked, and nothing self-incriminating is shared.
    session, shown = run(flow, 30, benign({"help_wanted": ["doctor"], "share_health": "yes"}))
    assert "include_sensitive" not in shown
    assert not sharing.self_incriminating_agreed(session.state)


def test_engine_walks_cover_every_screen(flow: Flow) -> None:
    shown: set[str] = set()
    scripts: list[tuple[Any, Policy, list[str] | None, str]] = [
        (30, seek_indicators(set()), None, "ngo_shelter"),
        (12, seek_indicators(set()), None, "ngo_shelter"),
        (30, fixed({"consent_talk": "no"}), None, "ngo_shelter"),
        (12, fixed({"consent_talk": "no"}), None, "ngo_shelter"),
        (30, fixed({"consent_notes": "no"}), None, "ngo_shelter"),
        (30, fixed({}), ["private_room"], "ngo_shelter"),
        (30, understood_second_time({"any_questions": "yes"}), None, "ngo_shelter"),
        (30, benign({"wellbeing_1": "upset"}), None, "ngo_shelter"),
        (30, benign({f"wellbeing_{n}": "tired" for n in (2, 3)}), None, "ngo_shelter"),
        (30, benign({"time_today": "short"}), None, "ngo_shelter"),
        (30, benign({"fear_return": "yes", "paper_safe": "yes"}), None, "ngo_shelter"),
        ("decline", benign({"child_feeling": "tired"}), None, "ngo_shelter"),
    ]
    scripts += [(30, benign(), None, kind) for kind in CONDITION_VALUES]
    help_all = [o.value for o in flow.node("help_wanted").options]
    scripts.append(
        (
            30,
            benign(
                {
                    "help_wanted": help_all,
                    "unlawful_acts": "yes",
                    "share_formal_id": "yes",
                    "debt_now": "yes",
                    "threatened": "yes",
                    "documents_kept": ["phone"],
                }
            ),
            None,
            "ngo_shelter",
        )
    )
    for age, policy, safety, kind in scripts:
        _, walked = run(flow, age, policy, safety, organisation=kind)
        shown |= set(walked)
    screens = {node.id for node in flow.nodes if node.kind != "section"}
    assert screens - shown == set()
