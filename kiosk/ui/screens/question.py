"""The person's screen: one question (or information text) per screen, big answers, and a
fixed action bar that is always in the same place: Read aloud, I'd rather not say,
I don't know, Back, Take a break, Stop and the language switch.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QIntValidator, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.ui.controller import Controller
from kiosk.ui.icons import icon
from kiosk.ui.languages import language, offered
from kiosk.ui.presenter import QuestionView
from kiosk.ui.screens.common import action_button, answer_button, button, tab_chain, text_label
from kiosk.ui.screens.rights import TakeAwayPanel
from kiosk.ui.theme import set_direction

ICON_FOR = {"yes": "yes", "no": "no"}


def _say(widget: QPushButton | QToolButton, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)


class ActionBar(QWidget):
    """The person's rights, always offered in the same order and place."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.read_aloud = action_button("Read aloud", "Read aloud", "speaker")
        self.decline = action_button("I'd rather not say", "I'd rather not say", "decline")
        self.dont_know = action_button("I don't know", "I don't know", "dont_know")
        self.back = action_button("Back", "Back", "back")
        self.take_break = action_button("Take a break", "Take a break", "break")
        self.stop = action_button("Stop", "Stop", "stop")
        self.language = QToolButton()
        self.language.setObjectName("actionButton")
        self.language.setIcon(icon("language"))
        self.language.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.language.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.language.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.language_menu = QMenu(self.language)
        for lang in offered():
            action = self.language_menu.addAction(lang.native_name)
            action.setData(lang.code)
            action.triggered.connect(
                lambda _checked=False, code=lang.code: controller.send(i.ChangeLanguage(code))
            )
        self.language.setMenu(self.language_menu)

        self._widgets: tuple[QWidget, ...] = (
            self.read_aloud,
            self.decline,
            self.dont_know,
            self.back,
            self.take_break,
            self.stop,
            self.language,
        )
        self._grid = QGridLayout(self)
        self._rows = 0
        self._arrange(1)
        self.read_aloud.clicked.connect(controller.read_aloud)
        self.decline.clicked.connect(lambda: controller.send(i.Decline()))
        self.dont_know.clicked.connect(lambda: controller.send(i.DontKnow()))
        self.back.clicked.connect(lambda: controller.send(i.Back()))
        self.take_break.clicked.connect(lambda: controller.send(i.TakeBreak()))
        self.stop.clicked.connect(lambda: controller.send(i.AskStop()))

    def _arrange(self, rows: int) -> None:
        if rows == self._rows:
            return
        self._rows = rows
        per_row = -(-len(self._widgets) // rows)
        for index, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, index // per_row, index % per_row)

    def fit(self) -> None:
        """Two rows when one would clip the words (large text, long words); same order."""
        margins = self._grid.contentsMargins()
        needed = (
            sum(widget.sizeHint().width() for widget in self._widgets)
            + self._grid.horizontalSpacing() * (len(self._widgets) - 1)
            + margins.left()
            + margins.right()
        )
        self._arrange(1 if needed <= self.width() else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit()

    def update_for(self, view: QuestionView | None, language_code: str) -> None:
        loc = self.controller.services.localizer

        # Each literal is looked up at its call site, so the extractor (keyword `ui`) sees it.
        lang = language_code
        _say(self.read_aloud, loc.ui("Read aloud", language=lang))
        _say(self.decline, loc.ui("I'd rather not say", language=lang))
        _say(self.dont_know, loc.ui("I don't know", language=lang))
        _say(self.back, loc.ui("Back", language=lang))
        _say(self.take_break, loc.ui("Take a break", language=lang))
        _say(self.stop, loc.ui("Stop", language=lang))
        # Arrows point the way the text reads: "back" points right in right-to-left languages.
        rtl = language(language_code).rtl
        self.back.setIcon(icon("next" if rtl else "back"))
        self.language.setText(language(language_code).native_name)
        self.language.setAccessibleName(loc.ui("Language", language=language_code))
        is_question = view is not None and view.kind == "question"
        self.decline.setVisible(is_question)
        self.dont_know.setVisible(bool(view and view.dont_know))
        self.back.setVisible(bool(view and view.can_go_back))
        self.read_aloud.setVisible(view is not None)
        self.fit()


class QuestionScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view: QuestionView | None = None
        self.progress = QLabel()
        self.progress.setObjectName("progressCue")
        self.progress.setAccessibleName("Progress")
        self.text = text_label(name="Question")
        self.text.setObjectName("questionText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # A new screen starts on its words, never on an answer: Return chooses an answer only
        # once the person moved to it (two quick Returns can never answer an unseen question).
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.help_button = button("More help", "More help", "help")
        self.help_text = text_label(name="Help")
        self.help_text.hide()
        self.help_button.clicked.connect(self._toggle_help)
        self.answers = QWidget()
        self.answers.setAccessibleName("Answers")
        self._answer_layout = QVBoxLayout(self.answers)
        self._answer_layout.setContentsMargins(0, 0, 0, 0)
        self.action_bar = ActionBar(controller)
        self.take_away = TakeAwayPanel(controller)  # only on the rights paper / card screens

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.help_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.help_text)
        layout.addSpacing(16)
        layout.addWidget(self.answers)
        layout.addStretch(2)
        layout.addWidget(self.take_away)
        layout.addWidget(self.action_bar)
        layout.setContentsMargins(48, 24, 48, 16)
        # Widgets of the current answer area (kept for tests and keyboard focus).
        self.answer_buttons: dict[str, QPushButton] = {}
        self.entry: QLineEdit | QPlainTextEdit | QDateEdit | None = None
        self.submit: QPushButton | None = None

    # ------------------------------------------------------------ showing a view

    def show_view(self, view: QuestionView) -> None:
        self.view = view
        loc = self.controller.services.localizer
        lang = view.language
        set_direction(self, lang)
        self.progress.setText(view.progress)
        self.text.setText(view.text)
        self.text.setAccessibleName(view.text)
        self.help_button.setVisible(bool(view.help))
        self.help_button.setText(loc.ui("More help", language=lang))
        self.help_button.setAccessibleName(self.help_button.text())
        self.help_text.setText(view.help)
        self.help_text.hide()
        self.action_bar.update_for(view, lang)
        self._build_answers(view)
        self.take_away.show_for(view)

    def show_translated(self, view: QuestionView) -> None:
        """Machine text arrived for this screen: swap the words in place (typed text is kept)."""
        current = self.view
        if current is None or (current.node_id, current.language) != (
            view.node_id,
            view.language,
        ):
            return
        self.view = view
        self.text.setText(view.text)
        self.text.setAccessibleName(view.text)
        self.help_text.setText(view.help)
        for choice in view.choices:
            widget = self.answer_buttons.get(choice.value)
            if widget is not None:
                widget.setText(choice.text)
                widget.setAccessibleName(choice.text)

    def _clear_answers(self) -> None:
        self.answer_buttons = {}
        self.entry = None
        self.submit = None
        while self._answer_layout.count():
            item = self._answer_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _build_answers(self, view: QuestionView) -> None:
        self._clear_answers()
        loc = self.controller.services.localizer
        lang = view.language
        holder = QWidget()
        if view.kind != "question":
            box = QHBoxLayout(holder)
            label = loc.ui("Continue", language=lang)
            self.submit = answer_button(label, label, "next")
            self.submit.clicked.connect(lambda: self.controller.send(i.Continue()))
            box.addWidget(self.submit)
        elif view.type in ("yes_no", "single_choice"):
            grid = QGridLayout(holder)
            group = self._arrow_group(holder)
            columns = 2 if view.type == "yes_no" or len(view.choices) > 4 else 1
            for index, choice in enumerate(view.choices):
                widget = answer_button(choice.text, choice.text, ICON_FOR.get(choice.value))
                widget.clicked.connect(
                    lambda _checked=False, value=choice.value: self.controller.send(i.Answer(value))
                )
                self.answer_buttons[choice.value] = widget
                group.addButton(widget)
                grid.addWidget(widget, index // columns, index % columns)
        elif view.type == "multiple_choice":
            # Not grouped: Tab would then stop only on the first of checkable buttons; Left and
            # Right still move between them.
            grid = QGridLayout(holder)
            columns = 2 if len(view.choices) > 4 else 1
            for index, choice in enumerate(view.choices):
                widget = answer_button(choice.text, choice.text)
                widget.setCheckable(True)
                self.answer_buttons[choice.value] = widget
                grid.addWidget(widget, index // columns, index % columns)
            label = loc.ui("Done", language=lang)
            self.submit = answer_button(label, label, "next")
            self.submit.clicked.connect(self._submit_multiple)
            grid.addWidget(self.submit, grid.rowCount(), 0, 1, columns)
        else:
            self._build_entry(holder, view)
        self._answer_layout.addWidget(holder)
        holder.show()  # at once, not on the next event loop pass (the layout would queue it)
        # The question is the label of the answer field (screen readers say it on entering).
        if self.entry is not None:
            self.text.setBuddy(self.entry)
        self._tab_order()
        if self.isVisible():
            self.focus_first()

    @staticmethod
    def _arrow_group(holder: QWidget) -> QButtonGroup:
        """Arrow keys move between the answers in any direction (Qt does this for a group)."""
        group = QButtonGroup(holder)
        group.setExclusive(False)
        return group

    def _tab_order(self) -> None:
        """Answers are built per question, after the action bar: put them back in reading
        order (help, answers, the paper panel, then the action bar)."""
        t, a = self.take_away, self.action_bar
        tab_chain(
            self.text,
            self.help_button,
            *self.answer_buttons.values(),
            self.entry,
            self.submit,
            *(t.second, t.reference, t.print_paper, t.save_paper, t.read),
            *(t.print_card, t.save_card),
            *(a.read_aloud, a.decline, a.dont_know, a.back, a.take_break, a.stop, a.language),
        )

    def focus_first(self) -> None:
        """A new screen starts on its question text (read first by screen readers), never on
        an answer."""
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget(self) -> None:
        """Nothing of a closed interview stays on this screen."""
        self._clear_answers()
        self.view = None
        for label in (self.progress, self.text, self.help_text):
            label.clear()
        self.text.setAccessibleName("Question")
        self.take_away.hide()

    def _build_entry(self, holder: QWidget, view: QuestionView) -> None:
        loc = self.controller.services.localizer
        lang = view.language
        box = QVBoxLayout(holder)
        entry: QLineEdit | QPlainTextEdit | QDateEdit
        if view.type in ("number", "age"):
            entry = QLineEdit()
            entry.setObjectName("answerButton")
            # The range is the engine's (kiosk.core.interview_rules.number_range); the field only
            # keeps typing inside it. An open end is bounded for the validator alone.
            low = int(view.minimum) if view.minimum is not None else 0
            high = int(view.maximum) if view.maximum is not None else 1_000_000
            entry.setValidator(QIntValidator(low, high, entry))
            entry.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            entry.returnPressed.connect(self._submit_entry)
        elif view.type == "date":
            entry = QDateEdit()
            entry.setDisplayFormat("yyyy-MM-dd")
            entry.setDate(QDate.currentDate())
            entry.setCalendarPopup(True)
        else:
            entry = QPlainTextEdit()
            entry.setTabChangesFocus(True)  # keyboard users can still reach the buttons
        entry.setAccessibleName(loc.ui("Your answer", language=lang))
        label = loc.ui("Save my answer", language=lang)
        self.submit = answer_button(label, label, "next")
        self.submit.clicked.connect(self._submit_entry)
        self.entry = entry
        box.addWidget(entry)
        box.addWidget(self.submit)

    # ------------------------------------------------------------ answering

    def _submit_multiple(self) -> None:
        chosen = [value for value, widget in self.answer_buttons.items() if widget.isChecked()]
        self.controller.send(i.Answer(chosen))

    def entry_value(self) -> object:
        entry, view = self.entry, self.view
        if entry is None or view is None:
            return None
        if isinstance(entry, QDateEdit):
            return entry.date().toString("yyyy-MM-dd")
        if isinstance(entry, QPlainTextEdit):
            return entry.toPlainText()
        text = entry.text().strip()
        return int(text) if text.lstrip("-").isdigit() else None

    def _submit_entry(self) -> None:
        value = self.entry_value()
        loc = self.controller.services.localizer
        lang = self.view.language if self.view else None
        if value is None or (isinstance(value, str) and not value.strip()):
            self.controller.messages.info(
                loc.ui("Please write an answer, or choose another button below.", language=lang)
            )
            return
        self.controller.send(i.Answer(value))

    def _toggle_help(self) -> None:
        self.help_text.setVisible(not self.help_text.isVisible())
