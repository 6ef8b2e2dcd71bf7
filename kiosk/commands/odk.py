"""`kiosk odk form|connect|status|send`: end-to-end encrypted referrals to ODK Central.

- `form FLOW -o FORM.xml [--xlsx FORM.xlsx]`: the referral form to publish in Central.
- `connect LINK`: the app-user link (`https://SERVER/v1/key/…/projects/N`; give `-` to paste it
  on standard input so it stays out of the shell history). Fetches the published form and its
  public key; the link's token is kept only inside the encrypted store.
- `status`: the server, the form, and the outbox.
- `send`: sends the queued referrals (only to the connected server).
- `disconnect`: removes the link and its token from the store; waiting referrals are kept.
The passphrase comes from `--passphrase-file F`, `KIOSK_PASSPHRASE`, or a prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.core.errors import KioskError
    from kiosk.core.flow import Flow
    from kiosk.core.odk.sender import Outbox, SendProgress
    from kiosk.core.store import Store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "odk", help="encrypted referrals to ODK Central", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    form = actions.add_parser("form", help="write the referral form (XForm) for a flow")
    form.add_argument("flow", type=Path, help="the flow file")
    form.add_argument("-o", "--output", type=Path, required=True, help="the XForm to write")
    form.add_argument("--xlsx", type=Path, help="also write the XLSForm workbook here")
    form.set_defaults(handler=run_form)

    def with_store(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--passphrase-file", help="read the passphrase from this file")
        return sub

    connect = with_store("connect", "connect to a Central project with an app-user link")
    connect.add_argument("link", help="the app-user link, or - to read it from standard input")
    connect.add_argument("--flow", type=Path, help="the flow (default: the built-in one)")
    connect.add_argument("--timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    connect.set_defaults(handler=run_connect)

    status = with_store("status", "show the server, the form and the outbox")
    status.add_argument("--json", action="store_true")
    status.add_argument("--flow", type=Path, help="the flow (default: the built-in one)")
    status.set_defaults(handler=run_status)

    send = with_store("send", "send the queued referrals")
    send.add_argument("--flow", type=Path, help="the flow (default: the built-in one)")
    send.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the server")
    send.add_argument("--retries", type=int, default=4, help="tries again after a passing problem")
    send.add_argument("--backoff", type=float, default=1.0, help=argparse.SUPPRESS)
    send.set_defaults(handler=run_send)

    disconnect = with_store("disconnect", "remove the link and its token from this kiosk")
    disconnect.set_defaults(handler=run_disconnect)


def _flow(path: Path | None, flow_id: str | None = None) -> Flow:
    from kiosk.core.errors import KioskError
    from kiosk.core.flow_loader import flow_files, load_flow
    from kiosk.core.paths import flows_dir
    from kiosk.core.validation import indicator_tags

    if path is not None:
        return load_flow(path, indicator_tags())
    flows = [load_flow(file, indicator_tags()) for file in flow_files([flows_dir()])]
    if flow_id is not None:
        flows = [flow for flow in flows if flow.id == flow_id]
    if len(flows) == 1:
        return flows[0]
    if flow_id is not None and not flows:
        raise KioskError(
            f"this kiosk has no flow '{flow_id}' (the connected form's flow): "
            "give its file with --flow FILE"
        )
    raise KioskError("choose the flow with --flow FILE")


def run_form(args: argparse.Namespace) -> int:
    from kiosk.core.atomic import write_atomic
    from kiosk.core.content import load_indicators
    from kiosk.core.errors import KioskError
    from kiosk.core.odk.form import layout_workbook
    from kiosk.core.odk.layout import build_layout
    from kiosk.core.xlsform.workbook import to_xform, xlsx_bytes

    flow = _flow(args.flow)
    tags = {item.tag: item.label for item in load_indicators().indicators}
    workbook = layout_workbook(build_layout(flow, tags))
    xform, warnings = to_xform(workbook)
    try:
        write_atomic(args.output, xform.encode("utf-8"))
        if args.xlsx:
            write_atomic(args.xlsx, xlsx_bytes(workbook))
    except OSError as error:
        raise KioskError(f"cannot write the form ({error.strerror})") from None
    for warning in warnings:
        print(f"pyxform: {warning}", file=sys.stderr)
    print(f"Wrote the referral form for flow {flow.id} v{flow.version} to {args.output}.")
    print("Publish it in Central, turn on managed encryption, then: kiosk odk connect LINK")
    return 0


def _open_store(args: argparse.Namespace) -> Store:
    from kiosk.core.passphrase import read_passphrase
    from kiosk.core.paths import store_path
    from kiosk.core.store import Store

    return Store.open(store_path(), read_passphrase(args.passphrase_file))


def _read_link(text: str) -> str:
    from kiosk.core.errors import KioskError

    if text != "-":
        return text
    line = sys.stdin.readline()
    if not line.strip():
        raise KioskError("no link on standard input")
    return line


def run_connect(args: argparse.Namespace) -> int:
    from kiosk.core.odk.client import CentralClient
    from kiosk.core.odk.connect import connect
    from kiosk.core.odk.link import parse_link, save_connection

    link = parse_link(_read_link(args.link))
    flow = _flow(args.flow)
    with _open_store(args) as store:
        with CentralClient(link, timeout=args.timeout) as client:
            connection = connect(link, flow, client)
        save_connection(store, connection)
    print(f"Connected to {link.display_url}.")
    print(
        f"Form: {connection.form_title} ({connection.target.form_id} "
        f"v{connection.target.form_version}), encrypted."
    )
    return 0


def _outbox(store: Store, flow_path: Path | None) -> Outbox:
    from kiosk.core.errors import KioskError
    from kiosk.core.odk.link import load_connection
    from kiosk.core.odk.sender import Outbox

    connection = load_connection(store)
    if connection is None:
        raise KioskError("not connected to a Central server yet: kiosk odk connect LINK")
    flow = _flow(flow_path, connection.flow_id)
    if flow.id != connection.flow_id:
        raise KioskError(f"the connected form is for flow '{connection.flow_id}', not '{flow.id}'")
    return Outbox(store, flow, connection)


def _unreadable_lines(unreadable: tuple[KioskError, ...]) -> list[str]:
    return [f"Not prepared: {error}" for error in unreadable]


def run_status(args: argparse.Namespace) -> int:
    from kiosk.core.odk.outbox import ItemState, queued_elsewhere

    with _open_store(args) as store:
        outbox = _outbox(store, args.flow)
        synced = outbox.sync()
        counts = outbox.counts()
        elsewhere = queued_elsewhere(store, outbox.connection.target)
        problems = [item.problem for item in outbox.pending() if item.problem]
    connection = outbox.connection
    unreadable = [str(error) for error in synced.unreadable]
    if args.json:
        print(
            json.dumps(
                {
                    "server": connection.link.display_url,
                    "form_id": connection.target.form_id,
                    "form_version": connection.target.form_version,
                    "connected_at": connection.connected_at,
                    "outbox": {state.value: count for state, count in counts.items()},
                    "waiting_for_another_form_or_project": elsewhere,
                    "last_problem": problems[-1] if problems else None,
                    "not_prepared": unreadable,
                },
                indent=2,
            )
        )
        return 1 if unreadable else 0
    print(f"Server: {connection.link.display_url}")
    print(
        f"Form: {connection.form_title} ({connection.target.form_id} "
        f"v{connection.target.form_version}), connected {connection.connected_at}"
    )
    print(
        f"Outbox: {counts[ItemState.QUEUED]} waiting, {counts[ItemState.SENT]} sent, "
        f"{counts[ItemState.WITHDRAWN]} withdrawn (consent withdrawn, never sent), "
        f"{counts[ItemState.REFUSED]} refused by the server"
        + (
            f", {counts[ItemState.DAMAGED]} damaged in the store (never sent)"
            if counts[ItemState.DAMAGED]
            else ""
        )
    )
    if elsewhere:
        print(
            f"Of those waiting, {elsewhere} are for another form or project (encrypted for its "
            "key): they are sent only when this kiosk is connected to it again."
        )
    if problems:
        print(f"Last problem: {problems[-1]}")
    for line in _unreadable_lines(synced.unreadable):
        print(line, file=sys.stderr)
    return 1 if unreadable else 0


def run_send(args: argparse.Namespace) -> int:
    from kiosk.core.odk.client import CentralClient

    def show(step: SendProgress) -> None:
        if step.retry_in:
            print(f"  trying again in {step.retry_in:g} s…", flush=True)
        else:
            print(f"  {step.done} of {step.total} done", flush=True)

    with _open_store(args) as store:
        outbox = _outbox(store, args.flow)
        with CentralClient(outbox.connection.link, timeout=args.timeout) as client:
            report = outbox.send(client, progress=show, retries=args.retries, backoff=args.backoff)
    print(
        f"Sent {report.sent} referral(s) to {outbox.connection.link.display_url}; "
        f"{report.remaining} waiting"
        + (f", {report.refused} refused" if report.refused else "")
        + (
            f"; {report.damaged} stored copy(ies) were damaged and have been rebuilt"
            if report.damaged
            else ""
        )
        + "."
    )
    for line in _unreadable_lines(report.unreadable):
        print(line, file=sys.stderr)
    if report.problem is not None:
        print(f"kiosk: {report.problem.message}", file=sys.stderr)
        return 1
    return 1 if report.unreadable or report.held else 0


def run_disconnect(args: argparse.Namespace) -> int:
    from kiosk.core.odk.link import ConnectionDamaged, forget_connection, load_connection
    from kiosk.core.odk.outbox import ItemState, items

    with _open_store(args) as store:
        try:
            connection = load_connection(store)
        except ConnectionDamaged:
            connection = None
        else:
            if connection is None:
                print("This kiosk is not connected to a Central server.")
                return 0
        forget_connection(store)
        waiting = len(items(store, ItemState.QUEUED))
    where = connection.link.display_url if connection else "the server (damaged link)"
    print(f"Disconnected from {where}: the link and its token are removed from this kiosk.")
    if waiting:
        print(
            f"{waiting} referral(s) still wait, encrypted for that project; they are sent only "
            "after connecting again to the same project."
        )
    return 0
