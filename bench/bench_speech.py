"""Time from *Read aloud* to audio bytes ready, for a 15-word sentence. Target: under 300 ms.

Measures `SpeechService` end to end (prompt lookup, voice choice, synthesis or cache, settings):
- cold: content not cached (a fresh text each run), espeak-ng runs;
- warm: the same content again, served from the speech cache;
- personal: the person's own text, synthesised in memory (never cached);
- recorded: a recorded prompt of the text (stand-in recording), default and adjusted settings.
Voice discovery happens once per process and is timed separately.

Run: python bench/bench_speech.py [--runs N] [--lang L]
Uses a throwaway KIOSK_HOME; prints one line per case and exits 1 if a median misses the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from kiosk.core.speech.service import SpeechService

SENTENCE = "Please tell me in your own words how you came to this country and why."
TARGET_MS = 300.0


def _median_ms(
    fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()  # not timed
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def save_recording(service: SpeechService, voice: str, lang: str) -> None:
    """A stand-in human recording of the sentence (espeak-ng audio saved as a prompt)."""
    recording = subprocess.run(
        ["espeak-ng", "--stdout", "-v", voice],
        input=SENTENCE.encode(),
        capture_output=True,
        check=True,
    ).stdout
    service.prompts.save_prompt(lang, "bench.q", SENTENCE, recording)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        os.environ["KIOSK_HOME"] = home
        from kiosk.core.speech.cache import ContentCache
        from kiosk.core.speech.service import Source, SpeechService
        from kiosk.core.speech.synth import SpeechSettings

        service = SpeechService(cache=ContentCache())
        start = time.perf_counter()
        voice = service.voices.voice_for(args.lang)
        discovery_ms = (time.perf_counter() - start) * 1000
        if voice is None:
            print(f"no synthetic voice for {args.lang}")
            return 1

        cache = service.cache
        assert cache is not None

        def cold() -> None:
            result = service.speak_content(args.lang, "bench.q", SENTENCE)
            assert result.source is Source.SYNTHETIC and not result.cached

        def warm() -> None:
            result = service.speak_content(args.lang, "bench.q", SENTENCE)
            assert result.cached

        def personal() -> None:
            assert service.speak_personal(args.lang, SENTENCE).ok

        def recorded() -> None:
            result = service.speak_content(args.lang, "bench.q", SENTENCE)
            assert result.source is Source.RECORDED

        def recorded_adjusted() -> None:  # speed via sox tempo, volume scaled in Python
            adjusted = SpeechSettings(rate=230, volume=0.8)
            result = service.speak_content(args.lang, "bench.q", SENTENCE, adjusted)
            assert result.source is Source.RECORDED

        print(f"voice discovery (once per process): {discovery_ms:.1f} ms  [{voice.identifier}]")
        print(f"15-word sentence, {args.runs} runs, target < {TARGET_MS:.0f} ms (median):")
        missed = False
        cases = [
            ("cold", cold, cache.clear),
            ("warm", warm, None),
            ("personal", personal, None),
            ("recorded", recorded, None),
            ("recorded, faster+quieter", recorded_adjusted, None),
        ]
        for name, fn, setup in cases:
            if name == "recorded":  # saved last: a recording answers before the cache does
                save_recording(service, voice.identifier, args.lang)
            median, worst = _median_ms(fn, args.runs, setup)
            missed |= median >= TARGET_MS
            print(f"  {name:<26} median {median:7.1f} ms   max {worst:7.1f} ms")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
