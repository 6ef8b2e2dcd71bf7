"""Child process for the crash test: writes events and acknowledges each one once saved.

Run as `python -m tests.crash_writer STORE_PATH PASSPHRASE FLOW_PATH`; prints `ready ID` and then
`ack N` after the engine reports event N saved. The parent kills it with SIGKILL at random.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store


def main() -> None:
    store_path, passphrase, flow_path = sys.argv[1:4]
    store = Store.open_or_create(Path(store_path), passphrase)
    flow = load_flow(Path(flow_path))
    session = InterviewSession.start(store, flow, "en")
    sys.stdout.write(f"ready {session.interview_id}\n")
    sys.stdout.flush()
    number = 0
    while True:
        number += 1
        session.add_disclosure(f"note {number}")
        sys.stdout.write(f"ack {number}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
