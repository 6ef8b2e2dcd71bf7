"""Flow validation benchmarks (issue 11): validation grows linearly with the flow.

Times are CPU seconds of the validating process (wall time is printed too: on a shared machine
it also counts the time spent waiting for a core).

1. `kiosk validate` of a 20,000-node flow (sections, yes/no questions, and info nodes shown
   `when:` the question before them was answered yes), just under the 1 MB file limit,
   in-process: read + YAML + parse + every check.                        target < 2 s
2. One question with 20,000 branches (each a condition on the question).  target < 2 s
3. Growth: the same flow at 8,000 and 20,000 nodes, measured side by side; a linear check
   takes about 20/8 = 2.5x as long for the bigger one (quadratic was 10.8x). target < 3.5x

Run: python bench/bench_validate.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.flow_loader import read_flow  # noqa: E402
from kiosk.core.yamlsrc import MAX_BYTES  # noqa: E402

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def short_id(number: int) -> str:
    """Base-36 ids keep 20,000 nodes under the 1 MB flow file limit."""
    text = ""
    while True:
        text = _DIGITS[number % 36] + text
        number //= 36
        if not number:
            return text


def chain_flow(nodes: int) -> str:
    """Section, question, info (when the question was answered yes), repeated."""
    lines = ["format: 1", "flow: big", "version: 1", "title: Big", "nodes:"]
    for number in range(nodes // 3):
        key = short_id(number)
        lines.append(f"- {{id: s{key}, kind: section, title: t}}")
        lines.append(f"- {{id: q{key}, kind: question, type: yes_no, text: t}}")
        lines.append(f"- {{id: i{key}, kind: info, text: t, when: q{key} == 'yes'}}")
    lines.append("- {id: end, kind: end}")
    return "\n".join(lines) + "\n"


def fan_flow(branches: int) -> str:
    """One question with 20,000 branches (each its own condition), to one of two ends."""
    lines = ["format: 1", "flow: fan", "version: 1", "title: Fan", "nodes:"]
    lines.append("- id: q")
    lines.append("  kind: question")
    lines.append("  type: yes_no")
    lines.append("  text: t")
    lines.append("  branches:")
    lines.extend(
        f"  - {{if: q=='{'yes' if number % 2 else 'no'}', goto: e{number % 2}}}"
        for number in range(branches)
    )
    lines.extend(["- {id: other, kind: end}", "- {id: e0, kind: end}", "- {id: e1, kind: end}"])
    return "\n".join(lines) + "\n"


def timed_validation(path: Path, rounds: int) -> tuple[float, float]:
    """Median (CPU seconds, wall seconds) of reading and validating `path`."""
    cpu, wall = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        flow, problems = read_flow(path)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
        assert flow is not None and not problems, problems[:3]
    return statistics.median(cpu), statistics.median(wall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "chain 8,000": (Path(folder) / "chain8000.yaml", chain_flow(8000)),
            "chain 20,000": (Path(folder) / "chain20000.yaml", chain_flow(20000)),
            "fan 20,000": (Path(folder) / "fan20000.yaml", fan_flow(20000)),
        }
        seconds = {}
        for name, (path, text) in files.items():
            path.write_text(text, encoding="utf-8")
            assert path.stat().st_size <= MAX_BYTES, f"{name}: {path.stat().st_size} bytes"
            seconds[name], wall = timed_validation(path, args.rounds)
            print(
                f"{name:>13}: {seconds[name]:6.2f} s CPU, {wall:6.2f} s wall"
                f"  ({path.stat().st_size} bytes)"
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(
        f"(targets are judged on CPU time: on a shared machine, wall time also counts the "
        f"waiting; load average now {load:.1f} on {os.cpu_count()} cores)"
    )
    growth = seconds["chain 20,000"] / seconds["chain 8,000"]
    print(f"growth 8,000 -> 20,000: {growth:.2f}x (linear 2.5x, quadratic 6.25x+)")
    for name, limit in (("chain 20,000", 2.0), ("fan 20,000", 2.0)):
        if seconds[name] >= limit:
            print(f"FAIL: {name} took {seconds[name]:.2f} s (target < {limit} s)")
            failed = True
    if growth >= 3.5:
        print(f"FAIL: growth {growth:.2f}x (target < 3.5x)")
        failed = True
    print("FAIL" if failed else "OK: all targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
