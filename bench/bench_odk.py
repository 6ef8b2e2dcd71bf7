"""ODK Central benchmarks (issue 16), measured side by side in one run.

1. Building and encrypting one 300-event interview for the outbox: fold the stored events,
   build the submission, encrypt it in ODK's format (RSA-OAEP key wrap, AES-CFB, signature) and
   queue it in the store in one transaction.                              target < 50 ms
2. Sending 100 queued interviews to the local stand-in for Central (tests/fixtures/central.py),
   as a ratio to posting the same requests with a bare HTTP client in the same run.
                                                                          target <= 1.3x
   Like with like: the bare client posts byte-for-byte the requests Lantern sends (the same
   headers, the same multipart bodies with boundaries of the same length), prepared in memory
   beforehand; both use one keep-alive `http.client` connection opened inside the timing; the
   two alternate in interleaved pairs, and both the median of the pairs' ratios and the ratio
   of the best times are reported, with the spread. Lantern's side is the whole `odk send`
   work: sync, reading each record from the encrypted store, the check before each POST, the
   POST, and the marks.
   The stand-in runs in its own process, as Central does (`--server thread` runs it inside
   this process instead: then the client and the server share one interpreter lock, and any
   Python work the client does between requests is paid again in lock hand-offs that no real
   server would cause — kept as an option to compare).

Run: python bench/bench_odk.py [--rounds N] [--server process|thread]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from multiprocessing.connection import Connection as Pipe
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

from kiosk.core.flow import Flow  # noqa: E402
from kiosk.core.flow_loader import load_flow  # noqa: E402
from kiosk.core.interview import InterviewSession  # noqa: E402
from kiosk.core.odk import storage  # noqa: E402
from kiosk.core.odk.client import (  # noqa: E402
    USER_AGENT,
    CentralClient,
    http_date,
    multipart,
    new_boundary,
)
from kiosk.core.odk.layout import form_id, form_version  # noqa: E402
from kiosk.core.odk.outbox import ItemState, items, payload  # noqa: E402
from kiosk.core.odk.sender import RECORD_FILE, Outbox  # noqa: E402
from kiosk.core.store import Store  # noqa: E402
from tests.fixtures.central import TOKEN, CentralState, _handler  # noqa: E402
from tests.fixtures.odk import KHMER_TEXT, connection_for, referred, walk  # noqa: E402

PASSPHRASE = "benchmark passphrase 2026"
EVENTS = 300
SENT = 100


def interview_of(store: Store, flow: Flow, events: int) -> str:
    """A real interview of the shipped flow, walked to its end, then reviewed up to `events`."""
    session = InterviewSession.start(store, flow, "km")
    walk(session)
    referred(session, "medical", "Please call before the visit.")
    free_text = next(node for node in flow.questions if node.type == "free_text")
    while session.state.last_seq < events:
        if session.state.last_seq % 2:
            session.add_disclosure(KHMER_TEXT)
        else:
            session.correct(free_text.id, "the person added more", KHMER_TEXT)
    return session.interview_id


def bench_build(store: Store, flow: Flow, key: rsa.RSAPrivateKey, rounds: int) -> float:
    outbox = Outbox(store, flow, connection_for(flow, key))
    interview = interview_of(store, flow, EVENTS)
    assert len(store.events(interview)) == EVENTS
    samples = []
    for _ in range(rounds):
        with storage.transaction(store) as db:
            db.execute("DELETE FROM odk_records")
            db.execute("DELETE FROM odk_outbox")
            db.execute("DELETE FROM odk_synced")
        start = time.perf_counter()
        result = outbox.sync(interview)
        samples.append(time.perf_counter() - start)
        assert result.queued == 1
    return statistics.median(samples) * 1000


def serve(state: CentralState) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stand_in_process(pipe: Pipe, form: str, version: str) -> None:
    """The stand-in in its own process: sends its port, then empties its records on request."""
    state = CentralState(form_id=form, form_version=version)
    server = serve(state)
    pipe.send(server.server_address[1])
    while pipe.recv() == "clear":
        with state.lock:
            state.records.clear()
        pipe.send("cleared")


class StandIn:
    """The stand-in for Central, in its own process or in a thread of this one."""

    def __init__(self, flow: Flow, where: str) -> None:
        self.where = where
        if where == "thread":
            self.state = CentralState(form_id=form_id(flow), form_version=form_version(flow))
            self.server = serve(self.state)
            self.port = self.server.server_address[1]
        else:
            context = multiprocessing.get_context("spawn")
            self.pipe, child = context.Pipe()
            self.process = context.Process(
                target=stand_in_process,
                args=(child, form_id(flow), form_version(flow)),
                daemon=True,
            )
            self.process.start()
            self.port = self.pipe.recv()

    def clear(self) -> None:
        """Every run meets an empty server (a new record each time, not a repeat)."""
        if self.where == "thread":
            self.state.records.clear()
        else:
            self.pipe.send("clear")
            self.pipe.recv()

    def close(self) -> None:
        if self.where == "thread":
            self.server.shutdown()
        else:
            self.pipe.send("stop")
            self.process.join(10)


@dataclass
class Timed:
    wall: float
    cpu: float  # this thread's CPU time: the client's own work, whatever the machine's load


def timed(run: Callable[[], None]) -> Timed:
    wall, cpu = time.perf_counter(), time.thread_time()
    run()
    return Timed(time.perf_counter() - wall, time.thread_time() - cpu)


def queue_interviews(store: Store, flow: Flow, outbox: Outbox) -> None:
    """100 closed, referred interviews in the outbox: copies of one real interview's events."""
    template = interview_of(store, flow, 120)
    events = store.events(template)
    store.query("PRAGMA synchronous = OFF")  # only to fill the benchmark's store quickly
    for _ in range(SENT - 1):
        interview_id, _ = store.create_interview(flow.id, flow.version, "km", events[0])
        for event in events[1:]:
            store.append(interview_id, event, {"status": "finished"})
    store.query("PRAGMA synchronous = FULL")
    outbox.sync()


