"""The weekly review from the journal: facts aggregated in SQL, judged by the domain engine.

Each target's figures are grouped by date in SQLite over the indexed ``entries(kind, date)``
and ``entry_values(metric, entry_id)``: one query per target for the whole span asked for,
however many weeks, so a ten-year review costs a few dozen queries. Days are then grouped
into weeks in Python (seven look-ups per week and target).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select, true
from sqlalchemy.orm import Session

from tracker.domain.levers import Aggregation, Catalogue, TargetSpec
from tracker.domain.profile import Profile
from tracker.domain.summary import (
    TREND_WEEKS,
    DayTotal,
    ReviewSettings,
    TargetOverride,
    WeekFacts,
    WeekSummary,
    attach_trends,
    bedtime_minutes,
    evaluate_weeks,
    metric_parts,
    where_filters,
)
from tracker.domain.week import Week, week_of, weeks_ending
from tracker.guidance import catalogue
from tracker.services.clock import today
from tracker.services.journal import Journal
from tracker.services.profile import get_profile
from tracker.services.review import (
    SkipDay,
    reset_target,
    set_target,
    skip_day,
    skipped_days,
    target_overrides,
    unskip_day,
)
from tracker.services.settings import load_settings
from tracker.store.models import EntryRow, SkipRow, ValueRow

__all__ = [
    "MAX_WEEKS",
    "SkipDay",
    "reset_target",
    "set_target",
    "skip_day",
    "skipped_days",
    "target_overrides",
    "unskip_day",
    "week_facts",
    "week_summaries",
    "week_summary",
]

MAX_WEEKS = 5200  # a hundred years


def _tag(name: str) -> ColumnElement[Any]:
    return func.json_extract(EntryRow.tags, f"$.{name}")


def _match(spec: TargetSpec) -> ColumnElement[bool]:
    _, name, is_value = metric_parts(spec)
    conditions: list[ColumnElement[bool]] = [_tag(k).in_(v) for k, v in where_filters(spec).items()]
    if not is_value:
        conditions.append(_tag(name).is_not(None))
    return and_(true(), *conditions)


def _weight(spec: TargetSpec) -> ColumnElement[Any]:
    if not spec.weight_tag or not spec.weights:
        return literal(1.0)
    whens = [(_tag(spec.weight_tag) == tag, weight) for tag, weight in spec.weights.items()]
    return case(*whens, else_=1.0)


def _daily(
    session: Session, spec: TargetSpec, start: dt.date, end: dt.date
) -> dict[dt.date, DayTotal]:
    """Date -> the target's totals that day, for ``start``..``end``, in one grouped query."""
    kind, name, is_value = metric_parts(spec)
    match = _match(spec)
    amount = ValueRow.value if is_value else literal(1.0)
    where = [EntryRow.kind == kind, EntryRow.deleted_at.is_(None), EntryRow.date >= start]
    where.append(EntryRow.date <= end)
    if spec.aggregation is Aggregation.SPREAD:
        rows = session.execute(
            select(EntryRow.date, _tag(name)).where(*where).order_by(EntryRow.date, EntryRow.id)
        )
        spread: dict[dt.date, tuple[int, list[float]]] = {}
        for day, raw in rows:
            logged, values = spread.get(day, (0, []))
            if raw is not None:
                values.append(bedtime_minutes(str(raw)))
            spread[day] = (logged + 1, values)
        return {
            day: DayTotal(total=sum(v), matched=len(v), logged=n, values=tuple(v))
            for day, (n, v) in spread.items()
        }
    query = select(
        EntryRow.date,
        func.sum(case((match, amount * _weight(spec)), else_=0.0)),
        func.sum(case((match, 1), else_=0)),
        func.count(),
    )
    if is_value:
        query = query.join(
            ValueRow, and_(ValueRow.entry_id == EntryRow.id, ValueRow.metric == name)
        )
    query = query.where(*where).group_by(EntryRow.date)
    return {
        day: DayTotal(
            total=float(total or 0.0), matched=int(count or 0), logged=int(logged), values=()
        )
        for day, total, count, logged in session.execute(query)
    }


def _events(session: Session, spec: TargetSpec, end: dt.date) -> list[dt.date]:
    """Dates of the schedule target's events up to ``end``, oldest first."""
    kind, _, _ = metric_parts(spec)
    query = (
        select(EntryRow.date)
        .distinct()
        .where(EntryRow.kind == kind, EntryRow.deleted_at.is_(None), EntryRow.date <= end)
        .where(_match(spec))
        .order_by(EntryRow.date)
    )
    return list(session.scalars(query))


def week_facts(
    journal: Journal,
    weeks: Sequence[Week],
    cat: Catalogue | None = None,
    now: dt.date | None = None,
) -> list[WeekFacts]:
    """The facts of consecutive ``weeks`` (oldest first), aggregated in SQL."""
    if not weeks:
        return []
    cat = cat or catalogue()
    now = now or today()
    start, end = weeks[0].start, weeks[-1].end
    with journal.read() as session:
        daily = {spec.id: _daily(session, spec, start, end) for spec in cat.targets}
        events = {
            spec.id: _events(session, spec, min(end, now))
            for spec in cat.targets
            if spec.aggregation is Aggregation.SCHEDULE
        }
        skipped = set(
            session.scalars(select(SkipRow.date).where(SkipRow.date >= start, SkipRow.date <= end))
        )
    out = []
    for week in weeks:
        as_of = min(week.end, max(now, week.start - dt.timedelta(days=1)))
        days = week.days
        per_target = {
            tid: {d: by_day[d] for d in days if d in by_day} for tid, by_day in daily.items()
        }
        last_event = {}
        for tid, dates in events.items():
            i = bisect.bisect_right(dates, as_of)
            if i:
                last_event[tid] = dates[i - 1]
        out.append(
            WeekFacts(
                week=week,
                as_of=as_of,
                days=per_target,
                last_event=last_event,
                skipped=sorted(d for d in days if d in skipped),
            )
        )
    return out


def _review(
    journal: Journal,
    weeks: list[Week],
    keep: int,
    profile: Profile | None = None,
    overrides: dict[str, TargetOverride] | None = None,
    settings: ReviewSettings | None = None,
) -> list[WeekSummary]:
    cat = catalogue()
    profile = profile or get_profile(journal)
    overrides = target_overrides(journal) if overrides is None else overrides
    settings = settings or load_settings()
    facts = week_facts(journal, weeks, cat)
    summaries = evaluate_weeks(cat, facts, profile, overrides, settings)
    return attach_trends(summaries)[-keep:]


def week_summary(journal: Journal, day: dt.date | None = None) -> WeekSummary:
    """The week containing ``day`` (default today), with each target's four-week trend."""
    settings = load_settings()
    week = week_of(day or today(), settings.week_start)
    weeks = [week.shifted(-i) for i in range(TREND_WEEKS, -1, -1)]
    return _review(journal, weeks, 1, settings=settings)[0]


def week_summaries(
    journal: Journal, weeks: int, end_day: dt.date | None = None
) -> list[WeekSummary]:
    """The last ``weeks`` weeks ending with the one containing ``end_day``, oldest first."""
    from tracker.domain.errors import InputError

    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError("--weeks", weeks, f"a whole number from 1 to {MAX_WEEKS}")
    settings = load_settings()
    span = weeks_ending(end_day or today(), weeks + TREND_WEEKS, settings.week_start)
    return _review(journal, span, weeks, settings=settings)
