"""Import argos-translate pointed at Lantern's data folder, with nothing that can go online.

argos-translate reads its settings once, when `argostranslate.settings` is first imported: it
creates its data/config/cache folders (under the user's home by default), reads a settings.json,
and picks a model provider (one of which sends text to a web service) and a sentence splitter
(one of which downloads a model). `load_argos()` sets those choices through environment variables
for the duration of that first import only, then restores the environment so nothing else in the
process (Qt reads XDG_* too) is affected.

Lantern never relies on argos' own package discovery or download functions: it passes explicit
package folders (see `models.py` and `translator.py`). These settings are a second line of defence.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from kiosk.core.offline import quiet_environment
from kiosk.core.translation.folders import argos_home, packages_dir

log = logging.getLogger(__name__)

_lock = threading.Lock()
_configured_home: Path | None = None


@dataclass(frozen=True)
class ArgosModules:
    settings: ModuleType
    package: ModuleType
    translate: ModuleType


def argos_environment(home: Path, packages: Path) -> dict[str, str]:
    """The environment under which argostranslate must be imported."""
    return {
        # argos' own folders (data, settings.json, download cache) live inside Lantern's folder.
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
        # A local, non-existent index: even an accidental index update cannot reach the network.
        "ARGOS_PACKAGE_INDEX": (home / "no-remote-index").as_uri() + "/",
        # OPENNMT runs models locally; the other providers send text to web services.
        "ARGOS_MODEL_PROVIDER": "OPENNMT",
        # MINISBD only loads a splitter model lazily; SPACY would download one at import.
        "ARGOS_CHUNK_TYPE": "MINISBD",
        "ARGOS_DEVICE_TYPE": "cpu",
        # Debug mode prints every text being translated to stdout.
        "ARGOS_DEBUG": "0",
        "ARGOS_DEV_MODE": "0",
    }


@contextmanager
def _temporary_environ(values: Mapping[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def load_argos() -> ArgosModules:
    """Import argostranslate configured for Lantern (once per process) and return its modules.

    argos fixes its folders at first import; later calls return the same modules even if
    KIOSK_HOME changed, which is harmless because Lantern passes package folders explicitly.
    """
    global _configured_home
    with _lock:
        if _configured_home is None:
            if "argostranslate.settings" in sys.modules:
                # Someone imported argos directly: its folders may be the user's home ones.
                log.warning("argostranslate was imported before Lantern configured it")
            # argostranslate imports minisbd, which imports ONNX Runtime: its telemetry must be
            # off before that first import (kiosk.core.offline); this setting stays for good.
            quiet_environment()
            home = argos_home()
            with _temporary_environ(argos_environment(home, packages_dir())):
                import argostranslate.package
                import argostranslate.settings
                import argostranslate.translate
            # argos logs every input text at INFO level, and warns about its own splitter's
            # language coverage, which Lantern replaces; keep only its errors.
            logging.getLogger("argostranslate.utils").setLevel(logging.ERROR)
            _configured_home = home
        import argostranslate.package
        import argostranslate.settings
        import argostranslate.translate

    return ArgosModules(
        settings=argostranslate.settings,
        package=argostranslate.package,
        translate=argostranslate.translate,
    )


def configured_home() -> Path | None:
    """The argos folder chosen at first import in this process, or None before `load_argos()`."""
    return _configured_home
