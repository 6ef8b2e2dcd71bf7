"""The flow's `policy` block: parsed, validated, used by the shipped flow, and the only place
where the kiosk learns which node is the safety check, when paper is safe, which answers alert
staff, and which questions get a break offer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core import conditions, flow
from kiosk.core.flow_loader import POLICY_FIELDS, flow_files, load_flow, read_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.validation import indicator_tags
from kiosk.core.vocabulary import AlertAction

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = flow_files([ROOT / "flows"])

BASE = """\
format: 1
flow: f
version: 1
title: T
{policy}
nodes:
  - {{id: s, kind: section, title: Start}}
  - id: check
    kind: staff_check
    text: Check
    items: [{{id: private_room, text: Private}}, {{id: paper_ok, text: Paper}}]
    branches: [{{if: "not ('private_room' in check)", goto: not_ready}}]
    next: afraid
  - {{id: not_ready, kind: staff_note, text: Not yet, next: done}}
  - {{id: afraid, kind: question, type: yes_no, text: Afraid}}
  - {{id: hard, kind: question, type: yes_no, text: Hard, sensitive: true}}
  - {{id: paper, kind: info, text: Paper}}
  - {{id: done, kind: end}}
"""

GOOD = """\
policy:
  safety_check: check
  safe_to_start: "'private_room' in check"
  not_ready: not_ready
  paper_is_safe: "'paper_ok' in check and afraid == 'no'"
  take_away_on: [paper]
  break_before: sensitive or afraid == 'yes'
  safety_alerts:
    - {id: afraid_now, if: afraid == 'yes', reason: Afraid now.}
  referral_hints:
    - {service: shelter, if: afraid == 'yes'}"""


def problems_of(tmp_path: Path, policy: str) -> list[str]:
    path = tmp_path / "f.yaml"
    path.write_text(BASE.format(policy=policy), encoding="utf-8")
    _flow, found = read_flow(path)
    return [f"{p.line}: {p.message}" for p in found]


def test_a_complete_policy_loads_into_typed_values(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD) == []
    path = tmp_path / "f.yaml"
    policy = load_flow(path).policy
    assert policy.safety_check == "check" and policy.not_ready == "not_ready"
    assert policy.take_away_on == ("paper",)
    assert [a.id for a in policy.safety_alerts] == ["afraid_now"]
    assert policy.safety_alerts[0].reason == "Afraid now."
    assert [h.service for h in policy.referral_hints] == ["shelter"]
    assert policy.break_before.source == "sensitive or afraid == 'yes'"


def test_without_a_policy_breaks_are_offered_before_sensitive_questions(tmp_path: Path) -> None:
    assert problems_of(tmp_path, "") == []
    policy = load_flow(tmp_path / "f.yaml").policy
    assert policy == flow.Policy() and policy.break_before.source == "sensitive"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("policy:\n  colour: red", "unknown field 'colour' in the policy"),
        ("policy: 3", "'policy' must be a mapping"),
        ("policy:\n  safety_check: nowhere", "names an unknown node 'nowhere'"),
        ("policy:\n  safety_check: afraid", "must name a node of kind staff_check"),
        ("policy:\n  safety_check: check\n  not_ready: paper", "kind staff_note"),
        ("policy:\n  take_away_on: [check]", "kind info or question"),
        ("policy:\n  take_away_on: paper", "must be a list of node ids"),
        ("policy:\n  safe_to_start: \"'x' in check\"", "needs a 'safety_check'"),
        (
            "policy:\n  safety_check: check\n  safe_to_start: afraid == 'yes'",
            "'safe_to_start' can only use the safety check",
        ),
        ("policy:\n  paper_is_safe: ghost == 'yes'", "unknown question 'ghost'"),
        ("policy:\n  paper_is_safe: afraid == 'maybe'", "'maybe' is not one of the answers"),
        ("policy:\n  paper_is_safe: sensitive", "'sensitive' only has a meaning"),
        ("policy:\n  break_before: afraid ==", "does not parse"),
        ("policy:\n  safety_alerts:\n    - {id: a, if: afraid}", "'reason' is required"),
        ("policy:\n  safety_alerts:\n    - {id: a, reason: R}", "needs 'if: CONDITION'"),
        (
            "policy:\n  safety_alerts:\n    - {id: a, if: afraid, reason: R}\n"
            "    - {id: a, if: afraid, reason: R}",
            "safety alert id 'a' is used twice",
        ),
        ("policy:\n  referral_hints:\n    - {service: spa, if: afraid}", "not one of"),
    ],
)
def test_policy_problems_are_reported_with_their_line(
    tmp_path: Path, policy: str, expected: str
) -> None:
    found = problems_of(tmp_path, policy)
    assert any(expected in problem for problem in found), found
    assert all(int(problem.split(":")[0]) >= 5 for problem in found)  # at the policy, not line 1


def test_the_safety_check_must_open_the_flow(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        BASE.format(policy="policy:\n  safety_check: check").replace(
            "  - {id: s, kind: section, title: Start}\n",
            "  - {id: s, kind: section, title: Start}\n  - {id: hello, kind: info, text: Hi}\n",
        ),
        encoding="utf-8",
    )
    _flow, found = read_flow(path)
    assert any("must be the flow's first screen" in p.message for p in found)


def test_sensitive_is_not_allowed_in_node_conditions(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        BASE.format(policy="").replace("text: Paper}", "text: Paper, when: sensitive}"),
        encoding="utf-8",
    )
    _flow, found = read_flow(path)
    assert any("'sensitive' only has a meaning" in p.message for p in found)


def test_break_before_decides_which_questions_get_an_offer(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(BASE.format(policy=GOOD), encoding="utf-8")
    session = InterviewSession.start(Store.in_memory(), load_flow(path), "en")
    session.answer(["private_room"])
    assert session.state.current == "afraid" and not session.state.needs_break_offer()
    session.answer("yes")  # `afraid == 'yes'` now holds: every later question gets an offer
    assert session.state.status == "on_hold"  # (and the flow's safety alert fired)
    session.handle_alert(AlertAction.CONTINUE)
    assert session.state.current == "hard" and session.state.needs_break_offer()


def test_paper_and_referral_hints_follow_the_policy(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(BASE.format(policy=GOOD), encoding="utf-8")
    session = InterviewSession.start(Store.in_memory(), load_flow(path), "en")
    session.answer(["private_room", "paper_ok"])
    assert not session.state.paper_is_safe()  # `afraid` not answered yet: no comparison holds
    session.answer("no")
    assert session.state.paper_is_safe() and session.state.referral_hints() == []
    session.offer_break(taken=False)
    session.answer("no")
    assert session.state.offers_take_away()  # the paper screen is showing


# ------------------------------------------------------------------ the shipped flows


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_flow_names_its_safety_check(path: Path) -> None:
    shipped = load_flow(path, indicator_tags())
    policy = shipped.policy
    assert policy.safety_check is not None and policy.safe_to_start is not None
    assert policy.safety_alerts, "a shipped flow alerts staff when a person is in danger now"
    assert policy.paper_is_safe is not None and policy.take_away_on


def _vocabulary() -> set[str]:
    """Words of the flow format itself (a node id may happen to be one, e.g. `age`)."""
    words = {
        *flow.NODE_KINDS,
        *flow.QUESTION_TYPES,
        *flow.CONSENT_LAYERS,
        *flow.END_OUTCOMES,
        *conditions.STATE_WORDS,
        *conditions.BUILTIN_NAMES,
        *POLICY_FIELDS,
    }
    return {str(word) for word in words}


def test_no_node_id_of_a_shipped_flow_is_named_in_python() -> None:
    """Flow-specific policy lives in the flow: the kiosk's code names none of its nodes or
    checklist items (a renamed node must never silently switch a safety rule off)."""
    ids: set[str] = set()
    for path in SHIPPED:
        shipped = load_flow(path)
        ids |= {node.id for node in shipped.nodes}
        ids |= {item.id for node in shipped.nodes for item in node.items}
        ids |= {alert.id for alert in shipped.policy.safety_alerts}
    ids -= _vocabulary()
    literal = re.compile(r"""["']([a-z][a-z0-9_]*)["']""")
    found = []
    for source in sorted((ROOT / "kiosk").rglob("*.py")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            for name in literal.findall(line):
                if name in ids:
                    found.append(f"{source.relative_to(ROOT)}:{number}: {name}")
    assert found == []


def test_flow_files_take_yaml_and_yml_alike_in_name_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "README.md", "schema.json", "c.YAML.bak"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "d.yaml").mkdir()
    assert [p.name for p in flow_files([tmp_path])] == ["a.yml", "b.yaml"]
