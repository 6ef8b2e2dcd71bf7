"""What the session layer (kiosk/app) costs on top of the engine, measured side by side in one run.

Each answer of the person goes through the kiosk session (`KioskSession.handle(Answer)`: the
engine's answer, the flow policy's safety alerts, the break-offer condition of the next
question, the next page) or straight to the engine (`InterviewSession.answer` + `screen()`),
alternately, on the same encrypted store file, so both see the same disk.
                                                         target: session layer <= 1.2x engine
The same on an in-memory store shows the layer's own CPU cost without the disk (no target: an
answer commits to disk in the kiosk).
A `kiosk simulate` walk of the same flow (in memory) is timed too, as a whole.

Run: python bench/bench_session.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.app import intents as i  # noqa: E402
from kiosk.app.flows import FlowLibrary  # noqa: E402
from kiosk.app.pages import Question  # noqa: E402
from kiosk.app.scripted import Step, run_script  # noqa: E402
from kiosk.app.session import KioskSession  # noqa: E402
from kiosk.core.flow import Flow  # noqa: E402
from kiosk.core.flow_loader import parse_flow  # noqa: E402
from kiosk.core.interview import InterviewSession  # noqa: E402
from kiosk.core.store import Store  # noqa: E402
from kiosk.core.yamlsrc import load_text  # noqa: E402

PASSPHRASE = "benchmark passphrase 2026"
QUESTIONS = 40
TARGET = 1.2


def bench_flow() -> Flow:
    """Shaped like the shipped flow: a safety check with a policy, sections, yes/no questions
    with `when` conditions, a sensitive question every ten (a break offer), and safety alerts
    that are checked after every answer (and never fire here)."""
    nodes = [
        "  - {id: check, kind: staff_check, text: Check, items: [{id: ok, text: OK}]}",
        "  - {id: hello, kind: info, text: Hello}",
    ]
    for number in range(QUESTIONS):
        if number % 8 == 0:
            nodes.append(f"  - {{id: s{number}, kind: section, title: Part {number}}}")
        when = f', when: "q{number - 1} is answered or child"' if number else ""
        sensitive = ", sensitive: true" if number % 10 == 5 else ""
        nodes.append(
            f"  - {{id: q{number}, kind: question, type: yes_no, text: 'Question {number}?'"
            f"{sensitive}{when}}}"
        )
    nodes.append("  - {id: done, kind: end, text: Thank you}")
    policy = (
        "policy:\n"
        "  safety_check: check\n"
        "  safe_to_start: \"'ok' in check\"\n"
        "  safety_alerts:\n"
        "    - {id: a1, if: \"q0 == 'yes' and q3 == 'yes'\", reason: One}\n"
        "    - {id: a2, if: \"q6 == 'yes' and q9 == 'yes'\", reason: Two}\n"
    )
    text = (
        "format: 1\nflow: bench\nversion: 1\ntitle: Bench\n"
        + policy
        + "nodes:\n"
        + "\n".join(nodes)
    )
    flow, problems = parse_flow(load_text(text), str(ROOT / "bench-session.yaml"))
    assert flow is not None and not problems, problems
    return flow


def answer(number: int) -> str:
    return "yes" if number % 3 else "no"  # q0, q3, q6, q9 are "no": no alert fires


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def kiosk_at_first_question(store: Store, flow: Flow) -> KioskSession:
    library = FlowLibrary()
    library.add(flow)
    kiosk = KioskSession(library)
    kiosk.handle(i.Unlocked(store))
    kiosk.handle(i.NewInterview())
    kiosk.handle(i.StartInterview(Path(flow.path), "en", safety_checked=("ok",)))
    kiosk.handle(i.HandOver())
    kiosk.handle(i.Continue())  # hello
    return kiosk


def bench_answer(store: Store, where: str, rounds: int) -> None:
    flow = bench_flow()
    layer: list[float] = []
    engine: list[float] = []
    for _ in range(rounds):
        kiosk = kiosk_at_first_question(store, flow)
        direct = InterviewSession.start(store, flow, "en", safety_check=["ok"])
        direct.proceed()  # hello
        for number in range(QUESTIONS):
            if not isinstance(kiosk.page, Question):
                kiosk.handle(i.AnswerBreakOffer(False))  # the sensitive question's offer
            started = time.perf_counter()
            kiosk.handle(i.Answer(answer(number)))
            layer.append(time.perf_counter() - started)
            node = direct.state.current_node
            if node is not None and node.sensitive:
                direct.offer_break(False)  # as the kiosk did, outside the timing
            started = time.perf_counter()
            direct.answer(answer(number))
            direct.screen()
            engine.append(time.perf_counter() - started)
        live = kiosk.live
        assert live is not None and live.state.current == "done", live and live.state.current
        assert direct.state.current == "done"
        kiosk.close()
    store.close()
    ratio = median_ms(layer) / median_ms(engine)
    target = f"target <= {TARGET}x, " if where == "file" else ""
    print(
        f"answer ({where} store) through the session layer {median_ms(layer):.3f} ms, straight "
        f"to the engine {median_ms(engine):.3f} ms: ratio {ratio:.2f}x ({target}n={len(layer)})"
    )


def bench_simulate(rounds: int) -> None:
    flow = bench_flow()
    script = [{"answer": ["ok"]}, "continue", *({"answer": answer(n)} for n in range(QUESTIONS))]
    steps = [Step(action, number) for number, action in enumerate(script, start=1)]
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = run_script(flow, steps, "en")
        samples.append(time.perf_counter() - started)
        assert result.session is not None and result.session.state.current == "done"
    print(
        f"kiosk simulate walk of {len(steps)} steps (in memory): median "
        f"{median_ms(samples):.1f} ms (n={rounds})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as name:
        bench_answer(Store.create(Path(name) / "session.db", PASSPHRASE), "file", args.rounds)
    # In memory, without the disk's commit: what the layer's own rules cost in CPU.
    bench_answer(Store.in_memory(), "in-memory", args.rounds)
    bench_simulate(args.rounds)


if __name__ == "__main__":
    main()
