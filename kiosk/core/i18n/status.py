"""Coverage of each catalog against the template, and catalog problems for `kiosk i18n check`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core import paths
from kiosk.core.i18n.catalogs import CatalogProblem, LoadedCatalog, catalog_entries, load_catalog
from kiosk.core.i18n.extract import TEMPLATE_NAME, collect, read_catalog
from kiosk.core.i18n.languages import TRANSLATED, language
from kiosk.core.textwidth import format_table


@dataclass(frozen=True)
class Coverage:
    code: str
    name: str  # native name
    entries: int
    reviewed: int
    draft: int
    machine: int
    missing: int
    rejected: int


def template_keys(folder: Path | None = None) -> list[tuple[str, str]]:
    """(context, msgid) of every entry in translations/lantern.pot."""
    folder = folder or paths.translations_dir()
    template = read_catalog(folder / TEMPLATE_NAME)
    return [(m.context or "", m.id) for m in template if m.id and isinstance(m.id, str)]


_LOADED: dict[tuple[Path, int, int], LoadedCatalog] = {}


def _load_unchanged(code: str, folder: Path | None) -> LoadedCatalog:
    """A catalog read once per version of its file: the setup screen asks for all twelve each
    time staff open it, and parsing them takes seconds on a small laptop."""
    path = (folder or paths.translations_dir()) / f"{code}.po"
    try:
        stat = path.stat()
    except OSError:
        return load_catalog(code, folder)
    key = (path, stat.st_mtime_ns, stat.st_size)
    loaded = _LOADED.get(key)
    if loaded is None:
        loaded = _LOADED[key] = load_catalog(code, folder)
    return loaded


def coverage(code: str, keys: list[tuple[str, str]], folder: Path | None = None) -> Coverage:
    loaded = _load_unchanged(code, folder)
    counts = {"reviewed": 0, "draft": 0, "machine": 0, "missing": 0}
    for key in keys:
        entry = loaded.entries.get(key)
        counts[entry.status if entry else "missing"] += 1
    return Coverage(
        code, language(code).native_name, len(keys), rejected=len(loaded.problems), **counts
    )


def coverage_table(folder: Path | None = None, codes: tuple[str, ...] = TRANSLATED) -> str:
    keys = template_keys(folder)
    rows = [coverage(code, keys, folder) for code in codes]
    header = ("lang", "name", "entries", "reviewed", "draft", "machine", "missing", "rejected")
    lines = [header] + [
        (
            r.code,
            r.name,
            *(str(n) for n in (r.entries, r.reviewed, r.draft, r.machine, r.missing, r.rejected)),
        )
        for r in rows
    ]
    return format_table(lines, right_aligned_from=2)


DATA_CONTEXTS = ("flow:", "rights:")


def check(
    root: Path | None = None, folder: Path | None = None, codes: tuple[str, ...] = TRANSLATED
) -> list[CatalogProblem]:
    """Every problem with the catalogs: stale template, missing entries, rejected entries."""
    root = root or paths.resource_root()
    folder = folder or root / "translations"
    template_path = folder / TEMPLATE_NAME
    if not template_path.is_file():
        return [CatalogProblem(str(template_path), 0, "no template; run: kiosk i18n extract")]
    problems: list[CatalogProblem] = []
    keys = template_keys(folder)
    current = {(s.context, s.msgid) for s in collect(root)}
    expected = set(keys)
    if not any((root / "kiosk" / "ui").glob("*.py")):
        # An installed bundle carries compiled code, not the UI/document sources: compare only
        # the strings that come from data files (flows, rights).
        expected = {key for key in expected if key[0].startswith(DATA_CONTEXTS)}
        current = {key for key in current if key[0].startswith(DATA_CONTEXTS)}
    stale = len(current - expected) + len(expected - current)
    if stale:
        problems.append(
            CatalogProblem(
                str(template_path),
                0,
                f"the template is out of date ({stale} string(s) changed in the sources); "
                "run: kiosk i18n extract",
            )
        )
    for code in codes:
        path = folder / f"{code}.po"
        if not path.is_file():
            problems.append(CatalogProblem(str(path), 0, "no catalog; run: kiosk i18n extract"))
            continue
        catalog = read_catalog(path, language(code).locale_id)
        present = {(m.context or "", m.id) for m in catalog if m.id}
        absent = [key for key in keys if key not in present]
        if absent:
            context, msgid = absent[0]
            problems.append(
                CatalogProblem(
                    str(path),
                    0,
                    f"{len(absent)} entr{'y is' if len(absent) == 1 else 'ies are'} missing "
                    f"from the catalog (first: {context} {msgid[:40]!r}); run: kiosk i18n extract",
                )
            )
        problems.extend(catalog_entries(code, path, catalog).problems)
    return problems
