"""No residue between interviews: after person A's interview is closed and person B's begins,
nothing of A's is left in any widget of any window, in any text input's undo history, in the
translator's cache or in a pending translation.

Interview A types distinctive text in Latin, Khmer and Arabic script; it is machine-translated
for staff (a tiny real model), staff add a later disclosure in review; then staff go home and
start interview B in another language and stop at B's handover, where the audit saw A's answer.
"""

from __future__ import annotations

import pytest

from kiosk.app import intents as i
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.translation import models
from kiosk.ui.services import CoreTranslation, Services
from tests.fixtures.tiny_argos import TinyFactory
from tests.outside.widgets import traces
from tests.test_ui_interview import answer_like_a_person
from tests.ui_helpers import (
    RecordingSpeech,
    click,
    commit_text,
    drive,
    make_window,
    start_interview,
    unlock,
)

LATIN = "Zebracorn-Lighthouse-4417"
KHMER = "ផ្ទះលេខ៩៩ភ្នំពេញ"
ARABIC = "بيت رقم تسعة وتسعين"
DISCLOSURE = "Quillfeather Marchbanks kept the passports"
REFERRAL_NOTE = "Obsidian-Harbour"
SECRETS = [LATIN, KHMER, ARABIC, "Quillfeather", "Marchbanks", REFERRAL_NOTE]


@pytest.fixture
def translation(tiny_argos_factory: TinyFactory):  # type: ignore[no-untyped-def]
    models.install_model(tiny_argos_factory("km", "en"))  # upper-cases: A's words, for staff
    hook = CoreTranslation()
    yield hook
    hook.shutdown()


def test_nothing_of_interview_a_is_left_when_interview_b_starts(  # type: ignore[no-untyped-def]
    qtbot, translation
) -> None:
    services = Services(
        localizer=CatalogLocalizer(), speech=RecordingSpeech(), translation=translation
    )
    window = make_window(qtbot, services)
    unlock(qtbot, window)

    # Interview A, in Khmer, with the interpreter view open.
    start_interview(qtbot, window, "km", interpreter=True)
    policy, _ = answer_like_a_person(qtbot, free_text=f"{LATIN} {KHMER} {ARABIC}")
    drive(qtbot, window, policy)
    assert window.page_name == "finished"
    interpreter = window.interpreter
    qtbot.waitUntil(lambda: LATIN.upper() in interpreter.answer.text(), timeout=15_000)
    window.controller.send(i.OpenReview())
    review = window.review
    review.tabs.setCurrentIndex(3)  # "Add or correct"
    commit_text(review.disclosure, DISCLOSURE)
    click(qtbot, review.save_disclosure)
    review.tabs.setCurrentIndex(2)  # "Indicators and referral": a note typed by staff
    review.service.setCurrentText("legal")
    commit_text(review.referral_note, f"{REFERRAL_NOTE} {LATIN}")
    click(qtbot, review.save_referral)
    assert traces(SECRETS), "the walk must see A's words while A is open"

    # A is closed; B starts in another language and waits at the handover.
    window.controller.send(i.GoHome())
    start_interview(qtbot, window, "th")
    assert window.page_name == "handover"
    qtbot.wait(200)  # let any late translation arrive

    assert traces(SECRETS) == []
    hook = window.controller.services.translation
    assert hook is translation and translation._translator is not None
    assert translation._translator.cache_size() == 0
    assert window.free_text is not None and window.free_text._callbacks == {}
