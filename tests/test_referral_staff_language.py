"""The referral summary is in the staff's language throughout: questions, answers, indicator
labels and the kiosk's own notes, not only the headings (shipped flow, real catalogs, real PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from kiosk.core import paths
from kiosk.core.content import load_indicators
from kiosk.core.documents.referral_summary import build_referral_summary
from kiosk.core.flow_loader import load_flow
from kiosk.core.i18n.catalogs import CatalogLocalizer, Catalogs
from kiosk.core.i18n.extract import collect, read_catalog, write_catalog
from kiosk.core.interview import InterviewSession
from kiosk.core.localizer import document_translate
from kiosk.core.referral_input import build_referral_input
from kiosk.core.staff_words import StaffWords, domain_key, indicator_key
from kiosk.core.store import Store
from kiosk.core.vocabulary import AlertAction

THAI = re.compile(r"[\u0E00-\u0E7F]")


def _walk(session: InterviewSession) -> None:
    """An adult who agrees to everything, picks the last single choice and every multiple
    choice but the last ("none of these"): indicators get noted."""
    for _ in range(500):
        state = session.state
        node = state.current_node
        if state.status == "on_hold":
            session.handle_alert(AlertAction.CONTINUE)
            continue
        if state.status != "open" or node is None:
            return
        if state.needs_break_offer():
            session.offer_break(False)
        elif node.kind == "staff_check":
            session.answer([item.id for item in node.items])
        elif not node.is_answerable:
            session.proceed()
        elif node.type == "age":
            session.answer(30)
        elif node.type == "yes_no":
            session.answer("yes")
        elif node.type == "single_choice":  # the last: e.g. "more than an hour" of time
            session.answer(node.options[-1].value)
        elif node.type == "multiple_choice":  # all but the last ("none of these")
            session.answer(
                [option.value for option in node.options[:-1]] or [node.options[0].value]
            )
        elif node.type in ("number", "age"):
            session.answer(1)
        elif node.type == "date":
            session.answer("2024-01-01")
        else:
            session.answer("Somchai ทำงานบนเรือ")  # the person's own words
    raise AssertionError("the interview did not end")


def _catalogs_with_indicator_drafts(tmp_path: Path) -> Path:
    """The shipped Thai catalog, with a marked draft for every indicator and domain label."""
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(paths.translations_dir() / "th.po", folder / "th.po")
    catalog = read_catalog(folder / "th.po")
    for message in catalog:
        if message.context and message.context.startswith(("indicators:", "indicator_domains:")):
            message.string = f"ไทย {message.id}"
    write_catalog(catalog, folder / "th.po")
    return folder


def test_every_indicator_and_domain_label_is_in_the_catalogs() -> None:
    contexts = {s.context for s in collect()}
    catalogue = load_indicators()
    assert {indicator_key(i.tag) for i in catalogue.indicators} <= contexts
    assert {domain_key(d.id) for d in catalogue.domains} <= contexts


def test_the_referral_summary_speaks_the_staff_language(store: Store, tmp_path: Path) -> None:
    flow = load_flow(paths.flows_dir() / "identification.yaml")
    session = InterviewSession.start(store, flow, "km", "th", {"present": True})
    _walk(session)
    state = session.state
    loc = CatalogLocalizer(Catalogs(_catalogs_with_indicator_drafts(tmp_path)))
    words = StaffWords(loc, flow, "th", child=state.child)
    data = build_referral_input(state, load_indicators(), words=words)

    assert data.answers and data.indicators
    for row in data.answers:  # every question and every chosen answer in Thai
        assert THAI.search(row.question), row.question
        if row.answer and not re.fullmatch(r"[\d-]+", row.answer):  # numbers and dates as typed
            assert THAI.search(row.answer), (row.question, row.answer)
    for domain, labels in data.indicators:
        assert domain.startswith("ไทย ") and all(label.startswith("ไทย ") for label in labels)
    assert data.interpreter and THAI.search(data.interpreter)  # "present", in Thai

    plain = build_referral_input(state, load_indicators())  # no staff words: the English
    assert not any(THAI.search(row.question) for row in plain.answers)

    pdf = build_referral_summary(data, staff_lang="th", translate=document_translate(loc, "th"))
    path = tmp_path / "referral.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for row in (data.answers[0], data.answers[-1]):  # Thai on the page (words, in order)
        assert row.question[:8] in text, row.question
    for row in plain.answers[:3]:
        assert row.question not in text
