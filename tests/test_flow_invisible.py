"""Invisible characters in flows: bidirectional controls and zero-width characters make a
question or an id read differently from what reviewers saw."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.flow_loader import load_flow, read_flow
from kiosk.core.invisible import invisible_in, shown
from tests.fixtures.core import DATA

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
ZWSP = "\u200b"  # ZERO WIDTH SPACE


def flow_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "flows" / "demo.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "flow.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("id: welcome", f"id: wel{ZWSP}come", "'id'"),
        ("{id: alone,", f"{{id: al{RLO}one,", "'id'"),
        ("goto: close_declined", f"goto: close{RLO}_declined", "'goto'"),
        ("consent_talk == 'no'", f"consent_talk == 'n{ZWSP}o'", "'if'"),
        ("flow: demo", f"flow: de{RLO}mo", "'flow'"),
    ],
)
def test_ids_values_and_conditions_with_invisible_characters_are_errors(
    tmp_path: Path, old: str, new: str, what: str
) -> None:
    _flow, problems = read_flow(flow_with(tmp_path, old, new))
    errors = [p for p in problems if not p.warning and "invisible" in p.message]
    assert errors, problems
    assert what in errors[0].message
    # the report never prints the character itself (it would reorder the report line)
    assert RLO not in str(errors[0]) and ZWSP not in str(errors[0])
    assert "<U+" in str(errors[0])


def test_text_with_invisible_characters_is_a_warning_that_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = flow_with(tmp_path, "text: Shall we talk?", f"text: Shall we {RLO}klat?")
    flow, problems = read_flow(path)
    assert flow is not None
    [warning] = problems
    assert warning.warning and "U+202E RIGHT-TO-LEFT OVERRIDE" in warning.message
    load_flow(path)  # a warning does not stop the flow from being used
    code = main(["validate", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{path}:" in out and ": warning: 'text' contains U+202E" in out
    assert "no problems; 1 warning(s)" in out and RLO not in out


def test_shipped_flows_hold_no_invisible_characters(repo_root: Path) -> None:
    for path in sorted((repo_root / "flows").glob("*.yaml")):
        assert invisible_in(path.read_text(encoding="utf-8")) == [], path


def test_shown_writes_every_kind_out() -> None:
    assert shown(f"a{RLO}b{ZWSP}c\u2066d\u200de") == "a<U+202E>b<U+200B>c<U+2066>d<U+200D>e"
    assert shown("ស្ថានីយ") == "ស្ថានីយ"  # ordinary script is left alone


def test_aliases_are_refused_at_the_alias_line_with_the_c_parser(tmp_path: Path) -> None:
    import yaml

    assert yaml.__with_libyaml__, "Lantern validates 1 MB flows fast only with libyaml"
    _flow, problems = read_flow(DATA / "broken_flows" / "alias.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (7, "anchors and aliases (*name) are not allowed")
    ]
