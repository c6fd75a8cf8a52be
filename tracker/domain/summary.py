"""The weekly review engine: each target's week, judged against its threshold. Pure code.

Inputs are :class:`WeekFacts` (per-day totals for each target, built from entries here by
:func:`facts_from_entries` or by the services straight from SQL), the profile, the user's
overrides and the review settings. Rules worth knowing:

- Not logging is never failing: no value that week, or a mean over fewer than the minimum
  number of logged days, gives ``no-data``.
- Skip days are left out: their entries do not count, and weekly sums and counts are judged
  against a threshold prorated to the days that remain.
- At-least target T: ``met`` if actual >= T, ``close`` if actual >= 0.8 T, else ``missed``.
  At-most limit L: ``met`` if actual <= L, ``close`` if actual <= 1.2 L, else ``missed``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tracker.domain.entry import Entry
from tracker.domain.errors import InputError
from tracker.domain.levers import (
    Aggregation,
    Catalogue,
    Direction,
    LeverGroup,
    ProfileRule,
    Status,
    TargetSpec,
)
from tracker.domain.metrics import METRIC_BY_KEY
from tracker.domain.parse import parse_time
from tracker.domain.profile import Profile
from tracker.domain.week import DAYS_IN_WEEK, Week, Weekday

TREND_WEEKS = 4
OWN_TARGET = "your own target"
APP_DEFINED = "app-defined"
UPF_TARGET = "ultra-processed"  # its detail compares the week with the one before


# -- settings and overrides ------------------------------------------------------------------


class ReviewSettings(BaseModel):
    """How the review judges: the margins for ``close``, the minimum days, the first day."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    close_at_least: float = 0.8  # at-least targets: close from this fraction of the target
    close_at_most: float = 1.2  # at-most limits: close up to this multiple of the limit
    min_days: int = 3  # a mean per logged day needs at least this many days
    week_start: Weekday = Weekday.MONDAY

    @field_validator("close_at_least")
    @classmethod
    def _below_one(cls, value: float) -> float:
        if not (math.isfinite(value) and 0 < value < 1):
            raise InputError("close_at_least", value, "a number above 0 and below 1, e.g. 0.8")
        return value

    @field_validator("close_at_most")
    @classmethod
    def _above_one(cls, value: float) -> float:
        if not (math.isfinite(value) and 1 < value <= 10):
            raise InputError("close_at_most", value, "a number above 1, at most 10, e.g. 1.2")
        return value

    @field_validator("min_days")
    @classmethod
    def _days(cls, value: int) -> int:
        if not 1 <= value <= DAYS_IN_WEEK:
            raise InputError("min_days", value, "a whole number from 1 to 7")
        return value


class TargetOverride(BaseModel):
    """A threshold the user set for a target (for a schedule: the interval in days)."""

    model_config = ConfigDict(frozen=True)

    target_id: str
    value: float
    note: str = ""
    set_at: dt.datetime | None = None


# -- results (the contract used by the TUI, exports and benchmarks) --------------------------


class TargetResult(BaseModel):
    """One target's week."""

    model_config = ConfigDict(frozen=True)

    id: str
    lever: str
    title: str
    actual: float | None
    unit: str
    target: float | None
    direction: Direction
    status: Status
    source: str
    citation: str = ""
    app_defined: bool = False
    overridden: bool = False
    override_note: str = ""
    days_logged: int = 0
    detail: str = ""
    trend: list[float | None] = Field(default_factory=list)


class LeverResult(BaseModel):
    """One lever's week: the status of each of its targets."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    group: LeverGroup
    statuses: dict[str, Status] = Field(default_factory=dict)


class WeekSummary(BaseModel):
    """A week of the review: every shown target, core levers first, in catalogue order."""

    model_config = ConfigDict(frozen=True)

    week: str
    start: dt.date
    end: dt.date
    targets: list[TargetResult]
    levers: list[LeverResult]
    skipped_days: list[dt.date] = Field(default_factory=list)

    def target(self, target_id: str) -> TargetResult | None:
        return next((t for t in self.targets if t.id == target_id), None)


# -- facts: what a week's entries add up to -------------------------------------------------


class DayTotal(NamedTuple):
    """One target's figures for one day (a plain tuple: ten years make tens of thousands)."""

    total: float = 0.0  # matching entries: weighted sum of the value (tags count 1 each)
    matched: int = 0  # matching entries
    logged: int = 0  # entries of the target's metric before filters (what "logged" means)
    values: tuple[float, ...] = ()  # spread targets: one value per matching entry


