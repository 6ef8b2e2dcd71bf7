"""Engine and store benchmarks (issue 2), measured side by side in one run.

1. Answer-to-next-screen in the engine (check, fold, append event + commit, next node) as a
   ratio to a bare SQLCipher INSERT + COMMIT on the same file.   target <= 1.5x
2. Opening the store (key derivation, not weakened) and resuming an interview of 300 events.
                                                                     target < 0.5 s
3. Listing 10,000 interviews (25 events each): in-process after unlocking, and the whole
   `kiosk store list` command (process start + key derivation + query).  target < 0.2 s

Run: python bench/bench_engine.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.events import Event  # noqa: E402
from kiosk.core.flow import Flow  # noqa: E402
from kiosk.core.flow_loader import load_flow, parse_flow  # noqa: E402
from kiosk.core.interview import InterviewSession  # noqa: E402
from kiosk.core.store import Store  # noqa: E402
from kiosk.core.yamlsrc import load_text  # noqa: E402

PASSPHRASE = "benchmark passphrase 2026"
QUESTIONS = 40
EVENTS_PER_LISTED_INTERVIEW = 25  # a short interview; the list reads each one's last event


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_flow() -> Flow:
    """A flow like the real one in shape: sections, yes/no questions with indicators and
    `when` conditions, so each answer folds, evaluates conditions and finds the next screen."""
    nodes = ["  - {id: safety, kind: staff_check, text: Safety, items: [{id: ok, text: OK}]}"]
    for number in range(QUESTIONS):
        if number % 8 == 0:
            nodes.append(f"  - {{id: s{number}, kind: section, title: Part {number}}}")
        when = f', when: "q{number - 1} is answered or child"' if number else ""
        nodes.append(
            f"  - {{id: q{number}, kind: question, type: yes_no, text: 'Question {number}?',"
            f" indicators: [ilo_deception]{when}}}"
        )
    nodes.append("  - {id: done, kind: end, text: Thank you}")
    text = "format: 1\nflow: bench\nversion: 1\ntitle: Bench\nnodes:\n" + "\n".join(nodes)
    flow, problems = parse_flow(load_text(text), "bench.yaml")
    assert flow is not None and not problems, problems
    return flow


def bench_answer_vs_insert(folder: Path, rounds: int) -> None:
    flow = bench_flow()
    store = Store.create(folder / "answer.db", PASSPHRASE)
    raw = store._db  # the same connection and file for the bare baseline
    raw.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, data TEXT)")
    engine_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(rounds):
        session = InterviewSession.start(store, flow, "en")
        session.answer(["ok"])
        # alternate engine step and bare insert so both see the same disk state
        for number in range(QUESTIONS):
            started = time.perf_counter()
            session.answer("yes" if number % 3 else "no")
            session.screen()
            engine_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO bare (data) VALUES (?)", ('{"node": "q", "value": "yes"}',))
            raw.execute("COMMIT")
            bare_times.append(time.perf_counter() - started)
    store.close()
    engine, bare = median_ms(engine_times), median_ms(bare_times)
    print(
        f"answer-to-next-screen: engine {engine:.3f} ms, bare insert+commit {bare:.3f} ms, "
        f"ratio {engine / bare:.2f}x (target <= 1.5x, n={len(engine_times)})"
    )


def bench_open_and_resume(folder: Path, rounds: int) -> None:
    flow = load_flow(ROOT / "tests" / "data" / "flows" / "demo.yaml")
    path = folder / "resume.db"
    store = Store.create(path, PASSPHRASE)
    session = InterviewSession.start(store, flow, "en")
    session.answer(["private_room", "alone"])
    session.proceed()
    while len(store.events(session.interview_id)) < 300:
        session.add_disclosure("benchmark note")
        if len(store.events(session.interview_id)) % 50 == 0:
            session.take_break()
            session.end_break()
    interview_id = session.interview_id
    kdf = store._db.execute("PRAGMA kdf_iter").fetchone()[0]
    store.close()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        reopened = Store.open(path, PASSPHRASE)
        resumed = InterviewSession.resume(reopened, flow, interview_id)
        resumed.screen()
        samples.append(time.perf_counter() - started)
        assert resumed.state.last_seq >= 300
        reopened.close()
    print(
        f"open store (PBKDF2 {kdf} iterations) + resume 300 events: "
        f"median {median_ms(samples):.0f} ms (target < 500 ms, n={rounds})"
    )


def bench_list(folder: Path, rounds: int) -> None:
    path = folder / "list.db"
    store = Store.create(path, PASSPHRASE)
    store._db.execute("BEGIN")
    for number in range(10_000):
        started = Event("started", {"flow": "demo", "version": 1, "language": "en"})
        interview_id = f"{number:016x}"
        store._db.execute(
            "INSERT INTO interviews (id, flow_id, flow_version, created_at, status, language)"
            " VALUES (?, 'demo', 1, ?, 'finished', 'en')",
            (interview_id, started.at),
        )
        store._insert_event(store._db, interview_id, started)
        for _ in range(EVENTS_PER_LISTED_INTERVIEW - 1):
            store._insert_event(store._db, interview_id, Event("continued", {"node": "n"}))
    store._db.execute("COMMIT")
    store.close()
    in_process, unlock = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        opened = Store.open(path, PASSPHRASE)
        unlocked = time.perf_counter()
        rows = opened.list_interviews()
        in_process.append(time.perf_counter() - unlocked)
        unlock.append(unlocked - started)
        assert len(rows) == 10_000
        opened.close()
    env = {**os.environ, "KIOSK_HOME": str(folder), "KIOSK_PASSPHRASE": PASSPHRASE}
    (folder / "lantern.db").unlink(missing_ok=True)
    os.link(path, folder / "lantern.db")
    command = []
    for _ in range(max(3, rounds // 2)):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kiosk", "store", "list"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        command.append(time.perf_counter() - started)
    print(
        f"list 10,000 interviews: query {median_ms(in_process):.0f} ms after unlock "
        f"(unlock {median_ms(unlock):.0f} ms); whole `kiosk store list` command "
        f"{median_ms(command):.0f} ms (target < 200 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as name:
        folder = Path(name)
        bench_answer_vs_insert(folder, args.rounds)
        bench_open_and_resume(folder, args.rounds)
        bench_list(folder, args.rounds)


if __name__ == "__main__":
    main()
