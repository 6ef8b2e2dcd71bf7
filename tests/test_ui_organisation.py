"""First run: staff choose who runs the kiosk on the home screen; the interview then says only
what is true for that organisation."""

from __future__ import annotations

import pytest

from kiosk.core import organisation, paths
from kiosk.core.store import Store
from tests.ui_helpers import (
    PASSPHRASE,
    choose_organisation,
    click,
    commit_text,
    drive,
    make_window,
    start_interview,
    unlock,
)

pytestmark = pytest.mark.gui


def test_first_run_asks_who_runs_the_kiosk_and_the_interview_follows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    home = window.home
    assert not home.new.isEnabled()  # no interview before the organisation is chosen
    assert home.organisation_needed.isVisible()
    assert home.organisation.currentData() is None
    choose_organisation(window, "police")
    assert home.new.isEnabled() and not home.organisation_needed.isVisible()
    assert "official record" in home.organisation_says.text()
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        assert organisation.current(store) == "police"

    start_interview(qtbot, window)
    seen: list[str] = []

    def until_consent(w, node: str) -> bool:  # type: ignore[no-untyped-def]
        q = w.question
        seen.append(node)
        if node == "consent_talk":
            return False
        if q.view.kind != "question":
            click(qtbot, q.submit)
        elif q.view.type == "yes_no":
            click(qtbot, q.answer_buttons["yes"])
        elif q.view.type == "multiple_choice":
            click(qtbot, q.answer_buttons["nothing"])
            click(qtbot, q.submit)
        elif q.view.type == "single_choice":
            click(qtbot, q.answer_buttons[q.view.choices[-1].value])
        else:
            commit_text(q.entry, "30")
            click(qtbot, q.submit)
        return True

    drive(qtbot, window, until_consent)
    assert "who_police" in seen and "official_record" in seen
    assert "who_ngo" not in seen  # never "We are not the police" when the police ask
