"""Built-in content: the rights summary, country referral profiles and the indicator catalogue.

Pure Python (no Qt). Every file is versioned (`format: 1`), read with `kiosk.core.yamlsrc`
(safe loading with line numbers; no aliases, no duplicate keys), and checked strictly: unknown
fields are errors, because a typo must never silently drop a right or a contact. Problems raise
`ContentError` with a `file:line: message` text.

A phone number or web address is only accepted with the public `source` it came from and the
date it was `checked`: a wrong number given to a person at risk can do real harm. A shipped
profile also records the date of the source itself (`source_date`), so staff can see how old a
number is before they confirm it for their site (kiosk.core.contact_check).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.errors import ContentError
from kiosk.core.organisation import OrganisationKind
from kiosk.core.yamlsrc import LineDict, LineList, YamlSourceError, load_file

FORMAT_VERSION = 1

ICONS = frozenset(
    "paper talk hand shield heart clock home people scales flag plane question return child "
    "phone lock info".split()
)
# Kinds of service a person may be referred to (country profiles, referral hints, consent to
# share per recipient). `formal_identification` is the office that decides formal
# identification; `unhcr` and `iom` the UN agencies; `child_helpline` a national child line.
SERVICE_KINDS = (
    "child_protection",
    "medical",
    "psychosocial",
    "legal",
    "shelter",
    "consular",
    "hotline",
    "labour",
    "police_protection",
    # Who decides formally whether a person was trafficked (police unit, multidisciplinary team).
    "formal_identification",
    "child_helpline",
    "unhcr",  # asylum, protection from being sent back
    "iom",
)
INDICATOR_SETS = {"ilo11": "ilo_", "ilo_ec": "ec_", "region": "reg_", "child": "child_"}
GENERIC = "generic"

_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")

_RIGHTS_FIELDS = ("id", "icon", "title", "text", "child_title", "child_text")
_CONTACT_FIELDS = (
    "kind",
    "name",
    "phone",
    "whatsapp",
    "url",
    "source",
    "source_date",
    "checked",
    "note",
)
_PROFILE_FIELDS = ("format", "country", "name", "caution", "services")
# What a number may look like: digits and the usual separators, nothing else (no words, so no
# English ends up on a Khmer page through a phone field), and at least three digits.
_PHONE = re.compile(r"\+?[(0-9][0-9 ()./+-]*[0-9]")
_MIN_DIGITS = 3
# The date of a source as precise as the source gives it: 2025, 2025-09 or 2025-09-20.
_SOURCE_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DOMAIN_FIELDS = ("id", "label", "suggests_referral")
_INDICATOR_FIELDS = ("tag", "label", "domain", "set", "description")
_ORGANISATION_FIELDS = ("id", "refers_to")


# --- data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RightsSection:
    id: str
    icon: str
    title: str
    text: str
    child_title: str
    child_text: str


@dataclass(frozen=True)
class Contact:
    kind: str
    name: str
    phone: str | None
    url: str | None
    source: str | None
    checked: datetime.date | None
    whatsapp: str | None = None
    source_date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD: how old the source is
    note: str | None = None  # for staff: hours, languages, who answers; never printed

    @property
    def reachable(self) -> bool:
        """It carries something a person can use: a number or an address."""
        return bool(self.phone or self.whatsapp or self.url)


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str
    services: tuple[Contact, ...]
    caution: str | None = None  # for staff: what to weigh before referring to these bodies

    def of_kind(self, kind: str) -> tuple[Contact, ...]:
        return tuple(contact for contact in self.services if contact.kind == kind)


@dataclass(frozen=True)
class OrganisationProfile:
    """Who runs the kiosk (content/organisations.yaml); `id` is an OrganisationKind value."""

    id: str
    refers_to: tuple[str, ...]  # service kinds this organisation may refer a person to


@dataclass(frozen=True)
class Domain:
    id: str
    label: str
    # True for deception, coercion and exploitation: an indicator noted here means "consider
    # referral for formal identification". False for context and vulnerability, which are
    # common and never a reason to refer on their own (they over-identify).
    suggests_referral: bool


@dataclass(frozen=True)
class Indicator:
    tag: str
    label: str
    domain: str
    set: str
    description: str


@dataclass(frozen=True)
class IndicatorCatalog:
    domains: tuple[Domain, ...]
    indicators: tuple[Indicator, ...]

    def get(self, tag: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.tag == tag:
                return indicator
        return None

    def tags(self) -> frozenset[str]:
        return frozenset(indicator.tag for indicator in self.indicators)

    def suggests_referral(self, tag: str) -> bool:
        """Whether `tag` is a deception, coercion or exploitation indicator (unknown: False)."""
        indicator = self.get(tag)
        domain = next((d for d in self.domains if indicator and d.id == indicator.domain), None)
        return bool(domain and domain.suggests_referral)

    def by_domain(self) -> dict[str, tuple[Indicator, ...]]:
        """Indicators grouped by domain id, in catalogue order (every domain present)."""
        return {
            domain.id: tuple(i for i in self.indicators if i.domain == domain.id)
            for domain in self.domains
        }


# --- reading with line numbers ------------------------------------------------------------


class _Source:
    """A content file read by `yamlsrc` (mappings and lists know their lines), so errors can
    name the line they are about."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.exists():
            raise ContentError(f"{path}: the file is missing")
        try:
            self.data: Any = load_file(path)
        except YamlSourceError as error:
            raise self.error(error.message, error.line) from None

    def line(self, *where: str | int) -> int:
        """1-based line of the key or item at `where` (a path of keys and indexes), else 0."""
        node = self.data
        line: int = getattr(node, "line", 0)
        for step in where:
            if isinstance(node, LineDict) and step in node:
                line, node = node.line_of(step), node[step]
            elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
                node = node[step]
                line = getattr(node, "line", line)
            else:
                return line
        return line

    def error(self, message: str, line: int | None = None) -> ContentError:
        text = f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
        return ContentError(text, file=str(self.path), line=line or 0, problem=message)

    def at(self, where: tuple[str | int, ...], message: str) -> ContentError:
        return self.error(message, self.line(*where))


