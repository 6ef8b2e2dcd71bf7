"""`kiosk simulate FLOW --answers FILE [--lang L] [--json] [--save]`: run a flow headless, through
the same kiosk session the window uses (see kiosk/app/scripted.py for the steps). `--save` records
the interview in the encrypted store, exactly as the window would (a connected Central's outbox
then follows it)."""

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
    parser.add_argument(
        "--save", action="store_true", help="record the interview in the encrypted store"
    )
    parser.add_argument("--passphrase-file", help="with --save: read the passphrase from this file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.app.scripted import format_text, run_simulation
    from kiosk.core.flow_loader import load_flow
    from kiosk.core.validation import indicator_tags

    flow = load_flow(args.flow, indicator_tags())
    if args.save:
        return _run_and_save(args, flow)
    result = run_simulation(flow, args.answers, args.lang)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_text(result))
    return 0


def _run_and_save(args: argparse.Namespace, flow: Any) -> int:
    """Record the simulated interview in the real store; a connected Central's outbox follows."""
    from kiosk.app.scripted import format_text, read_steps, run_script
    from kiosk.core.odk import outbox
    from kiosk.core.odk.sender import sync_if_connected
    from kiosk.core.passphrase import read_passphrase
    from kiosk.core.paths import store_path
    from kiosk.core.store import Store

    script_language, steps = read_steps(args.answers)
    language = args.lang or script_language or flow.language
    with Store.open(store_path(), read_passphrase(args.passphrase_file)) as store:
        result = run_script(flow, steps, language, store=store, where=str(args.answers))
        interview_id = result.interview_id
        if interview_id:  # the session already kept the outbox current; make sure, then count
            sync_if_connected(store, flow, interview_id)
        queued = sum(
            1
            for item in outbox.items(store, outbox.ItemState.QUEUED)
            if item.interview_id == interview_id
        )
    if args.json:
        info = {**result.as_dict(), "interview_id": interview_id, "referrals_queued": queued}
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        print(format_text(result))
        print(f"Saved in the store as interview {interview_id}.")
        if queued:
            print(f"{queued} referral(s) queued for the connected Central server.")
    return 0
