"""Every shipped content file loads, and its wording keeps the domain's rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import content
from kiosk.core.flow import Flow
from kiosk.core.flow_loader import load_flow

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
FLOW_FILE = REPO / "flows" / "identification.yaml"

REQUIRED_COUNTRIES = {"ID", "MY", "PH", "TH", "VN", "KH", "MM", "LA", "generic"}
ILO_11 = {
    "ilo_abuse_of_vulnerability",
    "ilo_deception",
    "ilo_restriction_of_movement",
    "ilo_isolation",
    "ilo_physical_sexual_violence",
    "ilo_intimidation_threats",
    "ilo_retention_of_documents",
    "ilo_withholding_of_wages",
    "ilo_debt_bondage",
    "ilo_abusive_conditions",
    "ilo_excessive_overtime",
}
# Context and vulnerability are kept apart from deception, coercion and exploitation: only the
# latter suggest referral for formal identification (practice review, "Biases").
DOMAINS = {
    "context": False,
    "deception": True,
    "coercion": True,
    "exploitation": True,
    "child_context": False,
    "child_exploitation": True,
}
# Words that must never reach the person: a label, a verdict or a score.
PERSON_FORBIDDEN = re.compile(r"traffick|victim|verdict|score|points", re.IGNORECASE)
ANYWHERE_FORBIDDEN = re.compile(r"\bvictims?\b|not a victim|\bscore\b", re.IGNORECASE)
LEADING = re.compile(
    r"^(didn't|don't|wasn't|weren't|isn't|aren't|doesn't|haven't|hasn't|wouldn't|couldn't)\b"
    r"|,\s*(didn't|wasn't|isn't|right|no)\b[^?]*\?$"
    r"|\b(surely|obviously|of course)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(FLOW_FILE, content.load_indicators(CONTENT).tags())


def person_texts(flow: Flow) -> Iterator[tuple[str, str]]:
    for node in flow.nodes:
        if node.kind == "section":
            yield node.id, node.title
        if node.kind in ("info", "question", "end"):
            for text in (node.text, node.child_text, node.help):
                if text:
                    yield node.id, text
            for option in node.options:
                yield node.id, option.text
                if option.child_text:
                    yield node.id, option.child_text


def staff_texts(flow: Flow) -> Iterator[tuple[str, str]]:
    for node in flow.nodes:
        if node.kind in ("staff_check", "staff_note"):
            yield node.id, node.text
            for item in node.items:
                yield node.id, item.text
        if node.interpreter_note:
            yield node.id, node.interpreter_note


# --- every shipped file loads ---------------------------------------------------------------


def test_shipped_rights_cover_the_brief() -> None:
    sections = content.load_rights(CONTENT)
    ids = [section.id for section in sections]
    assert ids[0] == "what_today_was" and ids[-1] == "contacts"
    for needed in (
        "formal_identification",
        "your_choice",
        "staying_here",
        "not_punished",
        "rest_and_care",
        "interpreter",
        "privacy",
        "legal_help",
        "embassy_and_going_home",
        "protection_from_return",
        "if_the_answer_is_no",
        "complaints",
        "come_back",
        "children",
    ):
        assert needed in ids
    contacts = sections[-1]
    assert contacts.text == "Ask staff for contact details."
    # No phone numbers in the text itself: contacts come from the country profile.
    assert not any(re.search(r"\d{3}", s.text + s.child_text) for s in sections)


def test_shipped_indicator_catalogue() -> None:
    catalog = content.load_indicators(CONTENT)
    assert {i.tag for i in catalog.indicators if i.set == "ilo11"} == ILO_11
    assert {d.id: d.suggests_referral for d in catalog.domains} == DOMAINS
    assert all(catalog.by_domain()[domain] for domain in DOMAINS)
    # The ILO forced-labour indicators are means or exploitation, never mere context.
    assert all(catalog.suggests_referral(tag) for tag in ILO_11)
    child = [i for i in catalog.indicators if i.set == "child"]
    assert all(i.domain.startswith("child_") for i in child)
    assert not any(i.domain.startswith("child_") for i in catalog.indicators if i.set != "child")
    # Borrowing for the journey is context, not coercive recruitment (review, section 1).
    recruitment_debt = catalog.get("ec_recruitment_debt")
    assert recruitment_debt is not None and recruitment_debt.domain == "context"


def test_indicator_mapping_table_matches_the_catalogue() -> None:
    # content/indicator-mapping.md: one row per indicator, with its domain, aligned to the
    # COMMIT/ASEAN elements and the ILO references (content/SOURCES.md).
    catalog = content.load_indicators(CONTENT)
    rows = {}
    for line in (CONTENT / "indicator-mapping.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            tag = cells[0].strip("`")
            assert tag not in rows, f"{tag} is listed twice"
            rows[tag] = cells
    assert set(rows) == catalog.tags()
    for indicator in catalog.indicators:
        assert rows[indicator.tag][1] == indicator.domain, indicator.tag


def test_every_shipped_country_profile_loads() -> None:
    codes = content.list_countries(CONTENT)
    assert REQUIRED_COUNTRIES <= set(codes)
    assert len(codes) == len(list((CONTENT / "countries").glob("*.yaml")))
    for code in codes:
        profile = content.load_country(code, CONTENT)
        kinds = {contact.kind for contact in profile.services}
        assert "child_protection" in kinds, code  # every child is referred to child protection
        assert {"medical", "psychosocial", "legal", "shelter", "consular"} <= kinds, code
        for contact in profile.services:
            # The contact rule: a number or address only with its public source and check date.
            if contact.phone or contact.url:
                assert contact.source and contact.checked, (code, contact.kind)
            # Names are the bodies' own (e.g. "Anti-Human Trafficking ..."), for staff only: the
            # person's paper shows neutral labels (tests/test_contacts_shipped.py checks them).


# --- wording rules ----------------------------------------------------------------------------


def test_person_facing_flow_text_has_no_labels_verdicts_or_scores(flow: Flow) -> None:
    found = [(node, text) for node, text in person_texts(flow) if PERSON_FORBIDDEN.search(text)]
    assert found == []
    assert not PERSON_FORBIDDEN.search(flow.title)


def test_staff_text_never_gives_a_verdict(flow: Flow) -> None:
    found = [(node, text) for node, text in staff_texts(flow) if ANYWHERE_FORBIDDEN.search(text)]
    assert found == []
    catalog = content.load_indicators(CONTENT)
    for indicator in catalog.indicators:
        assert not ANYWHERE_FORBIDDEN.search(indicator.label + " " + indicator.description)


def test_rights_text_has_no_labels_verdicts_or_scores() -> None:
    for section in content.load_rights(CONTENT):
        for text in (section.title, section.text, section.child_title, section.child_text):
            assert not PERSON_FORBIDDEN.search(text), section.id


# Promises a country may not keep (DESIGN rule 11, practice review section 4). What depends on
# the country says "may", "should", "can ask for" or "in some places" instead.
UNKEPT_PROMISE = re.compile(
    r"does not depend on|the choice is yours|still get help|will still get|free interpreter"
    r"|tell your story again|\byou can have\b|\byou will get\b|will not rush|you will be safe"
    r"|say no to any question|only if you agree",
    re.IGNORECASE,
)


def rights_texts() -> Iterator[tuple[str, str]]:
    for section in content.load_rights(CONTENT):
        for text in (section.title, section.text, section.child_title, section.child_text):
            yield section.id, text


def test_rights_promise_nothing_the_country_may_not_keep() -> None:
    assert UNKEPT_PROMISE.search("Help does not depend on the police.")
    assert UNKEPT_PROMISE.search("You can have a free interpreter.")
    assert [(where, text) for where, text in rights_texts() if UNKEPT_PROMISE.search(text)] == []


def test_flow_promises_nothing_the_country_may_not_keep(flow: Flow) -> None:
    assert [
        (where, text) for where, text in person_texts(flow) if UNKEPT_PROMISE.search(text)
    ] == []
    # Not "you can say no to any question", which invites pressing "No": the button's name.
    choice = flow.node("welcome_choice")
    for text in (choice.text, choice.child_text or ""):
        assert text.startswith('You do not have to answer. Press "I\'d rather not say".')


def test_rights_tell_what_the_person_must_know() -> None:
    # Practice review section 4: what must be told and was missing.
    text = " ".join(text for _, text in rights_texts()).lower()
    for needed in (
        "formal identification means",  # what it is ...
        "who decides",  # ... and who decides
        "refuse formal identification, or being a witness",
        "still ask for basic help",
        "appeal",
        "depends on helping the police",
        "stay here for a time",  # temporary stay, and that it may depend on the police
        "asylum",
        "sent back to danger",  # protection from return
        "complain",  # complaints about officials
        "getting your documents back",
        "must stay in a shelter",  # compulsory shelter, said honestly
        "guardian",
        "what others controlled or tricked you into doing",  # not only "forced"
    ):
        assert needed in text, needed


def test_questions_are_not_leading(flow: Flow) -> None:
    assert LEADING.search("Didn't he take your passport?")
    assert LEADING.search("He kept your pay, didn't he?")
    for node in flow.nodes:
        if node.kind == "question":
            for text in filter(None, (node.text, node.child_text)):
                assert not LEADING.search(text), node.id


def test_staff_summary_suggests_referral_never_a_decision(flow: Flow) -> None:
    summary = flow.node("staff_summary").text
    assert "consider referral for formal identification" in summary
    assert "never a decision" in summary
    for service in ("medical", "psychosocial", "legal", "shelter", "consular"):
        assert service in summary
    assert "child protection in every case" in flow.node("staff_child_note").text
