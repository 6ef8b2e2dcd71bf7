"""Recording studio (staff or interpreter): record a human voice for each fixed text.

For a chosen language it lists the texts the person hears (flow questions, options, help,
rights sections) with their translation and whether a recording exists or is out of date.
Record / Stop capture into memory, Play listens, Save ties the take to the exact text under the
same key the question screen's Read aloud looks up; Delete removes a local recording.
Capture, cleaning and saving run off the GUI thread. Recorded prompts are content, never the
person's voice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import intents as i
from kiosk.core.errors import KioskError
from kiosk.core.i18n.spoken import person_texts
from kiosk.core.speech.player import Player
from kiosk.core.speech.prompts import PromptStore
from kiosk.core.speech.recorder import Recorder, clean_recording
from kiosk.ui.languages import offered
from kiosk.ui.screens.common import buddy, button, text_label, title


class Capture(Protocol):
    """What the studio needs of a recorder (kiosk.core.speech.recorder.Recorder)."""

    def start(self) -> None: ...

    def stop(self) -> bytes: ...


@dataclass
class StudioTools:
    """The studio's devices; a site (or a test) passes its own."""

    recorder: Callable[[], Capture] = Recorder
    prompts: PromptStore = field(default_factory=PromptStore)
    player: Player = field(default_factory=Player)


@dataclass(frozen=True)
class StudioRow:
    key: str  # content key, as the question screen's Read aloud looks it up
    source: str  # English
    text: str  # in the chosen language (what the recording must speak)
    status: str  # translation status of `text`
    recording: str  # recorded | stale | none


def content_rows(controller: Any, lang: str) -> list[tuple[str, str]]:
    """(content key, English source) of every fixed text the person may hear."""
    flows = []
    for path in controller.flow_files():
        try:
            flows.append(controller.load_flow(path))
        except KioskError:
            continue
    return person_texts(flows)


def studio_rows(controller: Any, prompts: PromptStore, lang: str) -> list[StudioRow]:
    loc = controller.services.localizer
    out = []
    for key, source in content_rows(controller, lang):
        shown = loc.content(lang, key, source)
        lookup = prompts.find_prompt(lang, key, shown.text)
        recording = "recorded" if lookup.prompt else ("stale" if lookup.stale else "none")
        out.append(StudioRow(key, source, shown.text, shown.status, recording))
    return out


