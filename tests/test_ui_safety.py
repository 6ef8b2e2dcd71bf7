"""Quick hide, idle lock, wrong passphrases, the interpreter view and errors that must not kill
the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.app import intents as i
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.ui.app import build_window
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.ui_helpers import (
    KEY_CHECK_WAIT_MS,
    PASSPHRASE,
    SLOW_MACHINE_WAIT_MS,
    RecordingSpeech,
    choose_organisation,
    click,
    make_window,
    past_handover,
    start_interview,
    stop_at_the_handover,
    stored_state,
    unlock,
)


def test_quick_hide_key_blanks_and_needs_passphrase(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "th", interpreter=True)
    past_handover(qtbot, window)
    assert window.interpreter.isVisible()  # opened with the interview (an interpreter is there)

    qtbot.keyClick(window.question, Qt.Key.Key_F12)
    assert window.page_name == "lock"
    assert not window.interpreter.isVisible()  # the second screen is blanked too
    question_text = window.question.view.text
    assert question_text not in window.lock_screen.message.text()
    assert window.windowTitle() == "Lantern"

    window.lock_screen.secret.setText("not the passphrase")
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.lock_screen.feedback.text() != "", timeout=KEY_CHECK_WAIT_MS)
    assert window.page_name == "lock"
    window.lock_screen.secret.setText(PASSPHRASE)
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name == "question", timeout=KEY_CHECK_WAIT_MS)
    assert window.question.view.node_id == "understand_language"
    assert window.interpreter.isVisible()
    # Hiding recorded nothing and lost nothing.
    click(qtbot, window.question.answer_buttons["yes"])
    assert stored_state().answer_value("understand_language") == "yes"


def test_on_screen_hide_button_and_staff_pin(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    window.controller.set_setting(
        "staff_pin", __import__("kiosk.core.staff_pin").core.staff_pin.hash_pin("2468")
    )
    click(qtbot, window.hide_button)
    assert window.page_name == "lock"
    window.lock_screen.secret.setText("2468")
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name == "home", timeout=KEY_CHECK_WAIT_MS)


def test_idle_lock_and_unlock_resumes(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "vi")
    past_handover(qtbot, window)
    window.idle.set_timeout(150)
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.page_name == "lock", timeout=SLOW_MACHINE_WAIT_MS)
    assert "Locked" in window.lock_screen.message.text()
    # Back to a long idle limit before unlocking: with 150 ms the click that unlocks restarts
    # the countdown, and on a loaded machine the kiosk locked again before the check saw it open.
    window.idle.set_timeout(60_000)
    window.lock_screen.secret.setText(PASSPHRASE)
    click(qtbot, window.lock_screen.go)
    qtbot.waitUntil(lambda: window.page_name == "question", timeout=KEY_CHECK_WAIT_MS)
    assert window.question.view.node_id == "understand_language"


def test_wrong_passphrase_is_calm_and_waits_longer(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot)
    unlock(qtbot, window)
    window.close()
    window = make_window(qtbot)
    assert not window.unlock.creating
    for attempt in range(2):
        window.unlock.passphrase.setText(f"wrong {attempt}")
        click(qtbot, window.unlock.submit)
        qtbot.waitUntil(
            lambda n=attempt + 1: window.controller.failures == n, timeout=KEY_CHECK_WAIT_MS
        )
    assert "try again" in window.unlock.feedback.text()
    assert not window.unlock.submit.isEnabled()  # a growing wait after repeated tries
    assert window.page_name == "unlock"


def test_interpreter_view_follows_in_both_languages(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = Services(localizer=CatalogLocalizer(), speech=RecordingSpeech())
    window = make_window(qtbot, services)
    unlock(qtbot, window)
    start_interview(qtbot, window, "vi", interpreter=True)
    past_handover(qtbot, window)
    view = window.interpreter
    assert view.isVisible()
    flow = window.controller.session.flow
    assert view.staff_text.text() == flow.node("understand_language").child_text
    assert view.person_text.text() == window.question.view.text
    person = window.question.view
    if person.status == "missing":  # not translated yet: shown in English and said so
        assert "No reviewed translation" in view.person_mark.text()
    else:
        assert view.person_text.text() != view.staff_text.text()
        if person.status in ("draft", "machine"):
            assert view.person_mark.text()
    assert view.person_lang.text() == "Tiếng Việt"
    click(qtbot, window.question.answer_buttons["yes"])
    # The next screen is an info text; the interpreter sees its note and the last step.
    assert view.node_id == window.question.view.node_id
    assert "Answered" in view.last.text()
    click(qtbot, window.question.action_bar.read_aloud)
    qtbot.waitUntil(lambda: bool(services.speech.spoken), timeout=SLOW_MACHINE_WAIT_MS)  # type: ignore[attr-defined]
    assert services.speech.spoken[-1][0] == "vi"  # type: ignore[attr-defined]


def test_bad_flow_file_is_reported_and_window_lives(qtbot, tmp_path: Path, repo_root: Path) -> None:  # type: ignore[no-untyped-def]
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "broken.yaml").write_text("format: 1\nflow: broken\nnodes: [\n", encoding="utf-8")
    window = build_window(services=Services(speech=RecordingSpeech()), flows_dir=flows)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.addWidget(window.interpreter)
    window.show()
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    assert window.banner.isVisible() and window.banner.level == "error"
    assert "flow" in window.banner.text
    assert not window.setup.start.isEnabled()
    # A store error at the slot boundary is said plainly; the window stays.
    window.controller.send(i.GoHome())
    window.controller.send(i.ResumeInterview("no-such-interview"))
    assert "no interview" in window.banner.text.lower()
    assert window.isVisible()


def test_a_rebuilt_resume_check_shows_only_its_own_boxes(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Resumed twice in a row (no event loop between): the old toggles must not stay painted
    beside the new ones, as deleteLater alone left them."""
    from PySide6.QtWidgets import QCheckBox

    window = make_window(qtbot)
    unlock(qtbot, window)
    start_interview(qtbot, window, "vi")
    c = window.controller
    stopped = stop_at_the_handover(qtbot, window)
    for _ in range(2):
        c.send(i.GoHome())
        c.send(i.ResumeInterview(stopped))
        assert window.page_name == "resume_check"
    screen = window.resume_check
    shown = [box for box in screen.checks.findChildren(QCheckBox) if box.isVisibleTo(screen)]
    assert len(screen.boxes) >= 3
    assert sorted(map(id, shown)) == sorted(map(id, screen.boxes.values()))
