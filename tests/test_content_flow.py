"""The built-in identification flow: validity, every branch walked, indicator coverage.

Coverage is computed from flows/identification.yaml and content/indicators.yaml, never from a
hand-kept list: every ILO forced-labour indicator (set `ilo11`) must be reachable by a question
on the adult path, and the child path must add every child-specific indicator (set `child`).
Two independent proofs: a static walk of the graph, and real interviews driven through the
engine that actually note the indicators.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.core import conditions
from kiosk.core.content import load_indicators
from kiosk.core.flow import Flow, Node
from kiosk.core.flow_loader import load_flow, read_flow
from kiosk.core.indicators import noted_indicators
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction

REPO = Path(__file__).resolve().parent.parent
FLOW_FILE = REPO / "flows" / "identification.yaml"
CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_indicators(CONTENT)


@pytest.fixture(scope="module")
def flow(catalog) -> Flow:  # type: ignore[no-untyped-def]
    return load_flow(FLOW_FILE, catalog.tags())


def tags_in_set(catalog, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {i.tag for i in catalog.indicators if i.set == name}


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
    assert catalog.tags() - used == set()


def test_sensitive_questions_are_flagged(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    # Violence, threats and sexual harm are always preceded by a break offer.
    for node in flow.nodes:
        tags = node_tags(node)
        if tags & {
            "ilo_physical_sexual_violence",
            "ec_sexual_exploitation",
            "child_sexual_exploitation",
        }:
            assert node.sensitive, node.id
        if node.indicators and set(node.indicators) <= {"ilo_intimidation_threats"}:
            assert node.sensitive, node.id


# --- static walk --------------------------------------------------------------------------


def path_value(source: str, child: bool) -> bool | None:
    """Decide a condition from the path alone, or None when it depends on answers."""
    text = " ".join(source.split())
    if text == "child":
        return child
    if text == "not child":
        return not child
    if text.startswith("child and "):
        return None if child else False
    assert "child" not in text.replace("child_", ""), f"teach path_value about {text!r}"
    return None


def walk(flow: Flow, child: bool) -> tuple[set[str], set[tuple[str, str]]]:
    """Nodes shown and edges taken on one path, with every answer-dependent choice open."""
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
        when = path_value(node.when.source, child) if node.when else True
        if when is not False:
            if node.kind != "section":
                shown.add(node_id)
            certain = False
            for branch in node.branches:
                decided = path_value(branch.condition.source, child)
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
    child_only = {n.id for n in flow.nodes if n.when and n.when.source.strip() == "child"}
    adult_only = {n.id for n in flow.nodes if n.when and n.when.source.strip() == "not child"}
    assert child_only and adult_only
    assert child_only & adult_nodes == set()
    assert adult_only & child_nodes == set()


def test_static_indicator_coverage(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    ilo11 = tags_in_set(catalog, "ilo11")
    child_set = tags_in_set(catalog, "child")
    assert len(ilo11) == 11
    assert len(child_set) >= 5

    def reachable_tags(child: bool) -> set[str]:
        shown, _ = walk(flow, child)
        return set().union(*(node_tags(flow.node(n)) for n in shown if flow.node(n).is_question))

    adult, child = reachable_tags(False), reachable_tags(True)
    assert ilo11 - adult == set(), "ILO indicators no adult question can note"
    assert child_set - child == set(), "child indicators no child question can note"
    assert ilo11 - child == set()
    assert child_set & adult == set(), "a child-specific indicator on the adult path"


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


def seek_indicators(noted: set[str]) -> Policy:
    """Answer so as to note indicators not noted yet (consent and wellbeing kept positive)."""

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.consent or node.id in ("understand_language", "child_assent"):
            return "yes"
        if node.id.startswith("wellbeing_"):
            return "ok"
        if node.type == "free_text":
            return "(story)"
        if node.type == "multiple_choice":
            picked = [o.value for o in node.options if o.indicators]
            return picked or [node.options[0].value]
        if node.type == "single_choice":
            best = max(node.options, key=lambda o: len(set(o.indicators) - noted))
            return best.value
        if node.type == "yes_no":
            if node.notes_when is not None:
                for value in ("yes", "no"):
                    if conditions.evaluate(
                        node.notes_when.tree, Hypothetical(session, node, value)
                    ):
                        return value
            return "yes"
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


def run(flow: Flow, age: Any, policy: Policy, safety: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Drive one interview to its end; return (session, shown node ids)."""
    session = InterviewSession.start(Store.in_memory(), flow, "en")
    shown: list[str] = []
    checks = safety if safety is not None else [i.id for i in flow.node("safety_check").items]
    for _ in range(500):
        state = session.state
        node = state.current_node
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
    """Interviews that each seek indicators not noted before, until nothing new is noted.

    A single-choice question notes one option's indicators per interview, so one interview
    cannot show every indicator; a few, each choosing differently, can.
    """
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


def test_engine_adult_interviews_can_note_every_ilo_indicator(flow: Flow, catalog) -> None:  # type: ignore[no-untyped-def]
    noted, shown, sessions = seek_all(flow, 34)
    assert all(outcome(session) == "completed" for session in sessions)
    assert all(session.state.path == "adult" for session in sessions)
    assert tags_in_set(catalog, "ilo11") - noted == set()
    assert not any(tag.startswith("child_") for tag in noted)
    assert "sex_work_adult" in shown and "sexual_acts_child" not in shown


