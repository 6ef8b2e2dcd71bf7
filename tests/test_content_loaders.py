"""Content loaders on small good and broken files (tmp_path), never on the shipped content."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kiosk.core import content
from kiosk.core.errors import ContentError

RIGHTS_OK = """\
format: 1
sections:
  - id: paper_is_yours
    icon: paper
    title: This paper is yours
    text: This paper is yours to keep.
    child_title: This paper is for you
    child_text: This paper is for you.
  - id: contacts
    icon: phone
    title: Contacts
    text: Ask staff for contact details.
    child_title: Who to call
    child_text: Ask staff who you can call.
"""

INDICATORS_OK = """\
format: 1
domains:
  - id: coercion_at_destination
    label: Coercion at destination
    suggests_referral: true
  - id: child
    label: Child-specific indicators
    suggests_referral: false
indicators:
  - tag: ilo_isolation
    label: Isolation
    domain: coercion_at_destination
    set: ilo11
    description: Cut off from others.
  - tag: child_not_in_school
    label: Child not in school
    domain: child
    set: child
    description: The child does not go to school.
"""

COUNTRY_OK = """\
format: 1
country: TH
name: Thailand
services:
  - kind: child_protection
    name: Child protection office (ask staff)
    phone: null
    url: null
    source: null
    checked: null
  - kind: legal
    name: Legal aid (ask staff)
    phone: "+00 0000"
    url: null
    source: "A public directory, page 3"
    source_date: 2024-04
    checked: 2024-05-01
