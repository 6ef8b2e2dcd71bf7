"""Every screen fits: no words cut, nothing overlapping or sticking out, nothing scrolling sideways,
every control a finger wide, at the smallest laptop screen (1280x720) and at 4K (3840x2160).

The tour (tests/layout_tour.py) stops at every kind of screen; the check (tests/layout_check.py)
reads the live widget geometry. By default a representative sweep runs (the largest text in the
four scripts that need the most room, plus one normal-size language); the `slow` sweep takes every
language at every text size. Both run in CI.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import pytest
from PySide6.QtCore import QSize

from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.i18n.languages import supported_languages
from kiosk.ui.app import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from kiosk.ui.theme import TEXT_SIZES
from kiosk.ui.workers import InlineRunner
from tests.layout_check import layout_problems
from tests.layout_tour import tour
from tests.ui_helpers import PASSPHRASE, RecordingSpeech

WINDOWS = (QSize(1280, 720), QSize(3840, 2160))
ALL_LANGUAGES = tuple(language.code for language in supported_languages())

pytestmark = pytest.mark.gui


def sweep(qtbot, plan: Iterable[tuple[str, Iterable[str]]]) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = build_window(services=services, runner=InlineRunner())
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.resize(WINDOWS[0])
    window.show()
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.repeat.setText(PASSPHRASE)
    problems: list[str] = []
    for wanted in WINDOWS:
        window.resize(wanted)
        problems += [
            f"unlock {wanted.width()}: {p}" for p in layout_problems(window, False, wanted)
        ]
    window.unlock.submit.click()
    checks = 0
    for size, languages in plan:
        window.controller.set_setting("text_size", size)
        for language in languages:
            for stop in tour(window, language, PASSPHRASE):
                for wanted in WINDOWS:
                    window.resize(wanted)
                    where = f"{size} {language} {wanted.width()}x{wanted.height()} {stop.name}"
                    found = layout_problems(window, stop.person, wanted)
                    problems += [f"{where}: {problem}" for problem in found]
                    checks += 1
                window.resize(WINDOWS[0])
    window.close()
    return problems, checks


def report(problems: list[str], checks: int, started: float) -> None:
    seconds = time.perf_counter() - started
    print(f"\nlayout check: {checks} screen checks in {seconds:.1f} s")  # noqa: T201
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:80])


def test_representative_screens_fit(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    problems, checks = sweep(qtbot, [("largest", ("km", "my", "ar", "en")), ("normal", ("th",))])
    assert checks > 250
    report(problems, checks, started)


@pytest.mark.slow
def test_every_screen_fits_in_every_language_at_every_text_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    problems, checks = sweep(qtbot, [(size, ALL_LANGUAGES) for size in TEXT_SIZES])
    assert checks > 12 * 3 * 2 * 25
    report(problems, checks, started)
