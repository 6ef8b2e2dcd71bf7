"""Validation of shipped or given flow and content files, as `file:line: message` problems."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from kiosk.core import paths
from kiosk.core.content import indicator_catalog
from kiosk.core.errors import ContentError
from kiosk.core.flow_loader import flow_files, read_flow
from kiosk.core.problems import Problem


def indicator_tags() -> frozenset[str] | None:
    """Tags from the shipped indicator catalogue, or None when it cannot be read."""
    catalog = indicator_catalog()
    return catalog.tags() if catalog is not None else None


def validate_paths(given: list[Path]) -> tuple[list[Problem], int]:
    """Check every flow file under `given` (default: built-in flows, content and catalogs)."""
    problems: list[Problem] = []
    targets = given or [paths.flows_dir()]
    tags = indicator_tags()
    files = []
    for target in targets:
        if not target.exists():
            problems.append(Problem(str(target), 0, "no such file or folder"))
            continue
        in_target = flow_files([target])
        if not in_target:
            problems.append(Problem(str(target), 0, "this folder holds no flow files (*.yaml)"))
        files.extend(in_target)
    for file in files:
        _flow, found = read_flow(file, tags)
        problems.extend(found)
    if not given:
        problems.extend(_content_problems())
        problems.extend(_catalog_problems())
    return problems, len(files)


def _content_problems() -> list[Problem]:
    from kiosk.core import content

    root = paths.content_dir()
    found: list[Problem] = []

    def check(fallback: str, load: Callable[[], object]) -> None:
        try:
            load()
        except ContentError as error:
            found.append(Problem(error.file or fallback, max(error.line, 1), error.problem))

    check(str(root / "indicators.yaml"), content.load_indicators)
    check(str(root / "rights.yaml"), content.load_rights)
    try:
        codes = content.list_countries()
    except ContentError as error:
        found.append(Problem(error.file or str(root / "countries"), 1, error.problem))
        codes = []
    for code in codes:
        check(str(root / "countries" / f"{code}.yaml"), partial(content.load_country, code))
    return found


def _catalog_problems() -> list[Problem]:
    from kiosk.core.i18n.status import check

    return [Problem(p.file, max(p.line, 1), p.message) for p in check()]
