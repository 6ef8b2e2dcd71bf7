"""Flow -> XLSForm -> flow: the shipped flow (whatever it is on main) and a flow using every
field come back with the same nodes, branches, conditions, policy and curated translations; the
exported workbook is an XLSForm pyxform turns into an XForm."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.core import paths
from kiosk.core.flow import Condition, Flow
from kiosk.core.flow_loader import flow_files, load_flow
from kiosk.core.i18n.catalogs import Catalogs, load_catalog
from kiosk.core.i18n.extract import flow_strings
from kiosk.core.i18n.languages import TRANSLATED
from kiosk.core.validation import indicator_tags
from kiosk.core.xlsform.exporter import export_flow
from kiosk.core.xlsform.relevance import lantern_source
from kiosk.core.xlsform.workbook import to_xform

EVERY_FIELD = """\
format: 1
flow: every_field
version: 7
title: Every field
description: A flow that uses every field the format has.
language: en
child_wording: optional
age_question: age
start: check
policy:
  safety_check: check
  safe_to_start: "'room' in check"
  not_ready: not_ready
  paper_is_safe: paper == 'yes'
  take_away_on: [thanks]
  break_before: sensitive or hours > 60
  safety_alerts:
    - id: afraid
      if: afraid == 'yes'
      reason: The person is afraid now.
  referral_hints:
    - service: medical
      if: hurt == 'yes'
nodes:
  - id: check
    kind: staff_check
    text: Staff only. Check the room.
    help: Ask anyone else to wait outside.
    items:
      - id: room
        text: The room is private.
      - id: paper_ok
        text: Paper is safe.
    branches:
      - if: not ('room' in check)
        goto: not_ready
    next: s_one
  - id: not_ready
    kind: staff_note
    text: Do not start yet.
    next: end_stopped
  - id: end_stopped
    kind: end
    outcome: stopped_safely
  - id: s_one
    kind: section
    title: Part one
  - id: age
    kind: question
    type: age
    text: How old are you?
    child_text: How old are you?
    interpreter_note: Never argue about age.
  - id: hours
    kind: question
    type: number
    text: How many hours did you work each week?
    min: 0
    max: 168.5
    dont_know: true
  - id: arrived
    kind: question
    type: date
    when: hours >= 40
    text: When did you arrive?
  - id: s_two
    kind: section
    title: Part two
    when: age is answered
    branches:
      - if: child and hours is declined
        goto: afraid
  - id: paper
    kind: question
    type: yes_no
    consent: referral
    dont_know: false
    text: May we share your answers?
    help: Only with your yes.
  - id: hurt
    kind: question
    type: yes_no
    sensitive: true
    text: Did the work hurt you?
    indicators: [ilo_abusive_conditions]
    notes_when: hurt == 'yes' and arrived is answered
  - id: sectors
    kind: question
    type: multiple_choice
    when: not child and (paper != 'no' or 'room' in check)
    text: Which work did you do?
    options:
      - value: fishing
        text: Fishing
        child_text: Boats
        indicators: [ilo_excessive_overtime]
      - value: other
        text: Other work
  - id: place
    kind: question
    type: single_choice
    when: hurt is not declined
    text: Where did you sleep?
    options:
      - value: work
        text: At work
      - value: home
        text: At home
  - id: place_known
    kind: question
    type: free_text
    dont_know: false
    text: Anything else?
  - id: afraid
    kind: question
    type: yes_no
    when: sectors is not_asked or 'fishing' in sectors
    text: Are you afraid now?
  - id: thanks
    kind: info
    when: language == 'km' or path == 'adult'
    text: Thank you.
    child_text: Thanks.
    next: end_done
  - id: end_done
    kind: end
    outcome: completed
    text: The end.