def _top(source: _Source, allowed: tuple[str, ...]) -> dict[str, Any]:
    data = source.data
    if not isinstance(data, dict):
        raise source.error("the file must be a mapping that starts with 'format: 1'", 1)
    _no_unknown(source, data, allowed, ())
    if data.get("format") != FORMAT_VERSION:
        raise source.at(("format",), f"'format' must be {FORMAT_VERSION}")
    return data


def _no_unknown(
    source: _Source, raw: dict[Any, Any], allowed: tuple[str, ...], where: tuple[str | int, ...]
) -> None:
    for key in raw:
        if key not in allowed:
            raise source.at(
                (*where, str(key)),
                f"unknown field '{key}' (allowed: {', '.join(allowed)})",
            )


def _entries(source: _Source, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise source.at((key,), f"'{key}' must be a non-empty list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise source.at((key, index), f"each entry of '{key}' must be a mapping")
    return entries


def _required_text(
    source: _Source, raw: dict[str, Any], field: str, where: tuple[str | int, ...]
) -> str:
    value = raw.get(field)
    if field not in raw:
        raise source.at(where, f"'{field}' is missing")
    if not isinstance(value, str) or not value.strip():
        raise source.at((*where, field), f"'{field}' must be non-empty text")
    return value.strip()


def _unique(
    source: _Source, seen: dict[str, int], value: str, what: str, where: tuple[str | int, ...]
) -> None:
    if value in seen:
        raise source.at(where, f"{what} '{value}' is already used on line {seen[value]}")
    seen[value] = source.line(*where)


# --- rights summary -----------------------------------------------------------------------


def load_rights(root: Path | None = None) -> list[RightsSection]:
    """The rights summary sections in display order, from `content/rights.yaml`."""
    source = _Source((root or paths.content_dir()) / "rights.yaml")
    data = _top(source, ("format", "sections"))
    sections: list[RightsSection] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(_entries(source, data, "sections")):
        where: tuple[str | int, ...] = ("sections", index)
        _no_unknown(source, raw, _RIGHTS_FIELDS, where)
        values = {field: _required_text(source, raw, field, where) for field in _RIGHTS_FIELDS}
        if not _ID.fullmatch(values["id"]):
            raise source.at((*where, "id"), f"'{values['id']}' is not an id like 'paper_is_yours'")
        if values["icon"] not in ICONS:
            raise source.at(
                (*where, "icon"),
                f"unknown icon '{values['icon']}' (one of {', '.join(sorted(ICONS))})",
            )
        _unique(source, seen, values["id"], "section id", (*where, "id"))
        sections.append(RightsSection(**values))
    return sections


# --- country referral profiles -------------------------------------------------------------


def _countries_dir(root: Path | None) -> Path:
    return (root or paths.content_dir()) / "countries"


def _normalise_code(code: str) -> str:
    if code.strip().lower() == GENERIC:
        return GENERIC
    return code.strip().upper()


def list_countries(root: Path | None = None) -> list[str]:
    """Country codes with a profile, ISO codes sorted, then "generic" if present."""
    folder = _countries_dir(root)
    if not folder.is_dir():
        return []
    stems = {path.stem for path in folder.glob("*.yaml") if path.is_file()}
    codes = sorted(stem for stem in stems if _COUNTRY_CODE.fullmatch(stem))
    if GENERIC in stems:
        codes.append(GENERIC)
    return codes


def _date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):  # a timestamp is not a check date
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _source_date(value: object) -> str | None:
    """A source's date as text (YYYY, YYYY-MM or YYYY-MM-DD), or None when it is not one."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _SOURCE_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return value.strip()


def _contact(
    raw: Mapping[str, object],
    complain: Callable[[object, str], ContentError],
    shipped: bool = True,
) -> Contact:
    """Check one contact entry; `complain(field, message)` returns the error to raise.

    A shipped entry (from content/countries/) must also give its source's date; a staff entry
    (local contacts) has staff as its source and the date they typed it in."""
    for key in raw:
        if key not in _CONTACT_FIELDS:
            raise complain(key, f"unknown field '{key}' (allowed: {', '.join(_CONTACT_FIELDS)})")
    kind = raw.get("kind")
    if kind not in SERVICE_KINDS:
        raise complain("kind", f"'kind' must be one of {', '.join(SERVICE_KINDS)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise complain("name", "'name' must be non-empty text")
    optional: dict[str, str | None] = {}
    for field in ("phone", "whatsapp", "url", "source", "note"):
        value = raw.get(field)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise complain(field, f"'{field}' must be text or null")
        optional[field] = value.strip() if isinstance(value, str) else None
    url = optional["url"]
    checked_raw = raw.get("checked")
    checked = _date(checked_raw)
    if checked_raw is not None and checked is None:
        raise complain("checked", "'checked' must be a date written YYYY-MM-DD")
    if checked is not None and checked > datetime.date.today():
        raise complain("checked", f"'checked' ({checked}) is in the future")
    source_date_raw = raw.get("source_date")
    source_date = _source_date(source_date_raw)
    if source_date_raw is not None and source_date is None:
        raise complain("source_date", "'source_date' must be written YYYY, YYYY-MM or YYYY-MM-DD")
    if source_date is not None and source_date > datetime.date.today().isoformat():
        raise complain("source_date", f"'source_date' ({source_date}) is in the future")
    if checked is not None and source_date is not None and source_date > checked.isoformat():
        raise complain("source_date", "the source cannot be newer than the date it was 'checked'")
    if optional["phone"] or optional["whatsapp"] or url:
        # The rule that keeps unverified numbers away from people at risk.
        if not optional["source"] or checked is None:
            raise complain(
                "source" if not optional["source"] else "checked",
                "a contact with a phone or url needs its public 'source' and the date it was "
                "'checked'",
            )
        if shipped and source_date is None:
            raise complain(
                "source_date",
                "a shipped contact with a phone or url needs the date of its source "
                "('source_date': YYYY, YYYY-MM or YYYY-MM-DD)",
            )
    for field in ("phone", "whatsapp"):
        number = optional[field]
        if number is not None and (
            not _PHONE.fullmatch(number) or sum(ch.isdigit() for ch in number) < _MIN_DIGITS
        ):
            raise complain(
                field,
                f"'{field}' must be a number (digits, spaces, + ( ) . / -), not {number!r}; "
                "put hours or languages in 'note'",
            )
    if shipped and url is not None and not re.fullmatch(r"https?://\S+", url):
        raise complain("url", f"'url' must start with https:// or http:// (got {url!r})")
    return Contact(
        kind=str(kind),
        name=name.strip(),
        phone=optional["phone"],
        url=url,
        source=optional["source"],
        checked=checked,
        whatsapp=optional["whatsapp"],
        source_date=source_date,
        note=optional["note"],
    )


def _apply_overrides(
    services: list[Contact], overrides: Mapping[str, Sequence[Mapping[str, object]]]
) -> list[Contact]:
    """Staff's local contacts: for each kind given, they replace the shipped entries."""
    local: dict[str, list[Contact]] = {}
    for kind, entries in overrides.items():
        if kind not in SERVICE_KINDS:
            raise ContentError(
                f"local contacts: unknown service kind '{kind}' (one of {', '.join(SERVICE_KINDS)})"
            )
        if isinstance(entries, (str, bytes)) or not isinstance(entries, Sequence):
            raise ContentError(f"local contacts ({kind}): expected a list of contacts")
        local[kind] = []
        for number, entry in enumerate(entries, start=1):
            if not isinstance(entry, Mapping):
                raise ContentError(f"local contacts ({kind} #{number}): expected a mapping")
            merged = {"kind": kind, **entry}

            def complain(
                field: object, message: str, kind: str = kind, n: int = number
            ) -> ContentError:
                return ContentError(f"local contacts ({kind} #{n}, {field}): {message}")

            contact = _contact(merged, complain, shipped=False)
            if contact.kind != kind:
                raise complain("kind", f"'kind' is '{contact.kind}' but is listed under '{kind}'")
            local[kind].append(contact)
    result: list[Contact] = []
    placed: set[str] = set()
    for contact in services:
        if contact.kind in local:
            if contact.kind not in placed:  # keep the shipped position of that kind
                result.extend(local[contact.kind])
                placed.add(contact.kind)
            continue
        result.append(contact)
    for kind, contacts in local.items():
        if kind not in placed:
            result.extend(contacts)
    return result


def load_country(
    code: str,
    root: Path | None = None,
    overrides: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
) -> CountryProfile:
    """The referral profile for `code` (ISO code or "generic"), with staff overrides applied."""
    wanted = _normalise_code(code) if isinstance(code, str) else ""
    # Only known codes become file names: no path tricks through the code.
    if wanted != GENERIC and not _COUNTRY_CODE.fullmatch(wanted):
        raise ContentError(f"unknown country '{code}' (use a two-letter code or 'generic')")
    if wanted not in list_countries(root):
        known = ", ".join(list_countries(root)) or "none"
        raise ContentError(f"no referral profile for '{code}' (available: {known})")
    source = _Source(_countries_dir(root) / f"{wanted}.yaml")
    data = _top(source, _PROFILE_FIELDS)
    if data.get("country") != wanted:
        raise source.at(("country",), f"'country' must be '{wanted}', matching the file name")
    name = _required_text(source, data, "name", ())
    caution = _required_text(source, data, "caution", ()) if "caution" in data else None
    services: list[Contact] = []
    for index, raw in enumerate(_entries(source, data, "services")):

        def complain(field: object, message: str, index: int = index) -> ContentError:
            return source.at(("services", index, str(field)), message)

        services.append(_contact(raw, complain))
    if overrides:
        services = _apply_overrides(services, overrides)
    return CountryProfile(code=wanted, name=name, services=tuple(services), caution=caution)


# --- indicator catalogue ------------------------------------------------------------------


def load_indicators(root: Path | None = None) -> IndicatorCatalog:
    """The indicator catalogue from `content/indicators.yaml`."""
    source = _Source((root or paths.content_dir()) / "indicators.yaml")
    data = _top(source, ("format", "domains", "indicators"))
    domains: list[Domain] = []
    domain_lines: dict[str, int] = {}
    for index, raw in enumerate(_entries(source, data, "domains")):
        where: tuple[str | int, ...] = ("domains", index)
        _no_unknown(source, raw, _DOMAIN_FIELDS, where)
        values = {field: _required_text(source, raw, field, where) for field in ("id", "label")}
        if not _ID.fullmatch(values["id"]):
            raise source.at((*where, "id"), f"'{values['id']}' is not an id like 'child'")
        _unique(source, domain_lines, values["id"], "domain id", (*where, "id"))
        refers = raw.get("suggests_referral")
        if not isinstance(refers, bool):
            raise source.at(
                (*where, "suggests_referral"), "'suggests_referral' must be true or false"
            )
        domains.append(Domain(values["id"], values["label"], refers))
    indicators: list[Indicator] = []
    tag_lines: dict[str, int] = {}
    for index, raw in enumerate(_entries(source, data, "indicators")):
        where = ("indicators", index)
        _no_unknown(source, raw, _INDICATOR_FIELDS, where)
        values = {field: _required_text(source, raw, field, where) for field in _INDICATOR_FIELDS}
        tag, kind = values["tag"], values["set"]
        if not _ID.fullmatch(tag):
            raise source.at((*where, "tag"), f"'{tag}' is not a tag like 'ilo_isolation'")
        if kind not in INDICATOR_SETS:
            raise source.at((*where, "set"), f"'set' must be one of {', '.join(INDICATOR_SETS)}")
        if not tag.startswith(INDICATOR_SETS[kind]):
            raise source.at(
                (*where, "tag"), f"tags in set '{kind}' start with '{INDICATOR_SETS[kind]}'"
            )
        if values["domain"] not in domain_lines:
            raise source.at((*where, "domain"), f"unknown domain '{values['domain']}'")
        _unique(source, tag_lines, tag, "indicator tag", (*where, "tag"))
        indicators.append(Indicator(**values))
    return IndicatorCatalog(domains=tuple(domains), indicators=tuple(indicators))


_catalogs: dict[Path, IndicatorCatalog] = {}


def indicator_catalog() -> IndicatorCatalog | None:
    """The shipped indicator catalogue, read once per process; None when it cannot be read
    (`kiosk validate` reports why; flows and review still work without it)."""
    root = paths.content_dir()
    if root not in _catalogs:
        try:
            _catalogs[root] = load_indicators(root)
        except ContentError:
            return None
    return _catalogs[root]


# --- organisation profiles ----------------------------------------------------------------


def load_organisations(root: Path | None = None) -> tuple[OrganisationProfile, ...]:
    """Every organisation profile, one per OrganisationKind, from content/organisations.yaml."""
    source = _Source((root or paths.content_dir()) / "organisations.yaml")
    data = _top(source, ("format", "organisations"))
    profiles: list[OrganisationProfile] = []
    seen: dict[str, int] = {}
    kinds = [kind.value for kind in OrganisationKind]
    for index, raw in enumerate(_entries(source, data, "organisations")):
        where: tuple[str | int, ...] = ("organisations", index)
        _no_unknown(source, raw, _ORGANISATION_FIELDS, where)
        values = {"id": _required_text(source, raw, "id", where)}
        if values["id"] not in kinds:
            raise source.at((*where, "id"), f"'id' must be one of {', '.join(kinds)}")
        _unique(source, seen, values["id"], "organisation", (*where, "id"))
        refers = raw.get("refers_to")
        if not isinstance(refers, list) or not all(kind in SERVICE_KINDS for kind in refers):
            raise source.at(
                (*where, "refers_to"),
                f"'refers_to' must be a list of service kinds ({', '.join(SERVICE_KINDS)})",
            )
        profiles.append(OrganisationProfile(**values, refers_to=tuple(refers)))
    missing = [kind for kind in kinds if kind not in seen]
    if missing:
        raise source.error(f"no profile for: {', '.join(missing)}")
    return tuple(profiles)


def organisation_profile(kind: str, root: Path | None = None) -> OrganisationProfile | None:
    """The profile of `kind`, or None when no organisation is chosen (`not_set`)."""
    return next((p for p in load_organisations(root) if p.id == kind), None)
