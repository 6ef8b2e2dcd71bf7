"""Validation of shipped or given flow and content files, as `file:line: message` problems."""

from __future__ import annotations

from pathlib import Path

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.flow_loader import Problem, flow_files, read_flow


def indicator_tags() -> set[str] | None:
    """Tags from the shipped indicator catalogue, or None when it cannot be read."""
    try:
        from kiosk.core.content import load_indicators
    except ImportError:
        return None
    try:
        return {indicator.tag for indicator in load_indicators().indicators}
    except KioskError:
        return None


def validate_paths(given: list[Path]) -> tuple[list[Problem], int]:
    """Check every flow file under `given` (default: the built-in flows and content)."""
    problems: list[Problem] = []
    targets = given or [paths.flows_dir()]
    tags = indicator_tags()
    files = []
    for target in targets:
        if not target.exists():
            problems.append(Problem(str(target), 0, "no such file or folder"))
            continue
        files.extend(flow_files([target]))
    for file in files:
        _flow, found = read_flow(file, tags)
        problems.extend(found)
    if not given:
        problems.extend(_content_problems())
    return problems, len(files)


def _content_problems() -> list[Problem]:
    try:
        from kiosk.core import content
    except ImportError:
        return []
    root = paths.content_dir()
    found: list[Problem] = []
    checks = [
        ("indicators.yaml", content.load_indicators),
        ("rights.yaml", content.load_rights),
    ]
    for name, loader in checks:
        try:
            loader()
        except KioskError as error:
            found.append(Problem(str(root / name), 0, error.message))
    try:
        for code in content.list_countries():
            content.load_country(code)
    except KioskError as error:
        found.append(Problem(str(root / "countries"), 0, error.message))
    return found
