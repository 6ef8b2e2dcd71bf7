"""What to build for the take-away documents, as plain data, and the hook that builds them.

Qt-free: a job is read from the interview state on the GUI thread, then built into PDF bytes
on a worker thread (`CoreDocuments.build`). Heavy imports (reportlab, fonts) happen on first
build, never at import time. Nothing here writes a file.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import KioskError

if TYPE_CHECKING:
    from kiosk.core.documents.referral_summary import ReferralInput

Translate = Callable[[str, str], str]


@dataclass(frozen=True)
class RightsJob:
    lang: str
    translate: Translate
    child: bool
    country: str = "generic"
    overrides: Mapping[str, Any] = field(default_factory=dict)
    second_lang: str | None = None
    second_translate: Translate | None = None
    reference: str | None = None
    paper: str = "a4"
    contacts_checked: datetime.date | None = None  # this site's check (kiosk.core.contact_check)


@dataclass(frozen=True)
class CardJob:
    lang: str
    translate: Translate
    country: str = "generic"
    overrides: Mapping[str, Any] = field(default_factory=dict)
    reference: str | None = None
    child: bool = False  # a child's card carries the child line first


@dataclass(frozen=True)
class ReferralJob:
    data: ReferralInput
    staff_lang: str
    translate: Translate
    paper: str = "a4"


Job = RightsJob | CardJob | ReferralJob


def _country(code: str, overrides: Mapping[str, Any]) -> Any:
    from kiosk.core.content import load_country

    return load_country(code or "generic", overrides=dict(overrides) or None)


def spoken_rights(child: bool, translate: Translate) -> list[str]:
    """The rights summary's wording, one part per section, for reading aloud."""
    from kiosk.core.content import load_rights
    from kiosk.core.documents.rights_summary import spoken_rights_summary

    return spoken_rights_summary(load_rights(), child=child, translate=translate)


class CoreDocuments:
    """The `DocumentsHook` of the real kiosk: `kiosk.core.documents` builders, in memory."""

    def build(self, job: Job) -> bytes:
        if isinstance(job, RightsJob):
            return self._rights(job)
        if isinstance(job, CardJob):
            return self._card(job)
        from kiosk.core.documents.referral_summary import build_referral_summary

        return build_referral_summary(
            job.data, staff_lang=job.staff_lang, translate=job.translate, paper=job.paper
        )

    def _rights(self, job: RightsJob) -> bytes:
        from kiosk.core.content import load_rights
        from kiosk.core.documents.rights_summary import build_rights_summary

        second = job.second_lang if job.second_lang != job.lang else None
        return build_rights_summary(
            load_rights(),
            lang=job.lang,
            translate=job.translate,
            country=_country(job.country, job.overrides),
            second_lang=second,
            second_translate=job.second_translate or job.translate,
            child=job.child,
            reference=job.reference,
            paper=job.paper,
            contacts_checked=job.contacts_checked,
        )

    def _card(self, job: CardJob) -> bytes:
        from kiosk.core.documents.discreet_card import build_discreet_card, card_contact

        contact = card_contact(_country(job.country, job.overrides), child=job.child)
        if not contact:
            raise KioskError(
                "No phone number for the card: add a local contact in Settings "
                "(local contacts), then try again."
            )
        return build_discreet_card(
            contact=contact, lang=job.lang, translate=job.translate, reference=job.reference
        )
