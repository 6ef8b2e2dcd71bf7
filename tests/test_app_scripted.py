"""`kiosk simulate` drives the same kiosk session as the window: the shipped flow end to end,
with its safety check, safety alerts, the language loop, resume, and recording in a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.app.scripted import ScriptError, Step, run_script
from kiosk.cli import main
from kiosk.core import paths
from kiosk.core.events import Actor, EventKind
from kiosk.core.flow import Flow, Node
from kiosk.core.flow_loader import load_flow
from kiosk.core.store import Store
from kiosk.core.validation import indicator_tags
from tests.fixtures.core import PASSPHRASE

SAFE = ["private_room", "accompanying_person_absent", "interpreter_independent"]


@pytest.fixture(scope="module")
def shipped() -> Flow:
    return load_flow(paths.flows_dir() / "identification.yaml", indicator_tags())


def steps(*actions: object) -> list[Step]:
    return [Step(action, number) for number, action in enumerate(actions, start=1)]


def plain(current: Node, age: int | None) -> object:
    """A plain answer: safe, nothing needed, time for the whole interview, 'no' to what would
    raise an alert, consent given."""
    if current.kind in ("info", "staff_note"):
        return "continue"
    if current.kind == "staff_check":
        return {"answer": SAFE}
    if current.type == "age":
        return {"answer": age} if age is not None else "dont_know"
    if current.type == "free_text":
        return {"answer": "words"}
    if current.type == "multiple_choice":
        return {"answer": [current.options[-1].value]}  # "nothing" / "none of these"
    if current.type == "single_choice":
        return {"answer": "longer" if current.id == "time_today" else current.options[0].value}
    agree = current.consent or current.id in ("understand_language", "safe_tonight")
    return {"answer": "yes" if agree else "no"}


def script_to(shipped: Flow, node: str, age: int | None = 30) -> list[object]:
    """The steps that answer plainly up to (not including) `node`."""
    script: list[object] = [{"answer": SAFE}]
    for _ in range(150):
        session = run_script(shipped, steps(*script), "en").session
        assert session is not None
        current = session.state.current_node
        assert current is not None
        if current.id == node:
            return script
        script.append(plain(current, age))
    raise AssertionError(f"{node} was not reached")


def test_a_failed_safety_check_records_nothing(shipped: Flow) -> None:
    store = Store.in_memory()
    result = run_script(shipped, steps({"answer": ["private_room"]}), "km", store)
    info = result.as_dict()
    assert info["status"] == "not_started" and not info["recorded"]
    assert info["path"] == ["safety_check"]
    assert store.list_interviews() == []
    with pytest.raises(ScriptError, match="step 2: the safety check did not pass"):
        run_script(shipped, steps({"answer": ["private_room"]}, "continue"), "km", where="a")


def test_i_do_not_understand_loops_back_to_the_understanding_check(shipped: Flow) -> None:
    script = steps(
        {"answer": SAFE},
        "continue",
        {"answer": "no", "at": "understand_language"},
        "continue",  # staff: the language fix note
        {"change_language": "th"},
        "continue",
        {"answer": "yes", "at": "understand_language"},
    )
    result = run_script(shipped, script, "km")
    path = result.path
    fix = path.index("language_fix")
    assert path[fix + 1 : fix + 3] == ["read_aloud", "understand_language"]
    assert "consent_talk" not in path[: fix + 3]
    assert result.as_dict()["language"] == "th"


@pytest.mark.parametrize(
    ("node", "value", "alert", "age"),
    [
        ("needs_now", ["doctor"], "needs_doctor", 30),
        ("needs_now", ["water_food"], "immediate_needs", 30),
        ("afraid_now", "yes", "afraid_now", 30),
        ("safe_tonight", "no", "no_safe_place", 30),
        ("still_there", "yes", "not_left", 30),
        ("unwanted_touch", "yes", "unwanted_touch", 30),
        ("child_feeling", "scared", "child_scared", None),
        ("afraid_now", "yes", "afraid_now", None),  # a child too
    ],
)
def test_the_shipped_flows_alerts_pause_the_interview(
    shipped: Flow, node: str, value: object, alert: str, age: int | None
) -> None:
    script = script_to(shipped, node, age)
    result = run_script(shipped, steps(*script, {"answer": value}), "en")
    info = result.as_dict()
    assert info["status"] == "on_hold" and info["alerts"] == [alert]
    assert info["page"] == "safety_hold"
    with pytest.raises(ScriptError, match="a safety alert is waiting|not possible"):
        run_script(shipped, steps(*script, {"answer": value}, {"answer": "no"}), "en")
    result = run_script(shipped, steps(*script, {"answer": value}, {"alert": "continue"}), "en")
    assert result.as_dict()["status"] == "open"


def test_a_child_disclosure_alerts_staff(shipped: Flow) -> None:
    script = script_to(shipped, "child_tell", age=None)  # age unknown: the child path
    session = run_script(shipped, steps(*script), "en").session
    assert session is not None and session.state.child
    info = run_script(shipped, steps(*script, {"answer": "yes"}), "en").as_dict()
    assert info["alerts"] == ["child_disclosure"] and info["status"] == "on_hold"


def test_saving_records_exactly_what_the_session_did(shipped: Flow, kiosk_home: Path) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    with Store.create(kiosk_home / "lantern.db", PASSPHRASE) as store:
        before = script_to(shipped, "consent_talk")
        script = steps(*before, {"answer": "yes"}, "stop", "resume", {"answer": SAFE})
        result = run_script(shipped, script, "km", store)
        assert result.interview_id is not None
        stored = store.events(result.interview_id)
    kinds = [(e.kind, e.actor) for e in stored]
    assert kinds[:2] == [(EventKind.STARTED, Actor.STAFF), (EventKind.ANSWERED, Actor.STAFF)]
    assert (EventKind.STOPPED, Actor.PERSON) in kinds
    assert kinds[-1] == (EventKind.RESUMED, Actor.STAFF)
    assert stored[-1].data == {"check": SAFE}


def test_simulate_command_reports_alerts_and_a_failed_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = str(paths.flows_dir() / "identification.yaml")
    answers = tmp_path / "answers.yaml"
    answers.write_text("- {answer: [private_room]}\n", encoding="utf-8")
    assert main(["simulate", flow, "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "not started" in out and "nothing was recorded" in out
    assert main(["simulate", flow, "--answers", str(answers), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "not_started"
