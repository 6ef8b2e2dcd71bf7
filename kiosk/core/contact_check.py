"""Staff confirm the contacts for their site: "checked by this organisation on DATE".

The confirmation is kept in the encrypted store (setting `contacts_checked`) together with a
fingerprint of exactly what was checked: the country and every name, number and address the
kiosk would use there (shipped entries with staff's local contacts applied). When any of that
changes (another country, a new local number, an updated profile), the old confirmation no
longer applies and the paper says the numbers are not yet checked, until staff check again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.content import CountryProfile

SETTING = "contacts_checked"


@dataclass(frozen=True)
class SiteCheck:
    country: str
    on: datetime.date
    fingerprint: str

    def as_setting(self) -> dict[str, str]:
        return {"country": self.country, "on": self.on.isoformat(), "fingerprint": self.fingerprint}


def fingerprint(profile: CountryProfile) -> str:
    """What staff checked, reduced to a short hash: the country, and every contact's kind,
    name, numbers and address, in order (a note or a source is not what the person calls)."""
    rows = [
        [c.kind, c.name, c.phone or "", c.whatsapp or "", c.url or ""] for c in profile.services
    ]
    text = json.dumps([profile.code, rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def confirm(profile: CountryProfile, on: datetime.date | None = None) -> SiteCheck:
    """Staff's confirmation, today unless a day is given; store `.as_setting()` under SETTING."""
    return SiteCheck(profile.code, on or datetime.date.today(), fingerprint(profile))


def read(value: object) -> SiteCheck | None:
    """The stored confirmation, or None when there is none or it is not one we wrote."""
    if not isinstance(value, Mapping):
        return None
    country, on, mark = value.get("country"), value.get("on"), value.get("fingerprint")
    if not (isinstance(country, str) and isinstance(on, str) and isinstance(mark, str)):
        return None
    try:
        day = datetime.date.fromisoformat(on)
    except ValueError:
        return None
    return SiteCheck(country, day, mark)


def checked_on(value: object, profile: CountryProfile) -> datetime.date | None:
    """The day staff checked these very contacts, or None (never, or they changed since)."""
    check = read(value)
    if check is None or check.country != profile.code or check.fingerprint != fingerprint(profile):
        return None
    return check.on
