"""Benchmark: median rights summary generation time per language (fonts loaded once).

Usage: python bench/bench_documents.py [--runs N]
Target: under 0.5 s for two pages in a complex script. Uses the shipped rights content and the
shipped (draft) catalogs, for the person's language and the second language.
"""

from __future__ import annotations

import argparse
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sections, country = load_rights(), load_country("TH")
    print(f"{'lang':<6}{'first (s)':>11}{'median (s)':>12}{'2-lang median':>15}")
    worst = 0.0
    localizer = CatalogLocalizer()
    for lang in SUPPORTED:

        def one(second: str | None = None, lang: str = lang) -> float:
            start = time.perf_counter()
            build_rights_summary(
                sections,
                lang=lang,
                translate=localizer.document_translate(lang),
                country=country,
                second_lang=second,
                second_translate=localizer.document_translate(second or "en"),
            )
            return time.perf_counter() - start

        first = one()  # includes loading this script's fonts
        median = statistics.median(one() for _ in range(args.runs))
        second = "en" if lang != "en" else "ar"
        median2 = statistics.median(one(second) for _ in range(args.runs))
        worst = max(worst, median, median2)
        print(f"{lang:<6}{first:>11.3f}{median:>12.3f}{median2:>15.3f}")
    print(f"worst median: {worst:.3f} s (target < 0.5 s)")
    return 0 if worst < 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
