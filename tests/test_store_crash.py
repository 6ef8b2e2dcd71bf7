"""A process killed at any instant loses nothing it reported saved; the file always reopens."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.core.store import Store
from tests.fixtures.core import DATA, PASSPHRASE

KILLS = 12


def run_and_kill(store_path: Path, delay: float) -> tuple[str, int]:
    """Start a writer, let it run for `delay` seconds after it is ready, SIGKILL it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_writer",
            str(store_path),
            PASSPHRASE,
            str(DATA / "flows" / "demo.yaml"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
    )
    assert process.stdout is not None
    ready = process.stdout.readline().split()
    assert ready and ready[0] == "ready", "writer did not start"
    acknowledged = 0
    lines: list[str] = []

    def reader() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    thread.join(timeout=5)
    process.stdout.close()
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[0] == "ack":
            acknowledged = int(parts[1])
    return ready[1], acknowledged


def test_sigkill_at_random_moments_loses_nothing_acknowledged(kiosk_home: Path) -> None:
    kiosk_home.mkdir(parents=True, exist_ok=True)
    store_path = kiosk_home / "lantern.db"
    Store.create(store_path, PASSPHRASE).close()
    rng = random.Random(20261128)
    total_acknowledged = 0
    for _ in range(KILLS):
        interview_id, acknowledged = run_and_kill(store_path, rng.uniform(0.0, 0.4))
        store = Store.open(store_path, PASSPHRASE)
        try:
            assert store.verify() == []
            notes = [
                e.data["text"] for e in store.events(interview_id) if e.kind == "disclosure_added"
            ]
            # every acknowledged event is there, in order; at most one more (written, not acked)
            assert notes[:acknowledged] == [f"note {n}" for n in range(1, acknowledged + 1)]
            assert len(notes) <= acknowledged + 1
        finally:
            store.close()
        total_acknowledged += acknowledged
    assert total_acknowledged > KILLS, "the writer should have saved events before most kills"
