"""Staff dialog for the first run: which languages have text, voice, recordings and translation,
and "Import from folder…" for translation models and recorded prompts on a USB stick.

Self-contained: it takes a `Runner` (kiosk.ui.workers) so that the overview and the import run
off the GUI thread, and the core functions to call (defaults: kiosk.core.first_run), so the
window can pass its own. Its staff-facing strings are marked with `ui_text` (so they are in the
catalogs); `translate` is the caller's localizer for the staff language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.first_run import ImportReport, LanguageStatus, import_from_folder, language_overview
from kiosk.core.localizer import ui_text
from kiosk.ui.workers import Runner

HEADERS = (
    ui_text("Language"),
    ui_text("Text"),
    ui_text("Synthetic voice"),
    ui_text("Recordings"),
    ui_text("Translation models"),
)
TITLE = ui_text("Languages on this computer")
INTRO = ui_text(
    "Each language needs its text; a voice or recordings let the person listen; translation "
    "models let the interpreter view translate free text. You can import models (.argosmodel "
    "files) and recorded prompts from a USB stick."
)
IMPORT = ui_text("&Import from folder…")
CLOSE = ui_text("Close")
CHOOSE = ui_text("Choose the folder to import from")
WORKING = ui_text("Checking and importing… this can take a minute.")
LOADING = ui_text("Looking at the languages…")


def status_cells(row: LanguageStatus) -> tuple[str, str, str, str, str]:
    """The table cells of one language (plain text, also used by screen readers)."""
    if row.problem:
        text = row.problem
    elif row.source:
        text = "source language"
    else:
        text = f"{row.text_share:.0%} translated, {row.text_reviewed} reviewed"
    return (
        f"{row.native_name} ({row.english_name})",
        text,
        row.voice or "none",
        str(row.recordings) if row.recordings else "none",
        ", ".join(row.models) if row.models else ("not needed" if row.source else "none"),
    )


def report_text(report: ImportReport) -> str:
    if not report.items:
        return "Nothing to import in that folder (no .argosmodel files, no recorded prompts)."
    lines = [f"{len(report.imported)} imported, {len(report.refused)} refused."]
    lines += [item.line() for item in report.items]
    return "\n".join(lines)


class FirstRunDialog(QDialog):
    def __init__(
        self,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        overview: Callable[[], list[LanguageStatus]] = language_overview,
        importer: Callable[[Path], ImportReport] = import_from_folder,
        choose_folder: Callable[[QWidget], Path | None] | None = None,
        translate: Callable[[str], str] = str,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._overview = overview
        self._importer = importer
        self._choose = choose_folder or _choose_folder
        self._tr = translate
        self._last_report = ""
        self.setWindowTitle(translate(TITLE))
        self.setModal(True)

        intro = QLabel(translate(INTRO))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([translate(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(translate(TITLE))
        self.table.verticalHeader().hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(translate(IMPORT))
        self.import_button.setAccessibleName(translate(IMPORT).replace("&", ""))
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(
            translate(CLOSE), QDialogButtonBox.ButtonRole.RejectRole
        )

        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.setTabOrder(self.import_button, self.close_button)

        self.import_button.clicked.connect(self.choose_and_import)
        buttons.rejected.connect(self.reject)
        self.resize(900, 520)
        self.refresh()

    @property
    def busy(self) -> bool:
        return not self.import_button.isEnabled()

    def refresh(self) -> None:
        """Reload the overview off the GUI thread."""
        self._set_busy(True, LOADING)
        self._runner.run(self._overview, self._show_overview, self._failed)

    def choose_and_import(self) -> None:
        folder = self._choose(self)
        if folder is None:
            return
        self._set_busy(True, WORKING)
        self._runner.run(lambda: self._importer(folder), self._imported, self._failed)

    def _show_overview(self, rows: Any) -> None:
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(status_cells(row)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._set_busy(False, self._last_report)

    def _imported(self, report: Any) -> None:
        # Keep the report on screen while the table refreshes to show what was added.
        self._last_report = report_text(report)
        self._set_busy(True, self._last_report)
        self._runner.run(self._overview, self._show_overview, self._failed)

    def _failed(self, error: BaseException) -> None:
        # KioskError messages are written for staff; anything else is a bug, named not traced.
        message = getattr(error, "message", None) or f"internal error ({type(error).__name__})"
        self._set_busy(False, message)

    def _set_busy(self, busy: bool, message: str) -> None:
        self.import_button.setEnabled(not busy)
        self.status.setText(self._tr(message) if message in (LOADING, WORKING) else message)


def _choose_folder(parent: QWidget) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, CHOOSE)
    return Path(chosen) if chosen else None
