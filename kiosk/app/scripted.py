"""A scripted interview through the kiosk session (`kiosk simulate`), as staff and person would.

The answers file is YAML: either a list of steps or `{language: L, steps: [...]}`. Steps:
`decline`, `dont_know`, `continue`, `back`, `break`, `end_break`, `stop`, `resume`,
`appears_child`, or mappings `{answer: VALUE, at: NODE}` (`at` is optional and checks where the
interview is), `{stop: REASON}`, `{staff_stop: REASON}`, `{switch_path: adult, reason: ...}`,
`{disclose: TEXT}`, `{correct: NODE, value: V, reason: R}`, `{withdraw_consent: LAYER}`,
`{cover: [NODE, ...]}`, `{alert: continue|break|stop}`, `{resume: [ITEM, ...]}`,
`{change_language: L}`.

The script plays both people at the kiosk: it hands the screen over when a step needs the other
side, and gives the staff passphrase at the staff gate. Everything else is the kiosk's own rules
(`KioskSession`), so a script can do only what the window allows: a flow's safety check comes
first, staff steps need a staff page, a safety alert waits for `{alert: ...}`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.app import intents as i
from kiosk.app.flows import FlowLibrary
from kiosk.app.pages import (
    BreakOffer,
    Handover,
    Locked,
    ResumeCheck,
    SafetyAlertPage,
    SafetyHold,
    Setup,
    Stopped,
)
from kiosk.app.session import KioskSession
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.i18n import languages
from kiosk.core.indicators import noted_indicators
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction, AnswerState, Audience, NodeKind
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
STAFF_STEPS = {
    "staff_stop",
    "switch_path",
    "disclose",
    "correct",
    "withdraw_consent",
    "cover",
    "alert",
    "resume",
}


class ScriptError(KioskError):
    pass


@dataclass(frozen=True)
class Step:
    action: Any  # a word, or a mapping
    line: int


@dataclass
class ScriptResult:
    flow: Flow
    kiosk: KioskSession
    path: list[str]
    interview_id: str | None

    @property
    def session(self) -> InterviewSession | None:
        return self.kiosk.live

    def as_dict(self) -> dict[str, Any]:
        session = self.session
        flow = self.flow
        if session is None:  # the safety check did not pass: no interview exists
            return {
                "flow": flow.id,
                "version": flow.version,
                "status": "not_started",
                "recorded": False,
                "path": self.path,
                "page": self.kiosk.page.kind,
            }
        state = session.state
        answers: dict[str, dict[str, Any]] = {}
        for node in flow.questions:
            record = state.answers.get(node.id)
            answers[node.id] = {
                "state": state.answer_state(node.id),
                **({"value": record.value} if record and record.state == "answered" else {}),
            }
        end = state.current_node
        return {
            "flow": flow.id,
            "version": flow.version,
            "language": state.language,
            "status": state.status,
            "recorded": True,
            "interview": self.interview_id,
            "outcome": end.outcome if end is not None and end.kind is NodeKind.END else None,
            "current": state.current,
            "page": self.kiosk.page.kind,
            "path_kind": state.path,
            "path": self.path,
            "answers": answers,
            "consent": dict(state.consent),
            "breaks": len(state.breaks),
            "disclosures": len(state.disclosures),
            "alerts": list(state.alerts_raised),
            "indicators": sorted({item.tag for item in noted_indicators(state)}),
        }


def read_steps(answers_file: Path) -> tuple[str | None, list[Step]]:
    """The language and steps of an answers file (`ScriptError` naming `file:line`)."""
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
    fallback = getattr(data, "line", 0)
    steps = [Step(step, getattr(step, "line", 0) or fallback) for step in data]
    return (language if isinstance(language, str) else None), steps


def run_script(
    flow: Flow,
    steps: Sequence[Step],
    language: str,
    store: Store | None = None,
    where: str = "",
) -> ScriptResult:
    """Run `steps` through a kiosk session on `store` (default: in memory, nothing on disk).

    With a real store the interview is recorded exactly as the window would record it. Raises
    `ScriptError` ("WHERE:LINE: step N: ...") at the first step the kiosk refuses.
    """
    library = FlowLibrary()
    library.add(flow)
    kiosk = KioskSession(library)
    kiosk.handle(i.Unlocked(store or Store.in_memory()))
    kiosk.handle(i.NewInterview())
    driver = _Driver(kiosk, flow, language)
    if flow.policy.safety_check is None:
        driver.start(())
    for number, step in enumerate(steps, start=1):
        try:
            driver.do(step.action)
        except KioskError as error:
            place = f"{where}:{step.line}" if where and step.line else where or "script"
            raise ScriptError(f"{place}: step {number}: {error.message}") from None
    live = kiosk.live
    return ScriptResult(flow, kiosk, driver.path, live.interview_id if live else None)


def run_simulation(flow: Flow, answers_file: Path, language: str | None = None) -> ScriptResult:
    """`kiosk simulate`: the answers file through a kiosk session on an in-memory store."""
    script_language, steps = read_steps(answers_file)
    chosen = language or script_language or flow.language
    languages.language(str(chosen))  # an unknown code is one clear line, not a silent run
    return run_script(flow, steps, chosen, where=str(answers_file))


class _Driver:
    """Plays staff and person: turns each step into the intents the window would send."""

    def __init__(self, kiosk: KioskSession, flow: Flow, language: str) -> None:
        self.kiosk = kiosk
        self.flow = flow
        self.language = language
        self.path: list[str] = []

    # ------------------------------------------------------------ bookkeeping

    def _send(self, intent: i.Intent) -> None:
        self.kiosk.handle(intent)
        live = self.kiosk.live
        current = live.state.current if live is not None else None
        if current and (not self.path or self.path[-1] != current):
            self.path.append(current)

    def start(self, checked: Sequence[str]) -> None:
        self._send(
            i.StartInterview(Path(self.flow.path), self.language, safety_checked=tuple(checked))
        )
        live = self.kiosk.live
        if live is not None:  # every screen passed on the way (the check answered on setup)
            self.path[:] = list(dict.fromkeys(live.state.history))
        elif self.flow.policy.safety_check:
            self.path.append(self.flow.policy.safety_check)

    def _current(self) -> str | None:
        live = self.kiosk.live
        return live.state.current if live is not None else None

    def _on_staff_node(self) -> bool:
        live = self.kiosk.live
        node = live.state.current_node if live is not None else None
        return node is not None and node.audience is Audience.STAFF

    def _to(self, side: Audience) -> None:
        """Hand the screen over (and give the staff code) until `side` holds it."""
        for _ in range(6):
            page = self.kiosk.page
            if isinstance(page, Locked):
                self._send(i.StaffVerified())
            elif isinstance(page, Handover) and page.to.value == side.value:
                self._send(i.HandOver())
            elif side is Audience.STAFF and isinstance(page, Stopped | SafetyHold | Handover):
                self._send(i.HandOver())
            else:
                return

    # ------------------------------------------------------------ steps

    def do(self, step: Any) -> None:
        page = self.kiosk.page
        if isinstance(page, Setup) and page.problem is not None:
            raise KioskError(
                "the safety check did not pass: no interview started, nothing recorded"
            )
        if isinstance(step, str):
            if step not in SIMPLE_STEPS:
                raise KioskError(f"unknown step '{step}'")
            self._word(step)
            return
        if not isinstance(step, dict) or not step:
            raise KioskError("a step is a word like 'decline' or a mapping like {answer: yes}")
        if "answer" in step:
            self._answer(step["answer"], step.get("at"))
            return
        name = next((key for key in step if key in STAFF_STEPS | {"stop", "change_language"}), None)
        if name is None:
            raise KioskError(f"unknown step {sorted(step)[0]!r}")
        value = step[name]
        if name == "stop":
            self._stop(str(value or ""))
        elif name == "change_language":
            self._to(Audience.PERSON)
            self._send(i.ChangeLanguage(str(value)))
        else:
            self._staff(name, value, step)

    def _word(self, step: str) -> None:
        if step == "continue":
            if self._on_staff_node():
                self._to(Audience.STAFF)
                self._send(i.StaffContinue())
            else:
                self._to(Audience.PERSON)
                self._send(i.Continue())
        elif step in ("decline", "dont_know"):
            self._person_answer(i.Decline() if step == "decline" else i.DontKnow())
        elif step == "back":
            self._to(Audience.PERSON)
            self._send(i.Back())
        elif step == "break":
            self._to(Audience.PERSON)
            taken = isinstance(self.kiosk.page, BreakOffer)
            self._send(i.AnswerBreakOffer(True) if taken else i.TakeBreak())
        elif step == "end_break":
            self._send(i.EndBreak())
        elif step == "stop":
            self._stop("")
        elif step == "resume":
            self._staff("resume", None, {})
        elif step == "appears_child":
            self._staff("appears_child", None, {})

    def _answer(self, value: Any, expected: Any) -> None:
        page = self.kiosk.page
        if isinstance(page, Setup):  # the flow's safety check, on the setup screen
            if expected is not None and expected != self.flow.policy.safety_check:
                raise KioskError(f"expected to be at '{expected}' but the safety check comes first")
            self.start(value if isinstance(value, list) else [])
            return
        if isinstance(page, ResumeCheck):
            self._send(i.ConfirmSafetyCheck(tuple(value) if isinstance(value, list) else ()))
            return
        if expected is not None and expected != self._current():
            raise KioskError(
                f"expected to be at '{expected}' but the interview is at '{self._current()}'"
            )
        if self._on_staff_node():
            self._to(Audience.STAFF)
            self._send(i.StaffContinue(tuple(value) if isinstance(value, list) else ()))
            return
        self._person_answer(i.Answer(value))

    def _person_answer(self, intent: i.Intent) -> None:
        self._to(Audience.PERSON)
        if isinstance(self.kiosk.page, BreakOffer):
            self._send(i.AnswerBreakOffer(False))  # the scripted person goes on
        self._send(intent)

    def _stop(self, reason: str) -> None:
        """The person's Stop (they never have to give a reason); on a staff page, staff's."""
        if self._on_staff_node() or isinstance(self.kiosk.page, SafetyAlertPage):
            self._to(Audience.STAFF)
            if isinstance(self.kiosk.page, SafetyAlertPage):
                self._send(i.HandleAlert(AlertAction.STOP))
            else:
                self._send(i.StaffStop(reason or "staff stopped the interview"))
            return
        self._to(Audience.PERSON)
        self._send(i.AskStop())
        self._send(i.Stop())

    def _staff(self, name: str, value: Any, step: dict[str, Any]) -> None:
        self._to(Audience.STAFF)
        match name:
            case "resume":
                live = self.kiosk.live
                if live is None:
                    raise KioskError("there is no interview to resume")
                interview_id = live.interview_id
                self._send(i.GoHome())
                self._send(i.ResumeInterview(interview_id))
                if isinstance(value, list):
                    self._send(i.ConfirmSafetyCheck(tuple(value)))
            case "appears_child":
                self._send(i.MarkChild())
            case "staff_stop":
                self._send(i.StaffStop(str(value or "staff stopped the interview")))
            case "switch_path":
                if str(value) == "child":
                    self._send(i.MarkChild())
                else:
                    self._send(i.SwitchAdult(str(step.get("reason", ""))))
            case "disclose":
                self._send(i.AddDisclosure(str(value), step.get("node")))
            case "correct":
                self._send(
                    i.Correct(
                        str(value),
                        str(step.get("reason", "")),
                        step.get("value"),
                        str(step.get("state", AnswerState.ANSWERED)),
                    )
                )
            case "withdraw_consent":
                self._send(i.WithdrawConsent(str(value)))
            case "cover":
                nodes = value if isinstance(value, list) else [value]
                self._send(i.MarkCovered(tuple(str(node) for node in nodes)))
            case "alert":
                try:
                    action = AlertAction(str(value))
                except ValueError:
                    raise KioskError("after an alert: continue, break or stop") from None
                self._send(i.HandleAlert(action))
            case _:
                raise KioskError(f"unknown step {name!r}")


def format_text(result: ScriptResult) -> str:
    info = result.as_dict()
    flow = result.flow
    lines = [f"Flow {info['flow']} v{info['version']}", "Path taken:"]
    answers = info.get("answers", {})
    for position, node_id in enumerate(info["path"], start=1):
        node = flow.node(node_id)
        state = answers.get(node_id, {}).get("state", "")
        lines.append(f"  {position:3}. {node_id} ({node.kind}){' - ' + state if state else ''}")
    if not info["recorded"]:
        lines.append("Status: not started - the safety check did not pass; nothing was recorded.")
        return "\n".join(lines)
    lines[0] += f", language {info['language']}"
    outcome = f", outcome {info['outcome']}" if info["outcome"] else ""
    lines.append(
        f"Status: {info['status']}{outcome}; path: {info['path_kind']}; "
        f"breaks: {info['breaks']}; disclosures: {info['disclosures']}"
    )
    if info["alerts"]:
        lines.append("Safety alerts: " + ", ".join(info["alerts"]))
    lines.append(
        "Consent: " + (", ".join(f"{k} {v}" for k, v in info["consent"].items()) or "none")
    )
    lines.append("Answer states:")
    for node_id, answer in answers.items():
        value = f" = {answer['value']!r}" if "value" in answer else ""
        lines.append(f"  {node_id}: {answer['state']}{value}")
    lines.append("Indicators noted: " + (", ".join(info["indicators"]) or "none"))
    if info["indicators"]:
        lines.append("Indicators noted - consider referral for formal identification.")
    return "\n".join(lines)
