"""What a person language offers on this computer, said plainly on the setup screen:
curated text (catalog coverage), a synthetic voice, recorded prompts, machine translation.

The facts come from kiosk.core.first_run.language_overview (catalogs, espeak-ng voices, prompt
manifests, installed models), read off the GUI thread once per visit of the setup screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel

from kiosk.core.first_run import LanguageStatus
from kiosk.core.localizer import Localizer

Overview = Callable[[], list[LanguageStatus]]


def describe(loc: Localizer, row: LanguageStatus) -> str:
    """E.g. "Khmer: text draft, no synthetic voice, 0 recordings — read-aloud is not available;
    ask the interpreter to read."
    """
    if row.problem:
        return loc.ui(
            "{name}: cannot be checked ({problem}).", name=row.english_name, problem=row.problem
        )
    if row.source:
        text = loc.ui("source text")
    elif row.text_entries and row.text_reviewed >= row.text_entries:
        text = loc.ui("text reviewed")
    elif row.text_entries and row.text_translated >= row.text_entries:
        text = loc.ui("text draft (not yet reviewed)")
    elif row.text_translated:
        # Never "partly translated (100%)": 99.6% rounds down (seen on the Arabic setup screen).
        share = min(99, round(row.text_share * 100))
        text = loc.ui("text partly translated ({share}%)", share=share)
    else:
        text = loc.ui("no translated text (English is shown)")
    voice = loc.ui("synthetic voice") if row.voice else loc.ui("no synthetic voice")
    recordings = loc.ui("{count} recordings", count=row.recordings)
    parts = [text, voice, recordings]
    if not row.source:
        has_model = any(direction.startswith("en→") for direction in row.models)
        parts.append(
            loc.ui("machine translation installed")
            if has_model
            else loc.ui("no machine translation")
        )
    summary = loc.ui("{name}: {facts}", name=row.english_name, facts=", ".join(parts))
    if row.voice is None and row.recordings == 0:
        return summary + loc.ui(" — read-aloud is not available; ask the interpreter to read.")
    if row.voice is None:
        return summary + loc.ui(" — only recorded texts can be read aloud.")
    return summary + "."


class LanguageStatusNote:
    """Keeps a label under the person-language box up to date."""

    def __init__(
        self, controller: Any, box: QComboBox, label: QLabel, overview: Overview | None = None
    ) -> None:
        from kiosk.core.first_run import language_overview

        self.controller = controller
        self.box = box
        self.label = label
        self.overview = overview or language_overview
        self.rows: dict[str, LanguageStatus] = {}
        box.currentIndexChanged.connect(self.show)

    def refresh(self) -> None:
        """Read the facts again (models or recordings may have been added), off the GUI thread."""
        loc = self.controller.services.localizer
        self.label.setText(loc.ui("Checking what this language offers…"))
        self.controller.runner.run(self.overview, self._loaded, self.controller.messages.error)

    def _loaded(self, rows: list[LanguageStatus]) -> None:
        self.rows = {row.code: row for row in rows}
        self.show()

    def show(self, *_args: object) -> None:
        row = self.rows.get(str(self.box.currentData()))
        if row is not None:
            self.label.setText(describe(self.controller.services.localizer, row))
