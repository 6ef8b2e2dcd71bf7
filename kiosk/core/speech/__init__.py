"""Speech and recorded prompts: text read aloud in the person's language.

Modules, each with one job (none imports Qt):
- `wav`: WAV bytes in memory (parse, build, measure, volume, trim, normalise).
- `voices`: Lantern language codes and the synthetic voices found at run time.
- `synth`: synthesis to WAV bytes in memory with espeak-ng (text on stdin, never on disk).
- `cache`: on-disk cache for *fixed content* only.
- `prompts`: recorded human prompts tied to the exact text they speak.
- `service`: `SpeechService` picks recorded prompt > synthetic voice > a plain "no voice".
- `player` / `recorder`: system audio programs driven through pipes, stoppable.
- `speaker`: one window's *Read aloud*: drops late results and stops when the screen changes.
- `adjust`: speed and volume for recorded prompts.
"""