"""


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- rights -------------------------------------------------------------------------------


def test_rights_load_in_order(tmp_path: Path) -> None:
    write(tmp_path, "rights.yaml", RIGHTS_OK)
    sections = content.load_rights(tmp_path)
    assert [section.id for section in sections] == ["paper_is_yours", "contacts"]
    assert sections[0] == content.RightsSection(
        id="paper_is_yours",
        icon="paper",
        title="This paper is yours",
        text="This paper is yours to keep.",
        child_title="This paper is for you",
        child_text="This paper is for you.",
    )


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            RIGHTS_OK.replace("    icon: paper\n", "    icon: paper\n    colour: red\n"),
            ":5: unknown field 'colour'",
        ),
        (RIGHTS_OK.replace("icon: paper", "icon: rocket"), ":4: unknown icon 'rocket'"),
        (
            RIGHTS_OK.replace("    child_text: This paper is for you.\n", ""),
            ":3: 'child_text' is missing",
        ),
        (
            RIGHTS_OK.replace("text: Ask staff for contact details.", "text: ''"),
            ":12: 'text' must be",
        ),
        (
            RIGHTS_OK.replace("id: contacts", "id: paper_is_yours"),
            ":9: section id 'paper_is_yours' is already used on line 3",
        ),
        (RIGHTS_OK.replace("format: 1", "format: 2"), ":1: 'format' must be 1"),
        (RIGHTS_OK.replace("id: contacts", "id: Contacts!"), ":9: 'Contacts!' is not an id"),
        ("format: 1\nsections: []\n", ":2: 'sections' must be a non-empty list"),
        ("- just\n- a list\n", ":1: the file must be a mapping"),
        ("format: 1\nsections: [\n", "YAML syntax"),
    ],
)
def test_rights_errors_name_file_and_line(tmp_path: Path, broken: str, expected: str) -> None:
    write(tmp_path, "rights.yaml", broken)
    with pytest.raises(ContentError) as info:
        content.load_rights(tmp_path)
    assert "rights.yaml" in info.value.message
    assert expected in info.value.message


def test_missing_rights_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="missing"):
        content.load_rights(tmp_path)


def test_rights_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "rights.yaml").write_bytes(b"format: 1\nsections: \xff\xfe\n")
    with pytest.raises(ContentError, match="UTF-8"):
        content.load_rights(tmp_path)


# --- indicators ---------------------------------------------------------------------------


def test_indicator_catalogue_lookup_and_grouping(tmp_path: Path) -> None:
    write(tmp_path, "indicators.yaml", INDICATORS_OK)
    catalog = content.load_indicators(tmp_path)
    assert [domain.id for domain in catalog.domains] == ["coercion_at_destination", "child"]
    isolation = catalog.get("ilo_isolation")
    assert isolation is not None and isolation.set == "ilo11"
    assert catalog.get("ilo_nothing") is None
    grouped = catalog.by_domain()
    assert [i.tag for i in grouped["child"]] == ["child_not_in_school"]
    assert [i.tag for i in grouped["coercion_at_destination"]] == ["ilo_isolation"]
    assert catalog.suggests_referral("ilo_isolation")
    assert not catalog.suggests_referral("child_not_in_school")
    assert not catalog.suggests_referral("ilo_nothing")


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            INDICATORS_OK.replace("domain: child\n", "domain: nowhere\n"),
            ":17: unknown domain 'nowhere'",
        ),
        (INDICATORS_OK.replace("set: ilo11", "set: ilo12"), ":13: 'set' must be one of"),
        (
            INDICATORS_OK.replace("tag: child_not_in_school", "tag: no_school"),
            ":15: tags in set 'child' start with 'child_'",
        ),
        (
            INDICATORS_OK + INDICATORS_OK.split("indicators:\n")[1].split("  - tag: child")[0],
            ":20: indicator tag 'ilo_isolation' is already used on line 10",
        ),
        (
            INDICATORS_OK.replace(
                "    label: Isolation\n", "    label: Isolation\n    weight: 3\n"
            ),
            "unknown field 'weight'",
        ),
        (
            INDICATORS_OK.replace(
                "  - id: child\n    label: Child-specific indicators\n", "  - id: child\n"
            ),
            "'label' is missing",
        ),
        (
            INDICATORS_OK.replace(
                "    suggests_referral: false\n", "    suggests_referral: maybe\n"
            ),
            ":8: 'suggests_referral' must be true or false",
        ),
        (
            INDICATORS_OK.replace("    suggests_referral: true\n", ""),
            "'suggests_referral' must be true or false",
        ),
    ],
)
def test_indicator_errors(tmp_path: Path, broken: str, expected: str) -> None:
    write(tmp_path, "indicators.yaml", broken)
    with pytest.raises(ContentError) as info:
        content.load_indicators(tmp_path)
    assert expected in info.value.message


# --- countries ----------------------------------------------------------------------------


def test_country_profile_loads_with_sourced_contact(tmp_path: Path) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK)
    write(tmp_path, "countries/generic.yaml", COUNTRY_OK.replace("country: TH", "country: generic"))
    assert content.list_countries(tmp_path) == ["TH", "generic"]
    profile = content.load_country("th", tmp_path)
    assert profile.code == "TH" and profile.name == "Thailand"
    legal = profile.of_kind("legal")[0]
    assert legal.phone == "+00 0000"
    assert legal.checked == datetime.date(2024, 5, 1)
    assert profile.of_kind("child_protection")[0].phone is None
    assert content.load_country("GENERIC", tmp_path).code == "generic"


def test_contact_details_caution_and_note(tmp_path: Path) -> None:
    text = COUNTRY_OK.replace("name: Thailand", "name: Thailand\ncaution: Weigh this first.")
    text = text.replace(
        '    phone: "+00 0000"\n',
        '    phone: "(02) 1343 / +66 2-000.000"\n    whatsapp: "08111 129 129"\n'
        "    note: 24 hours, free\n",
    )
    write(tmp_path, "countries/TH.yaml", text)
    profile = content.load_country("TH", tmp_path)
    assert profile.caution == "Weigh this first."
    (legal,) = profile.of_kind("legal")
    assert legal.phone == "(02) 1343 / +66 2-000.000" and legal.whatsapp == "08111 129 129"
    assert legal.note == "24 hours, free" and legal.source_date == "2024-04"
    assert legal.reachable and not profile.of_kind("child_protection")[0].reachable


@pytest.mark.parametrize("written", ["2024", "2024-04", "2024-04-30"])
def test_source_date_as_precise_as_the_source(tmp_path: Path, written: str) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK.replace("2024-04", written))
    (legal,) = content.load_country("TH", tmp_path).of_kind("legal")
    assert legal.source_date == written


def test_staff_contacts_need_no_source_date_and_may_write_a_bare_address(tmp_path: Path) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK)
    local = {"url": "www.shelter.example", "source": "staff", "checked": "2024-06-01"}
    profile = content.load_country("TH", tmp_path, overrides={"shelter": [{"name": "S", **local}]})
    assert profile.of_kind("shelter")[0].url == "www.shelter.example"


@pytest.mark.parametrize("code", ["XX", "../rights", "T", "", "generic2"])
def test_unknown_country_code_is_an_error(tmp_path: Path, code: str) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK)
    with pytest.raises(ContentError):
        content.load_country(code, tmp_path)


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        # The rule: a phone or url only with its public source and the date it was checked.
        (
            COUNTRY_OK.replace('    source: "A public directory, page 3"\n', "    source: null\n"),
            ":15: a contact with a phone or url needs",
        ),
        (
            COUNTRY_OK.replace("    checked: 2024-05-01\n", "    checked: null\n"),
            ":17: a contact with a phone or url needs",
        ),
        (
            COUNTRY_OK.replace(
                "    url: null\n    source: null", "    url: https://example.org\n    source: null"
            ),
            ":9: a contact with a phone or url needs",
        ),
        (
            COUNTRY_OK.replace("checked: 2024-05-01", "checked: last spring"),
            ":17: 'checked' must be a date",
        ),
        (COUNTRY_OK.replace("checked: 2024-05-01", "checked: 2999-01-01"), "is in the future"),
        (COUNTRY_OK.replace("kind: legal", "kind: lawyer"), ":11: 'kind' must be one of"),
        (
            COUNTRY_OK.replace("    phone: null\n", "    phone: null\n    fax: null\n", 1),
            ":8: unknown field 'fax'",
        ),
        (COUNTRY_OK.replace("country: TH", "country: MY"), ":2: 'country' must be 'TH'"),
        (COUNTRY_OK.replace('phone: "+00 0000"', "phone: 12345"), "'phone' must be text or null"),
        # a second number for the same contact must not silently replace the first
        (
            COUNTRY_OK.replace(
                '    phone: "+00 0000"\n', '    phone: "+00 0000"\n    phone: "1"\n'
            ),
            ":14: duplicate key 'phone'",
        ),
        # a shipped number also says how old its source is
        (
            COUNTRY_OK.replace("    source_date: 2024-04\n", ""),
            ":11: a shipped contact with a phone or url needs the date of its source",
        ),
        (
            COUNTRY_OK.replace("source_date: 2024-04", "source_date: spring 2024"),
            ":16: 'source_date' must be written YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            COUNTRY_OK.replace("source_date: 2024-04", "source_date: 2024-13"),
            ":16: 'source_date' must be written",
        ),
        (
            COUNTRY_OK.replace("source_date: 2024-04", "source_date: 2024-06"),
            ":16: the source cannot be newer than the date it was 'checked'",
        ),
        # a number is digits and separators: hours or words go in 'note', never in the number
        (
            COUNTRY_OK.replace('phone: "+00 0000"', 'phone: "1300 (24 hours)"'),
            ":13: 'phone' must be a number",
        ),
        (COUNTRY_OK.replace('phone: "+00 0000"', 'phone: "12"'), ":13: 'phone' must be a number"),
        (
            COUNTRY_OK.replace(
                '    phone: "+00 0000"\n', '    phone: "+00 0000"\n    whatsapp: ask\n'
            ),
            ":14: 'whatsapp' must be a number",
        ),
        (
            COUNTRY_OK.replace(
                '    url: null\n    source: "A', '    url: example.org\n    source: "A'
            ),
            ":14: 'url' must start with https://",
        ),
        (COUNTRY_OK.replace("name: Thailand", "name: Thailand\ncaution: ''"), "'caution' must"),
    ],
)
def test_country_errors(tmp_path: Path, broken: str, expected: str) -> None:
    write(tmp_path, "countries/TH.yaml", broken)
    with pytest.raises(ContentError) as info:
        content.load_country("TH", tmp_path)
    assert "TH.yaml" in info.value.message
    assert expected in info.value.message


def test_staff_overrides_replace_a_kind_and_add_new_kinds(tmp_path: Path) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK)
    profile = content.load_country(
        "TH",
        tmp_path,
        overrides={
            "child_protection": [
                {
                    "name": "Local child protection team",
                    "phone": "555 0101",
                    "source": "Added by staff",
                    "checked": "2024-06-01",
                }
            ],
            "shelter": [{"name": "Local shelter (ask staff)"}],
        },
    )
    kinds = [contact.kind for contact in profile.services]
    assert kinds == ["child_protection", "legal", "shelter"]
    local = profile.of_kind("child_protection")
    assert len(local) == 1 and local[0].phone == "555 0101"
    assert local[0].checked == datetime.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"legal": [{"name": "X", "phone": "1"}]}, "needs its public 'source'"),
        ({"pizza": [{"name": "X"}]}, "unknown service kind 'pizza'"),
        ({"legal": [{"name": ""}]}, "'name' must be non-empty text"),
        ({"legal": "not a list"}, "expected a list"),
        ({"legal": [{"name": "X", "kind": "medical"}]}, "listed under 'legal'"),
        ({"legal": [{"name": "X", "email": "a@b"}]}, "unknown field 'email'"),
    ],
)
def test_bad_staff_overrides_are_errors(
    tmp_path: Path, overrides: dict[str, object], expected: str
) -> None:
    write(tmp_path, "countries/TH.yaml", COUNTRY_OK)
    with pytest.raises(ContentError) as info:
        content.load_country("TH", tmp_path, overrides=overrides)  # type: ignore[arg-type]
    assert expected in info.value.message


def test_list_countries_without_folder_is_empty(tmp_path: Path) -> None:
    assert content.list_countries(tmp_path) == []


def test_content_error_keeps_file_line_and_problem_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "rights.yaml", RIGHTS_OK.replace("icon: paper", "icon: rocket"))
    with pytest.raises(ContentError) as info:
        content.load_rights(tmp_path)
    error = info.value
    assert (error.file, error.line) == (str(path), 4)  # type: ignore[attr-defined]
    assert error.problem.startswith("unknown icon 'rocket'")  # type: ignore[attr-defined]
