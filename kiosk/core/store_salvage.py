"""`kiosk store backup DEST --salvage`: everything a damaged store still lets us read, copied
into a new encrypted store.

A damaged page makes an ordinary backup stop at the first read that reaches it. Salvage reads
the way `store verify` does (each interview on its own, stepping over damaged pages) and writes
what it read into a new store, built beside DEST, proven, then given DEST's name:
- every interview's summary row, or, when that row is lost, one rebuilt from its `started`
  event (status `stopped`, so staff see it as interrupted and can resume or review it);
- every readable event, with its own number (a gap in the numbers shows what was lost);
- the settings and every module table (`StorePart`) row that can be read, with their schema.
The damaged file is only read, never changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.fileio import FileProblem, fsync_dir, place_new
from kiosk.core.store import Store
from kiosk.core.store_connection import check_shape, connect
from kiosk.core.store_errors import FirstPageDamaged, classify
from kiosk.core.store_files import check_new_copy, count_rows, prove_copy
from kiosk.core.store_lock import StoreLock
from kiosk.core.store_verify import (
    READ_ERRORS,
    EventReader,
    Opener,
    first_look,
    interview_ids,
    opener_for,
    table_names,
)

_CORE_TABLES = ("interviews", "events", "meta", "settings")
_SUMMARY_COLUMNS = "id, flow_id, flow_version, created_at, status, language, path, reference"


@dataclass
class SalvageReport:
    interviews: int = 0
    events: int = 0
    incomplete: list[str] = field(default_factory=list)  # interviews that lost events
    rebuilt: list[str] = field(default_factory=list)  # summaries rebuilt from events
    lost_tables: list[str] = field(default_factory=list)  # tables not (fully) readable
    list_lost: bool = False  # not even the list of interviews could be read


def salvage(path: Path, passphrase: str, destination: Path, new_passphrase: str) -> SalvageReport:
    """Copy what can be read from the store at `path` into a new store at `destination`."""
    folder = check_new_copy(destination)
    check_shape(path)
    with StoreLock.shared(path):
        pages = first_look(path, passphrase)
        if 1 in pages.damaged:
            raise FirstPageDamaged(pages.page_count)
        source = opener_for(path, passphrase)
        partial = folder / f".{destination.name}.partial-{os.getpid()}"
        try:
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            connection = connect(partial, new_passphrase)
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA temp_store = MEMORY")
            target = Store(partial, connection)
            try:
                target.initialise()
                report = _copy(source, target)
                expected = count_rows(connection)
            finally:
                target.close()
            prove_copy(partial, new_passphrase, expected)
            place_new(partial, destination)
            fsync_dir(folder)
            return report
        except FileExistsError:
            raise FileProblem(destination, "already exists; choose a new name") from None
        except OSError as error:
            raise classify(error, folder) from None
        except READ_ERRORS as error:
            raise classify(error, folder) from None
        finally:
            partial.unlink(missing_ok=True)
            partial.with_name(partial.name + "-journal").unlink(missing_ok=True)


def _copy(source: Opener, target: Store) -> SalvageReport:
    report = SalvageReport()
    schema = _schema(source)
    with target.write() as db:
        for statement in schema:
            db.execute(statement)
    for table in ("settings", "meta", *_part_tables(source)):
        if not _copy_table(source, target, table):
            report.lost_tables.append(table)
    ids = interview_ids(source)
    if ids is None:
        report.list_lost = True
        return report
    reader = EventReader(source)
    try:
        for interview_id in ids:
            reading, rows = reader.read(interview_id)
            summary = _summary(source, interview_id)
            if summary is None:
                summary = _rebuilt_summary(interview_id, rows)
                if summary is None:
                    report.incomplete.append(interview_id)
                    continue  # not even its start can be read: nothing to file it under
                report.rebuilt.append(interview_id)
            with target.write() as db:
                db.execute(
                    f"INSERT INTO interviews ({_SUMMARY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    summary,
                )
                db.executemany(
                    "INSERT INTO events (interview_id, seq, at, kind, actor, data)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [(interview_id, *row) for row in rows],
                )
            report.interviews += 1
            report.events += len(rows)
            if not reading.complete:
                report.incomplete.append(interview_id)
    finally:
        reader.close()
    return report


def _schema(source: Opener) -> list[str]:
    """The CREATE statements of module tables (and their indexes and triggers)."""
    connection = source()
    try:
        rows = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            " ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid"
        ).fetchall()
    except READ_ERRORS:
        return []
    finally:
        connection.close()
    return [
        str(sql)
        for _kind, name, table, sql in rows
        if table not in _CORE_TABLES and not str(name).startswith("sqlite_")
    ]


def _part_tables(source: Opener) -> list[str]:
    return [name for name in table_names(source) if name not in _CORE_TABLES]


def _copy_table(source: Opener, target: Store, table: str) -> bool:
    """Copy every readable row of `table`; False when some could not be read."""
    connection = source()
    rows: list[Any] = []
    whole = True
    try:
        cursor = connection.execute(f'SELECT * FROM "{table}"')
        columns = len(cursor.description)
        for row in cursor:
            rows.append(row)
    except READ_ERRORS:
        whole = False
        columns = len(rows[0]) if rows else 0
    finally:
        connection.close()
    if table == "meta":  # the new store has its own app mark and creation time
        rows = [row for row in rows if row[0] not in ("app", "created_at")]
    if rows:
        marks = ", ".join("?" * columns)
        with target.write() as db:
            db.executemany(f'INSERT OR REPLACE INTO "{table}" VALUES ({marks})', rows)
    return whole


def _summary(source: Opener, interview_id: str) -> tuple[Any, ...] | None:
    connection = source()
    try:
        row = connection.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM interviews WHERE id = ?", (interview_id,)
        ).fetchone()
    except READ_ERRORS:
        return None
    finally:
        connection.close()
    return tuple(row) if row else None


def _rebuilt_summary(interview_id: str, rows: list[tuple[Any, ...]]) -> tuple[Any, ...] | None:
    """A summary row from the interview's `started` event, when its own row is lost."""
    for seq, at, kind, _actor, data in rows:
        if seq == 1 and kind == "started":
            started = json.loads(data)
            return (
                interview_id,
                str(started.get("flow", "unknown")),
                int(started.get("version", 0)),
                at,
                "stopped",
                str(started.get("language", "en")),
                "child",
                None,
            )
    return None


def salvage_lines(report: SalvageReport, destination: Path) -> list[str]:
    """What `kiosk store backup --salvage` prints."""
    lines = [
        f"Salvaged {report.interviews} interview(s) and {report.events} event(s) into "
        f"{destination} (a new encrypted store, checked)."
    ]
    if report.list_lost:
        lines.append("The list of interviews could not be read: no interview was salvaged.")
    if report.incomplete:
        lines.append(
            f"{len(report.incomplete)} interview(s) lost events to damaged pages: "
            + ", ".join(report.incomplete[:10])
            + (" …" if len(report.incomplete) > 10 else "")
        )
    if report.rebuilt:
        lines.append(
            f"{len(report.rebuilt)} interview(s) had their summary rebuilt from their events "
            "(shown as stopped)."
        )
    if report.lost_tables:
        lines.append("Not (fully) readable: " + ", ".join(report.lost_tables) + ".")
    lines.append(
        "To work with it: close Lantern, keep the damaged lantern.db somewhere safe, and put "
        "this file in its place, named lantern.db."
    )
    return lines
