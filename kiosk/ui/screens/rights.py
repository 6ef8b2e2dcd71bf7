"""Staff controls for the take-away documents.

`TakeAwayPanel`: the person's rights paper (or the discreet card when carrying paper is not
safe), print / save / read aloud. It shows on the flow's rights screens and on the staff's
finished and review screens. `ReferralPanel`: the referral summary for the receiving agency,
only with the person's referral consent; saving asks for an explicit confirmation first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.numerals import in_digits
from kiosk.core.referral_input import has_referral_consent
from kiosk.ui.controller import Controller
from kiosk.ui.documents_actions import DocumentActions
from kiosk.ui.presenter import QuestionView
from kiosk.ui.screens.common import button, scrolled, text_label, title, toggle
from kiosk.ui.speech_notes import cannot_read_aloud
from kiosk.ui.widgets import PersonText, Tile


class TakeAwayPanel(QWidget):
    """Print or save the rights summary (or the discreet card), and read it aloud."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("takeAwayPanel")
        loc = controller.services.localizer
        self.docs = DocumentActions(controller, self)
        self.heading = title(loc.ui("For staff: the paper to take away"))
        self.note = text_label(name=loc.ui("About the paper"))
        self.second = toggle(loc.ui("Add the staff language"))
        self.second.setAccessibleName(self.second.text())
        self.reference = toggle(loc.ui("Reference number (only if the person asks for one)"))
        self.reference.setAccessibleName(self.reference.text())
        self.print_paper = button(loc.ui("Print the rights paper"))
        self.save_paper = button(loc.ui("Save the rights paper…"))
        self.print_card = button(loc.ui("Print the small card"))
        self.save_card = button(loc.ui("Save the small card…"))
        self.read = button(loc.ui("Read the rights aloud"), icon_name="speaker")
        self.read_progress = text_label(name=loc.ui("Reading aloud"))

        grid = QGridLayout()
        grid.addWidget(self.print_paper, 0, 0)
        grid.addWidget(self.save_paper, 0, 1)
        grid.addWidget(self.print_card, 1, 0)
        grid.addWidget(self.save_card, 1, 1)
        grid.addWidget(self.read, 0, 2)
        grid.addWidget(self.read_progress, 1, 2)
        options = QHBoxLayout()
        options.addWidget(self.second)
        options.addWidget(self.reference)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(options)
        layout.addLayout(grid)

        a = self.docs
        self.print_paper.clicked.connect(lambda: a.print_job(self._rights_job))
        self.save_paper.clicked.connect(lambda: a.save_job(self._rights_job, "information.pdf"))
        self.print_card.clicked.connect(lambda: a.print_job(self._card_job))
        self.save_card.clicked.connect(lambda: a.save_job(self._card_job, "card.pdf"))
        self.read.clicked.connect(self._read)
        a.spoken.connect(self._played)
        a.unplayed.connect(lambda _note: _say_not_read(controller))
        self.hide()

    def _rights_job(self):  # type: ignore[no-untyped-def]
        return self.docs.rights_job(self.second.isChecked(), self.reference.isChecked())

    def _card_job(self):  # type: ignore[no-untyped-def]
        return self.docs.card_job(self.reference.isChecked())

    def show_for(self, view: QuestionView | None) -> None:
        """On the person's screens: only on the flow's rights paper / card screens."""
        session = self.controller.session
        if view is not None and session is not None and session.state.offers_take_away():
            self.prepare()
        else:
            self.hide()

    def prepare(self) -> None:
        session = self.controller.session
        if session is None:
            self.hide()
            return
        loc = self.controller.services.localizer
        state = session.state
        safe = state.paper_is_safe()
        for widget in (self.print_paper, self.save_paper):
            widget.setVisible(safe)
        for widget in (self.print_card, self.save_card):
            widget.setVisible(not safe)
        if safe:
            self.note.setText(
                loc.ui(
                    "The paper has no name and no answers on it. It is in the person's language."
                )
            )
        else:
            self.note.setText(
                loc.ui(
                    "Carrying paper may not be safe for this person: offer the small card, "
                    "and read the rights aloud together."
                )
            )
        self.second.setChecked(False)
        self.second.setVisible(safe and state.staff_language != state.language)
        self.reference.setChecked(False)
        self.read_progress.clear()
        self.docs.restart_reading()
        self.show()

    def _read(self) -> None:
        try:
            self.docs.read_next_part()
        except Exception as error:  # content missing etc.: say so, keep the window
            self.controller.messages.error(error)

    def _played(self, part: int, count: int) -> None:
        """Only what was heard counts: the progress moves once a part plays."""
        loc = self.controller.services.localizer
        self.read_progress.setText(loc.ui("Part {part} of {count}", part=part, count=count))
        self.read.setText(loc.ui("Read the next part"))
        self.read.setAccessibleName(self.read.text())


def _say_not_read(controller: Controller) -> None:
    loc = controller.services.localizer
    controller.messages.info(
        cannot_read_aloud(loc, controller.person_language(), controller.staff_language())
    )


