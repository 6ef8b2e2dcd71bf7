"""The validator reports every problem as file:line: message, for a corpus of broken flows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.flow_loader import read_flow

BROKEN = Path(__file__).parent / "data" / "broken_flows"
HEAD = b"format: 1\nflow: f\nversion: 1\ntitle: T\nnodes:\n"
EXPECTED: dict[str, list] = json.loads((BROKEN / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_flow_reports_its_problem_at_the_right_line(name: str) -> None:
    line, fragment = EXPECTED[name]
    _flow, problems = read_flow(BROKEN / name)
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"expected {fragment!r}, got {[str(p) for p in problems]}"
    assert matching[0].line == line
    assert str(matching[0]).startswith(f"{BROKEN / name}:{line}: ")


def test_validate_command_lists_all_problems_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["validate", str(BROKEN)])
    out = capsys.readouterr().out
    assert code == 1
    for name, (_line, fragment) in EXPECTED.items():
        assert f"{name}:" in out and fragment in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b"[" * 100_000,
        b"a: " + b"{b: " * 5000 + b"}" * 5000,
        b"x" * 1_100_000,
        b"   \n\n",
        b"format: 1\nnodes: 3\n",
        b"format: 1\nflow: f\nversion: true\ntitle: T\nnodes:\n  - 7\n  - {id: z, kind: end}\n",
        HEAD + b"  - {id: q, kind: question, type: yes_no,"
        b" text: Q, branches: [{if: '" + b"(" * 300 + b"', goto: z}]}\n  - {id: z, kind: end}\n",
        HEAD + b"  - {id: q, kind: question, type: number,"
        b" text: Q, min: 'a', options: 3, indicators: 5}\n  - {id: z, kind: end}\n",
    ],
    ids=[
        "binary",
        "deep-list",
        "deep-map",
        "huge",
        "blank",
        "nodes-not-list",
        "junk-node",
        "deep-condition",
        "wrong-field-types",
    ],
)
def test_validate_never_tracebacks_whatever_the_file_holds(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_bytes(content)
    code = main(["validate", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.out + captured.err
    assert "internal error" not in captured.err
    first = captured.out.splitlines()[0]
    assert first.startswith(f"{path}:")


def test_missing_path_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file" in capsys.readouterr().out


def test_valid_test_flow_passes(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(repo_root / "tests/data/flows/demo.yaml")]) == 0
    assert "no problems" in capsys.readouterr().out


def test_unknown_indicator_tag_is_reported(repo_root: Path) -> None:
    _flow, problems = read_flow(repo_root / "tests/data/flows/demo.yaml", {"ilo_deception"})
    assert [p.message for p in problems] == [
        "node 'docs': unknown indicator tag 'ilo_retention_of_documents'"
    ]