@dataclass(frozen=True)
class WeekFacts:
    """Everything the engine needs about one week, whatever built it."""

    week: Week
    as_of: dt.date  # the last day judged: the week's end, or today inside the current week
    days: dict[str, dict[dt.date, DayTotal]] = field(default_factory=dict)
    last_event: dict[str, dt.date] = field(default_factory=dict)  # schedule targets
    skipped: list[dt.date] = field(default_factory=list)


def bedtime_minutes(text: str) -> float:
    """A bedtime as minutes from midnight, evenings negative: 23:30 -> -30, 00:30 -> 30."""
    t = parse_time(text, "sleep.bed")
    minutes = t.hour * 60 + t.minute
    return float(minutes - 24 * 60 if minutes >= 12 * 60 else minutes)


def metric_parts(spec: TargetSpec) -> tuple[str, str, bool]:
    """(kind, name, is_value): whether the target's metric is a value or a tag."""
    kind, _, name = spec.metric.partition(".")
    return kind, name, spec.metric in METRIC_BY_KEY


def where_filters(spec: TargetSpec) -> dict[str, list[str]]:
    return {k: [v] if isinstance(v, str) else list(v) for k, v in spec.where.items()}


def entry_contribution(spec: TargetSpec, entry: Entry) -> tuple[bool, float | None]:
    """(logged, value): does the entry log the metric, and what it adds when it matches."""
    kind, name, is_value = metric_parts(spec)
    if entry.kind.value != kind:
        return False, None
    if is_value and name not in entry.values:
        return False, None
    if not is_value and name not in entry.tags:
        # A tag metric: any entry of the kind is "logged"; it matches when the tag is set.
        return True, None
    for tag, allowed in where_filters(spec).items():
        if entry.tags.get(tag) not in allowed:
            return True, None
    if spec.aggregation is Aggregation.SPREAD:
        return True, bedtime_minutes(entry.tags[name])
    weight = 1.0
    if spec.weight_tag:
        weight = spec.weights.get(entry.tags.get(spec.weight_tag, ""), 1.0)
    base = entry.values[name] if is_value else 1.0
    return True, base * weight


def facts_from_entries(
    catalogue: Catalogue,
    week: Week,
    entries: Iterable[Entry],
    skipped: Iterable[dt.date] = (),
    as_of: dt.date | None = None,
) -> WeekFacts:
    """Facts for ``week`` from entries (those before the week feed schedule targets)."""
    as_of = min(as_of or week.end, week.end)
    live = [e for e in entries if not e.deleted]
    days: dict[str, dict[dt.date, DayTotal]] = {}
    last_event: dict[str, dt.date] = {}
    for spec in catalogue.targets:
        per_day: dict[dt.date, list[tuple[bool, float | None]]] = {}
        for entry in live:
            logged, value = entry_contribution(spec, entry)
            if not logged:
                continue
            later = entry.date <= as_of and entry.date > last_event.get(spec.id, dt.date.min)
            if spec.aggregation is Aggregation.SCHEDULE and value is not None and later:
                last_event[spec.id] = entry.date
            if entry.date in week:
                per_day.setdefault(entry.date, []).append((logged, value))
        days[spec.id] = {
            day: DayTotal(
                total=sum(v for _, v in items if v is not None),
                matched=sum(1 for _, v in items if v is not None),
                logged=len(items),
                values=tuple(v for _, v in items if v is not None)
                if spec.aggregation is Aggregation.SPREAD
                else (),
            )
            for day, items in per_day.items()
        }
    in_week = sorted(d for d in set(skipped) if d in week)
    return WeekFacts(week=week, as_of=as_of, days=days, last_event=last_event, skipped=in_week)


# -- the engine -----------------------------------------------------------------------------