@pytest.mark.parametrize("age", [12, 17, "dont_know", "decline"])
def test_engine_child_interviews_add_every_child_indicator(flow: Flow, catalog, age: Any) -> None:  # type: ignore[no-untyped-def]
    # Under 18, "I don't know" and a declined age all mean the child path.
    noted, shown, sessions = seek_all(flow, age)
    assert all(session.state.path == "child" for session in sessions)
    assert all(outcome(session) == "completed" for session in sessions)
    assert tags_in_set(catalog, "child") - noted == set()
    assert tags_in_set(catalog, "ilo11") - noted == set()
    for node_id in ("child_helpers_info", "child_guardian_note", "staff_child_note"):
        assert node_id in shown
    assert "sexual_acts_child" in shown and "sex_work_adult" not in shown


def test_engine_no_consent_to_talk_closes_respectfully(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_talk": "no"}))
    assert outcome(session) == "declined"
    assert {"declined_ok", "declined_help", "declined_staff"} <= set(shown)
    assert "age" not in shown and "open_work" not in shown
    assert session.state.consent.get("talk") == "refused"


def test_engine_declined_consent_is_not_a_yes(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_talk": "decline"}))
    assert outcome(session) == "declined"
    assert "open_work" not in shown


def test_engine_child_who_does_not_assent_closes_respectfully(flow: Flow) -> None:
    session, shown = run(flow, 13, fixed({"child_assent": "no"}))
    assert outcome(session) == "declined"
    assert "child_helpers_info" in shown and "open_work" not in shown


def test_engine_safety_check_not_met_stops_before_the_person_sees_anything(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({}), safety=["private_room", "safe_to_carry_paper"])
    assert outcome(session) == "stopped_safely"
    assert shown == ["safety_check", "safety_not_ready", "end_not_ready"]


def test_engine_no_notes_skips_questions_but_gives_rights_and_referral(flow: Flow) -> None:
    session, shown = run(flow, 30, fixed({"consent_notes": "no"}))
    assert outcome(session) == "completed"
    assert "open_work" not in shown and "help_wanted" not in shown
    assert {"no_notes_ok", "rights_card", "consent_referral"} <= set(shown)
    assert "rights_paper" not in shown  # carrying paper was never confirmed by the person


def test_engine_paper_only_when_staff_and_person_say_it_is_safe(flow: Flow) -> None:
    _, shown = run(flow, 30, fixed({"paper_safe": "yes"}))
    assert "rights_paper" in shown and "rights_card" not in shown
    _, shown = run(flow, 30, fixed({"paper_safe": "no"}))
    assert "rights_card" in shown and "staff_card_note" in shown
    checks = ["private_room", "accompanying_person_absent", "interpreter_independent"]
    _, shown = run(flow, 30, fixed({"paper_safe": "yes"}), safety=checks)
    assert "rights_card" in shown and "rights_paper" not in shown


def understood_second_time(answers: dict[str, Any]) -> Policy:
    """'No' to the understanding check the first time, 'yes' once the language is fixed."""
    base = fixed(answers)
    asked: list[str] = []

    def choose(node: Node, session: InterviewSession) -> Any:
        if node.id == "understand_language":
            asked.append(node.id)
            return "no" if len(asked) == 1 else "yes"
        return base(node, session)

    return choose


def test_engine_language_not_understood_alerts_staff(flow: Flow) -> None:
    _, shown = run(flow, 30, understood_second_time({}))
    assert "language_fix" in shown
    # Staff fixed the language: the understanding check comes again, never straight on into
    # consent.
    after_fix = shown[shown.index("language_fix") + 1 :]
    asked_again = [n for n in after_fix if n in ("understand_language", "consent_talk")]
    assert asked_again[0] == "understand_language"
    _, shown = run(flow, 30, fixed({}))
    assert "language_fix" not in shown


def test_engine_wellbeing_offer_only_when_not_ok(flow: Flow) -> None:
    upset = {f"wellbeing_{n}": "upset" for n in range(1, 5)}
    _, shown = run(flow, 30, fixed(upset))
    assert {f"wellbeing_{n}_offer" for n in range(1, 5)} <= set(shown)
    ok = {f"wellbeing_{n}": "ok" for n in range(1, 5)}
    _, shown = run(flow, 30, fixed(ok))
    assert not any(n.endswith("_offer") for n in shown)


def test_engine_declining_everything_notes_nothing(flow: Flow) -> None:
    consents = {"consent_talk": "yes", "consent_notes": "yes", "consent_referral": "yes"}
    session, shown = run(flow, 30, fixed({**consents, "understand_language": "yes"}, "decline"))
    assert outcome(session) == "completed"
    assert noted_indicators(session.state) == []
    # Declined is never "no": follow-ups that need a "yes" stay unasked, the safety note shows.
    assert "debt_grew" not in shown and "threat_kind" not in shown
    assert "staff_safety_note" in shown


def test_engine_walks_cover_every_screen(flow: Flow) -> None:
    shown: set[str] = set()
    consents = {
        "understand_language": "yes",
        "consent_talk": "yes",
        "consent_notes": "yes",
        "child_assent": "yes",
    }
    scripts: list[tuple[Any, Policy, list[str] | None]] = [
        (30, seek_indicators(set()), None),
        (12, seek_indicators(set()), None),
        (30, fixed({"consent_talk": "no"}), None),
        (30, fixed({"consent_notes": "no"}), None),
        (30, fixed({}), ["private_room"]),
        (30, understood_second_time({"any_questions": "yes"}), None),
        (30, fixed({**consents, "wellbeing_1": "upset", "wellbeing_2": "tired"}, "no"), None),
        (30, fixed({"wellbeing_3": "upset", "wellbeing_4": "upset", "paper_safe": "yes"}), None),
    ]
    for age, policy, safety in scripts:
        _, walked = run(flow, age, policy, safety)
        shown |= set(walked)
    screens = {node.id for node in flow.nodes if node.kind != "section"}
    assert screens - shown == set()