class StudioScreen(QWidget):
    def __init__(
        self, controller: Any, tools: StudioTools | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.tools = tools or StudioTools()
        loc = controller.services.localizer
        self.language_box = QComboBox()
        for lang in offered():
            self.language_box.addItem(f"{lang.native_name} ({lang.english_name})", lang.code)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [loc.ui("Text to record"), loc.ui("Translation"), loc.ui("Recording")]
        )
        self.table.setAccessibleName(loc.ui("Texts to record"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.record = button(loc.ui("Record"), icon_name="speaker")
        self.stop = button(loc.ui("Stop recording"), icon_name="stop")
        self.play = button(loc.ui("Play"), icon_name="speaker")
        self.save = button(loc.ui("Save"))
        self.delete = button(loc.ui("Delete recording"))
        self.back = button(loc.ui("Back"))
        self.note = text_label(name=loc.ui("Studio note"))
        self.summary = text_label(name=loc.ui("Language summary"))
        top = QHBoxLayout()
        top.addWidget(buddy(loc.ui("&Language"), self.language_box))
        top.addWidget(self.language_box, 1)
        actions = QHBoxLayout()
        for widget in (self.record, self.stop, self.play, self.save, self.delete):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(title(loc.ui("Recording studio")))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(actions)
        layout.setContentsMargins(32, 16, 32, 16)
        self.rows: list[StudioRow] = []
        self.take: bytes | None = None  # the last cleaned recording, not yet saved
        self._capture: Capture | None = None
        self.language_box.currentIndexChanged.connect(self.reload)
        self.table.currentCellChanged.connect(self._selected)
        self.record.clicked.connect(self._record)
        self.stop.clicked.connect(self._stop)
        self.play.clicked.connect(self._play)
        self.save.clicked.connect(self._save)
        self.delete.clicked.connect(self._delete)
        self.back.clicked.connect(lambda: controller.send(i.GoHome()))

    # ------------------------------------------------------------ showing

    @property
    def language(self) -> str:
        return str(self.language_box.currentData() or "en")

    def prepare(self) -> None:
        self.reload()

    def choose(self, lang: str) -> None:
        index = self.language_box.findData(lang)
        if index >= 0:
            self.language_box.setCurrentIndex(index)
        self.reload()

    def reload(self) -> None:
        loc = self.controller.services.localizer
        row_before = self.table.currentRow()
        try:
            self.rows = studio_rows(self.controller, self.tools.prompts, self.language)
        except KioskError as error:
            self.controller.messages.error(error)
            self.rows = []
        words = {
            "recorded": loc.ui("recorded"),
            "stale": loc.ui("out of date: record again"),
            "none": loc.ui("not recorded"),
        }
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            # Draft, machine or missing text is flagged first, where it cannot be cut off.
            mark = f"[{row.status}] " if row.status in ("draft", "machine", "missing") else ""
            for c, value in enumerate((row.source, mark + row.text, words[row.recording])):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.key)
                self.table.setItem(r, c, item)
        recorded = sum(1 for row in self.rows if row.recording == "recorded")
        stale = sum(1 for row in self.rows if row.recording == "stale")
        self.summary.setText(
            loc.ui(
                "{recorded} of {count} texts recorded, {stale} out of date.",
                recorded=recorded,
                count=len(self.rows),
                stale=stale,
            )
        )
        if self.rows:
            self.table.setCurrentCell(max(0, min(row_before, len(self.rows) - 1)), 0)
        self._buttons()

    def select_key(self, key: str) -> bool:
        for r, row in enumerate(self.rows):
            if row.key == key:
                self.table.setCurrentCell(r, 0)
                return True
        return False

    def current(self) -> StudioRow | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def _selected(self, *_args: object) -> None:
        self.take = None
        self._buttons()

    def _buttons(self) -> None:
        row = self.current()
        capturing = self._capture is not None
        self.record.setEnabled(row is not None and not capturing)
        self.stop.setEnabled(capturing)
        self.play.setEnabled(row is not None and not capturing)
        self.save.setEnabled(self.take is not None and not capturing)
        self.delete.setEnabled(row is not None and row.recording != "none" and not capturing)

    def _say(self, text: str) -> None:
        self.note.setText(text)

    # ------------------------------------------------------------ actions

    def _record(self) -> None:
        loc = self.controller.services.localizer
        capture = self.tools.recorder()
        try:
            capture.start()
        except KioskError as error:
            # No microphone or no recording program: say so plainly, nothing else happens.
            self._say(loc.ui("Recording is not possible here: {reason}", reason=error.message))
            return
        self._capture = capture
        self.take = None
        self._say(loc.ui("Recording… read the text, then press Stop recording."))
        self._buttons()

    def _stop(self) -> None:
        capture, self._capture = self._capture, None
        if capture is None:
            return

        def work() -> bytes:
            return clean_recording(capture.stop())

        self.controller.runner.run(work, self._recorded, self._failed)
        self._buttons()

    def _recorded(self, wav: bytes) -> None:
        loc = self.controller.services.localizer
        self.take = wav
        self._say(loc.ui("Recorded. Press Play to listen, then Save to keep it."))
        self._buttons()

    def _failed(self, error: BaseException) -> None:
        loc = self.controller.services.localizer
        reason = error.message if isinstance(error, KioskError) else type(error).__name__
        self._say(loc.ui("That did not work: {reason}", reason=reason))
        self._buttons()

    def _play(self) -> None:
        row = self.current()
        if row is None:
            return
        take, lang, prompts, player = (
            self.take,
            self.language,
            self.tools.prompts,
            self.tools.player,
        )

        def work() -> str:
            audio = take
            if audio is None:
                prompt = prompts.find_prompt(lang, row.key, row.text).prompt
                audio = prompt.read() if prompt else None
            if audio is None:
                return "none"
            player.play(audio)
            return "playing"

        self.controller.runner.run(work, self._played, self._failed)

    def _played(self, outcome: str) -> None:
        loc = self.controller.services.localizer
        if outcome == "none":
            self._say(loc.ui("There is no recording to play yet."))
        else:
            self._say(loc.ui("Playing."))

    def _save(self) -> None:
        row, take = self.current(), self.take
        if row is None or take is None:
            return
        lang, prompts = self.language, self.tools.prompts
        self.controller.runner.run(
            lambda: prompts.save_prompt(lang, row.key, row.text, take), self._saved, self._failed
        )

    def _saved(self, _prompt: object) -> None:
        loc = self.controller.services.localizer
        self.take = None
        row = self.current()
        key = row.key if row else ""
        self.reload()
        self.select_key(key)
        self._say(loc.ui("Saved. Read aloud now plays this recording."))

    def _delete(self) -> None:
        row = self.current()
        if row is None:
            return
        loc = self.controller.services.localizer
        if self.tools.prompts.delete_prompt(self.language, row.key):
            self._say(loc.ui("Recording deleted."))
        else:
            self._say(loc.ui("Only recordings made on this computer can be deleted here."))
        self.reload()
        self.select_key(row.key)

    def stop_all(self) -> None:
        """Leaving the studio: end a capture and silence playback."""
        self.tools.player.stop()
        capture, self._capture = self._capture, None
        if capture is not None:
            try:
                capture.stop()
            except KioskError:
                pass
        self._buttons()
