"""`kiosk voices` counts recordings whose text has changed since they were made (stale)."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.core.i18n.catalogs import CatalogLocalizer
from kiosk.core.i18n.spoken import current_texts, person_texts, shipped_flows
from kiosk.core.speech.prompts import PromptStore
from kiosk.core.speech.synth import synthesize


def test_voices_reports_stale_recordings(capsys: pytest.CaptureFixture[str]) -> None:
    texts = person_texts(shipped_flows())
    assert len(texts) > 100 and not any(":safety_check" in key for key, _ in texts)
    current = current_texts("en", CatalogLocalizer(), texts)
    (fresh_key, fresh_text), (old_key, old_text) = list(current.items())[:2]
    audio = synthesize("test recording", "gmw/en")
    store = PromptStore()
    store.save_prompt("en", fresh_key, fresh_text, audio)
    store.save_prompt("en", old_key, old_text + " (an earlier wording)", audio)

    assert main(["voices"]) == 0
    english = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("en "))
    assert english.rstrip().endswith("2 (1 stale)")