class Resolved(BaseModel):
    """A target after the profile's rules and the user's override."""

    model_config = ConfigDict(frozen=True)

    spec: TargetSpec
    shown: bool
    info: bool
    direction: Direction
    threshold: float | None
    unit: str
    authority: str
    citation: str = ""
    app_defined: bool = False
    detail: str = ""
    warning: str = ""
    interval_days: int | None = None
    interval_months: int | None = None
    overridden: bool = False
    override_note: str = ""


def _rule_matches(rule: ProfileRule, profile: Profile, on: dt.date) -> bool:
    checks = {
        "sex": profile.sex.value,
        "endocrine_therapy": profile.endocrine_therapy.value,
        "bone_drug": profile.bone_drug.value,
        "bone_metastases": profile.bone_metastases.value,
        "smoker": profile.smoker.value,
        "alcohol_unit": profile.alcohol_unit.value,
    }
    for name, value in checks.items():
        allowed: list[str] = getattr(rule, name)
        if allowed and value not in allowed:
            return False
    age = profile.age(on)
    if rule.min_age is not None and (age is None or age < rule.min_age):
        return False
    if rule.max_age is not None and (age is None or age > rule.max_age):
        return False
    return rule.weight_known is None or rule.weight_known == (profile.weight_kg is not None)


def resolve(
    spec: TargetSpec, profile: Profile, on: dt.date, override: TargetOverride | None = None
) -> Resolved:
    """Apply the profile's rules (in order; later ones win), then the user's own threshold."""
    shown, info = spec.shown, spec.direction is Direction.INFO
    threshold, unit, source = spec.threshold, spec.unit, spec.source
    detail = warning = ""
    interval_days, interval_months = spec.interval_days, spec.interval_months
    for rule in spec.rules:
        if not _rule_matches(rule, profile, on):
            continue
        if rule.show is not None:
            shown = rule.show
        if rule.threshold is not None:
            threshold = rule.threshold
        if rule.per_kg is not None and profile.weight_kg is not None:
            threshold = round(rule.per_kg * profile.weight_kg, 1)
        if rule.unit:
            unit = rule.unit
        if rule.source is not None:
            source = rule.source
        if rule.interval_days is not None:
            interval_days, interval_months = rule.interval_days, None
        if rule.interval_months is not None:
            interval_days, interval_months = None, rule.interval_months
        info = info or rule.info
        detail = rule.detail or detail
        warning = rule.warning or warning
    direction = spec.direction
    own = False
    if override is not None:
        direction = spec.override_direction or spec.direction
        if direction is not Direction.INFO:
            threshold, info, detail, shown = override.value, False, "", True
            own = True
            if spec.aggregation is Aggregation.SCHEDULE:
                interval_days, interval_months = round(override.value), None
    return Resolved(
        spec=spec,
        shown=shown,
        info=info,
        direction=direction,
        threshold=threshold,
        unit=unit,
        authority=OWN_TARGET if own else source.authority,
        citation="" if own else source.citation,
        app_defined=False if own else source.app_defined,
        detail=detail,
        warning=warning,
        interval_days=interval_days,
        interval_months=interval_months,
        overridden=override is not None and direction is not Direction.INFO,
        override_note=override.note if override is not None else "",
    )


