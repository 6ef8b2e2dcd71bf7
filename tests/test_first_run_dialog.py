"""The first-run dialog: language table, import from a folder off the GUI thread, errors shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.core.first_run import ImportItem, ImportReport, LanguageStatus
from kiosk.ui.first_run_dialog import FirstRunDialog
from kiosk.ui.workers import InlineRunner, ThreadRunner
from tests.ui_helpers import SLOW_MACHINE_WAIT_MS

pytestmark = pytest.mark.gui


def status(code: str, **changes: object) -> LanguageStatus:
    values: dict[str, object] = {
        "code": code,
        "english_name": code.upper(),
        "native_name": code,
        "text_entries": 10,
        "text_translated": 5,
        "text_reviewed": 2,
        "voice": None,
        "recordings": 0,
        "models": (),
    }
    values.update(changes)
    return LanguageStatus(**values)  # type: ignore[arg-type]


def cells(dialog: FirstRunDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_overview_is_shown(qtbot) -> None:
    rows = [
        status("en", text_entries=0, voice="English"),
        status("km", recordings=3, models=("en→km",)),
    ]
    dialog = FirstRunDialog(InlineRunner(), overview=lambda: rows)
    qtbot.addWidget(dialog)

    assert cells(dialog) == [
        ["en (EN)", "source language", "English", "none", "not needed"],
        ["km (KM)", "50% translated, 2 reviewed", "none", "3", "en→km"],
    ]
    assert not dialog.busy


def test_import_runs_off_the_gui_thread_and_refreshes(qtbot, tmp_path: Path) -> None:
    import threading

    seen: dict[str, object] = {}
    imported = {"done": False}

    def importer(folder: Path) -> ImportReport:
        seen["thread"] = threading.current_thread()
        seen["folder"] = folder
        imported["done"] = True
        report = ImportReport(folder)
        report.items.append(ImportItem("m.argosmodel", "model", True, "translation EN → KM"))
        report.items.append(ImportItem("bad.argosmodel", "model", False, "damaged"))
        return report

    def overview() -> list[LanguageStatus]:
        return [status("km", models=("en→km",) if imported["done"] else ())]

    runner = ThreadRunner()
    dialog = FirstRunDialog(
        runner, overview=overview, importer=importer, choose_folder=lambda _parent: tmp_path
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)

    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: not dialog.busy and cells(dialog)[0][4] == "en→km", timeout=SLOW_MACHINE_WAIT_MS
    )

    assert seen["folder"] == tmp_path
    assert seen["thread"] is not threading.main_thread()
    text = dialog.status.text()
    assert "1 imported, 1 refused." in text and "bad.argosmodel: refused: damaged" in text
    runner.wait()


def test_cancelled_folder_choice_does_nothing(qtbot) -> None:
    calls: list[Path] = []
    dialog = FirstRunDialog(
        InlineRunner(),
        overview=lambda: [],
        importer=lambda folder: calls.append(folder) or ImportReport(folder),
        choose_folder=lambda _parent: None,
    )
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert calls == [] and not dialog.busy


def test_import_error_is_one_readable_line(qtbot, tmp_path: Path) -> None:
    def importer(folder: Path) -> ImportReport:
        raise KioskError(f"{folder} is not a folder that can be read.")

    dialog = FirstRunDialog(
        InlineRunner(), overview=lambda: [], importer=importer, choose_folder=lambda _p: tmp_path
    )
    qtbot.addWidget(dialog)
    dialog.import_button.click()

    assert dialog.status.text() == f"{tmp_path} is not a folder that can be read."
    assert not dialog.busy


def test_real_core_functions_on_a_fresh_data_folder(qtbot) -> None:
    dialog = FirstRunDialog(InlineRunner())
    qtbot.addWidget(dialog)
    rows = cells(dialog)
    assert len(rows) == 12 and rows[0][1] == "source language"
