"""flows/schema.json (the machine-checkable schema) agrees with the loader on real flows."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kiosk.core.flow_loader import flow_files

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "flows" / "schema.json").read_text(encoding="utf-8"))
FLOWS = [*flow_files([ROOT / "flows"]), ROOT / "tests/data/flows/demo.yaml"]


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FLOWS, ids=lambda p: p.name)
def test_flows_match_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    assert errors == []


@pytest.mark.parametrize(
    "name",
    ["unknown_field.yaml", "bad_kind.yaml", "wrong_format.yaml", "not_mapping.yaml"],
)
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    data = yaml.safe_load((ROOT / "tests/data/broken_flows" / name).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
