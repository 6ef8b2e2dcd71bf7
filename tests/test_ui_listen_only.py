"""Listen-only mode (audio self-interview): staff switch it on at setup; then every screen of the
person's is read aloud as it appears, and the read-aloud button becomes "Listen again"."""

from __future__ import annotations

from kiosk.ui.services import Services
from tests.ui_helpers import (
    SLOW_MACHINE_WAIT_MS,
    RecordingSpeech,
    choose_organisation,
    click,
    make_window,
    stored_state,
    unlock,
)


def test_listen_only_reads_each_screen_as_it_appears(qtbot) -> None:  # type: ignore[no-untyped-def]
    speech = RecordingSpeech()
    window = make_window(qtbot, Services(speech=speech))
    loc = window.controller.services.localizer
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    window.setup.choose("th")
    window.setup.tick_all_safety()
    click(qtbot, window.setup.listen_only)
    click(qtbot, window.setup.start)
    assert stored_state().listen_only  # kept with the interview (and on resume)
    click(qtbot, window.handover.accept)
    q = window.question
    assert q.view is not None
    qtbot.waitUntil(lambda: len(speech.spoken) == 1, timeout=SLOW_MACHINE_WAIT_MS)
    first = q.view
    assert speech.spoken[0] == ("th", first.text_key, first.text)  # the words on screen
    replay = q.action_bar.read_aloud
    assert replay.text() == loc.ui("Listen again", language="th")
    # The next screen reads itself too; nothing is read twice without asking.
    click(qtbot, q.submit if q.submit is not None else q.answer_buttons["yes"])
    qtbot.waitUntil(lambda: len(speech.spoken) == 2, timeout=SLOW_MACHINE_WAIT_MS)
    assert q.view.node_id != first.node_id
    assert speech.spoken[1][2] == q.view.text
    qtbot.wait(50)
    assert len(speech.spoken) == 2
    click(qtbot, replay)  # "Listen again"
    qtbot.waitUntil(lambda: len(speech.spoken) == 3, timeout=SLOW_MACHINE_WAIT_MS)
    assert speech.spoken[2] == speech.spoken[1]


def test_without_listen_only_nothing_is_read_unasked(qtbot) -> None:  # type: ignore[no-untyped-def]
    speech = RecordingSpeech()
    window = make_window(qtbot, Services(speech=speech))
    loc = window.controller.services.localizer
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    window.setup.choose("en")
    window.setup.tick_all_safety()
    assert not window.setup.listen_only.isChecked()
    click(qtbot, window.setup.start)
    click(qtbot, window.handover.accept)
    qtbot.wait(100)
    assert speech.spoken == []
    assert window.question.action_bar.read_aloud.text() == loc.ui("Read aloud", language="en")
