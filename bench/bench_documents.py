"""Benchmark: median rights summary generation time per language (fonts loaded once).

Usage: python bench/bench_documents.py [--runs N]
Target: under 0.5 s for two pages in a complex script, at the readable sizes (body >= 11 pt,
second language >= 9 pt). Uses the shipped rights content and the shipped (draft) catalogs, for
the person's language alone and with a second language. Wall-clock and CPU time are both shown:
on a shared machine the wall clock mostly measures the other processes (load is printed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.content import load_country, load_rights  # noqa: E402
from kiosk.core.documents.rights_summary import build_rights_summary  # noqa: E402
from kiosk.core.i18n.catalogs import CatalogLocalizer  # noqa: E402
from kiosk.core.i18n.languages import SUPPORTED  # noqa: E402
from kiosk.core.localizer import document_translate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sections, country = load_rights(), load_country("TH")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    header = ("lang", "first (s)", "median (s)", "cpu (s)", "2-lang (s)", "cpu (s)")
    print(f"{header[0]:<6}" + "".join(f"{h:>12}" for h in header[1:]))
    worst = (0.0, 0.0, "")
    localizer = CatalogLocalizer()
    for lang in SUPPORTED:

        def one(second: str | None = None, lang: str = lang) -> tuple[float, float]:
            start, cpu = time.perf_counter(), time.process_time()
            build_rights_summary(
                sections,
                lang=lang,
                translate=document_translate(localizer, lang),
                country=country,
                second_lang=second,
                second_translate=document_translate(localizer, second or "en"),
            )
            return time.perf_counter() - start, time.process_time() - cpu

        first = one()[0]  # includes loading this script's fonts
        alone = [one() for _ in range(args.runs)]
        second = "en" if lang != "en" else "ar"
        both = [one(second) for _ in range(args.runs)]
        wall1, cpu1 = (statistics.median(x) for x in zip(*alone, strict=True))
        wall2, cpu2 = (statistics.median(x) for x in zip(*both, strict=True))
        for wall, cpu, name in ((wall1, cpu1, lang), (wall2, cpu2, f"{lang}+{second}")):
            if cpu > worst[1]:
                worst = (wall, cpu, name)
        print(f"{lang:<6}" + "".join(f"{v:>12.3f}" for v in (first, wall1, cpu1, wall2, cpu2)))
    wall, cpu, name = worst
    print(f"worst: {name}, median {wall:.3f} s wall, {cpu:.3f} s CPU (target < 0.5 s)")
    return 0 if cpu < 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
