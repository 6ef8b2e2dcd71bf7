"""The staff summary of the open interview, at a glance: path, how the questions ended (declined is
never "no"), breaks, indicators noted by domain (each once) and the referrals worth considering.
Never a verdict or a score: the wording is kiosk.core.indicators' own.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.core import sharing, summary
from kiosk.ui.code_words import decision_words, service_words, state_words
from kiosk.ui.screens.common import text_label, title

COUNTED_STATES = ("answered", "declined", "dont_know", "not_asked")


class SummaryPanel(QFrame):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("card")
        loc = controller.services.localizer
        self.heading = title(loc.ui("Summary"))
        self.path = text_label(name=loc.ui("Path"))
        self.states = text_label(name=loc.ui("How the questions ended"))
        self.breaks = text_label(name=loc.ui("Breaks"))
        self.wording = text_label(name=loc.ui("Indicators"))
        self.wording.setObjectName("screenTitle")
        self.indicators = QLabel()
        self.indicators.setWordWrap(True)
        self.indicators.setAccessibleName(loc.ui("Indicators noted"))
        self.referrals = text_label(name=loc.ui("Consider referral to"))
        self.decisions = text_label(name=loc.ui("Referral decisions"))
        self.sharing = text_label(name=loc.ui("The person was asked about sharing with:"))
        layout = QVBoxLayout(self)
        for widget in (
            self.heading,
            self.path,
            self.states,
            self.breaks,
            self.wording,
            self.indicators,
            self.referrals,
            self.decisions,
            self.sharing,
        ):
            layout.addWidget(widget)

    def forget(self) -> None:
        """Nothing of a closed interview stays here."""
        for label in (self.path, self.states, self.breaks, self.wording, self.indicators):
            label.clear()
        self.referrals.clear()
        self.decisions.clear()
        self.sharing.clear()
        self.hide()

    def has_content(self) -> bool:
        session = self.controller.session
        return session is not None and any(
            session.state.answer_state(node.id) != "not_asked"
            for node in session.flow.questions
            if node.kind == "question"
        )

    def prepare(self) -> None:
        session = self.controller.session
        if session is None:
            self.hide()
            return
        loc = self.controller.services.localizer
        state = session.state
        self.path.setText(
            loc.ui("On the child path.") if state.child else loc.ui("On the adult path.")
        )
        counts = {name: 0 for name in COUNTED_STATES}
        for node in session.flow.questions:
            if node.kind == "question":
                current = state.answer_state(node.id)
                counts[current] = counts.get(current, 0) + 1
        self.states.setText(
            " · ".join(f"{state_words(loc, name)}: {counts[name]}" for name in COUNTED_STATES)
        )
        self.breaks.setText(loc.ui("Breaks taken: {count}", count=len(state.breaks)))
        groups = summary.indicator_groups(state, self.controller.indicator_catalog())
        self.wording.setText(loc.ui(summary.indicator_wording(groups)))
        lines = []
        for group in groups:
            labels = list(dict.fromkeys(label for _tag, label, _node in group.items))
            lines.append(
                f"<p><b>{_escape(group.label)}</b><br>{'<br>'.join(map(_escape, labels))}</p>"
            )
        self.indicators.setText("".join(lines))
        self.indicators.setVisible(bool(lines))
        profile = self.controller.organisation_profile(state.organisation)
        refers_to = profile.refers_to if profile is not None else None
        suggestions = summary.referral_suggestions(state, groups, refers_to)
        self.referrals.setVisible(bool(suggestions))
        self.referrals.setText(
            loc.ui(
                "Consider referral to: {services}",
                services=", ".join(service_words(loc, kind) for kind in suggestions),
            )
        )
        unshared = sharing.referrals_without_consent(state)
        warning = loc.ui("the person did not agree: do not share")
        decided = [
            f"{service_words(loc, service)}: {decision_words(loc, decision['decision'])}"
            + (f" ({warning})" if service in unshared else "")
            for service, decision in state.referral_decisions.items()
        ]
        self.decisions.setText(
            loc.ui("Referral decisions: {decisions}", decisions="; ".join(decided))
        )
        self.decisions.setVisible(bool(decided))
        answers = {
            sharing.RecipientConsent.GIVEN: loc.ui("agreed"),
            sharing.RecipientConsent.REFUSED: loc.ui("did not agree"),
            sharing.RecipientConsent.WITHDRAWN: loc.ui("withdrew consent"),
        }
        asked = [
            f"{service_words(loc, kind)}: {answers[consent]}"
            for kind, consent in sharing.recipient_consents(state).items()
        ]
        self.sharing.setText(
            loc.ui("The person was asked about sharing with:") + " " + "; ".join(asked)
        )
        self.sharing.setVisible(bool(asked))
        self.show()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
