"""Every dependency's telemetry and diagnostics off, set in the environment before it is imported.

Native libraries read their switches from the environment once, when they start; a Python-level
patch cannot reach them. `quiet_environment()` therefore sets the switches in `os.environ` (which
also reaches the C library's `getenv` and every child process) and must run before the library
loads: `kiosk.cli.main` calls it first thing, and the modules that import such a library
(`translation.argos_env`, `translation.splitter`) call it again just before, for callers that do
not start from `main` (scripts, benchmarks, tests). Calling it again is harmless.

What each switch stops (checked against the library's documentation or its own code):

- ONNX Runtime (loaded by the sentence splitter, minisbd) ships 1DS telemetry, on by default: at
  initialisation it writes a device id and an unencrypted SQLite event store under
  `$XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime/` and then resolves and posts to
  `mobile.events.data.microsoft.com` every few seconds. `ORT_DISABLE_TELEMETRY=1` stops all of it
  before anything is created (docs/Privacy.md of onnxruntime 1.32); other releases spell it
  `ORT_TELEMETRY_DISABLED` (microsoft/onnxruntime#29843), so both are set.
- Mesa writes a shader cache under `$XDG_CACHE_HOME/mesa_shader_cache` when Qt draws with OpenGL.
- oneDNN and MKL (inside CTranslate2) write JIT code dumps, profiler maps (`/tmp/perf-PID.map`)
  and verbose traces to files or stdout when the environment asks them to (`ONEDNN_`/`DNNL_` +
  `JIT_DUMP`, `JIT_PROFILE`, `VERBOSE`; `MKL_VERBOSE`, `MKL_VERBOSE_OUTPUT_FILE`); a user's or
  the system's setting must not turn that on in the kiosk.

argos-translate's own switches (model provider, splitter, debug printing) are set separately, for
its first import only, in `translation.argos_env`. Not every dependency needs one: CTranslate2,
sentencepiece, ICU, HarfBuzz, reportlab, espeak-ng and SQLCipher have no telemetry and open no
network connection; the network test (`tests/test_network_watch.py`) watches all of them anyway.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping

# Set (overriding any other value) before the libraries load.
TELEMETRY_OFF: Mapping[str, str] = {
    "ORT_DISABLE_TELEMETRY": "1",
    "ORT_TELEMETRY_DISABLED": "1",
    "MESA_SHADER_CACHE_DISABLE": "true",
    "ONEDNN_JIT_DUMP": "0",
    "DNNL_JIT_DUMP": "0",
    "ONEDNN_JIT_PROFILE": "0",
    "DNNL_JIT_PROFILE": "0",
    "ONEDNN_VERBOSE": "0",
    "DNNL_VERBOSE": "0",
    "MKL_VERBOSE": "0",
}

# Removed: each would make a native library write a file of its own choosing.
WRITES_FILES: tuple[str, ...] = ("MKL_VERBOSE_OUTPUT_FILE",)


def quiet_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Switch telemetry and diagnostic output off for this process and its children."""
    target = os.environ if environ is None else environ
    target.update(TELEMETRY_OFF)
    for name in WRITES_FILES:
        target.pop(name, None)
