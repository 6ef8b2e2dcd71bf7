"""Staff home: who runs the kiosk, start, resume (showing what was already asked), review,
settings, lock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.core import organisation
from kiosk.core.errors import KioskError
from kiosk.core.vocabulary import InterviewStatus
from kiosk.ui.code_words import organisation_says, organisation_words, state_words, status_words
from kiosk.ui.controller import Controller
from kiosk.ui.languages import language
from kiosk.ui.odk_send import SendReferralsPanel
from kiosk.ui.screens.common import buddy, button, text_label, title, wrapping_list


class HomeScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.new = button(loc.ui("New interview"))
        self.settings = button(loc.ui("Settings"))
        self.studio = button(loc.ui("Recording studio"))
        self.interviews = wrapping_list()
        self.interviews_label = buddy(loc.ui("&Interviews on this kiosk"), self.interviews)
        self.asked = wrapping_list()
        self.asked_label = buddy(loc.ui("Already asked in the selected interview"), self.asked)
        self.resume = button(loc.ui("Resume"))
        self.review = button(loc.ui("Review"))
        self.empty = text_label(loc.ui("No interviews yet."))
        self.referrals = SendReferralsPanel(
            loc,
            controller.runner,
            lambda: controller.store,
            controller.flows.folder,
            controller.messages.error,
        )
        # Who runs the kiosk decides what the interview may truthfully say ("We are not the
        # police") and who may receive a referral; chosen once, at first run.
        self.organisation = QComboBox()
        self.organisation_label = buddy(loc.ui("&Who runs this kiosk"), self.organisation)
        self.organisation_says = text_label("")
        self.organisation_needed = text_label(
            loc.ui(
                "Choose who runs this kiosk before the first interview. It decides what the "
                "interview tells people about who is asking."
            )
        )

        top = QHBoxLayout()
        top.addWidget(title(loc.ui("Staff")))
        top.addStretch(1)
        top.addWidget(self.studio)
        top.addWidget(self.settings)
        top.addWidget(self.new)
        who = QHBoxLayout()
        who.addWidget(self.organisation_label)
        who.addWidget(self.organisation)
        who.addWidget(self.organisation_says, 1)
        left = QVBoxLayout()
        left.addWidget(self.interviews_label)
        left.addWidget(self.interviews, 1)
        left.addWidget(self.empty)
        right = QVBoxLayout()
        right.addWidget(self.asked_label)
        right.addWidget(self.asked, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.resume)
        actions.addWidget(self.review)
        right.addLayout(actions)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(who)
        layout.addWidget(self.organisation_needed)
        layout.addLayout(body, 1)
        layout.addWidget(self.referrals)
        layout.setContentsMargins(32, 16, 32, 16)

        self.new.clicked.connect(lambda: controller.send(i.NewInterview()))
        self.settings.clicked.connect(lambda: controller.send(i.OpenSettings()))
        self.studio.clicked.connect(lambda: controller.send(i.OpenStudio()))
        self.resume.clicked.connect(self._resume)
        self.review.clicked.connect(self._review)
        self.interviews.currentItemChanged.connect(self._selected)
        self.organisation.activated.connect(self._organisation_chosen)

    def prepare(self) -> None:
        store = self.controller.store
        self.interviews.clear()
        self.asked.clear()
        self._show_organisation()
        if store is None:
            return
        self.referrals.refresh()
        try:
            summaries = store.list_interviews()
        except KioskError as error:
            self.controller.messages.error(error)
            summaries = []
        loc = self.controller.services.localizer
        for summary in summaries:
            status = status_words(loc, summary.status)
            path = loc.ui("child path") if summary.path == "child" else loc.ui("adult path")
            when = summary.updated_at[:16].replace("T", " ")
            label = f"{when} · {language(summary.language).english_name} · {status} · {path}"
            if summary.reference:
                label += f" · {summary.reference}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, summary.status)
            self.interviews.addItem(item)
        self.empty.setVisible(not summaries)
        self.resume.setEnabled(False)
        self.review.setEnabled(False)
        if summaries:
            self.interviews.setCurrentRow(0)
        (self.new if self.new.isEnabled() else self.organisation).setFocus()

    def _show_organisation(self) -> None:
        loc = self.controller.services.localizer
        chosen = self.controller.organisation()
        self.organisation.blockSignals(True)
        self.organisation.clear()
        if chosen == organisation.NOT_SET:
            self.organisation.addItem(loc.ui("Choose…"), None)
        for kind in organisation.OrganisationKind:
            self.organisation.addItem(organisation_words(loc, kind), kind.value)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(chosen)))
        self.organisation.blockSignals(False)
        known = chosen != organisation.NOT_SET
        self.organisation_says.setText(organisation_says(loc, chosen) if known else "")
        self.organisation_needed.setVisible(not known)
        self.new.setEnabled(known)

    def _organisation_chosen(self, index: int) -> None:
        kind = self.organisation.itemData(index)
        if not kind or kind == self.controller.organisation():
            return
        self.controller.choose_organisation(kind)  # guarded: a refusal reaches the messages
        # The line beside the choice confirms it ("The person is told: ..."); no banner, which
        # would stay on screen into the person's interview.
        self._show_organisation()

    def selected_id(self) -> str | None:
        item = self.interviews.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, interview_id: str) -> None:
        for row in range(self.interviews.count()):
            if self.interviews.item(row).data(Qt.ItemDataRole.UserRole) == interview_id:
                self.interviews.setCurrentRow(row)
                return

    def _selected(self, item: QListWidgetItem | None) -> None:
        self.asked.clear()
        if item is None:
            return
        status = item.data(Qt.ItemDataRole.UserRole + 1)
        self.resume.setEnabled(status != InterviewStatus.FINISHED)
        self.review.setEnabled(True)
        try:
            state = self.controller.states_of(item.data(Qt.ItemDataRole.UserRole))
        except KioskError as error:
            self.controller.messages.error(error)
            return
        loc = self.controller.services.localizer
        for node_id in state.asked():
            node = state.flow.node(node_id)
            words = state_words(loc, state.answer_state(node_id))
            self.asked.addItem(f"{node.text}  —  {words}")

    def _resume(self) -> None:
        interview_id = self.selected_id()
        if interview_id:
            self.controller.send(i.ResumeInterview(interview_id))

    def _review(self) -> None:
        interview_id = self.selected_id()
        if interview_id:
            self.controller.send(i.OpenReview(interview_id))
