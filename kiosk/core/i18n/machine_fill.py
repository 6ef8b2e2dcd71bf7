"""Pre-fill the missing entries of one catalog with machine translation, marked for review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core import paths
from kiosk.core.errors import KioskError
from kiosk.core.i18n.catalogs import MACHINE_COMMENT, MACHINE_FLAG, MachineTranslate
from kiosk.core.i18n.extract import read_catalog, write_catalog
from kiosk.core.i18n.languages import SOURCE_LANGUAGE, TRANSLATED, language
from kiosk.core.i18n.placeholders import mismatch


@dataclass(frozen=True)
class FillReport:
    path: Path
    filled: int
    skipped: int  # machine output that broke a placeholder, left empty for a translator


def machine_fill(code: str, translate: MachineTranslate, folder: Path | None = None) -> FillReport:
    """Translate every empty entry of `<code>.po`; existing translations are never touched."""
    if code not in TRANSLATED:
        raise KioskError(f"'{code}' has no catalog to fill; choose one of {', '.join(TRANSLATED)}")
    folder = folder or paths.translations_dir()
    path = folder / f"{code}.po"
    if not path.is_file():
        raise KioskError(f"{path} does not exist; run: kiosk i18n extract")
    target = language(code)
    catalog = read_catalog(path, target.locale_id)
    filled = skipped = 0
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.string:
            continue
        text = translate(message.id, SOURCE_LANGUAGE, target.mt_code)
        if not text.strip() or mismatch(message.id, text) is not None:
            skipped += 1
            continue
        message.string = text
        message.flags |= {"fuzzy", MACHINE_FLAG}
        if MACHINE_COMMENT not in message.user_comments:
            message.user_comments.append(MACHINE_COMMENT)
        filled += 1
    if filled:
        write_catalog(catalog, path)
    return FillReport(path, filled, skipped)
