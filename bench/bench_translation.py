"""Benchmark: one sentence through Lantern's translation worker vs a bare CTranslate2 call.

Both translate the same sentences with the same model and the decoding options argos uses
(sentencepiece in and out, beam 4), measured alternately in one run. The app path adds argos'
paragraph/sentence handling, the cache lookup and the hand-off to the worker thread; each
sentence is different so the cache never answers. Target: app ≤ 1.2 × bare + 20 ms.

    python bench/bench_translation.py [--model FILE.argosmodel --from L1 --to L2] [-n 200]

Without --model it builds the tiny test model (tests/fixtures/tiny_argos.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENTENCE = "You can stop the interview at any time and take a break whenever you want"
RATIO_TARGET = 1.2
FIXED_COST_TARGET_MS = 20.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="an .argosmodel (default: tiny test model)")
    parser.add_argument("--from", dest="from_lang", default="en")
    parser.add_argument("--to", dest="to_lang", default="xx")
    parser.add_argument("-n", "--iterations", type=int, default=200)
    args = parser.parse_args()

    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as home:
        os.environ["KIOSK_HOME"] = home
        return run(args, Path(home))


def run(args: argparse.Namespace, home: Path) -> int:
    import ctranslate2
    import sentencepiece

    from kiosk.core.translation import TranslationWorker, Translator, models

    archive = args.model
    if archive is None:
        from tests.fixtures.tiny_argos import build_tiny_argos

        started = time.perf_counter()
        archive = build_tiny_argos(home / "translate-en_xx-1_0.argosmodel")
        print(f"built tiny model in {1000 * (time.perf_counter() - started):.0f} ms")
    installed = models.install_model(archive)
    pair = (args.from_lang, args.to_lang)
    if installed.pair != pair:
        raise SystemExit(f"the model is {installed.pair}, not {pair}; use --from/--to")

    # Bare: the same model files, decoding options as argos' apply_packaged_translation.
    bare = ctranslate2.Translator(
        str(installed.path / "model"), device="cpu", inter_threads=1, intra_threads=0
    )
    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(installed.path / "sentencepiece.model")
    )

    def bare_translate(text: str) -> str:
        tokens = tokenizer.encode(text, out_type=str)
        result = bare.translate_batch(
            [tokens],
            replace_unknowns=True,
            beam_size=4,
            num_hypotheses=1,
            length_penalty=0.2,
            return_scores=True,
        )
        return tokenizer.decode_pieces(result[0].hypotheses[0]).lstrip()

    worker = TranslationWorker(Translator())
    worker.warm().result()

    def app_translate(text: str) -> str:
        result = worker.submit(text, *pair).result()
        assert result.text is not None, result.error
        return result.text

    # Distinct sentences of equal length, so the app's cache never answers.
    texts = [f"{SENTENCE} {i:05d}." for i in range(args.iterations + 20)]
    for text in texts[:20]:  # warm both paths
        if bare_translate(text) != app_translate(text):
            raise SystemExit("bare and app translations differ; not comparable")
    bare_ms, app_ms = [], []
    for i, text in enumerate(texts[20:]):
        order = (bare_translate, app_translate) if i % 2 else (app_translate, bare_translate)
        for function in order:
            started = time.perf_counter()
            function(text)
            elapsed = 1000 * (time.perf_counter() - started)
            (bare_ms if function is bare_translate else app_ms).append(elapsed)
    worker.shutdown()

    bare_median = statistics.median(bare_ms)
    app_median = statistics.median(app_ms)
    budget = RATIO_TARGET * bare_median + FIXED_COST_TARGET_MS
    print(f"model {pair[0]} -> {pair[1]}, {len(SENTENCE) + 7} characters, {args.iterations} runs")
    print(f"bare ctranslate2 : median {bare_median:8.3f} ms")
    print(f"app worker       : median {app_median:8.3f} ms")
    print(f"ratio app/bare   : {app_median / bare_median:8.2f}x")
    print(f"overhead         : {app_median - bare_median:8.3f} ms")
    verdict = "PASS" if app_median <= budget else "FAIL"
    target = f"{RATIO_TARGET} x bare + {FIXED_COST_TARGET_MS:.0f} ms"
    print(f"target app <= {target} = {budget:.3f} ms: {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
