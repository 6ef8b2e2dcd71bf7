"""The person's screen: one question (or information text) per screen, big answers with
pictures, and a fixed action bar that is always in the same place: Read aloud, Back,
Take a break, Stop and the language switch. I don't know and I'd rather not say are answers
in their own right, shown under every question's answers with their own pictures.

Everything is sized to fit the window: `fit_to_window` picks the largest text and pictures with
which the whole screen shows without cutting or scrolling (kiosk.ui.screens.answers); many
pictured answers become a compact list (pictures beside the words, in columns). The button that
goes on (Done, Continue) and the soft answers sit under the answer list, never in it: when even
the compact list cannot fit, only the answers scroll, with a cue that more are below.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent, QTextOption
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.core.line_breaks import breakable
from kiosk.core.numerals import NumberProblem, in_digits, read_whole_number
from kiosk.core.pictograms import DECLINE, DONT_KNOW, NO, YES
from kiosk.ui import theme
from kiosk.ui.controller import Controller
from kiosk.ui.languages import language, offered
from kiosk.ui.presenter import QuestionView
from kiosk.ui.screens.answers import (
    SPACING,
    AnswerGrid,
    AnswersView,
    Fit,
    Needed,
    column_choices,
    levels,
)
from kiosk.ui.screens.common import discard, tab_chain
from kiosk.ui.screens.rights import PersonPaperPanel
from kiosk.ui.theme import set_child_look, set_direction
from kiosk.ui.widgets import PersonText, Picture, StepDots, Tile, text_height

PICTURE_FOR = {"yes": YES, "no": NO}
MAX_COLUMN_EM = 70  # the answer column stops growing here (line length on wide screens)


def _say(widget: Tile, text: str, lang: str) -> None:
    widget.set_words(text, breakable(text, lang))


class ActionBar(QWidget):
    """The person's rights and tools, always offered in the same order and place."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.read_aloud = self._tile("speaker")
        self.back = self._tile("back")
        self.take_break = self._tile("break")
        self.stop = self._tile("stop")
        self.language = self._tile("language")
        self.language_menu = QMenu(self.language)
        for lang in offered():
            action = self.language_menu.addAction(lang.native_name)
            action.setData(lang.code)
            action.triggered.connect(
                lambda _checked=False, code=lang.code: controller.send(i.ChangeLanguage(code))
            )
        self.language.clicked.connect(self._open_languages)
        self._compact = False
        self.tiles: tuple[Tile, ...] = (
            self.read_aloud,
            self.back,
            self.take_break,
            self.stop,
            self.language,
        )
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(SPACING)
        for tile in self.tiles:
            self.row.addWidget(tile, 1)
        self.read_aloud.clicked.connect(controller.read_aloud)
        self.back.clicked.connect(lambda: controller.send(i.Back()))
        self.take_break.clicked.connect(lambda: controller.send(i.TakeBreak()))
        self.stop.clicked.connect(lambda: controller.send(i.AskStop()))

    @staticmethod
    def _tile(icon_name: str) -> Tile:
        tile = Tile(icon_name=icon_name, stacked=True)
        tile.setObjectName("actionButton")
        policy = tile.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the others never move when one is hidden
        tile.setSizePolicy(policy)
        return tile

    def _open_languages(self) -> None:
        # Opens above the bar (it sits at the bottom of the screen) and waits for a choice.
        corner = self.language.rect().topLeft()
        size = self.language_menu.sizeHint()
        self.language_menu.exec(self.language.mapToGlobal(corner) - QPoint(0, size.height()))

    def set_compact(self, compact: bool) -> None:
        """Icons beside the words, a step smaller: a lower bar (one line of words where they
        allow) for short windows and very large text."""
        t = theme.current().type
        points = t.caption if compact else t.body
        self._compact = compact
        for tile in self.tiles:
            tile.set_stacked(not compact)
            tile.setProperty("even", True)  # the bar shares its width by `_weights` alone
            if tile.font().pointSize() != points:
                font = QFont(tile.font())
                font.setPointSize(points)
                tile.setFont(font)
        self._share_width()

    def _weights(self) -> list[int]:
        """Equal tiles; in the lower bar each as wide as its words on one line would like, so
        a long "Read aloud" takes room from a short "Stop" instead of wrapping."""
        if not self._compact:
            return [1] * len(self.tiles)
        return [max(1, tile.one_line_width()) for tile in self.tiles]

    def _share_width(self) -> None:
        for index, weight in enumerate(self._weights()):
            if self.row.stretch(index) != weight:
                self.row.setStretch(index, weight)

    def _listen_only(self) -> bool:
        session = self.controller.session
        return session is not None and session.state.listen_only

    def needed(self, width: int) -> int:
        """The bar's height at `width` (each tile's share as the row gives it)."""
        weights = self._weights()
        room = width - SPACING * (len(self.tiles) - 1)
        return max(
            tile.heightForWidth(room * weight // sum(weights))
            for tile, weight in zip(self.tiles, weights, strict=True)
        )

    def update_for(self, view: QuestionView | None, language_code: str) -> None:
        loc = self.controller.services.localizer
        lang = language_code
        # Each literal is looked up at its call site, so the extractor (keyword `ui`) sees it.
        if self._listen_only():  # the screen reads itself: this button plays it again
            _say(self.read_aloud, loc.ui("Listen again", language=lang), lang)
            self.read_aloud.set_icon_name("replay")
        else:
            _say(self.read_aloud, loc.ui("Read aloud", language=lang), lang)
            self.read_aloud.set_icon_name("speaker")
        _say(self.back, loc.ui("Back", language=lang), lang)
        _say(self.take_break, loc.ui("Take a break", language=lang), lang)
        _say(self.stop, loc.ui("Stop", language=lang), lang)
        native = language(language_code).native_name
        self.language.set_words(native)
        self.language.setAccessibleName(loc.ui("Language", language=lang))
        # Arrows point the way the text reads: "back" points right in right-to-left languages.
        self.back.set_icon_name("next" if language(language_code).rtl else "back")
        self.back.setVisible(bool(view and view.can_go_back))
        self.read_aloud.setVisible(view is not None)
        self._share_width()


class QuestionScreen(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view: QuestionView | None = None
        self.fit: Fit | None = None
        self.progress = QLabel()  # its words are its name: in the person's language
        self.progress.setObjectName("progressCue")
        self.progress.setWordWrap(True)
        self.dots = StepDots()
        self.companion = Picture()  # the child path's friendly lantern, beside the question
        self.companion.hide()
        self.text = PersonText()
        self.text.setObjectName("personQuestion")
        # A new screen starts on its words, never on an answer: Return chooses an answer only
        # once the person moved to it (two quick Returns can never answer an unseen question).
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.help_button = Tile(icon_name="help")
        self.help_button.setObjectName("actionButton")
        self.help_button.setSizePolicy(
            self.help_button.sizePolicy().horizontalPolicy().Maximum,
            self.help_button.sizePolicy().verticalPolicy(),
        )
        self.help_text = PersonText()
        self.help_text.hide()
        self.help_button.clicked.connect(self._toggle_help)
        self.dont_know = Tile(picture=DONT_KNOW)
        self.dont_know.setObjectName("answerTile")
        self.decline = Tile(picture=DECLINE)
        self.decline.setObjectName("answerTile")
        self.answers = AnswerGrid([self.dont_know, self.decline])
        # Only when nothing else fits (many answers, the largest text, a small screen) does the
        # answer list scroll, up and down, with a wide visible bar; never sideways.
        self.answers_view = AnswersView(self.answers)
        self.dont_know.clicked.connect(lambda: controller.send(i.DontKnow()))
        self.decline.clicked.connect(lambda: controller.send(i.Decline()))
        self.problem = PersonText()
        self.problem.setObjectName("inputProblem")
        self.problem.hide()
        self.action_bar = ActionBar(controller)
        self.take_away = PersonPaperPanel(controller)  # only on the rights paper / card screens

        top = QHBoxLayout()
        top.addWidget(self.progress, 1)
        top.addWidget(self.dots)
        question_row = QHBoxLayout()
        question_row.setSpacing(16)
        question_row.addWidget(self.companion, 0, Qt.AlignmentFlag.AlignTop)
        question_row.addWidget(self.text, 1)
        help_row = QHBoxLayout()
        help_row.addWidget(self.help_button)
        help_row.addStretch(1)
        self.column = QWidget()  # the reading column (kept to a readable width)
        body = QVBoxLayout(self.column)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(SPACING)
        body.addLayout(question_row)
        body.addLayout(help_row)
        body.addWidget(self.help_text)
        body.addSpacing(8)
        body.addWidget(self.answers_view)
        body.addWidget(self.answers.bottom)  # Done and the soft answers: never scrolled away
        body.addWidget(self.problem)
        body.addWidget(self.take_away)
        # The column takes the whole width up to its maximum, then sits in the middle (side
        # stretches of 0: with 1 they would take their share even from a column the fit had
        # measured at the whole width).
        centre = QHBoxLayout()
        centre.addStretch(0)
        centre.addWidget(self.column, 100)
        centre.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(2)
        layout.addWidget(self.action_bar)
        layout.setContentsMargins(32, 16, 32, 16)
        # Widgets of the current answer area (kept for tests and keyboard focus).
        self.answer_buttons: dict[str, Tile] = {}
        self.entry: QLineEdit | QPlainTextEdit | QDateEdit | None = None
        self.submit: Tile | None = None
        self._group: QButtonGroup | None = None
        self._read_for: tuple[str, str] | None = None  # the screen read on arrival
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self.fit_to_window)

    # ------------------------------------------------------------ showing a view

    def show_view(self, view: QuestionView) -> None:
        self.view = view
        loc = self.controller.services.localizer
        lang = view.language
        set_direction(self, lang)
        set_child_look(self, view.child)
        self.progress.setText(view.progress)
        self.dots.set_steps(view.section_index, view.section_count, view.progress)
        self.text.set_words(view.text, breakable(view.text, lang))
        self.text.setAccessibleName(view.text)
        self._show_companion(view.child)
        self.help_button.setVisible(bool(view.help))
        _say(self.help_button, loc.ui("More help", language=lang), lang)
        self.help_text.set_words(view.help, breakable(view.help, lang))
        self.help_text.hide()
        self.problem.hide()
        _say(self.dont_know, loc.ui("I don't know", language=lang), lang)
        _say(self.decline, loc.ui("I'd rather not say", language=lang), lang)
        more = loc.ui("More answers below", language=lang)
        self.answers_view.set_cue_words(more, breakable(more, lang))
        self.answers_view.verticalScrollBar().setValue(0)  # a new question starts at its top
        self.action_bar.update_for(view, lang)
        self._build_answers(view)
        self.take_away.show_for(view)
        self.fit_to_window()
        self._lay_out_now()
        self._read_on_arrival(view)

    def _read_on_arrival(self, view: QuestionView) -> None:
        """Listen-only (staff chose it at setup): each screen is read aloud as it appears, once,
        so the interview works without reading (again in a newly chosen language)."""
        session = self.controller.session
        if session is None or not session.state.listen_only:
            self._read_for = None
            return
        shown = (view.node_id, view.language)
        if shown == self._read_for:
            return
        self._read_for = shown
        # After this paint: the person sees the screen as its words begin.
        QTimer.singleShot(0, self.controller.read_aloud)

    def _lay_out_now(self) -> None:
        """Place the new answers at once (not on the next pass of the event loop), so what is
        read from the screen right after an answer is the next question's geometry."""
        for layout in (self.answers.layout(), self.column.layout(), self.layout()):
            if layout is not None:
                layout.activate()

    def show_translated(self, view: QuestionView) -> None:
        """Machine text arrived for this screen: swap the words in place (typed text is kept)."""
        current = self.view
        if current is None or (current.node_id, current.language) != (
            view.node_id,
            view.language,
        ):
            return
        self.view = view
        lang = view.language
        self.text.set_words(view.text, breakable(view.text, lang))
        self.text.setAccessibleName(view.text)
        self.help_text.set_words(view.help, breakable(view.help, lang))
        for choice in view.choices:
            widget = self.answer_buttons.get(choice.value)
            if widget is not None:
                _say(widget, choice.text, lang)
        self.fit_to_window()

    def _show_companion(self, child: bool) -> None:
        self.companion.setVisible(child)
        if child:
            from kiosk.ui import art

            side = round(theme.current().picture * 1.1)
            self.companion.show_art(art.pictogram_path("companion"), side)
            self.companion.setFixedWidth(side)

    def _clear_answers(self) -> None:
        discard(*self.answer_buttons.values(), self.entry, self.submit)
        if self._group is not None:  # a QButtonGroup: not a widget, nothing to hide
            self._group.deleteLater()
        self.answer_buttons = {}
        self.entry = None
        self.submit = None
        self._group = None

    def _build_answers(self, view: QuestionView) -> None:
        self._clear_answers()
        loc = self.controller.services.localizer
        lang = view.language
        is_question = view.kind == "question"
        self.dont_know.setVisible(is_question and view.dont_know)
        self.decline.setVisible(is_question)
        tiles: list[Tile] = []
        finish: Tile | None = None
        entry: QWidget | None = None
        if not is_question:
            finish = self._finish(loc.ui("Continue", language=lang), lang)
            finish.clicked.connect(lambda: self.controller.send(i.Continue()))
        elif view.type in ("yes_no", "single_choice", "multiple_choice"):
            multiple = view.type == "multiple_choice"
            if not multiple:
                # Arrow keys move between the answers in any direction (Qt does this for a
                # group). Not for many-choice: Tab would then stop only on the first of the
                # checkable tiles (Left and Right still move between them).
                self._group = QButtonGroup(self)
                self._group.setExclusive(False)
            for choice in view.choices:
                picture = PICTURE_FOR.get(choice.value) if view.type == "yes_no" else None
                tile = Tile(picture=picture or choice.picture)
                tile.setObjectName("answerTile")
                _say(tile, choice.text, lang)
                if multiple:
                    tile.setCheckable(True)
                    tile.toggled.connect(lambda on, value=choice.value: self._toggled(value, on))
                else:
                    tile.clicked.connect(
                        lambda _checked=False, value=choice.value: self.controller.send(
                            i.Answer(value)
                        )
                    )
                self.answer_buttons[choice.value] = tile
                if self._group is not None:
                    self._group.addButton(tile)
                tiles.append(tile)
            if multiple:
                finish = self._finish(loc.ui("Done", language=lang), lang)
                finish.clicked.connect(self._submit_multiple)
        else:
            entry = self._build_entry(view)
            finish = self._finish(loc.ui("Save my answer", language=lang), lang)
            finish.clicked.connect(self._submit_entry)
        self.submit = finish
        self._show_earlier(view)
        self.answers.set_content(tiles, entry, finish)
        # The question is the label of the answer field (screen readers say it on entering).
        if self.entry is not None:
            self.text.setBuddy(self.entry)
        self._tab_order()
        if self.isVisible():
            self.focus_first()

    def _finish(self, label: str, lang: str) -> Tile:
        tile = Tile(icon_name="back" if language(lang).rtl else "next")
        tile.setObjectName("answerTile")
        tile.setProperty("centred", True)
        tile.setProperty("primary", True)
        _say(tile, label, lang)
        return tile

    def _show_earlier(self, view: QuestionView) -> None:
        """After Back, the answer given before is shown chosen (or typed) again."""
        earlier = view.earlier_value
        if view.earlier_state != "answered" or earlier is None:
            return
        chosen = earlier if isinstance(earlier, list) else [earlier]
        for value in chosen:
            tile = self.answer_buttons.get(str(value))
            if tile is None:
                continue
            if tile.isCheckable():
                tile.setChecked(True)  # many-choice: chosen again, still changeable
            else:
                tile.set_marked(True)
        entry = self.entry
        if isinstance(entry, QLineEdit):
            entry.setText(
                in_digits(int(earlier), view.language) if isinstance(earlier, int) else str(earlier)
            )
        elif isinstance(entry, QPlainTextEdit) and isinstance(earlier, str):
            entry.setPlainText(earlier)
        elif isinstance(entry, QDateEdit) and isinstance(earlier, str):
            entry.setDate(QDate.fromString(earlier, "yyyy-MM-dd"))

    def _tab_order(self) -> None:
        """Answers are built per question, after the action bar: put them back in reading
        order (help, answers, soft answers, finish, the paper panel, then the action bar)."""
        t, a = self.take_away, self.action_bar
        tab_chain(
            self.text,
            self.help_button,
            *self.answer_buttons.values(),
            self.entry,
            self.submit,
            self.dont_know,
            self.decline,
            *t.tiles(),
            *a.tiles,
        )

    def focus_first(self) -> None:
        """A new screen starts on its question text (read first by screen readers), never on
        an answer."""
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget(self) -> None:
        """Nothing of a closed interview stays on this screen."""
        self._clear_answers()
        self.view = None
        self._read_for = None
        for label in (self.progress, self.text, self.help_text, self.problem):
            label.clear()
        self.text.setAccessibleName("")
        self.take_away.hide()

    def _build_entry(self, view: QuestionView) -> QWidget:
        loc = self.controller.services.localizer
        lang = view.language
        entry: QLineEdit | QPlainTextEdit | QDateEdit
        if view.type in ("number", "age"):
            entry = QLineEdit()
            # No validator: any script's digits are welcome, and what cannot be read is
            # explained in words (kiosk.core.numerals), never silently refused.
            entry.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            entry.setMaxLength(12)
            entry.returnPressed.connect(self._submit_entry)
            entry.textEdited.connect(lambda _text: self.problem.hide())
        elif view.type == "date":
            entry = QDateEdit()
            entry.setDisplayFormat("yyyy-MM-dd")
            entry.setDate(QDate.currentDate())
            entry.setCalendarPopup(True)
        else:
            entry = QPlainTextEdit()
            entry.setTabChangesFocus(True)  # keyboard users can still reach the buttons
            entry.setMinimumHeight(QFont(entry.font()).pointSize() * 6)
            if language(lang).rtl:
                option = QTextOption(entry.document().defaultTextOption())
                option.setTextDirection(Qt.LayoutDirection.RightToLeft)
                option.setAlignment(Qt.AlignmentFlag.AlignRight)
                entry.document().setDefaultTextOption(option)
        entry.setObjectName("answerEntry")
        entry.setAccessibleName(loc.ui("Your answer", language=lang))
        entry.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if language(lang).rtl else Qt.LayoutDirection.LeftToRight
        )
        self.entry = entry
        return entry

    # ------------------------------------------------------------ fitting the window

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit_to_window()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.fit_to_window()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._refit.start(0)  # the theme changed: sizes are measured again

    def fit_to_window(self) -> None:
        """Choose text sizes, pictures and columns so the whole screen shows without cuts."""
        view = self.view
        if view is None:
            return
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        width = self.width() - margins.left() - margins.right()
        em = max(8, self.fontMetrics().averageCharWidth())
        reading = min(width, MAX_COLUMN_EM * em)
        # Many pictured answers may spread wider than a line of reading when they would not
        # fit in the reading column: bigger pictures, no scrolling to reach the last ones.
        widths = [reading]
        if reading < width and len(self.answers.tiles) > 4 and self._pictured():
            widths.append(width)
        best: tuple[Fit, int, int, int] | None = None
        for column in widths:
            self.column.setMaximumWidth(column)
            found = self._fit_in(view, width, column)
            if found is not None and found[1] <= 0:
                self._apply(found[0], self._question_font(found[0]), found[2], scrolls=False)
                return
            if found is not None and (best is None or found[1] < best[1]):
                best = (*found, column)
        if best is not None:  # nothing fits in full: the arrangement that misses least, scrolling
            self.column.setMaximumWidth(best[3])
            self._apply(best[0], self._question_font(best[0]), best[2], scrolls=True)

    def _pictured(self) -> bool:
        return any(tile.picture for tile in self.answers.tiles)

    def _question_font(self, fit: Fit) -> QFont:
        font = QFont(self.text.font())
        font.setPointSize(fit.level.question_pt)
        return font

    def _fit_in(self, view: QuestionView, width: int, column: int) -> tuple[Fit, int, int] | None:
        """The first arrangement that fits in `column` px (with how much it misses: 0 or less,
        and the height the answer list gets), else the one that misses least (the list then
        scrolls in the room left); None when no column count can hold the longest words."""
        pictured = self._pictured()
        pictures = pictured or any(not tile.isHidden() for tile in self.answers.soft)
        font = QFont(self.text.font())
        words = breakable(view.text, view.language)
        best: tuple[Fit, int, int] | None = None
        for level in levels(pictures):
            self.action_bar.set_compact(level.compact_bar)
            room = self._room_for_question_and_answers(width, column)
            font.setPointSize(level.question_pt)
            beside = view.child and level.companion
            side = self.companion.side() if beside else 0
            question_h = max(text_height(font, words, column - (side + 16 if side else 0)), side)
            self.answers.apply_fonts(level.answer_pt, level.picture, level.beside, view.child)
            yes_no = view.type == "yes_no"
            for count in column_choices(
                len(self.answers.tiles), pictured, yes_no, level.beside and pictured
            ):
                needed = self.answers.needed(column, count)
                if needed is None:
                    continue
                fit = Fit(level, count)
                miss = question_h + needed.total - room
                if miss <= 0:
                    return fit, miss, needed.grid
                if best is None or miss < best[1]:
                    best = (fit, miss, self._scrolling_room(room - question_h, needed))
        return best

    @staticmethod
    def _scrolling_room(room: int, needed: Needed) -> int:
        """The answer list's height when it must scroll: what the row under it leaves."""
        return room - needed.bottom - (SPACING if needed.bottom else 0)

    def _room_for_question_and_answers(self, width: int, column: int) -> int:
        """Height left for the question text and the answer grid once everything else that
        shows has its height (the same sums the layouts make, spacing included)."""
        margins = self.layout().contentsMargins()  # type: ignore[union-attr]
        top = max(
            self.progress.heightForWidth(max(1, width - self.dots.sizeHint().width() - SPACING)),
            self.dots.sizeHint().height() if not self.dots.isHidden() else 0,
        )
        # Outer layout: top row, stretch, centre, stretch, action bar. Qt puts no gap beside a
        # spacer (a stretch or addSpacing): two gaps, not four.
        used = margins.top() + margins.bottom() + top + 2 * SPACING
        used += self.action_bar.needed(width)
        # The reading column: question, [help row], [help text], 8 px, answers, [problem], [paper].
        used += SPACING + 8  # one gap and the 8 px spacer before the answers
        if not self.help_button.isHidden():
            used += self.help_button.heightForWidth(self.help_button.sizeHint().width()) + SPACING
        for extra in (self.help_text, self.problem):
            if not extra.isHidden():
                used += extra.heightForWidth(column) + SPACING
        if not self.take_away.isHidden():
            self.take_away.setMaximumWidth(column)
            layout = self.take_away.layout()
            needed = (
                layout.totalHeightForWidth(column)
                if layout is not None and layout.hasHeightForWidth()
                else self.take_away.sizeHint().height()
            )
            used += needed + SPACING
        return self.height() - used

    def _apply(self, fit: Fit, font: QFont, grid_height: int, scrolls: bool) -> None:
        view = self.view
        level = fit.level
        self.fit = fit
        if self.text.font().pointSize() != level.question_pt:
            self.text.setFont(font)
        child = bool(view and view.child)
        self.companion.setVisible(child and level.companion)
        self.action_bar.set_compact(level.compact_bar)
        self.answers.apply_fonts(level.answer_pt, level.picture, level.beside, child)
        if self.answers.columns != fit.columns:
            self.answers.arrange(fit.columns)
        self.answers_view.setVisible(self.answers.has_answers())
        self.answers.bottom.setVisible(bool(self.answers.bottom_row()))
        self.answers_view.set_wanted_height(max(theme.TOUCH, grid_height))
        # The bar (and the cue) only when the list scrolls: a bar that came and went by itself
        # would narrow the answers, make them taller and so make them scroll.
        self.answers_view.set_scrolls(scrolls)
        # Sizes changed while a layout pass may be running (resizeEvent): ask for another pass,
        # or the grid keeps the row heights it measured before.
        self.answers.relayout()
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))

    # ------------------------------------------------------------ answering

    def _toggled(self, value: str, on: bool) -> None:
        """'None of these' clears the others, and choosing another clears it."""
        view = self.view
        if view is None or not on:
            return
        exclusive = {choice.value for choice in view.choices if choice.exclusive}
        for other, tile in self.answer_buttons.items():
            if other == value or not tile.isChecked():
                continue
            if value in exclusive or other in exclusive:
                tile.setChecked(False)

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
        reading = read_whole_number(entry.text(), *self._range(view))
        return reading.value if reading.ok else None

    @staticmethod
    def _range(view: QuestionView) -> tuple[int, int]:
        low = int(view.minimum) if view.minimum is not None else 0
        high = (
            int(view.maximum)
            if view.maximum is not None
            else (120 if view.type == "age" else 1_000_000)
        )
        return low, high

    def _submit_entry(self) -> None:
        view = self.view
        entry = self.entry
        if view is None or entry is None:
            return
        if isinstance(entry, QLineEdit):
            low, high = self._range(view)
            reading = read_whole_number(entry.text(), low, high)
            if not reading.ok:
                self._explain(reading.problem, low, high)
                return
            self.controller.send(i.Answer(reading.value))
            return
        value = self.entry_value()
        if value is None or (isinstance(value, str) and not value.strip()):
            self._explain(NumberProblem.EMPTY, 0, 0)
            return
        self.controller.send(i.Answer(value))

    def _explain(self, problem: NumberProblem | None, low: int, high: int) -> None:
        """Why the answer was not taken, in the person's language, under the field."""
        view = self.view
        if view is None:
            return
        loc = self.controller.services.localizer
        lang = view.language
        if problem == NumberProblem.NOT_DIGITS:
            text = loc.ui(
                "Please write the number with digits only, for example {example}.",
                language=lang,
                example=in_digits(25, lang),
            )
        elif problem in (NumberProblem.TOO_SMALL, NumberProblem.TOO_LARGE):
            text = loc.ui(
                "Please write a number from {low} to {high}.",
                language=lang,
                low=in_digits(low, lang),
                high=in_digits(high, lang),
            )
        else:
            text = loc.ui("Please write an answer, or choose another button below.", language=lang)
        self.problem.set_words(text, breakable(text, lang))
        self.problem.setAccessibleName(text)
        self.problem.show()
        self.fit_to_window()
        if self.entry is not None:
            self.entry.setFocus()

    def _toggle_help(self) -> None:
        self.help_text.setVisible(not self.help_text.isVisible())
        self.fit_to_window()
