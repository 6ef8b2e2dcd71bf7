"""`kiosk models install FILE.argosmodel | list | remove FROM TO` — offline translation models."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "models",
        help="install, list or remove offline translation models",
        description="Manage offline translation models (.argosmodel files). Nothing is downloaded.",
    )
    actions = parser.add_subparsers(dest="models_action", metavar="ACTION", required=True)

    install = actions.add_parser("install", help="install a .argosmodel file")
    install.add_argument("file", type=Path, metavar="FILE.argosmodel")
    install.add_argument(
        "--replace", action="store_true", help="replace a model already installed for the pair"
    )
    install.set_defaults(handler=run_install)

    listing = actions.add_parser("list", help="list installed models")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser("remove", help="remove the model for a language pair")
    remove.add_argument("from_code", metavar="FROM")
    remove.add_argument("to_code", metavar="TO")
    remove.set_defaults(handler=run_remove)


def run_install(args: argparse.Namespace) -> int:
    from kiosk.core.translation import models

    _check_is_a_file(args.file)
    model = models.install_model(args.file, replace=args.replace)
    print(f"Installed {model.from_code} → {model.to_code} ({model.from_name} → {model.to_name}).")
    return 0


def _check_is_a_file(path: Path) -> None:
    """A folder or a pipe given by mistake gets its own plain line (not "no such file")."""
    from kiosk.core.errors import KioskError
    from kiosk.core.fileio import kind_problem

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the installer says what is wrong with a path that cannot be read
    problem = kind_problem(mode)
    if problem:
        raise KioskError(f"{path} {problem}: give the .argosmodel file itself.")


def run_list(args: argparse.Namespace) -> int:
    from kiosk.core.translation import models

    installed = models.list_models()
    if args.json:
        rows = [
            {
                "from": m.from_code,
                "to": m.to_code,
                "from_name": m.from_name,
                "to_name": m.to_name,
                "version": m.package_version,
                "sentence_model": m.splitter_model is not None,
            }
            for m in installed
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not installed:
        print("No translation models installed. Add one with: kiosk models install FILE.argosmodel")
        return 0
    for m in installed:
        version = f"  version {m.package_version}" if m.package_version else ""
        print(f"{m.from_code} → {m.to_code}  {m.from_name} → {m.to_name}{version}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from kiosk.core.translation import models

    model = models.remove_model(args.from_code, args.to_code)
    print(f"Removed {model.from_code} → {model.to_code}.")
    return 0
