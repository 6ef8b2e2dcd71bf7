"""Child process for the lock tests: holds the store open the way the window does.

Run as `python -m tests.store_holder STORE_PATH PASSPHRASE FLOW_PATH`; it starts an interview,
prints `ready ID`, then for each line `write` on its stdin records one event and prints `ok N`
(or `error MESSAGE`); end of input closes the store.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.flow_loader import load_flow
from kiosk.core.interview import InterviewSession
from kiosk.core.store import Store


def main() -> None:
    store_path, passphrase, flow_path = sys.argv[1:4]
    store = Store.open(Path(store_path), passphrase)
    session = InterviewSession.start(store, load_flow(Path(flow_path)), "en")
    print(f"ready {session.interview_id}", flush=True)
    number = 0
    for line in sys.stdin:
        if line.strip() != "write":
            continue
        number += 1
        try:
            session.add_disclosure(f"note {number}")
            print(f"ok {number}", flush=True)
        except KioskError as error:
            print(f"error {error.message}", flush=True)
    store.close()


if __name__ == "__main__":
    main()