class PersonPaperPanel(QWidget):
    """On the person's rights screen: print their paper (or the small card when paper is not
    safe for them) and hear their rights, part by part, in their language. Staff choices
    (a second language, a reference number, saving a file) stay on the staff screens."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.docs = DocumentActions(controller, self)
        self.print_paper = Tile(icon_name="print")
        self.print_card = Tile(icon_name="card")
        self.read = Tile(icon_name="speaker")
        for tile in (self.print_paper, self.print_card, self.read):
            tile.setObjectName("answerTile")
        self.read_progress = PersonText(name="")
        self.read_progress.setObjectName("progressCue")
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.print_paper, 1)
        row.addWidget(self.print_card, 1)
        row.addWidget(self.read, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.read_progress)
        a = self.docs
        self.print_paper.clicked.connect(lambda: a.print_job(lambda: a.rights_job(False, False)))
        self.print_card.clicked.connect(lambda: a.print_job(lambda: a.card_job(False)))
        self.read.clicked.connect(self._read)
        a.spoken.connect(self._played)
        a.unplayed.connect(lambda _note: _say_not_read(controller))
        self.hide()

    def show_for(self, view: QuestionView | None) -> None:
        """Only on the flow's rights paper / card screens (policy `take_away_on`)."""
        session = self.controller.session
        if view is None or session is None or not session.state.offers_take_away():
            self.hide()
            return
        loc = self.controller.services.localizer
        lang = view.language
        safe = session.state.paper_is_safe()
        self.print_paper.setVisible(safe)
        self.print_card.setVisible(not safe)
        self.print_paper.set_words(loc.ui("Print the rights paper", language=lang))
        self.print_card.set_words(loc.ui("Print the small card", language=lang))
        self.read.set_words(loc.ui("Read the rights aloud", language=lang))
        self.read_progress.set_words("")
        self.read_progress.hide()
        self.docs.restart_reading()
        self.show()

    def tiles(self) -> list[Tile]:
        return [self.print_paper, self.print_card, self.read]

    def _read(self) -> None:
        try:
            self.docs.read_next_part()
        except Exception as error:  # content missing etc.: say so, keep the window
            self.controller.messages.error(error)

    def _played(self, part: int, count: int) -> None:
        loc = self.controller.services.localizer
        lang = self.controller.person_language()
        self.read_progress.set_words(
            loc.ui(
                "Part {part} of {count}",
                language=lang,
                part=in_digits(part, lang),
                count=in_digits(count, lang),
            )
        )
        self.read_progress.show()
        self.read.set_words(loc.ui("Read the next part", language=lang))


class ReferralPanel(QWidget):
    """The referral summary: disabled without consent; saving is confirmed after a warning."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        loc = controller.services.localizer
        self.docs = DocumentActions(controller, self)
        self.heading = title(loc.ui("Referral summary for the receiving agency"))
        self.explain = text_label(name=loc.ui("About the referral summary"))
        self.print_referral = button(loc.ui("Print referral summary"))
        self.save_referral = button(loc.ui("Save referral summary…"))
        # The inline warning: nothing leaves the encrypted store without this confirmation.
        self.warning = text_label(name=loc.ui("Warning"))
        self.warning.setObjectName("referralWarning")
        self.warning.setText(
            loc.ui(
                "This file will contain personal information and will NOT be encrypted. It "
                "leaves the protected store of this computer. Save it only to a place the "
                "receiving agency controls, and delete it once it has been handed over."
            )
        )
        self.confirm_save = button(loc.ui("I understand: choose where to save"))
        self.cancel_save = button(loc.ui("Do not save"))
        self.confirm = QWidget()
        confirm_layout = QVBoxLayout(self.confirm)
        confirm_layout.setContentsMargins(0, 0, 0, 0)
        confirm_layout.addWidget(self.warning)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.cancel_save)
        confirm_row.addStretch(1)
        confirm_row.addWidget(self.confirm_save)
        confirm_layout.addLayout(confirm_row)
        self.confirm.hide()
        row = QHBoxLayout()
        row.addWidget(self.print_referral)
        row.addWidget(self.save_referral)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addWidget(self.confirm)

        a = self.docs
        self.print_referral.clicked.connect(lambda: a.print_job(a.referral_job))
        self.save_referral.clicked.connect(self._ask_to_save)
        self.cancel_save.clicked.connect(self.confirm.hide)
        self.confirm_save.clicked.connect(self._save)

    def prepare(self) -> None:
        loc = self.controller.services.localizer
        session = self.controller.session
        consent = session is not None and has_referral_consent(session.state)
        self.print_referral.setEnabled(consent)
        self.save_referral.setEnabled(consent)
        self.confirm.hide()
        if consent:
            self.explain.setText(
                loc.ui(
                    "The person agreed to referral. The summary lists what was asked and the "
                    "indicators noted; it is never a decision. Nothing is saved unless you save it."
                )
            )
        else:
            self.explain.setText(
                loc.ui(
                    "No referral summary: the person has not agreed to referral (or withdrew "
                    "it). They can still take their rights paper."
                )
            )

    def _ask_to_save(self) -> None:
        self.confirm.show()
        self.cancel_save.setFocus()  # the safe choice has the focus

    def _save(self) -> None:
        self.confirm.hide()
        self.docs.save_job(self.docs.referral_job, "referral-summary.pdf")


class ReviewDocuments(QWidget):
    """The review's documents tab: the rights paper / card and the referral summary."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.take_away = TakeAwayPanel(controller)
        self.referral = ReferralPanel(controller)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.take_away)
        column.addWidget(self.referral)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(inner))  # scrolls up and down when the window is short

    def prepare(self) -> None:
        self.take_away.prepare()
        self.referral.prepare()
