"""Child process for the kiosk-session crash test: a person answers through the session layer
(the window's path) and each answer is acknowledged once `handle` returned.

Run as `python -m tests.crash_kiosk STORE_PATH PASSPHRASE FLOWS_DIR FLOW_PATH MODE`; prints
`ack INTERVIEW_ID NODE VALUE` after each answer intent returned. MODE `once`: one answer, then it
waits to be killed (a kill right after the click); `loop`: interviews one after another until
the parent kills it at a random moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.app import intents as i
from kiosk.app.flows import FlowLibrary
from kiosk.app.pages import BreakOffer, Handover, Locked, Question, SafetyHold, StaffStep
from kiosk.app.session import KioskSession
from kiosk.core.store import Store

SAFE = ("private_room", "paper")


def main() -> None:
    store_path, passphrase, flows_dir, flow_path, mode = sys.argv[1:6]
    kiosk = KioskSession(FlowLibrary(Path(flows_dir)))
    kiosk.handle(i.Unlocked(Store.open(Path(store_path), passphrase)))
    sys.stdout.write("ready\n")
    number = 0
    while True:
        kiosk.handle(i.GoHome())
        kiosk.handle(i.NewInterview())
        kiosk.handle(i.StartInterview(Path(flow_path), "en", safety_checked=SAFE))
        for _ in range(60):
            page, live = kiosk.page, kiosk.live
            assert live is not None
            if isinstance(page, Question) and page.screen.node is not None:
                node = page.screen.node
                if node.kind != "question":
                    kiosk.handle(i.Continue())
                    continue
                number += 1
                value = "yes" if node.id == "consent" else "no"
                if node.type == "age":
                    value = str(20 + number % 40)
                elif node.type == "free_text":
                    value = f"story {number}"
                kiosk.handle(i.Answer(int(value) if node.type == "age" else value))
                sys.stdout.write(f"ack {live.interview_id} {node.id} {value}\n")
                if mode == "once":
                    time.sleep(3600)  # acknowledged: nothing else happens before the kill
            elif isinstance(page, Handover | SafetyHold):
                kiosk.handle(i.HandOver())
            elif isinstance(page, Locked):
                kiosk.handle(i.StaffVerified())
            elif isinstance(page, StaffStep):
                kiosk.handle(i.StaffContinue())
            elif isinstance(page, BreakOffer):
                kiosk.handle(i.AnswerBreakOffer(False))
            else:
                break


if __name__ == "__main__":
    main()
