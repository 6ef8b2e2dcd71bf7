"""Staff review: timeline, answers with their states, indicators by domain (never a verdict),
referral suggestions and decisions, later disclosures and corrections with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.core import summary
from kiosk.core.content import SERVICE_KINDS
from kiosk.core.interview_rules import REFERRAL_DECISIONS
from kiosk.ui.code_words import (
    decision_words,
    event_kind,
    event_words,
    service_words,
    state_words,
    status_words,
)
from kiosk.ui.controller import Controller
from kiosk.ui.screens.common import buddy, button, scrolled, title
from kiosk.ui.screens.rights import ReviewDocuments
from kiosk.ui.screens.staff_step import StaffTools
from kiosk.ui.screens.summary import SummaryPanel

CORRECTION_STATES = ("answered", "declined", "dont_know")


def _table(headers: list[str], name: str, wide: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    # Questions and answers wrap instead of running off the side at large text sizes: the
    # `wide` columns share the width, the short ones fit their contents.
    table.setWordWrap(True)
    table.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(
            column,
            QHeaderView.ResizeMode.Stretch
            if column in wide
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    table.verticalHeader().setVisible(False)
    return table


def _name_field(combo: QComboBox, name: str) -> None:
    """An editable combo box's own text field is read by screen readers too: name it."""
    field = combo.lineEdit()
    if field is not None:
        field.setAccessibleName(name)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            # Tall wrapped rows read from their top, not from a vertically centred middle.
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class ReviewScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.heading = title(loc.ui("Review"))
        self.tabs = QTabWidget()
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tab bar itself
        self.timeline = _table(
            [loc.ui("When"), loc.ui("Who"), loc.ui("What"), loc.ui("Question"), loc.ui("Detail")],
            loc.ui("Timeline"),
            wide=(3, 4),
        )
        self.answers = _table(
            [loc.ui("Question"), loc.ui("State"), loc.ui("Answer"), loc.ui("Corrected")],
            loc.ui("Answers"),
            wide=(0, 2),
        )
        self.indicators = SummaryPanel(controller)  # the same summary as after the interview
        # Referral decisions
        self.service = QComboBox()
        self.service.setEditable(True)
        _name_field(self.service, loc.ui("Service"))
        self.decision = QComboBox()
        for decision in REFERRAL_DECISIONS:
            self.decision.addItem(decision_words(loc, decision), decision)
        self.referral_note = QLineEdit()
        self.save_referral = button(loc.ui("Record referral decision"))
        referral = QWidget()
        ref_form = QFormLayout(referral)
        ref_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        ref_form.addRow(self.indicators)
        ref_form.addRow(buddy(loc.ui("Service"), self.service), self.service)
        ref_form.addRow(buddy(loc.ui("Decision"), self.decision), self.decision)
        ref_form.addRow(buddy(loc.ui("Note"), self.referral_note), self.referral_note)
        ref_form.addRow(self.save_referral)
        # Later disclosure and corrections
        self.disclosure = QPlainTextEdit()
        self.disclosure_node = QComboBox()
        self.save_disclosure = button(loc.ui("Add disclosure"))
        self.correct_node = QComboBox()
        self.correct_state = QComboBox()
        for state in CORRECTION_STATES:
            self.correct_state.addItem(state_words(loc, state), state)
        self.correct_value = QComboBox()
        self.correct_value.setEditable(True)
        _name_field(self.correct_value, loc.ui("New answer"))
        self.correct_reason = QLineEdit()
        self.save_correction = button(loc.ui("Record correction"))
        self.tools = StaffTools(controller)
        add = QWidget()
        add_form = QFormLayout(add)
        add_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_form.addRow(title(loc.ui("Later disclosure")))
        add_form.addRow(buddy(loc.ui("What the person said"), self.disclosure), self.disclosure)
        add_form.addRow(
            buddy(loc.ui("About (optional)"), self.disclosure_node), self.disclosure_node
        )
        add_form.addRow(self.save_disclosure)
        add_form.addRow(title(loc.ui("Correct an answer")))
        add_form.addRow(buddy(loc.ui("Question"), self.correct_node), self.correct_node)
        add_form.addRow(buddy(loc.ui("New state"), self.correct_state), self.correct_state)
        add_form.addRow(buddy(loc.ui("New answer"), self.correct_value), self.correct_value)
        add_form.addRow(buddy(loc.ui("Reason"), self.correct_reason), self.correct_reason)
        add_form.addRow(self.save_correction)
        add_form.addRow(self.tools)

        self.tabs.addTab(self.answers, loc.ui("Answers"))
        self.tabs.addTab(self.timeline, loc.ui("Timeline"))
        self.tabs.addTab(scrolled(referral), loc.ui("Indicators and referral"))
        self.tabs.addTab(scrolled(add), loc.ui("Add or correct"))
        self.documents = ReviewDocuments(controller)
        self.tabs.addTab(self.documents, loc.ui("Documents"))
        self.home = button(loc.ui("Back to the start"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.home)
        layout.addLayout(row)
        layout.setContentsMargins(32, 16, 32, 16)

        self.home.clicked.connect(lambda: controller.send(i.GoHome()))
        self.save_referral.clicked.connect(self._referral)
        self.save_disclosure.clicked.connect(self._disclosure)
        self.save_correction.clicked.connect(self._correction)
        self.correct_node.currentIndexChanged.connect(self._node_for_correction)

    def prepare(self) -> None:
        session = self.controller.session
        if session is None:
            return
        loc = self.controller.services.localizer
        state = session.state
        flow = session.flow
        path = loc.ui("child path") if state.child else loc.ui("adult path")
        self.heading.setText(
            loc.ui("Review ({status}, {path})", status=status_words(loc, state.status), path=path)
        )
        rows = summary.timeline(flow, session.store.events(session.interview_id))
        _fill(
            self.timeline,
            [
                [
                    r.at[:19].replace("T", " "),
                    r.actor,
                    event_words(loc, event_kind(r.what)),
                    r.question,
                    r.detail,
                ]
                for r in rows
            ],
        )
        _fill(
            self.answers,
            [
                [
                    a.question,
                    state_words(loc, a.state),
                    a.value,
                    loc.ui("yes") if a.corrected else "",
                ]
                for a in summary.answers(state)
            ],
        )
        groups = summary.indicator_groups(state, self.controller.indicator_catalog())
        profile = self.controller.organisation_profile(state.organisation)
        refers_to = profile.refers_to if profile is not None else None
        suggestions = summary.referral_suggestions(state, groups, refers_to)
        self.indicators.prepare()
        current_service = self.service.currentText()
        self.service.clear()
        for kind in dict.fromkeys([*suggestions, *SERVICE_KINDS]):
            self.service.addItem(service_words(loc, kind), kind)
        if current_service:
            self.service.setCurrentText(current_service)
        selected = self.correct_node.currentData()
        self.correct_node.blockSignals(True)
        self.correct_node.clear()
        self.disclosure_node.clear()
        self.disclosure_node.addItem(loc.ui("(the interview in general)"), None)
        for node in flow.questions:
            if node.kind == "question":
                self.correct_node.addItem(node.text, node.id)
                self.disclosure_node.addItem(node.text, node.id)
        self.correct_node.blockSignals(False)
        if selected:
            self.correct_node.setCurrentIndex(max(0, self.correct_node.findData(selected)))
        self._node_for_correction()
        self.tools.prepare()
        self.documents.prepare()

    def _node_for_correction(self) -> None:
        session = self.controller.session
        node_id = self.correct_node.currentData()
        self.correct_value.clear()
        if session is None or not node_id:
            return
        node = session.flow.node(node_id)
        if node.type == "yes_no":
            loc = self.controller.services.localizer
            self.correct_value.addItem(loc.ui("Yes"), "yes")
            self.correct_value.addItem(loc.ui("No"), "no")
        for option in node.options:
            self.correct_value.addItem(option.text, option.value)

    def correction_value(self) -> object:
        session = self.controller.session
        node_id = self.correct_node.currentData()
        if session is None or not node_id:
            return None
        node = session.flow.node(node_id)
        data = self.correct_value.currentData()
        text = self.correct_value.currentText().strip()
        if node.type == "multiple_choice":
            return [data] if data else []
        if node.type in ("yes_no", "single_choice"):
            return data
        if node.type in ("number", "age"):
            return int(text) if text.isdigit() else None
        return text

    def _chosen_service(self) -> str:
        """The kind behind the words shown, or what staff typed for a service not listed."""
        text = self.service.currentText().strip()
        index = self.service.findText(text)
        return str(self.service.itemData(index)) if index >= 0 else text

    def _referral(self) -> None:
        self.controller.send(
            i.DecideReferral(
                self._chosen_service(),
                self.decision.currentData(),
                self.referral_note.text().strip(),
            )
        )
        self.referral_note.setText("")  # clear() would keep it for Ctrl+Z

    def _recorded(self) -> int:
        """How many events the open interview holds (to know whether an action was stored)."""
        session = self.controller.session
        return session.state.last_seq if session is not None else 0

    def _disclosure(self) -> None:
        before = self._recorded()
        self.controller.send(
            i.AddDisclosure(self.disclosure.toPlainText(), self.disclosure_node.currentData())
        )
        if self._recorded() > before:  # kept (else the message says why, and the words stay)
            self.disclosure.clear()
            loc = self.controller.services.localizer
            self.controller.messages.info(
                loc.ui("The later disclosure was added to the record, with today's date.")
            )

    def _correction(self) -> None:
        state = self.correct_state.currentData()
        value = self.correction_value() if state == "answered" else None
        before = self._recorded()
        self.controller.send(
            i.Correct(self.correct_node.currentData(), self.correct_reason.text(), value, state)
        )
        if self._recorded() > before:
            self.correct_reason.setText("")  # clear() would keep it for Ctrl+Z
            loc = self.controller.services.localizer
            self.controller.messages.info(
                loc.ui("The correction was recorded. The earlier answer is kept in the timeline.")
            )

    def forget(self) -> None:
        """Nothing of a closed interview stays on this screen."""
        for table in (self.timeline, self.answers):
            table.clearContents()
            table.setRowCount(0)
        self.indicators.forget()
        for box in (self.correct_node, self.disclosure_node, self.correct_value, self.service):
            box.clear()
        for line in (self.referral_note, self.correct_reason):
            line.setText("")  # clear() would keep it for Ctrl+Z
        self.disclosure.clear()
        self.heading.clear()
