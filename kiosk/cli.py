"""The `kiosk` command. With no arguments it opens the kiosk window.

Each sub-command lives in its own module under `kiosk.commands` with two functions:
`register(subparsers)` adds its parser(s) and sets `handler=run_function`. Modules must stay
cheap to import: heavy imports go inside the handlers.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from kiosk.core.errors import KioskError
from kiosk.core.hardening import harden_process

COMMAND_MODULES = [
    "kiosk.commands.models",
    "kiosk.commands.translate",
    "kiosk.commands.validate",
    "kiosk.commands.simulate",
    "kiosk.commands.store",
    "kiosk.commands.speech",
    "kiosk.commands.i18n",
    "kiosk.commands.documents",
    "kiosk.commands.first_run",
    "kiosk.commands.odk",
    "kiosk.commands.xlsform",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Lantern kiosk. Run without a command to open the kiosk window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def open_window() -> int:
    from kiosk.core.display import display_problem

    problem = display_problem()
    if problem:
        raise KioskError(problem)
    from kiosk.ui.app import run_app

    return run_app(sys.argv[:1])


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything else is imported or decrypted: telemetry off, no core dumps.
    harden_process()
    # Whatever Lantern writes (store, exports, PDFs, WAVs, caches) is its user's alone: files
    # 0600, folders 0700, even where a library creates them with its own defaults.
    previous_umask = os.umask(0o077)
    try:
        return _main(argv)
    finally:
        os.umask(previous_umask)


def _main(argv: Sequence[str] | None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args_list:
            return open_window()
        parser = build_parser()
        args = parser.parse_args(args_list)
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return 2
        return int(handler(args) or 0)
    except KioskError as error:
        print(f"kiosk: {error.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (e.g. `kiosk store list | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("kiosk: stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so plainly, never a traceback, never data
        if os.environ.get("KIOSK_DEBUG"):
            raise
        print(
            f"kiosk: internal error ({type(error).__name__}). Nothing saved was lost. "
            "Please report this to the Lantern maintainers.",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
