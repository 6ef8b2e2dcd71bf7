"""The interpreter's window: follows the live interview and shows the current question in the
staff's and the person's language, with interpreter notes. Machine-translated or untranslated
text is marked as such.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core.events import Event
from kiosk.core.translation.worker import TranslationResult
from kiosk.ui.code_words import event_words
from kiosk.ui.controller import Controller
from kiosk.ui.languages import language
from kiosk.ui.names import APP_TITLE
from kiosk.ui.presenter import QuestionView
from kiosk.ui.screens.common import text_label, title
from kiosk.ui.theme import set_direction
from kiosk.ui.translation_bridge import FreeTextTranslator, machine_note


class InterpreterView(QWidget):
    def __init__(self, controller: Controller) -> None:
        super().__init__(None)
        self.controller = controller
        loc = controller.services.localizer
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(loc.ui("Interpreter view"))
        self.heading = title(loc.ui("Interpreter view"))
        self.progress = text_label(name="Progress")
        self.staff_lang = QLabel()
        self.person_lang = QLabel()
        self.staff_text = text_label(name="Question in the staff language")
        self.staff_text.setObjectName("questionText")
        self.person_text = text_label(name="Question in the person's language")
        self.person_text.setObjectName("questionText")
        self.person_mark = QLabel()
        self.person_mark.setObjectName("machineMark")
        self.choices = text_label(name="Answer choices")
        self.note = text_label(name="Interpreter note")
        self.last = text_label(name="Last step")
        self.answer = text_label(name="Last typed answer")
        self.free_text: FreeTextTranslator | None = None  # set when translation is wired
        self.node_id = ""
        self.person_words = ""
        self.staff_words = ""
        grid = QGridLayout()
        grid.addWidget(self.staff_lang, 0, 0)
        grid.addWidget(self.person_lang, 0, 1)
        grid.addWidget(self.staff_text, 1, 0)
        self.person_box = QWidget()
        box = QVBoxLayout(self.person_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.person_text)
        box.addWidget(self.person_mark)
        grid.addWidget(self.person_box, 1, 1)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addLayout(grid)
        layout.addWidget(self.choices)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.answer)
        layout.addWidget(self.last)
        self.resize(900, 600)
        controller.view_changed.connect(self.follow)
        controller.event_recorded.connect(self._event)

    def follow(self, view: QuestionView) -> None:
        loc = self.controller.services.localizer
        staff = self.controller.current_view(self.controller.staff_language())
        if staff is None:
            return
        self.node_id = view.node_id
        self.progress.setText(staff.progress)
        self.staff_lang.setText(language(staff.language).native_name)
        self.person_lang.setText(language(view.language).native_name)
        set_direction(self.person_box, view.language)
        self.staff_words = staff.text
        self.person_words = view.text
        self.staff_text.setText(staff.text)
        self.person_text.setText(view.text)
        self.choices.setText(" · ".join(c.text for c in staff.choices))
        self.note.setText(
            loc.ui("Interpreter note: {note}", note=staff.interpreter_note)
            if staff.interpreter_note
            else ""
        )
        self._mark(view)

    def forget(self) -> None:
        """The interview closed: nothing of it stays in this window."""
        self.node_id = self.person_words = self.staff_words = ""
        for label in (
            self.progress,
            self.staff_lang,
            self.person_lang,
            self.staff_text,
            self.person_text,
            self.person_mark,
            self.choices,
            self.note,
            self.last,
            self.answer,
        ):
            label.clear()

    def _mark(self, view: QuestionView) -> None:
        loc = self.controller.services.localizer
        if view.status == "machine":
            self.person_mark.setText(loc.ui("Machine translation — check it with the person"))
        elif view.status == "draft":
            self.person_mark.setText(loc.ui("Draft translation, not yet reviewed"))
        elif view.status == "missing":
            # A machine translation may follow (kiosk.ui.translation_bridge re-sends the view).
            self.person_mark.setText(
                loc.ui("No reviewed translation: shown in the source language")
            )
        else:
            self.person_mark.setText("")

    def _free_text(self, event: Event) -> None:
        """The person's typed answer, with a marked machine translation for staff beside it."""
        session = self.controller.session
        value = event.data.get("value")
        node_id = str(event.data.get("node", ""))
        if session is None or not session.flow.has(node_id) or not isinstance(value, str):
            return
        if session.flow.node(node_id).type != "free_text":
            return
        loc = self.controller.services.localizer
        self.answer.setText(loc.ui("Answer (original): {text}", text=value))
        if self.free_text is None:
            return

        def done(result: TranslationResult) -> None:
            if result.ok and result.text and self.answer.text().endswith(value):
                self.answer.setText(machine_note(loc, value, result))

        self.free_text.translate(
            value, session.state.language, self.controller.staff_language(), done
        )

    def _event(self, event: Event) -> None:
        loc = self.controller.services.localizer
        self.last.setText(loc.ui("Last step: {what}", what=event_words(loc, event.kind)))
        if event.kind == "answered":
            self._free_text(event)
        if event.kind == "break_started":
            self.staff_text.setText(loc.ui("On a break"))
            self.person_text.setText("")
        if event.kind == "stopped":
            self.staff_text.setText(loc.ui("The interview has stopped"))
            self.person_text.setText("")
