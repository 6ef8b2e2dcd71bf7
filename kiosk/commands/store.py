"""`kiosk store init|list|show|verify|rekey|backup|export`: the encrypted store, non-interactively.

The passphrase comes from `--passphrase-file F`, `KIOSK_PASSPHRASE`, or a prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("store", help="manage the encrypted store", description=__doc__)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--passphrase-file", help="read the passphrase from this file")
        return sub

    action("init", "create a new store").set_defaults(handler=run_init)
    listing = action("list", "list interviews")
    listing.add_argument("--status", choices=["open", "on_break", "stopped", "finished"])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    show = action("show", "show one interview's events")
    show.add_argument("interview", help="interview id or reference number")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    action("verify", "check the store's integrity").set_defaults(handler=run_verify)
    rekey = action("rekey", "change the passphrase")
    rekey.add_argument("--new-passphrase-file", help="read the new passphrase from this file")
    rekey.set_defaults(handler=run_rekey)
    backup = action("backup", "write an encrypted backup copy")
    backup.add_argument("destination", type=Path)
    backup.add_argument("--backup-passphrase-file", help="passphrase for the copy (default: same)")
    backup.add_argument(
        "--salvage",
        action="store_true",
        help="from a damaged store: copy everything still readable (see kiosk store verify)",
    )
    backup.set_defaults(handler=run_backup)
    export = action("export", "write everything as plain JSON (leaves the encryption!)")
    export.add_argument("-o", "--output", type=Path, required=True)
    export.set_defaults(handler=run_export)


def _open(args: argparse.Namespace, exclusive: bool = False):  # type: ignore[no-untyped-def]
    from kiosk.core.passphrase import read_passphrase
    from kiosk.core.paths import store_path
    from kiosk.core.store import Store

    return Store.open(store_path(), read_passphrase(args.passphrase_file), exclusive=exclusive)


def run_init(args: argparse.Namespace) -> int:
    from kiosk.core.errors import KioskError
    from kiosk.core.passphrase import read_passphrase, strength_problem
    from kiosk.core.paths import store_path
    from kiosk.core.store_files import build_store

    path = store_path()
    passphrase = read_passphrase(args.passphrase_file, confirm=True)
    problem = strength_problem(passphrase)
    if problem:
        raise KioskError(f"the passphrase is too weak: {problem}")
    replaced = build_store(path, passphrase)
    if replaced:
        print(f"Replaced an unfinished store file that held no data at {path}")
    print(f"Created an encrypted store at {path}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.list_interviews(args.status)
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], indent=2))
        return 0
    print(f"{'id':16}  {'flow':16} {'status':9} {'path':6} {'lang':5} {'events':>6}  updated")
    for row in rows:
        print(
            f"{row.id:16}  {row.flow_id[:16]:16} {row.status:9} {row.path:6} {row.language:5} "
            f"{row.event_count:>6}  {row.updated_at}"
        )
    print(f"{len(rows)} interview(s)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with _open(args) as store:
        summary = store.interview(args.interview)
        events = store.events(summary.id)
    if args.json:
        print(
            json.dumps(
                {
                    "interview": summary.__dict__,
                    "events": [
                        {"seq": e.seq, "at": e.at, "kind": e.kind, "actor": e.actor, "data": e.data}
                        for e in events
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"Interview {summary.id} ({summary.flow_id} v{summary.flow_version}), {summary.status}")
    for event in events:
        print(
            f"  {event.seq:4} {event.at} {event.actor:6} {event.kind} "
            f"{json.dumps(event.data, ensure_ascii=False)}"
        )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.commands.store_report import verify_report
    from kiosk.core.passphrase import read_passphrase
    from kiosk.core.paths import store_path
    from kiosk.core.store_verify import diagnose

    diagnosis = diagnose(store_path(), read_passphrase(args.passphrase_file))
    for line in verify_report(diagnosis):
        print(line)
    return 0 if diagnosis.intact else 1


def run_rekey(args: argparse.Namespace) -> int:
    from kiosk.core.errors import KioskError
    from kiosk.core.passphrase import read_passphrase, strength_problem

    current = _current_passphrase(args)
    if args.new_passphrase_file:
        new = read_passphrase(args.new_passphrase_file, use_env=False)
    elif sys.stdin is not None and sys.stdin.isatty():
        new = read_passphrase(None, confirm=True, prompt="New passphrase: ", use_env=False)
    else:
        raise KioskError(
            "the new passphrase is needed: use --new-passphrase-file FILE "
            "(KIOSK_PASSPHRASE only ever gives the current one); nothing was changed"
        )
    problem = strength_problem(new)
    if problem:
        raise KioskError(f"the new passphrase is too weak: {problem}; nothing was changed")
    with _open_with(current, exclusive=True) as store:
        store.rekey(current, new)
    print(
        "The passphrase was changed and checked: the new one opens the store, the old one no "
        "longer does. Backups made before now still open with the old passphrase."
    )
    return 0


def _current_passphrase(args: argparse.Namespace) -> str:
    from kiosk.core.passphrase import read_passphrase

    return read_passphrase(args.passphrase_file)


def _open_with(passphrase: str, exclusive: bool = False):  # type: ignore[no-untyped-def]
    from kiosk.core.paths import store_path
    from kiosk.core.store import Store

    return Store.open(store_path(), passphrase, exclusive=exclusive)


def run_backup(args: argparse.Namespace) -> int:
    from kiosk.core.passphrase import read_passphrase

    current = _current_passphrase(args)
    if args.backup_passphrase_file:
        passphrase = read_passphrase(args.backup_passphrase_file, use_env=False)
    else:
        passphrase = current
    if args.salvage:
        from kiosk.core.paths import store_path
        from kiosk.core.store_salvage import salvage, salvage_lines

        report = salvage(store_path(), current, args.destination, passphrase)
        for line in salvage_lines(report, args.destination):
            print(line)
        return 0
    with _open_with(current) as store:
        count = store.backup(args.destination, passphrase)
    print(
        f"Encrypted backup of {count} interview(s) written to {args.destination} and checked "
        "(it opens and holds everything)."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kiosk.core.fileio import write_private

    with _open(args) as store:
        data = store.export()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    write_private(args.output, text.encode("utf-8"))
    print(
        f"Exported {len(data['interviews'])} interview(s) to {args.output}. "
        "This file is NOT encrypted: keep it safe and delete it when done."
    )
    return 0
