"""Put the translations found in an XLSForm into Lantern's language catalogs, as drafts.

Each text keeps the content key a flow's text always has (`flow:ID:NODE:FIELD`, English
source as msgid), so the kiosk finds it like any other. A form's translation is a draft
(fuzzy) until a native speaker reviews it in the catalog; an entry that already holds the same
words is left as it is, so importing a form again never undoes a review.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kiosk.core.i18n.catalogs import DRAFT_COMMENT
from kiosk.core.i18n.extract import empty_catalog, read_catalog, write_catalog
from kiosk.core.i18n.languages import language

Translations = Mapping[str, Mapping[tuple[str, str], str]]


def add_translations(folder: Path, translations: Translations, origin: str) -> dict[str, int]:
    """Write each language's entries into `folder/<code>.po`; returns entries changed per code."""
    changed: dict[str, int] = {}
    for code in sorted(translations):
        lang = language(code)
        path = folder / f"{code}.po"
        catalog = read_catalog(path, lang.locale_id) if path.exists() else empty_catalog(lang)
        count = 0
        for (context, source), text in translations[code].items():
            existing = catalog.get(source, context=context)
            if existing is not None and existing.string == text:
                continue
            if existing is not None:
                catalog.delete(source, context=context)
            catalog.add(
                source,
                string=text,
                context=context,
                flags=("fuzzy",),
                user_comments=[DRAFT_COMMENT, f"from the XLSForm {origin}"],
            )
            count += 1
        if count:
            write_catalog(catalog, path)
        changed[code] = count
    return changed
