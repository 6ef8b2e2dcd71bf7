"""Walk the real window through the person's screens in Arabic (a complete draft catalog) and
look for English UI text left on screen: each one is either a missed lookup (Arabic has a
translation the screen did not ask for) or a literal the extractor never saw.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.core import paths
from kiosk.core.i18n.catalogs import CatalogLocalizer, load_catalog
from kiosk.core.i18n.extract import UI_CONTEXT, read_catalog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.services import Services
from tests.ui_helpers import (
    RecordingSpeech,
    choose_organisation,
    click,
    commit_text,
    make_window,
    pass_staff_gate,
    unlock,
)

LATIN = re.compile(r"[A-Za-z]{2,}")
PERSON_PAGES = (
    "handover",
    "question",
    "break_offer",
    "break",
    "stop_confirm",
    "stopped",
    "safety_hold",
)


def _template_ui() -> set[str]:
    template = read_catalog(paths.translations_dir() / "lantern.pot")
    return {m.id for m in template if m.id and (m.context or "") == UI_CONTEXT}


def _visible_texts(page: QWidget) -> list[str]:
    texts = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text().strip():
            texts.append(widget.text().replace("&", ""))
    return texts


def _english_problems(window: MainWindow, template: set[str], arabic: dict) -> list[str]:  # type: ignore[type-arg]
    problems = []
    for text in _visible_texts(window.stack.currentWidget()):
        if not LATIN.search(text):
            continue
        where = f"{window.page_name}: {text!r}"
        if text not in template:
            problems.append(f"{where} is not in translations/lantern.pot (missed by extraction)")
        elif (UI_CONTEXT, text) in arabic:
            problems.append(f"{where} has an Arabic translation the screen did not look up")
    return problems


def test_arabic_person_screens_show_no_english_ui_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    arabic = load_catalog("ar").entries
    assert len(arabic) > 400  # the draft catalog is complete, so any English text is a bug
    template = _template_ui()
    window = make_window(qtbot, Services(localizer=CatalogLocalizer(), speech=RecordingSpeech()))
    unlock(qtbot, window)
    choose_organisation(window)
    click(qtbot, window.home.new)
    window.setup.choose("ar")
    window.setup.tick_all_safety()
    click(qtbot, window.setup.start)
    seen: set[str] = set()
    problems: list[str] = []
    took_break = asked_stop = False
    for _ in range(80):
        page = window.page_name
        if page in PERSON_PAGES:
            seen.add(page)
            problems.extend(_english_problems(window, template, arabic))
        q = window.question
        if page == "handover":
            click(qtbot, window.handover.accept)
        elif page == "staff_step":
            click(qtbot, window.staff_step.go_on)
        elif page == "break_offer":
            click(qtbot, window.break_offer.go_on)
        elif page == "break":
            click(qtbot, window.break_screen.resume)
        elif page == "stop_confirm":
            click(qtbot, window.stop_confirm.cancel)
        elif page == "lock":
            pass_staff_gate(qtbot, window)
        elif page == "safety_hold":
            click(qtbot, window.safety_hold.staff)
        elif page == "safety_alert":
            click(qtbot, window.safety_alert.go_on)
        elif page == "stopped" or page == "finished":
            break
        elif page == "question" and not took_break:
            took_break = True
            click(qtbot, q.action_bar.take_break)
        elif page == "question" and not asked_stop and q.view and q.view.kind == "question":
            asked_stop = True
            click(qtbot, q.action_bar.stop)
        elif page == "question" and q.view is not None and q.view.kind == "question":
            if q.view.type in ("age", "number", "free_text"):
                commit_text(q.entry, "30")
                click(qtbot, q.submit)
            elif q.view.node_id in ("recruit_debt",):
                click(qtbot, q.decline)
            elif q.view.node_id == "time_today":  # time for the interview, not the short visit
                click(qtbot, q.answer_buttons["longer"])
            elif q.answer_buttons and q.submit is None:
                click(qtbot, next(iter(q.answer_buttons.values())))
            elif q.answer_buttons:
                click(qtbot, next(iter(q.answer_buttons.values())))
                click(qtbot, q.submit)
            else:
                click(qtbot, q.submit)
        elif page == "question":
            click(qtbot, q.submit)
        else:
            raise AssertionError(f"unexpected page {page}")
    assert {"handover", "question", "break", "stop_confirm", "safety_hold"} <= seen
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_code_words_match_core_tables_and_are_extracted() -> None:
    from kiosk.core.interview_rules import REFERRAL_DECISIONS
    from kiosk.core.localizer import SourceLocalizer
    from kiosk.core.summary import EVENT_WORDS, STATE_WORDS
    from kiosk.ui import code_words as words

    loc = SourceLocalizer()
    assert {k: words.event_words(loc, k) for k in EVENT_WORDS} == EVENT_WORDS
    assert {k: words.state_words(loc, k) for k in STATE_WORDS} == STATE_WORDS
    assert words.event_kind("Break started") == "break_started"
    template = _template_ui()
    shown = [words.decision_words(loc, d) for d in REFERRAL_DECISIONS]
    shown += list(EVENT_WORDS.values()) + list(STATE_WORDS.values())
    assert [w for w in shown if w not in template] == []
