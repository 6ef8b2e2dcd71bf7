"""`kiosk simulate FLOW --answers FILE [--lang L] [--json]`: run a flow headless, through the same
kiosk session the window uses (see kiosk/app/scripted.py for the steps)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "simulate", help="run a flow headless from scripted answers", description=__doc__
    )
    parser.add_argument("flow", type=Path, help="the flow file")
    parser.add_argument("--answers", type=Path, required=True, help="YAML file of steps")
    parser.add_argument("--lang", help="the person's language code")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.app.scripted import format_text, run_simulation
    from kiosk.core.flow_loader import load_flow
    from kiosk.core.validation import indicator_tags

    flow = load_flow(args.flow, indicator_tags())
    result = run_simulation(flow, args.answers, args.lang)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_text(result))
    return 0
