"""ODK Central benchmarks (issue 16), measured side by side in one run.

1. Building and encrypting one 300-event interview for the outbox: fold the stored events,
   build the submission, encrypt it in ODK's format (RSA-OAEP key wrap, AES-CFB, signature) and
   queue it in the store in one transaction.                              target < 50 ms
2. Sending 100 queued interviews to the local stand-in for Central (tests/fixtures/central.py),
   as a ratio to posting the same bytes with a bare HTTP client (http.client, one keep-alive
   connection) in the same run.                                             target <= 1.3x

Run: python bench/bench_odk.py [--rounds N]
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

from kiosk.core.flow import Flow  # noqa: E402
from kiosk.core.flow_loader import load_flow  # noqa: E402
from kiosk.core.interview import InterviewSession  # noqa: E402
from kiosk.core.odk import storage  # noqa: E402
from kiosk.core.odk.client import CentralClient, multipart  # noqa: E402
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


def bench_send(
    store: Store, flow: Flow, key: rsa.RSAPrivateKey, rounds: int
) -> tuple[float, float, float]:
    state = CentralState(form_id=form_id(flow), form_version=form_version(flow))
    server = serve(state)
    port = server.server_address[1]
    outbox = Outbox(store, flow, connection_for(flow, key, port=port, token=TOKEN))
    with storage.transaction(store) as db:
        db.execute("DELETE FROM odk_records")
        db.execute("DELETE FROM odk_outbox")
    template = interview_of(store, flow, 120)
    events = store.events(template)
    for _ in range(SENT - 1):  # 100 interviews: copies of one real interview's events
        interview_id, _ = store.create_interview(flow.id, flow.version, "km", events[0])
        for event in events[1:]:
            store.append(interview_id, event, {"status": "finished"})
    outbox.sync()
    queued = items(store, ItemState.QUEUED)
    assert len(queued) == SENT
    bodies = []
    for item in queued:
        manifest, record = payload(store, item.instance_id)
        bodies.append(multipart("bench-boundary", manifest, [(RECORD_FILE, record)]))
    path = f"/v1/key/{TOKEN}/projects/1/submission"
    headers = {
        "X-OpenRosa-Version": "1.0",
        "Content-Type": "multipart/form-data; boundary=bench-boundary",
    }

    def bare() -> float:
        state.records.clear()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        for body in bodies:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            assert response.status == 201
        elapsed = time.perf_counter() - start
        connection.close()
        return elapsed

    def ours() -> float:
        state.records.clear()
        with storage.transaction(store) as db:
            db.execute("UPDATE odk_outbox SET state = 'queued', sent_at = NULL")
        with CentralClient(outbox.connection.link) as client:
            start = time.perf_counter()
            report = outbox.send(client)
            elapsed = time.perf_counter() - start
        assert report.sent == SENT and report.problem is None, report
        return elapsed

    # Interleaved pairs, alternating which goes first; the machine is shared, so the ratio is
    # the median of the pairs' ratios and the best times are reported beside it.
    bare_times, our_times, ratios = [], [], []
    for round_number in range(rounds):
        if round_number % 2:
            our, base = ours(), bare()
        else:
            base, our = bare(), ours()
        bare_times.append(base)
        our_times.append(our)
        ratios.append(our / base)
    server.shutdown()
    return min(our_times), min(bare_times), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    flow = load_flow(ROOT / "flows" / "identification.yaml")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "bench.db", PASSPHRASE)
        build_ms = bench_build(store, flow, key, args.rounds)
        ours, bare, ratio = bench_send(store, flow, key, args.rounds)
        store.close()
    print(
        f"1. build + encrypt + queue one {EVENTS}-event interview: {build_ms:.1f} ms "
        f"(target < 50 ms) {'OK' if build_ms < 50 else 'OVER'}"
    )
    print(
        f"2. send {SENT} queued interviews (best of {args.rounds}): Lantern {ours * 1000:.0f} ms,"
        f" bare HTTP client {bare * 1000:.0f} ms; median ratio of interleaved pairs"
        f" {ratio:.2f}x, of the best times {ours / bare:.2f}x (target <= 1.3x)"
        f" {'OK' if ratio <= 1.3 else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