def bench_send(
    store: Store, flow: Flow, key: rsa.RSAPrivateKey, rounds: int, where: str
) -> dict[str, list[Timed]]:
    stand_in = StandIn(flow, where)
    outbox = Outbox(store, flow, connection_for(flow, key, port=stand_in.port, token=TOKEN))
    with storage.transaction(store) as db:
        db.execute("DELETE FROM odk_records")
        db.execute("DELETE FROM odk_outbox")
    queue_interviews(store, flow, outbox)
    queued = items(store, ItemState.QUEUED)
    assert len(queued) == SENT
    # The bare client's requests: what Lantern sends, byte for byte (the date is one second's).
    path = outbox.connection.link.api_path + "/submission"
    records = [payload(store, item.instance_id) for item in queued]
    requests: list[tuple[bytes, dict[str, str]]] = []

    def prepare_bare() -> None:
        """Fresh boundaries for every run, as Lantern makes: the stand-in's http.server parses
        the headers with `email`, which compiles a regex per new multipart boundary (and
        caches it), so re-posting last run's requests would be cheaper than posting new ones."""
        requests.clear()
        for manifest, record in records:
            boundary = new_boundary()
            headers = {
                "X-OpenRosa-Version": "1.0",
                "Date": http_date(),
                "User-Agent": USER_AGENT,
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            }
            requests.append((multipart(boundary, manifest, [(RECORD_FILE, record)]), headers))

    def bare() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", stand_in.port, timeout=30)
        for body, headers in requests:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 201
        connection.close()

    def ours() -> None:
        with CentralClient(outbox.connection.link) as client:
            report = outbox.send(client)
        assert report.sent == SENT and report.problem is None, report

    def requeue() -> None:
        with storage.transaction(store) as db:
            db.execute("UPDATE odk_outbox SET state = 'queued', sent_at = NULL")

    # Interleaved pairs, alternating which goes first (the machine is shared).
    times: dict[str, list[Timed]] = {"bare": [], "ours": []}
    for round_number in range(rounds + 1):
        pair = {}
        for side in ("ours", "bare") if round_number % 2 else ("bare", "ours"):
            stand_in.clear()
            if side == "ours":
                requeue()
            else:
                prepare_bare()
            pair[side] = timed(ours if side == "ours" else bare)
        if round_number:  # the first pair warms up both sides and the server
            for side, measured in pair.items():
                times[side].append(measured)
    stand_in.close()
    return times


def spread(values: list[float]) -> str:
    return (
        f"{min(values) * 1000:.0f} / {statistics.median(values) * 1000:.0f} /"
        f" {max(values) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--server", choices=("process", "thread"), default="process")
    args = parser.parse_args()
    flow = load_flow(ROOT / "flows" / "identification.yaml")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "bench.db", PASSPHRASE)
        build_ms = bench_build(store, flow, key, args.rounds)
        times = bench_send(store, flow, key, args.rounds, args.server)
        store.close()
    print(
        f"1. build + encrypt + queue one {EVENTS}-event interview: {build_ms:.1f} ms "
        f"(target < 50 ms) {'OK' if build_ms < 50 else 'OVER'}"
    )
    ours, bare = times["ours"], times["bare"]
    pair_ratio = statistics.median(o.wall / b.wall for o, b in zip(ours, bare, strict=True))
    best_ratio = min(o.wall for o in ours) / min(b.wall for b in bare)
    verdict = "OK" if max(pair_ratio, best_ratio) <= 1.3 else "OVER"
    print(
        f"2. send {SENT} queued interviews, stand-in in its own {args.server},"
        f" {args.rounds} interleaved pairs (min / median / max):\n"
        f"   Lantern {spread([o.wall for o in ours])}, bare HTTP client"
        f" {spread([b.wall for b in bare])}\n"
        f"   ratio: median of pairs {pair_ratio:.2f}x, of the best times {best_ratio:.2f}x"
        f" (target <= 1.3x) {verdict}\n"
        f"   client CPU: Lantern {spread([o.cpu for o in ours])},"
        f" bare {spread([b.cpu for b in bare])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
