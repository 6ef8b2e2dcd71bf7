"""The contract between screens/documents and the translation catalogs.

Screens ask a `Localizer` for every string they show, so each piece of text arrives with its
review status (`reviewed`, `draft`, `machine`, `source`, `missing`); staff and interpreter views
flag draft and machine text. UI strings are written in code as `loc.ui("Take a break")` (the
extractor looks for calls named `ui`); content strings are looked up by a stable context key
(`content_key`) plus their English source text. A UI string that must live in a constant is
wrapped in `ui_text("...")` where it is defined, so a changed source is never shown with a stale
translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

# Other (context, English source) entries to try, in order, when a catalog lacks the one asked
# for: e.g. the child wording when a neutral entry is missing (kiosk.core.i18n.register).
Fallbacks = Sequence[tuple[str, str]]

UI_CONTEXT = "ui"  # the catalog context of every UI string
STATUSES = ("reviewed", "draft", "machine", "source", "missing")


@dataclass(frozen=True)
class Localized:
    text: str
    status: str  # one of STATUSES
    language: str

    @property
    def needs_review_flag(self) -> bool:
        """Draft or machine text (or untranslated source) is flagged to staff and interpreter."""
        return self.status in ("draft", "machine", "missing")


def ui_text(source: str) -> str:
    """Mark a UI string kept in a constant, so the extractor finds it; translate it at display
    time with `loc.ui(CONSTANT)`. Returns `source` unchanged."""
    return source


def content_key(scope: str, item: str, field: str) -> str:
    """Context key of a content string, e.g. ('flow:identification', 'age', 'child_text')."""
    return f"{scope}:{item}:{field}"


def flow_key(flow_id: str, item: str, field: str) -> str:
    """Context key of a flow's string: `flow_key('identification', 'age', 'text')`. Options and
    checklist items are `NODE.VALUE`; a policy's safety alert is `policy.safety_alerts.ID`."""
    return content_key(f"flow:{flow_id}", item, field)


def alert_item(alert_id: str) -> str:
    """The catalog item of a flow policy's safety alert (its field is `reason`)."""
    return f"policy.safety_alerts.{alert_id}"


class Localizer(Protocol):
    def content(
        self, language: str, context: str, source: str, fallbacks: Fallbacks = ()
    ) -> Localized:
        """`source` in `language`; when the catalog lacks it, the first of `fallbacks` it has,
        and only then a machine translation or the English `source`."""
        ...

    def ui(self, source: str, language: str | None = None, **placeholders: object) -> str: ...


class DocumentTranslate:
    """`translate(key, source)` for printed documents (their keys are catalog contexts, e.g.
    `content_key("rights", ...)`), noting whether any text it gave was not reviewed (draft,
    machine or untranslated), so the paper can carry a draft mark for staff."""

    def __init__(self, localizer: Localizer, language: str) -> None:
        self.localizer = localizer
        self.language = language
        self.unreviewed = False

    def __call__(self, key: str, source: str) -> str:
        found = self.localizer.content(self.language, key, source)
        if found.status not in ("reviewed", "source"):
            self.unreviewed = True
        return found.text


def document_translate(loc: Localizer, language: str) -> DocumentTranslate:
    """The one `translate` for documents, from any localizer (catalogs, machine fallback)."""
    return DocumentTranslate(loc, language)


class SourceLocalizer:
    """Shows the English source everywhere; the fallback when no catalogs are installed."""

    def __init__(self, language: str = "en") -> None:
        self.language = language

    def content(
        self, language: str, context: str, source: str, fallbacks: Fallbacks = ()
    ) -> Localized:
        return Localized(source, "source" if language == "en" else "missing", language)

    def ui(self, source: str, language: str | None = None, **placeholders: object) -> str:
        return source.format(**placeholders) if placeholders else source
