"""Staff screens speak plainly: country names (not codes), local contacts edited as cards (not
JSON) with the checked-source rule explained, the summary on the staff's screen after the
interview, and a confirmation when settings or a later disclosure are saved."""

from __future__ import annotations

import re

from kiosk.app import intents as i
from kiosk.core import paths
from kiosk.core.store import Store
from tests.test_ui_interview import YES, answer_like_a_person
from tests.ui_helpers import (
    PASSPHRASE,
    click,
    commit_text,
    drive,
    make_window,
    start_interview,
    unlock,
)

RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # formal_identification, not_needed, …


def test_settings_name_countries_and_edit_contacts_as_cards(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    window.controller.send(i.OpenSettings())
    settings = window.settings
    names = [settings.country.itemText(i) for i in range(settings.country.count())]
    assert "Any country" in names
    assert not any(re.fullmatch(r"[A-Z]{2}|generic", name) for name in names), names

    editor = settings.contacts
    assert editor.empty.isVisible()
    click(qtbot, editor.add)
    card = editor.cards[0]
    card.kind.setCurrentIndex(card.kind.findData("shelter"))
    assert card.kind.currentText() == "shelter"  # plain words, even for the kind
    commit_text(card.name, "Safe House Ranong")
    commit_text(card.phone, "+66 77 555 0100")
    click(qtbot, settings.save)  # a number with no checked source: not saved
    assert card.problem.isVisible() and "public source" in card.problem.text()
    assert "Not saved" in window.banner.text
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        assert not store.setting("contacts_overrides", {})

    commit_text(card.source, "Provincial social development office list, 2026")
    click(qtbot, settings.save)
    assert not card.problem.isVisible()
    assert window.banner.text == "Settings saved."
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        saved = store.setting("contacts_overrides")
    entry = saved["shelter"][0]
    assert entry["name"] == "Safe House Ranong" and entry["phone"] == "+66 77 555 0100"
    assert entry["source"].startswith("Provincial") and re.fullmatch(
        r"\d{4}-\d\d-\d\d", entry["checked"]
    )

    # Back in settings later, the contact is a card again; removing it and saving clears it.
    window.controller.send(i.GoHome())
    window.controller.send(i.OpenSettings())
    assert len(editor.cards) == 1 and editor.cards[0].name.text() == "Safe House Ranong"
    click(qtbot, editor.cards[0].remove)
    click(qtbot, settings.save)
    with Store.open(paths.store_path(), PASSPHRASE) as store:
        assert store.setting("contacts_overrides") == {}


def test_the_staff_see_the_summary_and_a_confirmed_later_disclosure(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "en")
    policy, _ = answer_like_a_person(qtbot, decline={"recruit_debt"}, yes=YES)
    drive(qtbot, window, policy)
    assert window.page_name == "finished"
    summary = window.finished.summary
    assert summary.isVisible()
    assert "adult path" in summary.path.text()
    assert "prefers not to say: 1" in summary.states.text()  # declined is never "no"
    assert summary.wording.text()  # the never-a-verdict wording
    assert summary.referrals.isVisible() and "formal identification" in summary.referrals.text()
    for label in (summary.states, summary.referrals, summary.indicators):
        assert not RAW_CODE.search(label.text()), label.text()
    # The same summary in review, where staff record referral decisions in plain words.
    click(qtbot, window.finished.review)
    review = window.review
    review.tabs.setCurrentIndex(2)  # indicators and referral
    services = [review.service.itemText(i) for i in range(review.service.count())]
    assert "formal identification" in services and "formal_identification" not in services
    review.service.setCurrentIndex(services.index("formal identification"))
    review.decision.setCurrentIndex(review.decision.findData("made"))
    click(qtbot, review.save_referral)
    decisions = review.indicators.decisions
    assert decisions.isVisible() and "formal identification: made" in decisions.text()

    review.tabs.setCurrentIndex(3)
    commit_text(review.disclosure, "She later said the agent kept her passport.")
    click(qtbot, review.save_disclosure)
    assert "added to the record" in window.banner.text
    assert review.disclosure.toPlainText() == ""
    state = window.controller.session.state
    assert state.disclosures and "passport" in state.disclosures[-1]["text"]