"""


def comparable(value: Any) -> Any:
    """A flow as plain data, without file lines; conditions as their parsed meaning."""
    if isinstance(value, Condition):
        return ("condition", lantern_source(value.tree))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: comparable(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.name not in ("line", "path") and not field.name.startswith("_")
        }
    if isinstance(value, tuple):
        return tuple(comparable(item) for item in value)
    return value


def round_trip(
    flow_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Flow, Flow, Path, Path]:
    workbook = tmp_path / "form.xlsx"
    back = tmp_path / "back.yaml"
    catalogs = tmp_path / "translations"
    catalogs.mkdir()
    assert main(["xlsform", "export", str(flow_file), "-o", str(workbook)]) == 0
    code = main(
        ["xlsform", "import", str(workbook), "-o", str(back), "--translations", str(catalogs)]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert main(["validate", str(back)]) == 0
    tags = indicator_tags()
    return load_flow(flow_file, tags), load_flow(back, tags), catalogs, workbook


SHIPPED = flow_files([paths.flows_dir()])


@pytest.mark.parametrize("flow_file", SHIPPED, ids=[path.name for path in SHIPPED])
def test_shipped_flow_comes_back_the_same(
    flow_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original, back, catalogs, _workbook = round_trip(flow_file, tmp_path, capsys)
    assert [node.id for node in back.nodes] == [node.id for node in original.nodes]
    for before, after in zip(original.nodes, back.nodes, strict=True):
        assert comparable(after) == comparable(before), before.id
    assert comparable(back.policy) == comparable(original.policy)
    assert comparable(back) == comparable(original)

    # Every curated (reviewed or draft) translation of the flow's texts travels with it;
    # machine translations do not (an XLSForm cannot say what they are).
    shipped = Catalogs()
    for code in TRANSLATED:
        expected = {}
        for string in flow_strings(original):
            if ":policy." in string.context:
                continue  # the policy travels as one YAML cell, in English (see flows/README.md)
            if not string.in_flow:
                continue  # an entry made for a register (neutral, child help): no XLSForm column
            entry = shipped.lookup(code, string.context, string.text)
            if entry is not None and entry.status != "machine":
                expected[(string.context, string.text)] = entry.text
        found = load_catalog(code, catalogs).entries
        assert {key: entry.text for key, entry in found.items()} == expected, code
        assert all(entry.status == "draft" for entry in found.values())


def test_a_flow_with_every_field_comes_back_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "every_field.yaml"
    source.write_text(EVERY_FIELD, encoding="utf-8")
    (tmp_path / "trip").mkdir()
    original, back, _catalogs, _workbook = round_trip(source, tmp_path / "trip", capsys)
    assert comparable(back) == comparable(original)
    # Spot checks that the comparison sees real content.
    assert back.node("hours").max == 168.5 and back.node("hours").min == 0
    assert back.node("s_two").when is not None
    assert back.node("s_two").branches[0].goto == "afraid"
    assert back.policy.safety_alerts[0].reason == "The person is afraid now."


def test_export_puts_what_xlsform_can_say_in_standard_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "every_field.yaml"
    source.write_text(EVERY_FIELD, encoding="utf-8")
    flow = load_flow(source, indicator_tags())
    workbook = export_flow(flow, source, None)
    rows = {row["name"]: row for row in workbook.survey if row.get("name")}
    assert rows["s_one"]["type"] == "begin group"
    assert [row["type"] for row in workbook.survey].count("end group") == 2
    assert (
        rows["hours"]["type"] == "decimal"
        and rows["hours"]["constraint"] == ". >= 0 and . <= 168.5"
    )
    assert rows["age"]["type"] == "integer" and rows["age"]["lantern.type"] == "age"
    assert rows["arrived"]["relevant"] == "${hours} >= 40"
    assert rows["afraid"].get("relevant", "") == ""
    assert rows["afraid"]["lantern.when"] == "sectors is not_asked or 'fishing' in sectors"
    assert rows["check"]["type"] == "select_multiple check"
    assert rows["check"]["lantern.kind"] == "staff_check"
    assert rows["check"]["lantern.branches"] == "goto not_ready if not ('room' in check)"
    assert rows["paper"]["type"] == "select_one yes_no"
    assert rows["hurt"]["lantern.indicators"] == "ilo_abusive_conditions"
    assert rows["hurt"]["lantern.sensitive"] == "true"
    assert rows["age"]["guidance_hint::English (en)"] == "Never argue about age."
    assert workbook.settings["form_id"] == "every_field"
    assert workbook.settings["lantern.age_question"] == "age"
    assert "safety_alerts:" in workbook.settings["lantern.policy"]
    options = [row for row in workbook.choices if row.get("list_name") == "sectors"]
    assert options[0]["lantern.child_text"] == "Boats"


def test_exported_shipped_flow_is_an_xlsform_pyxform_converts(tmp_path: Path) -> None:
    flow_file = paths.flows_dir() / "identification.yaml"
    flow = load_flow(flow_file, indicator_tags())
    xform, _warnings = to_xform(export_flow(flow, flow_file, Catalogs()))
    assert "<h:title>" in xform and f"<h:title>{flow.title}</h:title>" in xform
    assert 'lang="Khmer (km)"' in xform
    # A `when` XPath can say is a real relevance in ODK tools.
    assert "relevant=" in xform


def test_export_refuses_an_invalid_flow_and_a_missing_folder_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(EVERY_FIELD.replace("goto: afraid", "goto: nowhere"), encoding="utf-8")
    assert main(["xlsform", "export", str(broken), "-o", str(tmp_path / "x.xlsx")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "branch goes to an unknown node 'nowhere'" in err[0]
    flow_file = paths.flows_dir() / "identification.yaml"
    missing = tmp_path / "no-such-folder" / "form.xlsx"
    assert main(["xlsform", "export", str(flow_file), "-o", str(missing)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "does not exist" in err[0]
    assert not missing.exists()
