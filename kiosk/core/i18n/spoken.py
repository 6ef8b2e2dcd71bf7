"""The fixed texts a person may hear read aloud, and their current wording per language.

Recorded prompts are tied to these texts (by content key), so the studio lists them and
`kiosk voices` counts recordings whose text has since changed (stale).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.flow import Flow
from kiosk.core.i18n.register import Register
from kiosk.core.localizer import Localizer


def person_texts(flows: Iterable[Flow], rights: Path | None = None) -> list[tuple[str, str]]:
    """(content key, English source) of every person-facing text, without staff-only ones."""
    from kiosk.core.i18n.extract import flow_strings, rights_strings

    rows: list[tuple[str, str]] = []
    for flow in flows:
        for string in flow_strings(flow):
            if Register.STAFF not in string.registers:  # staff-only texts are never read aloud
                rows.append((string.context, string.text))
    rights = rights or paths.content_dir() / "rights.yaml"
    if rights.is_file():
        rows.extend((context, text) for context, text, _line in rights_strings(rights))
    return list(dict.fromkeys(rows))


def shipped_flows() -> list[Flow]:
    """The built-in flows that load (a broken one is reported by `kiosk validate`, not here)."""
    from kiosk.core.flow_loader import flow_files, load_flow

    flows = []
    for path in flow_files([paths.flows_dir()]):
        try:
            flows.append(load_flow(path))
        except KioskError:
            continue
    return flows


def current_texts(
    language: str, localizer: Localizer, texts: list[tuple[str, str]]
) -> dict[str, str]:
    """content key -> the wording the person hears now in `language`."""
    return {key: localizer.content(language, key, source).text for key, source in texts}
