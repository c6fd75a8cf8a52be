"""Exports: the ``entries`` and ``daily`` CSVs (streamed) and the whole journal as JSON.

CSVs are RFC 4180 (comma, double quotes, CRLF), UTF-8, ISO dates, dot decimals with real
values, and text cells neutralised against formulas (see :mod:`tracker.domain.export`).
Rows are produced one at a time from the database; nothing builds the whole file in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from sqlalchemy import func, select

from tracker.domain.entry import Entry
from tracker.domain.errors import InputError
from tracker.domain.export import (
    DAILY_COLUMNS,
    ENTRIES_COLUMNS,
    EXPORT_VERSION,
    WEEKLY_COLUMNS,
    ExportedEntry,
    ExportedOverride,
    ExportedSetting,
    ExportedSkip,
    ExportedVersion,
    JournalExport,
    daily_mean,
    neutralise,
    number_cell,
    tag_column,
    timestamp_cell,
)
from tracker.domain.metrics import METRICS, TAGS
from tracker.domain.summary import ReviewSettings
from tracker.services.clock import now_utc
from tracker.services.files import atomic_text
from tracker.services.journal import Journal, to_entry
from tracker.store.models import EntryRow, SettingRow, SkipRow, TargetOverrideRow, VersionRow

Progress = Callable[[int, int], None]
"""Called with (done, total) as rows are written (the TUI shows a progress bar)."""

_CHUNK = 500


class Shape(StrEnum):
    ENTRIES = "entries"
    DAILY = "daily"
    WEEKLY = "weekly"


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise InputError("--to", end.isoformat(), f"a date on or after --from ({start})")


def count_entries(
    journal: Journal, start: dt.date | None = None, end: dt.date | None = None
) -> int:
    query = select(func.count()).select_from(EntryRow).where(EntryRow.deleted_at.is_(None))
    if start:
        query = query.where(EntryRow.date >= start)
    if end:
        query = query.where(EntryRow.date <= end)
    with journal.read() as session:
        return int(session.scalar(query) or 0)


def iter_entries(
    journal: Journal,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    by_date: bool = True,
    live_only: bool = True,
) -> Iterator[Entry]:
    """Entries one at a time, fetched in chunks (by date, time, id; or by id)."""
    query = select(EntryRow)
    if live_only:
        query = query.where(EntryRow.deleted_at.is_(None))
    if start:
        query = query.where(EntryRow.date >= start)
    if end:
        query = query.where(EntryRow.date <= end)
    if by_date:
        query = query.order_by(
            EntryRow.date, EntryRow.time.is_not(None), EntryRow.time, EntryRow.id
        )
    else:
        query = query.order_by(EntryRow.id)
    with journal.read() as session:
        for row in session.scalars(query.execution_options(yield_per=_CHUNK)):
            yield to_entry(row)
            session.expunge(row)


# -- rows -------------------------------------------------------------------------------------


def entry_row(entry: Entry) -> list[str]:
    """The ``entries`` CSV cells of one entry, in ``ENTRIES_COLUMNS`` order."""
    cells: dict[str, str] = {
        "uid": entry.uid,
        "id": str(entry.id),
        "kind": entry.kind.value,
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M") if entry.time else "",
        "note": neutralise(entry.note),
        "version": str(entry.version),
        "created_at": timestamp_cell(entry.created_at),
        "updated_at": timestamp_cell(entry.updated_at),
    }
    for spec in METRICS:
        value = entry.values.get(spec.name) if spec.kind is entry.kind else None
        cells[spec.column] = "" if value is None else number_cell(value)
    for tag in TAGS:
        text = entry.tags.get(tag.name) if tag.kind is entry.kind else None
        cells[tag_column(tag)] = "" if text is None else neutralise(text)
    return [cells[c] for c in ENTRIES_COLUMNS]


def entries_rows(
    journal: Journal,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    """Header, then one row per entry (the bin's entries are left out; JSON keeps them)."""
    check_range(start, end)
    yield list(ENTRIES_COLUMNS)
    for entry in iter_entries(journal, start, end):
        yield entry_row(entry)


def _day_row(day: dt.date, entries: list[Entry]) -> list[str]:
    sums: dict[str, list[float]] = {}
    care: list[str] = []
    notes: list[str] = []
    for entry in entries:
        for name, value in entry.values.items():
            sums.setdefault(f"{entry.kind.value}.{name}", []).append(value)
        if entry.kind.value == "care":
            care.append(" ".join(t for t in (entry.tags.get("event"), entry.tags.get("drug")) if t))
        if entry.note:
            notes.append(entry.note)
    cells = [day.isoformat()]
    for spec in METRICS:
        got = sums.get(spec.key)
        if not got:
            cells.append("")
        elif daily_mean(spec):
            cells.append(number_cell(round(sum(got) / len(got), 2)))
        else:
            cells.append(number_cell(round(sum(got), 6)))
    cells.append(neutralise("; ".join(care)))
    cells.append(neutralise("\n".join(notes)))
    return cells


def daily_rows(
    journal: Journal,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    """Header, then one row per date from ``start`` (or the first entry) to ``end`` (or the last).

    Dates with nothing logged are kept, with empty cells, so gaps show.
    """
    check_range(start, end)
    yield list(DAILY_COLUMNS)
    day: dt.date | None = start
    bucket: list[Entry] = []
    current: dt.date | None = None
    for entry in iter_entries(journal, start, end):
        if current is not None and entry.date != current:
            yield _day_row(current, bucket)
            bucket = []
            day = current + dt.timedelta(days=1)
        if day is None:
            day = entry.date
        while day < entry.date:
            yield _day_row(day, [])
            day += dt.timedelta(days=1)
        current = entry.date
        bucket.append(entry)
    if current is not None:
        yield _day_row(current, bucket)
        day = current + dt.timedelta(days=1)
    if end is not None and day is not None:
        while day <= end:
            yield _day_row(day, [])
            day += dt.timedelta(days=1)


def first_date(journal: Journal) -> dt.date | None:
    with journal.read() as session:
        return session.scalar(select(func.min(EntryRow.date)).where(EntryRow.deleted_at.is_(None)))


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
    """Write ``rows`` (header first) as RFC 4180 CSV; returns how many data rows."""
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    count = -1
    for row in rows:
        writer.writerow(row)
        count += 1
        if progress is not None and count and count % 200 == 0:
            progress(count, max(total or 0, count))
    if progress is not None:
        progress(max(count, 0), max(total or 0, count, 0))
    return max(count, 0)


def csv_rows(
    journal: Journal,
    shape: Shape,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[list[str]]:
    check_range(start, end)
    if shape is Shape.ENTRIES:
        return entries_rows(journal, start, end)
    if shape is Shape.DAILY:
        return daily_rows(journal, start, end)
    return weekly_rows(journal, start, end)


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
    check_range(start, end)
    if isinstance(out, Path):
        from tracker.services.files import check_output

        check_output(out, journal=journal.path)
    total = count_entries(journal, start, end) if progress and shape is Shape.ENTRIES else None
    if total is None and progress and start and end:
        total = (end - start).days + 1 if shape is Shape.DAILY else None
    rows = csv_rows(journal, shape, start, end)
    if isinstance(out, Path):
        with atomic_text(out) as handle:
            return write_csv(rows, handle, total=total, progress=progress)
    return write_csv(rows, out, total=total, progress=progress)


# -- JSON ---------------------------------------------------------------------------------------


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def journal_export(journal: Journal, *, progress: Progress | None = None) -> JournalExport:
    """The whole journal: every entry (the bin's too) with history, skips, settings, overrides."""
    from tracker import __version__

    total = 0
    if progress is not None:
        with journal.read() as session:
            total = int(session.scalar(select(func.count()).select_from(EntryRow)) or 0)
    with journal.read() as session:
        history: dict[int, list[ExportedVersion]] = {}
        for v in session.scalars(
            select(VersionRow).order_by(VersionRow.entry_id, VersionRow.version)
        ):
            data = dict(v.data)
            history.setdefault(v.entry_id, []).append(
                ExportedVersion.model_validate(
                    {**data, "version": v.version, "replaced_at": _utc(v.replaced_at)}
                )
            )
        skips = [
            ExportedSkip(date=s.date, reason=s.reason, created_at=_utc(s.created_at))
            for s in session.scalars(select(SkipRow).order_by(SkipRow.date))
        ]
        settings = [
            ExportedSetting(key=s.key, value=dict(s.value), updated_at=_utc(s.updated_at))
            for s in session.scalars(select(SettingRow).order_by(SettingRow.key))
        ]
        overrides = [
            ExportedOverride(
                target_id=o.target_id, value=o.value, note=o.note, set_at=_utc(o.set_at)
            )
            for o in session.scalars(
                select(TargetOverrideRow).order_by(TargetOverrideRow.target_id)
            )
        ]
    entries: list[ExportedEntry] = []
    for entry in iter_entries(journal, by_date=False, live_only=False):
        entries.append(
            ExportedEntry(
                uid=entry.uid,
                kind=entry.kind,
                date=entry.date,
                time=entry.time,
                values=dict(entry.values),
                tags=dict(entry.tags),
                note=entry.note,
                version=entry.version,
                created_at=entry.created_at,
                updated_at=entry.updated_at,
                deleted_at=entry.deleted_at,
                history=history.get(entry.id, []),
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
    if isinstance(out, Path):
        from tracker.services.files import check_output

        check_output(out, journal=journal.path)
    data = journal_export(journal, progress=progress)
    text = data.model_dump_json(indent=2) + "\n"
    if isinstance(out, Path):
        with atomic_text(out) as handle:
            handle.write(text)
    else:
        out.write(text)
    return data
