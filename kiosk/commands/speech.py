"""`kiosk speak --lang L TEXT -o FILE.wav` and `kiosk voices`.

`speak` prefers a recorded prompt of exactly TEXT, else the synthetic voice; it does not cache
(its text may be anything). TEXT `-` reads the text from stdin, keeping it out of argv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.core.errors import KioskError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    speak = subparsers.add_parser(
        "speak", help="read a text aloud into a WAV file (recorded prompt or synthetic voice)"
    )
    speak.add_argument("--lang", required=True, help="language code, e.g. en, th, km")
    speak.add_argument("text", metavar="TEXT", help="text to speak; '-' reads it from stdin")
    speak.add_argument(
        "-o", "--output", required=True, metavar="FILE.wav", help="WAV file to write"
    )
    speak.add_argument("--rate", type=int, default=None, help="speed in words per minute (80-450)")
    speak.add_argument("--volume", type=float, default=None, help="volume, 1.0 normal (0.0-2.0)")
    speak.set_defaults(handler=run_speak)

    voices = subparsers.add_parser(
        "voices", help="per language: synthetic voice and recorded prompts"
    )
    voices.set_defaults(handler=run_voices)


MAX_TEXT_BYTES = 100_000  # far more than any prompt; stdin could be /dev/zero


def _stdin_text() -> str:
    from kiosk.core.fileio import read_stream

    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # already text (an embedding program's own stream)
        text = sys.stdin.read(MAX_TEXT_BYTES + 1)
        if len(text) > MAX_TEXT_BYTES:
            raise KioskError(f"the text on standard input is too long (over {MAX_TEXT_BYTES})")
        return text
    raw = read_stream(binary, MAX_TEXT_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise KioskError("the text on standard input is not UTF-8; save it as UTF-8") from None


def run_speak(args: argparse.Namespace) -> int:
    from kiosk.core.fileio import write_private
    from kiosk.core.speech.service import SpeechService
    from kiosk.core.speech.synth import DEFAULT_RATE, DEFAULT_VOLUME, SpeechSettings

    text = _stdin_text() if args.text == "-" else args.text
    if not text.strip():
        raise KioskError("there is no text to speak")
    settings = SpeechSettings(
        rate=DEFAULT_RATE if args.rate is None else args.rate,
        volume=DEFAULT_VOLUME if args.volume is None else args.volume,
    )
    output = Path(args.output)
    result = SpeechService(cache=None, settings=settings).speak_content(args.lang, None, text)
    if result.audio is None:
        raise KioskError(result.message)
    write_private(output, result.audio, replace=True)
    source = "recorded prompt" if result.source == "recorded" else f"synthetic voice {result.voice}"
    print(f"wrote {output} ({source})")
    return 0


def run_voices(args: argparse.Namespace) -> int:
    from kiosk.core.i18n.catalogs import CatalogLocalizer
    from kiosk.core.i18n.spoken import current_texts, person_texts, shipped_flows
    from kiosk.core.speech.service import SpeechService
    from kiosk.core.speech.voices import LANGUAGES

    service = SpeechService(cache=None)
    texts = person_texts(shipped_flows())
    localizer = CatalogLocalizer()
    statuses = [
        service.language_status(code, current_texts(code, localizer, texts)) for code in LANGUAGES
    ]
    print(f"{'LANG':<5} {'LANGUAGE':<21} {'SYNTHETIC VOICE':<52} RECORDED PROMPTS")
    for s in statuses:
        voice = f"{s.voice} ({s.voice_name})" if s.voice else "none"
        recorded = f"{s.recorded}" + (f" ({s.stale} stale)" if s.stale else "")
        print(f"{s.lang:<5} {s.name:<21} {voice:<52} {recorded}")
    notes = [s for s in statuses if s.problem or s.voice is None]
    if notes:
        print()
    for s in notes:
        if s.problem:
            print(f"warning: {s.lang}: {s.problem}")
        if s.voice is None:
            prefix = "NO VOICE" if not s.has_voice else "note"
            print(f"{prefix}: {s.lang}: {s.plain_status()}")
    return 0
