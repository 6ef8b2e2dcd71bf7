"""Words for codes (answer states, events, statuses, decisions) in the reader's language.

Core keeps English words in tables (kiosk.core.summary); a screen that passed `table[code]` to
`loc.ui` would hide the literal from the extractor (keyword `ui`), so the text would never reach
a catalog. Here every literal sits in its own `loc.ui("...")` call; tests check these tables
stay in step with core's.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.localizer import Localizer

Words = dict[str, Callable[[], str]]


def _pick(table: Words, code: str) -> str:
    word = table.get(code)
    return word() if word is not None else code.replace("_", " ")


def state_words(loc: Localizer, state: str, language: str | None = None) -> str:
    """An answer state (kiosk.core.summary.STATE_WORDS)."""
    lang = language
    return _pick(
        {
            "answered": lambda: loc.ui("answered", language=lang),
            "declined": lambda: loc.ui("prefers not to say", language=lang),
            "dont_know": lambda: loc.ui("does not know", language=lang),
            "not_asked": lambda: loc.ui("not asked", language=lang),
            "interrupted": lambda: loc.ui("interrupted", language=lang),
            "covered": lambda: loc.ui("already told in their own story", language=lang),
        },
        state,
    )


def event_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """A stored event's kind (kiosk.core.summary.EVENT_WORDS)."""
    lang = language
    return _pick(
        {
            "started": lambda: loc.ui("Interview started", language=lang),
            "answered": lambda: loc.ui("Answered", language=lang),
            "declined": lambda: loc.ui("Prefers not to say", language=lang),
            "dont_know": lambda: loc.ui("Does not know", language=lang),
            "continued": lambda: loc.ui("Read", language=lang),
            "back": lambda: loc.ui("Went back", language=lang),
            "break_offered": lambda: loc.ui("Break offered", language=lang),
            "break_started": lambda: loc.ui("Break started", language=lang),
            "break_ended": lambda: loc.ui("Break ended", language=lang),
            "stopped": lambda: loc.ui("Stopped", language=lang),
            "resumed": lambda: loc.ui("Resumed", language=lang),
            "language_changed": lambda: loc.ui("Language changed", language=lang),
            "consent_given": lambda: loc.ui("Consent given", language=lang),
            "consent_withdrawn": lambda: loc.ui("Consent withdrawn", language=lang),
            "path_switched": lambda: loc.ui("Path changed", language=lang),
            "disclosure_added": lambda: loc.ui("Later disclosure", language=lang),
            "answer_corrected": lambda: loc.ui("Answer corrected", language=lang),
            "indicator_noted": lambda: loc.ui("Indicator noted by staff", language=lang),
            "referral_decided": lambda: loc.ui("Referral decision", language=lang),
            "reference_set": lambda: loc.ui("Reference number given", language=lang),
            "safety_alert": lambda: loc.ui("Safety alert: interview paused", language=lang),
            "alert_handled": lambda: loc.ui("Safety alert handled by staff", language=lang),
            "questions_covered": lambda: loc.ui("Marked as told in their own story", language=lang),
        },
        kind,
    )


def event_kind(what: str) -> str:
    """The event kind behind core's English words (timeline rows carry the words only)."""
    from kiosk.core.summary import EVENT_WORDS

    return next((kind for kind, words in EVENT_WORDS.items() if words == what), what)


def status_words(loc: Localizer, status: str, language: str | None = None) -> str:
    """An interview's status."""
    lang = language
    return _pick(
        {
            "open": lambda: loc.ui("open", language=lang),
            "on_break": lambda: loc.ui("on a break", language=lang),
            "on_hold": lambda: loc.ui("paused by a safety alert", language=lang),
            "stopped": lambda: loc.ui("stopped", language=lang),
            "finished": lambda: loc.ui("finished", language=lang),
        },
        status,
    )


def decision_words(loc: Localizer, decision: str, language: str | None = None) -> str:
    """A referral decision (kiosk.core.interview_rules.REFERRAL_DECISIONS)."""
    lang = language
    return _pick(
        {
            "suggested": lambda: loc.ui("suggested", language=lang),
            "made": lambda: loc.ui("made", language=lang),
            "declined": lambda: loc.ui("declined", language=lang),
            "not_needed": lambda: loc.ui("not needed", language=lang),
        },
        decision,
    )


def service_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """A kind of service to refer to (kiosk.core.summary.referral_suggestions)."""
    lang = language
    return _pick(
        {
            "child_protection": lambda: loc.ui("child protection", language=lang),
            "formal_identification": lambda: loc.ui("formal identification", language=lang),
            "medical": lambda: loc.ui("medical", language=lang),
            "psychosocial": lambda: loc.ui("psychosocial", language=lang),
            "legal": lambda: loc.ui("legal", language=lang),
            "shelter": lambda: loc.ui("shelter", language=lang),
            "consular": lambda: loc.ui("consular", language=lang),
            "labour": lambda: loc.ui("labour", language=lang),
            "hotline": lambda: loc.ui("helpline", language=lang),
            "police_protection": lambda: loc.ui("police protection", language=lang),
            "child_helpline": lambda: loc.ui("child helpline", language=lang),
            "unhcr": lambda: loc.ui("UNHCR", language=lang),
            "iom": lambda: loc.ui("IOM", language=lang),
        },
        kind,
    )


def organisation_words(loc: Localizer, kind: str, language: str | None = None) -> str:
    """Who runs the kiosk (kiosk.core.organisation.OrganisationKind)."""
    lang = language
    return _pick(
        {
            "ngo_shelter": lambda: loc.ui("NGO or shelter", language=lang),
            "embassy": lambda: loc.ui("Embassy or consulate", language=lang),
            "labour_inspection": lambda: loc.ui("Labour inspection", language=lang),
            "police": lambda: loc.ui("Police", language=lang),
            "immigration": lambda: loc.ui("Immigration", language=lang),
            "child_protection": lambda: loc.ui("Child protection", language=lang),
        },
        kind,
    )


def organisation_says(loc: Localizer, kind: str, language: str | None = None) -> str:
    """What the interview then tells the person about who is asking (flows: `organisation`)."""
    lang = language
    return _pick(
        {
            "ngo_shelter": lambda: loc.ui(
                "The person is told: we help people; we are not the police or immigration.",
                language=lang,
            ),
            "embassy": lambda: loc.ui(
                "The person is told: we work for the embassy or consulate of your country.",
                language=lang,
            ),
            "labour_inspection": lambda: loc.ui(
                "The person is told: we are labour inspectors, and what they say may go into an "
                "official record.",
                language=lang,
            ),
            "police": lambda: loc.ui(
                "The person is told: we are police officers, and what they say may go into an "
                "official record.",
                language=lang,
            ),
            "immigration": lambda: loc.ui(
                "The person is told: we work for immigration, and what they say may go into an "
                "official record.",
                language=lang,
            ),
            "child_protection": lambda: loc.ui(
                "The person is told: we keep children and young people safe; we are not the "
                "police.",
                language=lang,
            ),
        },
        kind,
    )


def text_size_words(loc: Localizer, size: str, language: str | None = None) -> str:
    """A text size of the theme (kiosk.ui.theme.TEXT_SIZES)."""
    lang = language
    return _pick(
        {
            "normal": lambda: loc.ui("normal", language=lang),
            "large": lambda: loc.ui("large", language=lang),
            "largest": lambda: loc.ui("largest", language=lang),
        },
        size,
    )
