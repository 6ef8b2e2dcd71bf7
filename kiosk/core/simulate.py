"""Drive a flow headless from a scripted answers file (`kiosk simulate`).

The answers file is YAML: either a list of steps or `{language: L, steps: [...]}`. Steps:
`decline`, `dont_know`, `continue`, `back`, `break`, `end_break`, `stop`, `resume`,
`appears_child`, or mappings `{answer: VALUE, at: NODE}` (`at` is optional and checks where the
interview is), `{stop: REASON}`, `{switch_path: adult, reason: ...}`, `{disclose: TEXT}`,
`{correct: NODE, value: V, reason: R}`, `{withdraw_consent: LAYER}`.
The simulation runs on an in-memory store; nothing is written to disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.engine import InterviewSession
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.indicators import noted_indicators
from kiosk.core.store import Store
from kiosk.core.yamlsrc import LineDict, YamlSourceError, load_file

SIMPLE_STEPS = {
    "decline",
    "dont_know",
    "continue",
    "back",
    "break",
    "end_break",
    "stop",
    "resume",
    "appears_child",
}


@dataclass
class SimulationResult:
    session: InterviewSession
    path: list[str]

    def as_dict(self) -> dict[str, Any]:
        state = self.session.state
        answers = {}
        for node in state.flow.questions:
            record = state.answers.get(node.id)
            answers[node.id] = {
                "state": state.answer_state(node.id),
                **({"value": record.value} if record and record.state == "answered" else {}),
            }
        end = state.current_node
        return {
            "flow": state.flow.id,
            "version": state.flow.version,
            "language": state.language,
            "status": state.status,
            "outcome": end.outcome if end is not None and end.kind == "end" else None,
            "current": state.current,
            "path_kind": state.path,
            "path": self.path,
            "answers": answers,
            "consent": dict(state.consent),
            "breaks": len(state.breaks),
            "disclosures": len(state.disclosures),
            "indicators": sorted({item.tag for item in noted_indicators(state)}),
        }


class ScriptError(KioskError):
    pass


def _steps(answers_file: Path) -> tuple[str | None, list[Any], list[int]]:
    try:
        data = load_file(answers_file)
    except YamlSourceError as error:
        raise ScriptError(f"{answers_file}:{error.line}: {error.message}") from None
    language = None
    if isinstance(data, LineDict):
        language = data.get("language")
        data = data.get("steps")
    if not isinstance(data, list):
        raise ScriptError(f"{answers_file}:1: the answers file must be a list of steps")
    lines = [getattr(step, "line", 0) or getattr(data, "line", 0) for step in data]
    return language, list(data), lines


def run_simulation(flow: Flow, answers_file: Path, language: str | None = None) -> SimulationResult:
    script_language, steps, lines = _steps(answers_file)
    session = InterviewSession.start(
        Store.in_memory(), flow, language or script_language or flow.language
    )
    path = [session.state.current] if session.state.current else []

    def moved() -> None:
        current = session.state.current
        if current and (not path or path[-1] != current):
            path.append(current)

    for number, (step, line) in enumerate(zip(steps, lines, strict=True), start=1):
        try:
            _do_step(session, step)
        except KioskError as error:
            where = f"{answers_file}:{line}" if line else str(answers_file)
            raise ScriptError(f"{where}: step {number}: {error.message}") from None
        moved()
    return SimulationResult(session, path)


def _do_step(session: InterviewSession, step: Any) -> None:
    if isinstance(step, str):
        if step not in SIMPLE_STEPS:
            raise KioskError(f"unknown step '{step}'")
        _simple(session, step)
        return
    if not isinstance(step, dict) or not step:
        raise KioskError("a step is a word like 'decline' or a mapping like {answer: yes}")
    if "answer" in step:
        expected = step.get("at")
        if expected is not None and expected != session.state.current:
            raise KioskError(
                f"expected to be at '{expected}' but the interview is at '{session.state.current}'"
            )
        _offer_break_if_due(session, taken=False)
        session.answer(step["answer"])
    elif "stop" in step:
        session.stop(str(step["stop"] or ""))
    elif "switch_path" in step:
        session.switch_path(str(step["switch_path"]), str(step.get("reason", "")))
    elif "disclose" in step:
        session.add_disclosure(str(step["disclose"]), step.get("node"))
    elif "correct" in step:
        session.correct(
            str(step["correct"]),
            str(step.get("reason", "")),
            step.get("value"),
            str(step.get("state", "answered")),
        )
    elif "withdraw_consent" in step:
        session.withdraw_consent(str(step["withdraw_consent"]))
    else:
        raise KioskError(f"unknown step {sorted(step)[0]!r}")


def _offer_break_if_due(session: InterviewSession, taken: bool) -> None:
    if session.state.needs_break_offer():
        session.offer_break(taken)


def _simple(session: InterviewSession, step: str) -> None:
    if step == "decline":
        _offer_break_if_due(session, taken=False)
        session.decline()
    elif step == "dont_know":
        _offer_break_if_due(session, taken=False)
        session.dont_know()
    elif step == "continue":
        session.proceed()
    elif step == "back":
        session.back()
    elif step == "break":
        if session.state.needs_break_offer():
            session.offer_break(taken=True)
        else:
            session.take_break()
    elif step == "end_break":
        session.end_break()
    elif step == "stop":
        session.stop("")
    elif step == "resume":
        session.resume_interview()
    elif step == "appears_child":
        session.mark_appears_child()


def format_text(result: SimulationResult) -> str:
    info = result.as_dict()
    lines = [f"Flow {info['flow']} v{info['version']}, language {info['language']}", "Path taken:"]
    flow = result.session.flow
    for position, node_id in enumerate(info["path"], start=1):
        node = flow.node(node_id)
        state = info["answers"].get(node_id, {}).get("state", "")
        lines.append(f"  {position:3}. {node_id} ({node.kind}){' - ' + state if state else ''}")
    outcome = f", outcome {info['outcome']}" if info["outcome"] else ""
    lines.append(
        f"Status: {info['status']}{outcome}; path: {info['path_kind']}; "
        f"breaks: {info['breaks']}; disclosures: {info['disclosures']}"
    )
    lines.append(
        "Consent: " + (", ".join(f"{k} {v}" for k, v in info["consent"].items()) or "none")
    )
    lines.append("Answer states:")
    for node_id, answer in info["answers"].items():
        value = f" = {answer['value']!r}" if "value" in answer else ""
        lines.append(f"  {node_id}: {answer['state']}{value}")
    lines.append("Indicators noted: " + (", ".join(info["indicators"]) or "none"))
    if info["indicators"]:
        lines.append("Indicators noted - consider referral for formal identification.")
    return "\n".join(lines)