def judge(
    actual: float, target: float, direction: Direction, settings: ReviewSettings | None = None
) -> Status:
    """met / close / missed for a number against an at-least target or an at-most limit."""
    settings = settings or ReviewSettings()
    eps = 1e-9 * max(1.0, abs(target))  # 0.8 x 7 is 5.6000000000000005 in binary
    if direction is Direction.AT_LEAST:
        if actual >= target - eps:
            return Status.MET
        close = actual >= settings.close_at_least * target - eps
        return Status.CLOSE if close else Status.MISSED
    if direction is Direction.AT_MOST:
        if actual <= target + eps:
            return Status.MET
        close = actual <= settings.close_at_most * target + eps
        return Status.CLOSE if close else Status.MISSED
    return Status.INFO


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 Aug + 6 -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _num(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


_PRORATED = frozenset({Aggregation.SUM, Aggregation.COUNT_SESSIONS, Aggregation.COUNT_DAYS})


@dataclass(frozen=True)
class _WeekContext:
    """What every target of one week shares: its skip days and how many days count."""

    skipped: frozenset[dt.date]
    available: int  # days of the week that are not skip days
    in_progress: bool
    lived: int  # days so far that are not skip days (a week in progress)

    @classmethod
    def of(cls, facts: WeekFacts) -> _WeekContext:
        skipped = frozenset(facts.skipped)
        in_progress = facts.as_of < facts.week.end
        lived = 0
        if in_progress:
            start = facts.week.start
            for i in range(DAYS_IN_WEEK):
                d = start + dt.timedelta(days=i)
                if d <= facts.as_of and d not in skipped:
                    lived += 1
        return cls(skipped, DAYS_IN_WEEK - len(skipped), in_progress, lived)


def evaluate_target(
    resolved: Resolved, facts: WeekFacts, settings: ReviewSettings
) -> TargetResult | None:
    """One target's result for the week, or ``None`` when it is not shown."""
    return _evaluate_target(resolved, facts, settings, _WeekContext.of(facts), None)


def _evaluate_target(
    resolved: Resolved,
    facts: WeekFacts,
    settings: ReviewSettings,
    ctx: _WeekContext,
    history: Sequence[Mapping[str, float | None] | None] | None,
) -> TargetResult | None:
    """:func:`evaluate_target`, with the week's context, and the actuals of the weeks before
    for the trend (oldest first; ``None`` for weeks before the first; no trend if ``None``)."""
    spec = resolved.spec
    skipped = ctx.skipped
    all_days = facts.days.get(spec.id, {})
    days = {d: t for d, t in all_days.items() if d not in skipped} if skipped else all_days
    logged_days = len([t for t in days.values() if t.logged > 0])
    if not resolved.shown and not (spec.show_if_logged and logged_days):
        return None
    available = ctx.available
    threshold = resolved.threshold
    prorated = spec.aggregation in _PRORATED
    in_progress = ctx.in_progress
    if in_progress and resolved.direction is Direction.AT_LEAST:
        # Days not yet lived are not failures: an at-least target is judged against the
        # days so far (a limit, "at most", stays whole: the week may not exceed it).
        available = ctx.lived
    if prorated and threshold is not None and available < DAYS_IN_WEEK:
        threshold = threshold * available / DAYS_IN_WEEK
        if spec.aggregation is not Aggregation.SUM:  # sessions and days stay whole
            threshold = float(math.floor(threshold + 0.5))
    actual: float | None = None
    status: Status | None = None
    detail = resolved.detail
    if spec.aggregation is Aggregation.SCHEDULE:
        actual, threshold, status, detail = _schedule(resolved, facts)
    elif available == 0:
        status, detail = Status.NO_DATA, "every day of this week is a skip day"
    elif logged_days:
        match spec.aggregation:
            case Aggregation.SUM:
                actual = sum([t.total for t in days.values()])
            case Aggregation.COUNT_SESSIONS:
                actual = float(sum([t.matched for t in days.values()]))
            case Aggregation.COUNT_DAYS:
                over = spec.day_over
                actual = float(
                    len(
                        [
                            t
                            for t in days.values()
                            if t.matched > 0 and (over is None or t.total > over)
                        ]
                    )
                )
            case Aggregation.MEAN_PER_DAY:
                measured = [t.total for t in days.values() if t.matched > 0]
                if measured:
                    actual = statistics.fmean(measured)
                if len(measured) < settings.min_days:
                    status = Status.NO_DATA
                    detail = (
                        f"logged on {len(measured)} day{'s' if len(measured) != 1 else ''}; "
                        f"{settings.min_days} needed to judge a daily mean"
                    )
            case Aggregation.SPREAD:
                values = [v for t in days.values() for v in t.values]
                if len(values) >= max(2, settings.min_days):
                    actual = statistics.pstdev(values)
                else:
                    need = max(2, settings.min_days)
                    plural = "" if len(values) == 1 else "s"
                    detail = f"{len(values)} bedtime{plural} logged; {need} needed"
    if status is None and in_progress and threshold == 0 and (resolved.threshold or 0) > 0:
        # Too early in the week for a count target (e.g. 2 sessions, judged on a Monday).
        status = Status.NO_DATA
        note = "too early in the week to judge"
        detail = f"{detail}; {note}" if detail else note
    if status is None:
        if actual is None:
            status = Status.NO_DATA
        elif resolved.info or resolved.direction is Direction.INFO:
            status = Status.INFO
        elif threshold is None:
            status = Status.NO_DATA
        else:
            status = judge(actual, threshold, resolved.direction, settings)
    judged = not resolved.info and resolved.direction is not Direction.INFO
    if prorated and judged and 0 < available < DAYS_IN_WEEK and threshold is not None:
        so_far = in_progress and resolved.direction is Direction.AT_LEAST
        why = "week in progress" if so_far else "skip days"
        if so_far and skipped:
            why += ", less skip days"
        note = f"target prorated to {available} of 7 days ({why})"
        detail = f"{detail}; {note}" if detail else note
    trend: list[float | None] = []
    if history is not None:
        trend = [None if week is None else week.get(spec.id) for week in history]
        if spec.id == UPF_TARGET:
            detail = _upf_detail(_round(actual), trend) or detail
    return TargetResult(
        id=spec.id,
        lever=spec.lever,
        title=spec.title,
        actual=_round(actual),
        unit=resolved.unit,
        target=None if resolved.info and not resolved.overridden else _round(threshold),
        direction=resolved.direction,
        status=status,
        source=APP_DEFINED if resolved.app_defined else resolved.authority,
        citation=resolved.citation,
        app_defined=resolved.app_defined,
        overridden=resolved.overridden,
        override_note=resolved.override_note,
        days_logged=logged_days,
        detail=detail,
        trend=trend,
    )


def _schedule(
    resolved: Resolved, facts: WeekFacts
) -> tuple[float | None, float | None, Status | None, str]:
    spec = resolved.spec
    last = facts.last_event.get(spec.id)
    event = where_filters(spec).get("event", ["event"])[0]
    if last is None:
        detail = f"no {event} logged yet (tracker log care --event {event})"
        return None, None, Status.NO_DATA, detail
    since = float((facts.as_of - last).days)
    if resolved.info:
        return since, None, Status.INFO, resolved.detail or f"last {event} {last.isoformat()}"
    if resolved.interval_months is not None:
        due = add_months(last, resolved.interval_months)
    elif resolved.interval_days is not None:
        due = last + dt.timedelta(days=resolved.interval_days)
    else:  # a threshold in days from the catalogue
        due = last + dt.timedelta(days=round(resolved.threshold or 0))
    target = float((due - last).days)
    if facts.as_of <= due:
        return since, target, Status.MET, f"last {event} {last.isoformat()}; next due {due}"
    detail = f"overdue since {due.isoformat()} (last {event} {last.isoformat()})"
    if resolved.warning:
        detail = f"{detail}. {resolved.warning}"
    return since, target, Status.MISSED, detail


def evaluate_week(
    catalogue: Catalogue,
    facts: WeekFacts,
    profile: Profile | None = None,
    overrides: Mapping[str, TargetOverride] | None = None,
    settings: ReviewSettings | None = None,
) -> WeekSummary:
    """The review of one week: each shown target's result, core levers first."""
    return evaluate_weeks(catalogue, [facts], profile, overrides, settings)[0]


def evaluate_weeks(
    catalogue: Catalogue,
    facts: Sequence[WeekFacts],
    profile: Profile | None = None,
    overrides: Mapping[str, TargetOverride] | None = None,
    settings: ReviewSettings | None = None,
) -> list[WeekSummary]:
    """The review of many weeks, without trends (see :func:`review_weeks` for those)."""
    return _review(catalogue, facts, profile, overrides, settings, len(facts), trends=False)


def review_weeks(
    catalogue: Catalogue,
    facts: Sequence[WeekFacts],
    profile: Profile | None = None,
    overrides: Mapping[str, TargetOverride] | None = None,
    settings: ReviewSettings | None = None,
    keep: int | None = None,
) -> list[WeekSummary]:
    """The last ``keep`` (default: all) weeks of ``facts``, with their trends.

    The same as ``attach_trends(evaluate_weeks(...))[-keep:]``, in one pass: each result is
    built once, with its trend, and the earlier weeks only give their actuals to the trends.
    """
    keep = len(facts) if keep is None else keep
    return _review(catalogue, facts, profile, overrides, settings, keep, trends=True)


def _review(
    catalogue: Catalogue,
    facts: Sequence[WeekFacts],
    profile: Profile | None,
    overrides: Mapping[str, TargetOverride] | None,
    settings: ReviewSettings | None,
    keep: int,
    *,
    trends: bool,
) -> list[WeekSummary]:
    """Targets are resolved once per target and calendar year (ages change with the year)."""
    profile = profile or Profile()
    overrides = overrides or {}
    settings = settings or ReviewSettings()
    order = {lever.id: i for i, lever in enumerate(catalogue.levers)}
    ranked = sorted(enumerate(catalogue.targets), key=lambda p: (order[p[1].lever], p[0]))
    specs = [spec for _, spec in ranked]
    by_year: dict[int, list[Resolved]] = {}
    history: list[dict[str, float | None] | None] = [None] * TREND_WEEKS  # actuals, for trends
    first_kept = max(0, len(facts) - keep) if keep > 0 else 0  # as [-keep:] would
    out = []
    for index, week_facts in enumerate(facts):
        year = week_facts.week.end.year
        resolved = by_year.get(year)
        if resolved is None:
            on = week_facts.week.end
            resolved = [resolve(spec, profile, on, overrides.get(spec.id)) for spec in specs]
            by_year[year] = resolved
        ctx = _WeekContext.of(week_facts)
        before = history[-TREND_WEEKS:] if trends else None
        results = []
        for r in resolved:
            result = _evaluate_target(r, week_facts, settings, ctx, before)
            if result is not None:
                results.append(result)
        if trends:
            history.append({t.id: t.actual for t in results})
        if index >= first_kept:
            out.append(_summary(catalogue, week_facts, results))
    return out


def _summary(catalogue: Catalogue, facts: WeekFacts, results: list[TargetResult]) -> WeekSummary:
    by_lever: dict[str, dict[str, Status]] = {lever.id: {} for lever in catalogue.levers}
    for r in results:
        if r.lever in by_lever:
            by_lever[r.lever][r.id] = r.status
    levers = [
        LeverResult(id=lever.id, name=lever.name, group=lever.group, statuses=by_lever[lever.id])
        for lever in catalogue.levers
    ]
    return WeekSummary(
        week=facts.week.label,
        start=facts.week.start,
        end=facts.week.end,
        targets=results,
        levers=levers,
        skipped_days=list(facts.skipped),
    )


def _upf_detail(actual: float | None, trend: list[float | None]) -> str | None:
    """How this week's ultra-processed food compares with last week's, if both are known."""
    if actual is None or trend[-1] is None:
        return None
    change = actual - trend[-1]
    word = "more than" if change > 0 else "fewer than" if change < 0 else "same as"
    amount = f"{_num(abs(change))} " if change else ""
    return f"{amount}{word} last week ({_num(trend[-1])})"


def attach_trends(summaries: Sequence[WeekSummary]) -> list[WeekSummary]:
    """Fill each target's trend with its actuals of the previous four weeks, oldest first.

    ``summaries`` are consecutive weeks, oldest first; the first ones get shorter history
    filled with ``None``. Ultra-processed food also says how last week compares.
    """
    by_week = [{t.id: t.actual for t in s.targets} for s in summaries]
    out: list[WeekSummary] = []
    for i, summary in enumerate(summaries):
        targets = []
        for t in summary.targets:
            trend = [by_week[j].get(t.id) if j >= 0 else None for j in range(i - TREND_WEEKS, i)]
            update: dict[str, object] = {"trend": trend}
            if t.id == UPF_TARGET:
                detail = _upf_detail(t.actual, trend)
                if detail is not None:
                    update["detail"] = detail
            targets.append(t.model_copy(update=update))
        out.append(summary.model_copy(update={"targets": targets}))
    return out
