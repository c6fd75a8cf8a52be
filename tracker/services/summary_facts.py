"""The weekly review's inputs read over ``sqlite3``: what ``tracker summary`` needs, no ORM.

Each target's figures are grouped by date in SQLite over the indexed ``entries(kind, date)``
and ``entry_values(metric, entry_id)``: one query per target for the whole span asked for,
however many weeks, so a ten-year review costs a few dozen queries. Each target's statement
is built once per process (the dates are parameters). Days are then put into their weeks in
one pass. The profile and the user's own targets are read in the same read transaction.

:func:`summary_of` and :func:`summaries_of` review the journal at a path without loading
SQLAlchemy when it is at the current schema (as ``tracker list`` does); a missing or older
journal goes through :meth:`Journal.open` first. ``services.summary`` reads the same facts
through an open :class:`Journal`'s connection.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.domain.errors import InputError
from tracker.domain.levers import Aggregation, Catalogue, TargetSpec
from tracker.domain.profile import Profile
from tracker.domain.summary import (
    TREND_WEEKS,
    DayTotal,
    ReviewSettings,
    TargetOverride,
    WeekFacts,
    WeekSummary,
    bedtime_minutes,
    metric_parts,
    review_weeks,
    where_filters,
)
from tracker.domain.week import Week, week_of, weeks_ending
from tracker.guidance import catalogue
from tracker.services.clock import today
from tracker.services.settings import load_settings
from tracker.store.dbapi import NotCurrent, reading
from tracker.store.paths import db_path
from tracker.store.schema import PROFILE_KEY, State, inspect_journal

MAX_WEEKS = 5200  # a hundred years
_LIVE = "e.kind = :kind AND e.deleted_at IS NULL"


@dataclass(frozen=True)
class _Group:
    """Targets over the same rows (one kind; one value metric, or the kind's tags), read by
    one statement: the date, each target's (total, matched), then the rows of the day.
    Dates are ``:start`` / ``:end``."""

    ids: tuple[str, ...]
    sql: str
    params: dict[str, Any]


@dataclass(frozen=True)
class _Statements:
    """A catalogue's statements, built once per process (the catalogue is loaded once)."""

    groups: tuple[_Group, ...]
    spreads: tuple[tuple[str, str, dict[str, Any]], ...]  # (target id, sql, params)
    events: tuple[tuple[str, str, dict[str, Any]], ...]  # schedule targets: dates of events


def _conditions(spec: TargetSpec, params: dict[str, Any]) -> str:
    """The SQL of ``where_filters`` (and, for a tag metric, "the tag is set")."""

    def tag(name: str) -> str:
        key = f"p{len(params)}"
        params[key] = f"$.{name}"
        return f"json_extract(e.tags, :{key})"

    def value(v: object) -> str:
        key = f"p{len(params)}"
        params[key] = v
        return f":{key}"

    _, name, is_value = metric_parts(spec)
    out = [
        f"{tag(k)} IN ({', '.join(value(x) for x in allowed)})"
        for k, allowed in where_filters(spec).items()
    ]
    if not is_value:
        out.append(f"{tag(name)} IS NOT NULL")
    return " AND ".join(["1", *out])


def _weight(spec: TargetSpec, params: dict[str, Any]) -> str:
    if not spec.weight_tag or not spec.weights:
        return "1.0"
    key = f"p{len(params)}"
    params[key] = f"$.{spec.weight_tag}"
    whens = []
    for tag, weight in spec.weights.items():
        t, w = f"p{len(params)}", f"p{len(params) + 1}"
        params[t], params[w] = tag, weight
        whens.append(f"WHEN json_extract(e.tags, :{key}) = :{t} THEN :{w}")
    return f"(CASE {' '.join(whens)} ELSE 1.0 END)"


_LIVE_IN_SPAN = f"{_LIVE} AND e.date >= :start AND e.date <= :end"


def _build(cat: Catalogue) -> _Statements:
    grouped: dict[tuple[str, str | None], list[TargetSpec]] = {}
    spreads, events = [], []
    params: dict[str, Any]
    for spec in cat.targets:
        kind, name, is_value = metric_parts(spec)
        if spec.aggregation is Aggregation.SPREAD:
            params = {"kind": kind, "tag": f"$.{name}"}
            sql = (
                "SELECT e.date, json_extract(e.tags, :tag) FROM entries e"
                f" WHERE {_LIVE_IN_SPAN} ORDER BY e.date, e.id"
            )
            spreads.append((spec.id, sql, params))
        else:
            grouped.setdefault((kind, name if is_value else None), []).append(spec)
        if spec.aggregation is Aggregation.SCHEDULE:
            params = {"kind": kind}
            sql = (
                f"SELECT DISTINCT e.date FROM entries e WHERE {_LIVE} AND e.date <= :end"
                f" AND {_conditions(spec, params)} ORDER BY e.date"
            )
            events.append((spec.id, sql, params))
    groups = []
    for (kind, metric), specs in grouped.items():
        params = {"kind": kind, "metric": metric}
        amount = "v.value" if metric is not None else "1.0"
        columns = []
        for spec in specs:
            match, weight = _conditions(spec, params), _weight(spec, params)
            columns.append(f"SUM(CASE WHEN {match} THEN {amount} * {weight} ELSE 0.0 END)")
            columns.append(f"SUM(CASE WHEN {match} THEN 1 ELSE 0 END)")
        join = (
            " JOIN entry_values v ON v.entry_id = e.id AND v.metric = :metric"
            if metric is not None
            else ""
        )
        sql = (
            f"SELECT e.date, {', '.join(columns)}, COUNT(*) FROM entries e{join}"
            f" WHERE {_LIVE_IN_SPAN} GROUP BY e.date ORDER BY e.date"
        )
        groups.append(_Group(tuple(spec.id for spec in specs), sql, params))
    return _Statements(tuple(groups), tuple(spreads), tuple(events))


_BUILT: dict[int, tuple[Catalogue, _Statements]] = {}


def _statements(cat: Catalogue) -> _Statements:
    built = _BUILT.get(id(cat))
    if built is None or built[0] is not cat:
        built = _BUILT[id(cat)] = (cat, _build(cat))
    return built[1]


class _Dates(dict[str, dt.date]):
    """ISO text -> date, each parsed once (every target's query returns the same days)."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text)
        return day


def read_week_facts(
    conn: sqlite3.Connection, weeks: Sequence[Week], cat: Catalogue, now: dt.date
) -> list[WeekFacts]:
    """The facts of consecutive ``weeks`` (oldest first), inside the caller's transaction."""
    if not weeks:
        return []
    sql = _statements(cat)
    start, end = weeks[0].start, weeks[-1].end
    span = {"start": start.isoformat(), "end": end.isoformat()}
    # Each day to its week's facts, once; rows come in date order, as each week's days are.
    days: dict[str, dict[str, dict[dt.date, DayTotal]]] = {}  # ISO date -> target -> day
    per_week: list[dict[str, dict[dt.date, DayTotal]]] = []
    for week in weeks:
        targets: dict[str, dict[dt.date, DayTotal]] = {spec.id: {} for spec in cat.targets}
        per_week.append(targets)
        for day in week.days:
            days[day.isoformat()] = targets
    dates = _Dates()
    new = tuple.__new__  # DayTotal._make without its length check: four fields, always
    for group in sql.groups:
        ids = list(enumerate(group.ids, start=1))
        for row in conn.execute(group.sql, {**group.params, **span}):
            found = days.get(row[0])
            if found is None:
                continue
            day, logged = dates[row[0]], int(row[-1])
            for i, tid in ids:
                total, matched = row[2 * i - 1], row[2 * i]
                found[tid][day] = new(
                    DayTotal, (float(total or 0.0), int(matched or 0), logged, ())
                )
    for tid, query, params in sql.spreads:
        spread: dict[str, tuple[int, list[float]]] = {}
        for text, raw in conn.execute(query, {**params, **span}):
            logged, values = spread.get(text, (0, []))
            if raw is not None:
                values.append(bedtime_minutes(str(raw)))
            spread[text] = (logged + 1, values)
        for text, (n, v) in spread.items():
            found = days.get(text)
            if found is not None:
                found[tid][dates[text]] = new(DayTotal, (sum(v), len(v), n, tuple(v)))
    last = min(end, now).isoformat()
    events = {
        tid: [dates[text] for (text,) in conn.execute(query, {**params, "end": last})]
        for tid, query, params in sql.events
    }
    skipped = {
        dates[text]
        for (text,) in conn.execute(
            "SELECT date FROM skips WHERE date >= :start AND date <= :end", span
        )
    }
    out = []
    for week, targets in zip(weeks, per_week, strict=True):
        as_of = min(week.end, max(now, week.start - dt.timedelta(days=1)))
        last_event = {}
        for tid, event_dates in events.items():
            i = bisect.bisect_right(event_dates, as_of)
            if i:
                last_event[tid] = event_dates[i - 1]
        out.append(
            WeekFacts(
                week=week,
                as_of=as_of,
                days=targets,
                last_event=last_event,
                skipped=sorted(d for d in week.days if d in skipped),
            )
        )
    return out


def read_profile(conn: sqlite3.Connection) -> Profile:
    """The stored profile, or the cautious defaults when none was set."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (PROFILE_KEY,)).fetchone()
    return Profile() if row is None else Profile.model_validate(json.loads(row[0]))


def read_overrides(conn: sqlite3.Connection) -> dict[str, TargetOverride]:
    """The user's own targets by target id."""
    rows = conn.execute(
        "SELECT target_id, value, note, set_at FROM target_overrides"
        " WHERE value IS NOT NULL ORDER BY target_id"
    )
    return {
        tid: TargetOverride(
            target_id=tid,
            value=value,
            note=note,
            set_at=dt.datetime.fromisoformat(set_at) if set_at else None,
        )
        for tid, value, note, set_at in rows
    }


def review_span(day: dt.date | None, weeks: int | None, settings: ReviewSettings) -> list[Week]:
    """The weeks to read: the ``weeks`` (one if None) ending with ``day``'s, and four before."""
    if weeks is None:
        week = week_of(day or today(), settings.week_start)
        return [week.shifted(-i) for i in range(TREND_WEEKS, -1, -1)]
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError("--weeks", weeks, f"a whole number from 1 to {MAX_WEEKS}")
    return weeks_ending(day or today(), weeks + TREND_WEEKS, settings.week_start)


def review(
    conn: sqlite3.Connection,
    weeks: list[Week],
    keep: int,
    settings: ReviewSettings,
    profile: Profile | None = None,
    overrides: dict[str, TargetOverride] | None = None,
) -> list[WeekSummary]:
    """The last ``keep`` of ``weeks`` reviewed, with trends, read in the caller's transaction."""
    cat = catalogue()
    profile = read_profile(conn) if profile is None else profile
    overrides = read_overrides(conn) if overrides is None else overrides
    with _no_cycle_collection():
        facts = read_week_facts(conn, weeks, cat, today())
        return review_weeks(cat, facts, profile, overrides, settings, keep)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the review builds its results.

    Ten years are some 100 000 small objects (a day's totals per target, each week's
    results), none of them in a reference cycle, so the collector has nothing to find; but
    every 700 new objects it runs, and now and then it walks the whole heap (SQLAlchemy,
    pydantic and their models): a quarter of a 520-week review's time. Reference counting
    still frees everything as usual, and the collector is switched back on at the end.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class Reviewed:
    summaries: list[WeekSummary]
    upgraded_backup: Path | None = None


def _at_path(path: str | Path | None, day: dt.date | None, weeks: int | None) -> Reviewed:
    settings = load_settings()
    span = review_span(day, weeks, settings)
    keep = 1 if weeks is None else weeks
    target = db_path(path)
    # Read-only first (header, damage, revision), as `tracker list` does.
    if inspect_journal(target).state is State.CURRENT:
        try:
            with reading(target) as conn:
                return Reviewed(review(conn, span, keep, settings))
        except NotCurrent:
            pass
    from tracker.services.journal import Journal
    from tracker.services.summary import week_summaries, week_summary

    with Journal.open(target) as journal:
        if weeks is None:
            return Reviewed([week_summary(journal, day)], journal.upgraded_backup)
        return Reviewed(week_summaries(journal, weeks, day), journal.upgraded_backup)


def summary_of(path: str | Path | None, day: dt.date | None = None) -> Reviewed:
    """``week_summary`` of the journal at ``path`` (``--db``; else ``$TRACKER_DB``/default)."""
    return _at_path(path, day, None)


def summaries_of(path: str | Path | None, weeks: int, day: dt.date | None = None) -> Reviewed:
    """``week_summaries`` of the journal at ``path``."""
    return _at_path(path, day, weeks)
