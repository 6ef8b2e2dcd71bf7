"""One interview for one recipient, as the XML instance of the referral form.

Values are taken from the folded interview state and rendered along the form's layout, so the
instance always fits the form. Answers that need the person's agreement to be shared go as
`not_shared` without it (with no value, no correction, no disclosure and no indicator drawn from
them). The body is deterministic: the same facts give the same bytes, so `content_digest` tells
whether anything the receiver would see has changed since the last version sent.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kiosk.core.flow import CONSENT_LAYERS
from kiosk.core.indicators import noted_indicators
from kiosk.core.interview_rules import InterviewState
from kiosk.core.odk.consent import RecipientConsent, withheld_questions
from kiosk.core.odk.layout import AnswerState, Field, Group, Layout

# Characters XML 1.0 cannot carry (a pasted control character must not break the record).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Values = dict[str, Any]  # field name -> text, group name -> Values, repeat name -> [Values]


@dataclass(frozen=True)
class SubmissionBody:
    """The instance without its meta block; `digest` identifies its content."""

    form_id: str
    form_version: str
    body: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    def xml(
        self, instance_id: str, deprecated_id: str | None = None, form_version: str | None = None
    ) -> bytes:
        """The whole instance; `form_version` is the published form's (Central may suffix it)."""
        version = form_version or self.form_version
        meta = f"<instanceID>{escape(instance_id)}</instanceID>"
        if deprecated_id:
            meta += f"<deprecatedID>{escape(deprecated_id)}</deprecatedID>"
        return (
            f"<data id={quoteattr(self.form_id)} version={quoteattr(version)}>"
            f"{self.body}<meta>{meta}</meta></data>"
        ).encode()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    return _NOT_XML.sub("", str(value))


def _render(items: tuple[Field | Group, ...], values: Values, out: list[str]) -> None:
    for item in items:
        if isinstance(item, Group):
            entries = values.get(item.name)
            for entry in (entries or []) if item.repeat else [entries or {}]:
                out.append(f"<{item.name}>")
                _render(item.children, entry, out)
                out.append(f"</{item.name}>")
            continue
        text = _text(values.get(item.name))
        out.append(f"<{item.name}>{escape(text)}</{item.name}>" if text else f"<{item.name}/>")


def _interview(state: InterviewState, started_at: str) -> Values:
    end = state.current_node
    interpreter = state.interpreter or {}
    return {
        "flow": state.flow.id,
        "flow_version": state.flow.version,
        "language": state.language,
        "path": state.path,
        "adult_path_reason": state.adult_override_reason,
        "status": state.status,
        "outcome": end.outcome if end is not None and end.kind == "end" else "",
        "started": started_at,
        "reference": state.reference or "",
        "interpreter": (str(interpreter.get("role") or "present"))
        if interpreter.get("present")
        else "",
        "breaks": len(state.breaks),
    }


def collect_values(state: InterviewState, consent: RecipientConsent, started_at: str) -> Values:
    """Everything the receiver gets, as layout values."""
    flow = state.flow
    withheld = withheld_questions(state, consent)
    answers: Values = {}
    for node in flow.questions:
        if node.id in withheld:
            answers[node.id] = {"state": AnswerState.NOT_SHARED.value}
            continue
        record = state.answers.get(node.id)
        answered = record is not None and record.state == "answered"
        answers[node.id] = {
            "state": state.answer_state(node.id),
            "value": record.value if answered and record is not None else None,
            "corrected": "yes" if record is not None and record.corrected else "no",
        }
    corrections = [
        {
            "at": record.at,
            "question": node_id,
            "state": record.state,
            "value": record.value if record.state == "answered" else None,
            "reason": record.reason,
        }
        for node_id, records in state.answer_history.items()
        if node_id not in withheld
        for record in records
        if record.corrected
    ]
    disclosures = [
        {"at": item.get("at", ""), "question": item.get("node") or "", "text": item.get("text")}
        for item in state.disclosures
        if item.get("node") not in withheld
    ]
    indicators: list[Values] = [
        {"tag": item.tag, "source": item.source, "question": item.node or ""}
        for item in noted_indicators(state)
        if item.source != "staff" and item.node not in withheld
    ]
    indicators += [
        {"tag": note.get("tag"), "source": "staff", "note": note.get("note") or ""}
        for note in state.manual_indicators
    ]
    return {
        "interview": _interview(state, started_at),
        "referral": {
            "recipient": consent.recipient,
            "consent_at": consent.given_at,
            "sensitive_shared": "yes" if consent.include_sensitive else "no",
            "staff_note": consent.staff_note,
        },
        "consent": {layer: state.consent.get(layer, "not_asked") for layer in CONSENT_LAYERS},
        "answers": answers,
        "disclosure": disclosures,
        "correction": corrections,
        "indicator": indicators,
    }


def build_body(
    layout: Layout, state: InterviewState, consent: RecipientConsent, started_at: str
) -> SubmissionBody:
    out: list[str] = []
    _render(layout.root, collect_values(state, consent, started_at), out)
    return SubmissionBody(layout.form_id, layout.version, "".join(out))
