"""Words for codes (answer states, events, statuses, decisions) in the reader's language.

Core keeps English words in tables (kiosk.core.summary); a screen that passed `table[code]` to
`loc.ui` would hide the literal from the extractor. Here every English word is marked where it
is written, with `ui_word("...")` (an extraction keyword, like gettext's N_), and translated when
shown; tests check these tables stay in step with core's.
"""

from __future__ import annotations

from kiosk.core.localizer import Localizer


def ui_word(english: str) -> str:
    """Marks `english` for the catalog (`kiosk i18n extract`); translated later by `loc.ui`."""
    return english


def _pick(loc: Localizer, table: dict[str, str], code: str, language: str | None) -> str:
    english = table.get(code)
    return loc.ui(english, language=language) if english is not None else code.replace("_", " ")


STATES: dict[str, str] = {
    "answered": ui_word("answered"),
    "declined": ui_word("prefers not to say"),
    "dont_know": ui_word("does not know"),
    "not_asked": ui_word("not asked"),
    "interrupted": ui_word("interrupted"),
    "covered": ui_word("already told in their own story"),
}


def state_words(loc: Localizer, state: str, language: str | None = None) -> str:
    """An answer state (kiosk.core.summary.STATE_WORDS)."""
    return _pick(loc, STATES, state, language)


EVENTS: dict[str, str] = {
    "started": ui_word("Interview started"),
    "answered": ui_word("Answered"),
    "declined": ui_word("Prefers not to say"),
    "dont_know": ui_word("Does not know"),
    "continued": ui_word("Read"),
    "back": ui_word("Went back"),
    "break_offered": ui_word("Break offered"),
    "break_started": ui_word("Break started"),
    "break_ended": ui_word("Break ended"),
    "stopped": ui_word("Stopped"),
    "resumed": ui_word("Resumed"),
    "language_changed": ui_word("Language changed"),
    "consent_given": ui_word("Consent given"),
    "consent_withdrawn": ui_word("Consent withdrawn"),
    "path_switched": ui_word("Path changed"),
    "disclosure_added": ui_word("Later disclosure"),
    "answer_corrected": ui_word("Answer corrected"),
    "indicator_noted": ui_word("Indicator noted by staff"),
    "referral_decided": ui_word("Referral decision"),
    "reference_set": ui_word("Reference number given"),
    "safety_alert": ui_word("Safety alert: interview paused"),
    "alert_handled": ui_word("Safety alert handled by staff"),
    "questions_covered": ui_word("Marked as told in their own story"),
}


def event_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """A stored event's kind (kiosk.core.summary.EVENT_WORDS)."""
    return _pick(loc, EVENTS, kind, language)


def event_kind(what: str) -> str:
    """The event kind behind core's English words (timeline rows carry the words only)."""
    from kiosk.core.summary import EVENT_WORDS

    return next((kind for kind, words in EVENT_WORDS.items() if words == what), what)


STATUS_WORDS: dict[str, str] = {
    "open": ui_word("open"),
    "on_break": ui_word("on a break"),
    "on_hold": ui_word("paused by a safety alert"),
    "stopped": ui_word("stopped"),
    "finished": ui_word("finished"),
}


def status_words(loc: Localizer, status: str, language: str | None = None) -> str:
    """An interview's status."""
    return _pick(loc, STATUS_WORDS, status, language)


DECISION_WORDS: dict[str, str] = {
    "suggested": ui_word("suggested"),
    "made": ui_word("made"),
    "declined": ui_word("declined"),
    "not_needed": ui_word("not needed"),
}


def decision_words(loc: Localizer, decision: str, language: str | None = None) -> str:
    """A referral decision (kiosk.core.interview_rules.REFERRAL_DECISIONS)."""
    return _pick(loc, DECISION_WORDS, decision, language)


SERVICE_WORDS: dict[str, str] = {
    "child_protection": ui_word("child protection"),
    "formal_identification": ui_word("formal identification"),
    "medical": ui_word("medical"),
    "psychosocial": ui_word("psychosocial"),
    "legal": ui_word("legal"),
    "shelter": ui_word("shelter"),
    "consular": ui_word("consular"),
    "labour": ui_word("labour"),
    "hotline": ui_word("helpline"),
    "police_protection": ui_word("police protection"),
    "child_helpline": ui_word("child helpline"),
    "unhcr": ui_word("UNHCR"),
    "iom": ui_word("IOM"),
}


def service_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """A kind of service to refer to (kiosk.core.summary.referral_suggestions)."""
    return _pick(loc, SERVICE_WORDS, kind, language)


ORGANISATION_WORDS: dict[str, str] = {
    "ngo_shelter": ui_word("NGO or shelter"),
    "embassy": ui_word("Embassy or consulate"),
    "labour_inspection": ui_word("Labour inspection"),
    "police": ui_word("Police"),
    "immigration": ui_word("Immigration"),
    "child_protection": ui_word("Child protection"),
}


def organisation_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """Who runs the kiosk (kiosk.core.organisation.OrganisationKind)."""
    return _pick(loc, ORGANISATION_WORDS, kind, language)


ORGANISATION_SAYS: dict[str, str] = {
    "ngo_shelter": ui_word(
        "The person is told: we help people; we are not the police or immigration."
    ),
    "embassy": ui_word("The person is told: we work for the embassy or consulate of your country."),
    "labour_inspection": ui_word(
        "The person is told: we are labour inspectors, and what they say may go into an "
        "official record."
    ),
    "police": ui_word(
        "The person is told: we are police officers, and what they say may go into an "
        "official record."
    ),
    "immigration": ui_word(
        "The person is told: we work for immigration, and what they say may go into an "
        "official record."
    ),
    "child_protection": ui_word(
        "The person is told: we keep children and young people safe; we are not the police."
    ),
}


def organisation_says(loc: Localizer, kind: str, language: str | None = None) -> str:
    """What the interview then tells the person about who is asking (flows: `organisation`)."""
    return _pick(loc, ORGANISATION_SAYS, kind, language)


TEXT_SIZE_WORDS: dict[str, str] = {
    "normal": ui_word("normal"),
    "large": ui_word("large"),
    "largest": ui_word("largest"),
}


def text_size_words(loc: Localizer, size: str, language: str | None = None) -> str:
    """A text size of the theme (kiosk.ui.theme.TEXT_SIZES)."""
    return _pick(loc, TEXT_SIZE_WORDS, size, language)
