"""The words `kiosk store verify` prints: what is damaged, what can still be read, what to do."""

from __future__ import annotations

from kiosk.core.store_verify import Diagnosis

_SHOWN = 10  # pages or interviews named one by one before "and N more"


def _pages(pages: tuple[int, ...], count: int) -> str:
    shown = ", ".join(str(page) for page in pages[:_SHOWN])
    more = f" and {len(pages) - _SHOWN} more" if len(pages) > _SHOWN else ""
    if len(pages) == 1:
        return f"page {shown} of {count} fails its check"
    return f"pages {shown}{more} of {count} fail their check"


def verify_report(diagnosis: Diagnosis) -> list[str]:
    """One line per finding; the last lines say what to do."""
    pages = diagnosis.pages
    if diagnosis.intact:
        count = len(diagnosis.interviews or [])
        return [
            f"The store is intact: every page checks out ({pages.page_count} pages), "
            f"{count} interview(s), {diagnosis.events_read} event(s)."
        ]
    lines = ["The store is DAMAGED."]
    if pages.damaged:
        lines.append(
            f"problem: {_pages(pages.damaged, pages.page_count)} "
            "(the bytes on disk are not what Lantern wrote)"
        )
    lines.extend(f"problem: {other}" for other in pages.other)
    lines.extend(f"problem: {problem}" for problem in diagnosis.problems)
    if diagnosis.first_page_damaged:
        lines.append(
            "The passphrase is right (the other pages check out with it), but page 1 holds "
            "the list of what is inside, so nothing can be read from this file."
        )
    else:
        lines.extend(_readable(diagnosis))
    lines.append(
        "What to do: stop using this store and keep the file exactly as it is (copy it "
        "somewhere safe). Restore your latest backup; kiosk store backup DEST --salvage copies "
        "everything still readable into a new encrypted store."
    )
    return lines


def _readable(diagnosis: Diagnosis) -> list[str]:
    readings = diagnosis.interviews
    if readings is None:
        return ["Still readable: the list of interviews cannot be read."]
    whole = [r for r in readings if r.complete]
    partial = [r for r in readings if not r.complete]
    lines = [
        f"Still readable: {len(whole)} of {len(readings)} interview(s) in full; "
        f"{diagnosis.events_read} event(s) in all."
    ]
    for reading in partial[:_SHOWN]:
        if reading.events_total is None:
            told = f"{reading.events_read} event(s) can be read; the last ones cannot"
        else:
            told = f"{reading.events_read} of {reading.events_total} event(s) can be read"
        lines.append(f"  interview {reading.id}: {told}")
    if len(partial) > _SHOWN:
        lines.append(f"  and {len(partial) - _SHOWN} more interview(s) only in part")
    unreadable = sorted(name for name, rows in diagnosis.tables.items() if rows is None)
    if unreadable:
        lines.append(f"  cannot be read: {', '.join(unreadable)}")
    return lines
