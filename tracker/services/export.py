"""Exports: the ``entries`` and ``daily`` CSVs (streamed) and the whole journal as JSON.

CSVs are RFC 4180 (comma, double quotes, CRLF), UTF-8, ISO dates, dot decimals with real
values, and text cells neutralised against formulas (see :mod:`tracker.domain.csvformat`).
Rows are produced one at a time from the database; nothing builds the whole file in memory.

The ``entries`` and ``daily`` shapes are made straight from the stored rows
(:func:`tracker.store.dbapi.stream_entries`, the standard library's sqlite3): no ORM rows, no
``Entry`` model per row, and :func:`export_csv_at` opens no SQLAlchemy engine at all when the
journal is at the current schema. The cells are those the stored values mean as ``Entry``
models (a test compares them with cells made from ``Journal.entries``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tracker.domain.csvformat import (
    DAILY_COLUMNS,
    ENTRIES_COLUMNS,
    ENTRY_HEAD,
    ENTRY_TAIL,
    WEEKLY_COLUMNS,
    daily_mean,
    neutralise,
    number_cell,
    tag_column,
    timestamp_cell,
)
from tracker.domain.errors import InputError
from tracker.domain.metrics import METRICS, TAGS, Kind
from tracker.services.files import atomic_text, check_output
from tracker.store import dbapi
from tracker.store.dbapi import EntryRecord, NotCurrent

if TYPE_CHECKING:
    from tracker.domain.entry import Entry
    from tracker.domain.export import JournalExport
    from tracker.domain.summary import ReviewSettings
    from tracker.services.journal import Journal

Progress = Callable[[int, int], None]
"""Called with (done, total) as rows are written (the TUI shows a progress bar)."""


class Shape(StrEnum):
    ENTRIES = "entries"
    DAILY = "daily"
    WEEKLY = "weekly"


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise InputError("--to", end.isoformat(), f"a date on or after --from ({start})")


def _db(source: Journal | Path) -> Path:
    return source if isinstance(source, Path) else source.path


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def count_entries(
    source: Journal | Path, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    """How many live entries between ``start`` and ``end`` (each inclusive, when given)."""
    return dbapi.count_entries(_db(source), start=_iso(start), end=_iso(end))


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def entry_of(record: EntryRecord) -> Entry:
    """The ``Entry`` a stored row means (what ``Journal.get`` returns for it)."""
    from tracker.domain.entry import Entry

    entry_id, uid, kind, day, time, note, tags, version, created, updated, deleted, values = record
    return Entry(
        id=entry_id,
        uid=uid,
        kind=Kind(kind),
        date=dt.date.fromisoformat(day),
        time=dt.time.fromisoformat(time) if time else None,
        values={metric: value for _, metric, value in values},
        tags=json.loads(tags) or {} if tags else {},
        note=note,
        version=version,
        created_at=_stamp(created),
        updated_at=_stamp(updated),
        deleted_at=_stamp(deleted) if deleted else None,
    )


def iter_entries(
    journal: Journal,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    by_date: bool = True,
    live_only: bool = True,
) -> Iterator[Entry]:
    """Entries one at a time (by date, time, id; or by id), read in one transaction."""
    stream = dbapi.stream_entries(
        journal.path, start=_iso(start), end=_iso(end), live_only=live_only, by_date=by_date
    )
    with stream:
        for record in stream:
            yield entry_of(record)


# -- cells from stored rows ---------------------------------------------------------------------

_INDEX = {column: i for i, column in enumerate(ENTRIES_COLUMNS)}
_METRIC_INDEX: dict[str, dict[str, int]] = {
    kind.value: {m.name: _INDEX[m.column] for m in METRICS if m.kind is kind} for kind in Kind
}
_NO_METRICS: dict[str, int] = {}
_TAG_INDEX = {(t.kind.value, t.name): _INDEX[tag_column(t)] for t in TAGS}
_BLANKS = ("",) * (len(ENTRIES_COLUMNS) - len(ENTRY_HEAD) - len(ENTRY_TAIL))
assert ENTRIES_COLUMNS[: len(ENTRY_HEAD)] == ENTRY_HEAD == ("uid", "id", "kind", "date", "time")
assert ENTRIES_COLUMNS[-len(ENTRY_TAIL) :] == ENTRY_TAIL
assert ENTRY_TAIL == ("note", "version", "created_at", "updated_at")

# A journal holds few distinct numbers and tag sets: each is made into cells once.
_number_cell = lru_cache(maxsize=4096)(number_cell)


@lru_cache(maxsize=1024)
def _tag_cells(kind: str, tags: str) -> tuple[tuple[int, str], ...]:
    """(column index, cell) of each tag of an entry of ``kind`` (``tags`` as stored: JSON)."""
    found: dict[str, str] = (json.loads(tags) if tags else None) or {}
    return tuple(
        (i, neutralise(text))
        for name, text in found.items()
        if (i := _TAG_INDEX.get((kind, name))) is not None
    )


def _date_cell(text: str) -> str:
    """An ISO date as stored ("YYYY-MM-DD"), or normalised to one."""
    return text if len(text) == 10 else dt.date.fromisoformat(text).isoformat()


def _time_cell(text: str | None) -> str:
    """A stored time ("HH:MM") as its cell; empty when untimed."""
    if not text:
        return ""
    return text if len(text) == 5 else dt.time.fromisoformat(text).strftime("%H:%M")


def _stamp_cell(text: str) -> str:
    """:func:`timestamp_cell` of a stored naive-UTC timestamp ("YYYY-MM-DD HH:MM:SS.ffffff")."""
    if len(text) == 26 and text[10] == " ":
        return f"{text[:10]}T{text[11:]}Z"
    return timestamp_cell(dt.datetime.fromisoformat(text))


def entry_row(record: EntryRecord) -> list[str]:
    """The ``entries`` CSV cells of one stored entry, in ``ENTRIES_COLUMNS`` order."""
    entry_id, uid, kind, day, time, note, tags, version, created, updated, _, values = record
    # The usual forms inline (tens of thousands of rows); anything else through the helpers.
    created = (
        f"{created[:10]}T{created[11:]}Z"
        if len(created) == 26 and created[10] == " "
        else _stamp_cell(created)
    )
    cells = [
        uid,
        str(entry_id),
        kind,
        day if len(day) == 10 else _date_cell(day),
        time if time and len(time) == 5 else _time_cell(time),
        *_BLANKS,
        neutralise(note) if note else "",
        str(version),
        created,
        created if updated == record[8] else _stamp_cell(updated),
    ]
    if values:
        index = _METRIC_INDEX.get(kind, _NO_METRICS)
        for _, metric, value in values:
            i = index.get(metric)
            if i is not None:
                cells[i] = _number_cell(value)
    if tags:
        for i, text in _tag_cells(kind, tags):
            cells[i] = text
    return cells


# -- rows ---------------------------------------------------------------------------------------


def entries_rows(
    source: Journal | Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    """Header, then one row per entry (the bin's entries are left out; JSON keeps them)."""
    check_range(start, end)
    with dbapi.stream_entries(_db(source), start=_iso(start), end=_iso(end)) as stream:
        yield list(ENTRIES_COLUMNS)
        for record in stream:
            yield entry_row(record)


_DAILY_METRICS = tuple((m.key, daily_mean(m)) for m in METRICS)
_ONE_DAY = dt.timedelta(days=1)


def _day_row(day: dt.date, records: list[EntryRecord]) -> list[str]:
    sums: dict[str, list[float]] = {}
    care: list[str] = []
    notes: list[str] = []
    for record in records:
        kind = record[2]
        for _, name, value in record[11]:
            sums.setdefault(f"{kind}.{name}", []).append(value)
        if kind == "care":
            tags = (json.loads(record[6]) if record[6] else None) or {}
            care.append(" ".join(t for t in (tags.get("event"), tags.get("drug")) if t))
        if record[5]:
            notes.append(record[5])
    cells = [day.isoformat()]
    for key, mean in _DAILY_METRICS:
        got = sums.get(key)
        if not got:
            cells.append("")
        elif mean:
            cells.append(number_cell(round(sum(got) / len(got), 2)))
        else:
            cells.append(number_cell(round(sum(got), 6)))
    cells.append(neutralise("; ".join(care)))
    cells.append(neutralise("\n".join(notes)))
    return cells


def daily_rows(
    source: Journal | Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    """Header, then one row per date from ``start`` (or the first entry) to ``end`` (or the last).

    Dates with nothing logged are kept, with empty cells, so gaps show.
    """
    check_range(start, end)
    with dbapi.stream_entries(_db(source), start=_iso(start), end=_iso(end)) as stream:
        yield list(DAILY_COLUMNS)
        day: dt.date | None = start
        bucket: list[EntryRecord] = []
        current: dt.date | None = None
        current_text = ""
        for record in stream:
            if record[3] != current_text:
                current_text = record[3]
                date = dt.date.fromisoformat(current_text)
                if date != current:
                    if current is not None:
                        yield _day_row(current, bucket)
                        bucket = []
                        day = current + _ONE_DAY
                    if day is None:
                        day = date
                    while day < date:
                        yield _day_row(day, [])
                        day += _ONE_DAY
                    current = date
            bucket.append(record)
    if current is not None:
        yield _day_row(current, bucket)
        day = current + _ONE_DAY
    if end is not None and day is not None:
        while day <= end:
            yield _day_row(day, [])
            day += _ONE_DAY


def first_date(journal: Journal) -> dt.date | None:
    first = dbapi.first_live_date(journal.path)
    return dt.date.fromisoformat(first) if first else None


def weekly_rows(
    journal: Journal,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    chunk_weeks: int = 52,
) -> Iterator[list[str]]:
    """Header, then one row per week and target, as the weekly review judged it.

    Weeks overlapping ``start``..``end`` (default: the first entry's week to this week), oldest
    first, reviewed a year at a time so that a long journal is never held in memory at once.
    """
    from tracker.services.clock import today
    from tracker.services.summary import week_summaries, week_summary

    check_range(start, end)
    yield list(WEEKLY_COLUMNS)
    end = end or today()
    start = start or first_date(journal) or end
    if end < start:
        return
    last = week_summary(journal, end).start
    count = 1 + max(0, (last - start).days + 6) // 7
    first = last - dt.timedelta(weeks=count - 1)
    done = 0
    while done < count:
        size = min(chunk_weeks, count - done)
        chunk_end = first + dt.timedelta(weeks=done + size - 1)
        for week in week_summaries(journal, size, chunk_end):
            for t in week.targets:
                yield [
                    week.week,
                    t.lever,
                    t.id,
                    "" if t.actual is None else number_cell(round(t.actual, 6)),
                    t.unit,
                    "" if t.target is None else number_cell(t.target),
                    t.direction.value,
                    t.status.value,
                    neutralise(t.source),
                ]
        done += size


def write_csv(
    rows: Iterator[list[str]],
    out: TextIO,
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> int:
    """Write ``rows`` (header first) as RFC 4180 CSV; returns how many data rows.

    The bytes are ``csv.writer``'s (excel dialect, CRLF, minimal quoting). That writer quotes a
    cell only when it holds a comma, a double quote, CR or LF (or is a row's only cell, and
    empty); a row of two or more cells with none of them is its cells joined by commas, which
    is how most rows are written here, at a third of the cost. A test compares the two.
    """
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    write = out.write
    count = -1
    for row in rows:
        line = ",".join(row)
        if (
            line.count(",") == len(row) - 1 > 0
            and '"' not in line
            and "\n" not in line
            and "\r" not in line
        ):
            write(line + "\r\n")
        else:
            writer.writerow(row)
        count += 1
        if progress is not None and count and count % 200 == 0:
            progress(count, max(total or 0, count))
    if progress is not None:
        progress(max(count, 0), max(total or 0, count, 0))
    return max(count, 0)


def csv_rows(
    source: Journal | Path,
    shape: Shape,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    """The rows of one shape; ``weekly`` needs an open ``Journal`` (the review reads it)."""
    check_range(start, end)
    if shape is Shape.ENTRIES:
        return entries_rows(source, start, end)
    if shape is Shape.DAILY:
        return daily_rows(source, start, end)
    if isinstance(source, Path):
        raise TypeError("the weekly shape is read from an open Journal")
    return weekly_rows(source, start, end)


def _write(
    source: Journal | Path,
    shape: Shape,
    out: Path | TextIO,
    start: dt.date | None,
    end: dt.date | None,
    progress: Progress | None,
) -> int:
    check_range(start, end)
    if isinstance(out, Path):
        check_output(out, journal=_db(source))
    total = count_entries(source, start, end) if progress and shape is Shape.ENTRIES else None
    if total is None and progress and start and end:
        total = (end - start).days + 1 if shape is Shape.DAILY else None
    rows = csv_rows(source, shape, start, end)
    if isinstance(out, Path):
        with atomic_text(out) as handle:
            return write_csv(rows, handle, total=total, progress=progress)
    return write_csv(rows, out, total=total, progress=progress)


def export_csv(
    journal: Journal,
    shape: Shape,
    out: Path | TextIO,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """Write one CSV shape to a path (atomically, 0600) or an open text stream."""
    return _write(journal, shape, out, start, end, progress)


@dataclass(frozen=True)
class Exported:
    rows: int
    upgraded_backup: Path | None = None


def export_csv_at(
    path: str | Path | None,
    shape: Shape,
    out: Path | TextIO,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Exported:
    """:func:`export_csv` from the journal at ``path`` (``--db``; else the default place).

    The ``entries`` and ``daily`` shapes of a journal at the current schema are read over
    sqlite3 alone; a missing or older journal (and the ``weekly`` shape) goes through
    :meth:`Journal.open` (create, or back up and upgrade) first.
    """
    from tracker.store.paths import db_path
    from tracker.store.schema import State, inspect_journal

    check_range(start, end)
    target = db_path(path)
    if shape is not Shape.WEEKLY and inspect_journal(target).state is State.CURRENT:
        try:
            return Exported(_write(target, shape, out, start, end, None))
        except NotCurrent:  # raised before anything is written
            pass
    from tracker.services.journal import Journal

    with Journal.open(target) as journal:
        return Exported(_write(journal, shape, out, start, end, None), journal.upgraded_backup)


# -- JSON ---------------------------------------------------------------------------------------


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def journal_export(source: Journal | Path, *, progress: Progress | None = None) -> JournalExport:
    """The whole journal: every entry (the bin's too) with history, skips, settings, overrides.

    Read over sqlite3 (the entries streamed by id); each entry is validated once, as the
    ``ExportedEntry`` it is written as.
    """
    from tracker import __version__
    from tracker.domain.export import (
        EXPORT_VERSION,
        ExportedEntry,
        ExportedOverride,
        ExportedSetting,
        ExportedSkip,
        ExportedVersion,
        JournalExport,
    )
    from tracker.services.clock import now_utc

    path = _db(source)
    total = dbapi.count_entries(path, live_only=False) if progress is not None else 0
    extras = dbapi.select_extras(path)
    history: dict[int, list[ExportedVersion]] = {}
    for entry_id, version, data, replaced_at in extras.versions:
        history.setdefault(entry_id, []).append(
            ExportedVersion.model_validate(
                {**(json.loads(data) or {}), "version": version, "replaced_at": _stamp(replaced_at)}
            )
        )
    skips = [
        ExportedSkip(date=dt.date.fromisoformat(day), reason=reason, created_at=_stamp(created))
        for day, reason, created in extras.skips
    ]
    settings = [
        ExportedSetting(key=key, value=dict(json.loads(value)), updated_at=_stamp(updated))
        for key, value, updated in extras.settings
    ]
    overrides = [
        ExportedOverride(target_id=target, value=value, note=note, set_at=_stamp(set_at))
        for target, value, note, set_at in extras.overrides
    ]
    entries: list[ExportedEntry] = []
    with dbapi.stream_entries(path, live_only=False, by_date=False) as stream:
        for record in stream:
            (
                entry_id,
                uid,
                kind,
                day,
                time,
                note,
                tags,
                version,
                created,
                updated,
                deleted,
                values,
            ) = record
            entries.append(
                ExportedEntry(
                    uid=uid,
                    kind=Kind(kind),
                    date=dt.date.fromisoformat(day),
                    time=dt.time.fromisoformat(time) if time else None,
                    values={metric: value for _, metric, value in values},
                    tags=(json.loads(tags) if tags else None) or {},
                    note=note,
                    version=version,
                    created_at=_stamp(created),
                    updated_at=_stamp(updated),
                    deleted_at=_stamp(deleted) if deleted else None,
                    history=history.get(entry_id, []),
                )
            )
            if progress is not None and len(entries) % 200 == 0:
                progress(len(entries), max(total, len(entries)))
    if progress is not None:
        progress(len(entries), max(total, len(entries)))
    return JournalExport(
        review_settings=_review_settings(),
        version=EXPORT_VERSION,
        app_version=__version__,
        exported_at=_utc(now_utc()),
        entries=entries,
        skips=skips,
        settings=settings,
        target_overrides=overrides,
    )


def _review_settings() -> ReviewSettings | None:
    from tracker.services.settings import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError:
        return None  # a broken config.toml is reported by the review, not by the export


def export_json(
    journal: Journal, out: Path | TextIO, *, progress: Progress | None = None
) -> JournalExport:
    """Write the whole journal as JSON to a path (atomically, 0600) or an open text stream."""
    return _write_json(journal, out, progress)


@dataclass(frozen=True)
class ExportedJson:
    data: JournalExport
    upgraded_backup: Path | None = None


def export_json_at(path: str | Path | None, out: Path | TextIO) -> ExportedJson:
    """:func:`export_json` from the journal at ``path``: over sqlite3 when it is current,
    else through :meth:`Journal.open` (create, or back up and upgrade) first."""
    from tracker.store.paths import db_path
    from tracker.store.schema import State, inspect_journal

    target = db_path(path)
    if inspect_journal(target).state is State.CURRENT:
        try:
            return ExportedJson(_write_json(target, out, None))
        except NotCurrent:  # raised before anything is written
            pass
    from tracker.services.journal import Journal

    with Journal.open(target) as journal:
        return ExportedJson(_write_json(journal, out, None), journal.upgraded_backup)


def _write_json(
    source: Journal | Path, out: Path | TextIO, progress: Progress | None
) -> JournalExport:
    if isinstance(out, Path):
        check_output(out, journal=_db(source))
    data = journal_export(source, progress=progress)
    text = data.model_dump_json(indent=2) + "\n"
    if isinstance(out, Path):
        with atomic_text(out) as handle:
            handle.write(text)
    else:
        out.write(text)
    return data
