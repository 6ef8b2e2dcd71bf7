"""A tour of every kind of screen, for the layout check, the screen-reader check and the
screenshot scripts.

`tour(window, language, passphrase)` drives one interview in `language` through the kiosk
session (the same intents the screens send) and stops at each kind of screen, yielding a `Stop`:
its name and whether it belongs to the person. The caller looks at the window while it is
stopped there. The store must be unlocked already with `passphrase` (the staff gate asks for it);
the staff screens (home, review tabs, settings, studio, lock, resume check) come after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kiosk.app import intents as i
from kiosk.ui.main_window import MainWindow

ADULT_AGE = 30
# Screens worth a look of their own (the first of each kind is taken anyway).
NAMED = {
    "work_kind": "question-many-choices",
    "work_hours": "question-single-choice",
    "wellbeing_1": "question-feelings",
    "sleep_place": "question-sleep",
    "help_wanted": "question-help",
    "open_work": "question-free-text",
    "rights_paper": "rights-paper",
    "rights_card": "rights-card",
}


# Answers that keep the whole interview going (time for every part), so every screen is seen.
LONGEST = {"time_today": "longer"}


@dataclass(frozen=True)
class Stop:
    name: str
    person: bool


def answer_for(node: Any, age: int = ADULT_AGE) -> Any:
    """An answer that keeps the interview going: "yes" (a "no" to "do you understand" would
    loop back to the language), the given age, the first choice (or the LONGEST one)."""
    if node.type == "yes_no":
        return "yes"
    if node.type == "age":
        return age
    if node.type == "number":
        return int(node.min or 1)
    if node.type == "date":
        return "2020-01-01"
    if node.type == "free_text":
        return "…"
    first = LONGEST.get(node.id) or node.options[0].value
    return [first] if node.type == "multiple_choice" else first


def _gate(window: MainWindow, passphrase: str) -> None:
    """The staff gate: the passphrase, checked as the lock screen checks it."""
    window.controller.verify(passphrase)


def interview_stops(window: MainWindow, language: str, passphrase: str) -> Iterator[Stop]:
    """From setup to the end of one interview (the adult path after the age)."""
    c = window.controller
    c.send(i.NewInterview())
    window.setup.choose(language, language)
    window.setup.tick_all_safety()
    yield Stop("setup", False)
    window.setup.start.click()
    seen: set[str] = set()

    def first(name: str) -> bool:
        if name in seen:
            return False
        seen.add(name)
        return True

    for _ in range(400):
        page = window.page
        kind = window.page_name
        session = c.session
        node = session.state.current_node if session is not None else None
        if kind == "handover":
            name = f"handover-to-{page.to}"  # type: ignore[union-attr]
            if first(name):
                yield Stop(name, True)
            c.send(i.HandOver())
        elif kind == "lock":
            if first("staff-gate"):
                yield Stop("staff-gate", True)
            _gate(window, passphrase)
        elif kind == "staff_step":
            if first("staff-step"):
                yield Stop("staff-step", False)
            window.staff_step.go_on.click()
        elif kind == "safety_hold":
            if first("safety-hold"):
                yield Stop("safety-hold", True)
            c.send(i.HandOver())
        elif kind == "safety_alert":
            if first("safety-alert"):
                yield Stop("safety-alert", False)
            window.safety_alert.go_on.click()
        elif kind == "break_offer":
            if first("break-offer"):
                yield Stop("break-offer", True)
            c.send(i.AnswerBreakOffer(False))
        elif kind == "finished":
            yield Stop("finished", False)
            return
        elif kind == "question" and node is not None:
            key = node.id if node.id in NAMED else (node.type or node.kind)
            name = NAMED.get(key, f"question-{key}")
            if first(name):
                yield Stop(name, True)
                if name == "question-yes_no":
                    c.messages.error("A message for staff, long enough to need more than a line.")
                    yield Stop("question-with-message", True)
                    window.banner.dismiss()
                    c.send(i.TakeBreak())
                    yield Stop("break", True)
                    c.send(i.EndBreak())
                    c.send(i.AskStop())
                    yield Stop("stop-confirm", True)
                    c.send(i.CancelStop())
            if node.kind == "info":
                c.send(i.Continue())
            else:
                c.send(i.Answer(answer_for(node)))
        else:
            raise AssertionError(f"the tour met page {kind!r}")
    raise AssertionError("the tour did not reach the end of the interview")


def stopped_stops(window: MainWindow, language: str, passphrase: str) -> Iterator[Stop]:
    """A second interview that the person stops: the stopped screen, then resuming it."""
    c = window.controller
    c.send(i.GoHome())
    c.send(i.NewInterview())
    window.setup.choose(language, language)
    window.setup.tick_all_safety()
    window.setup.start.click()
    c.send(i.HandOver())
    c.send(i.AskStop())
    c.send(i.Stop())
    yield Stop("stopped", True)
    c.send(i.HandOver())
    if window.page_name == "lock":
        _gate(window, passphrase)
    stopped = c.session.interview_id if c.session is not None else None
    c.send(i.GoHome())
    if stopped is not None:
        c.send(i.ResumeInterview(stopped))
        if window.page_name == "resume_check":
            yield Stop("resume-check", False)
        c.send(i.GoHome())


def staff_stops(window: MainWindow, passphrase: str) -> Iterator[Stop]:
    c = window.controller
    c.send(i.GoHome())
    yield Stop("home", False)
    interviews = c.store.list_interviews() if c.store is not None else []
    if interviews:
        c.send(i.OpenReview(interviews[0].id))
        for index in range(window.review.tabs.count()):
            window.review.tabs.setCurrentIndex(index)
            yield Stop(f"review-tab-{index + 1}", False)
        window.review.tabs.setCurrentIndex(0)
        c.send(i.GoHome())
    c.send(i.OpenSettings())
    yield Stop("settings", False)
    c.send(i.OpenStudio())
    yield Stop("studio", False)
    c.send(i.GoHome())
    window.idle_lock()
    yield Stop("locked", True)
    _gate(window, passphrase)
    window.quick_hide()
    yield Stop("hidden", True)
    _gate(window, passphrase)


def walk(
    window: MainWindow,
    language: str,
    age: int,
    passphrase: str,
    look: Callable[[Any], None],
    wanted: set[str],
) -> set[str]:
    """One whole interview in `language` through the session's intents (as the screens send
    them), calling `look(node)` on each question in `wanted` as the person sees it; returns the
    ones it met."""
    c = window.controller
    if window.page_name != "home":
        c.send(i.GoHome())
    c.send(i.NewInterview())
    window.setup.choose(language, language)
    window.setup.tick_all_safety()
    window.setup.start.click()
    met: set[str] = set()
    for _ in range(400):
        kind = window.page_name
        if kind == "finished":
            return met
        if kind == "handover":
            c.send(i.HandOver())
        elif kind == "lock":
            _gate(window, passphrase)
        elif kind == "staff_step":
            window.staff_step.go_on.click()
        elif kind == "safety_hold":
            c.send(i.HandOver())
        elif kind == "safety_alert":
            window.safety_alert.go_on.click()
        elif kind == "break_offer":
            c.send(i.AnswerBreakOffer(False))
        elif kind == "question":
            node = c.session.state.current_node  # type: ignore[union-attr]
            assert node is not None
            if node.kind == "info":
                c.send(i.Continue())
                continue
            if node.id in wanted:
                met.add(node.id)
                look(node)
            c.send(i.Answer(answer_for(node, age)))
        else:
            raise AssertionError(f"the walk met page {kind!r}")
    raise AssertionError("the walk did not reach the end of the interview")


def tour(window: MainWindow, language: str, passphrase: str) -> Iterator[Stop]:
    yield from interview_stops(window, language, passphrase)
    yield from stopped_stops(window, language, passphrase)
    yield from staff_stops(window, passphrase)
