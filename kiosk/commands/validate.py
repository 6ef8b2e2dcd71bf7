"""`kiosk validate [PATH...]`: check flows (and content) and report every problem at once."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate", help="check flow and content files", description=__doc__
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="flow files or folders (default: built-in)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.core.problems import errors_only
    from kiosk.core.validation import validate_paths

    problems, checked = validate_paths(list(args.paths))
    for problem in problems:
        print(problem)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    also = f" and {warnings} warning(s)" if warnings else ""
    if errors:
        print(f"{len(errors)} problem(s){also} in {checked} file(s).")
        return 1
    print(f"{checked} file(s) checked, no problems{also.replace(' and', ';')}.")
    return 0
