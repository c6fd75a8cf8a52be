"""Skip days and the user's own targets, kept in the journal (tables ``skips``,
``target_overrides``). Every change can be reversed with ``undo``.
"""

from __future__ import annotations

import datetime as dt
import math

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from tracker.domain.entry import check_note
from tracker.domain.errors import InputError
from tracker.domain.levers import Direction, TargetSpec
from tracker.domain.parse import MAX_DATE, MIN_DATE
from tracker.domain.summary import TargetOverride
from tracker.guidance import catalogue
from tracker.services.clock import now_utc
from tracker.services.journal import Journal, record_action
from tracker.store.models import SkipRow, TargetOverrideRow

MAX_TARGET_VALUE = 1_000_000.0
REASON_MAX_CHARS = 500


class SkipDay(BaseModel):
    """A day left out of the weekly review."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    reason: str = ""


# -- skip days -------------------------------------------------------------------------------


def _check_day(day: dt.date) -> dt.date:
    if not MIN_DATE <= day <= MAX_DATE:
        raise InputError("--date", day.isoformat(), f"a date from {MIN_DATE} to {MAX_DATE}")
    return day


def _check_reason(reason: str) -> str:
    reason = check_note(reason, "--reason")
    if len(reason) > REASON_MAX_CHARS:
        raise InputError(
            "--reason", f"{len(reason)} characters", f"at most {REASON_MAX_CHARS} characters"
        )
    return reason


def skip_day(journal: Journal, day: dt.date, reason: str = "") -> SkipDay:
    """Mark ``day`` as a skip day (again: the reason is replaced). Undo reverses it."""
    day, reason = _check_day(day), _check_reason(reason)
    now = now_utc()
    with journal.write() as session, session.begin():
        row = session.get(SkipRow, day)
        previous = {"reason": row.reason} if row is not None else None
        if row is None:
            session.add(SkipRow(date=day, reason=reason, created_at=now))
        else:
            row.reason = reason
        record_action(session, "skip", {"date": day.isoformat(), "previous": previous}, now)
    return SkipDay(date=day, reason=reason)


def unskip_day(journal: Journal, day: dt.date) -> SkipDay:
    """Count ``day`` in the review again. Undo marks it as skipped again."""
    now = now_utc()
    with journal.write() as session, session.begin():
        row = session.get(SkipRow, day)
        if row is None:
            raise InputError("--date", day.isoformat(), "a day marked with 'tracker skip'",
                             "is not a skip day")  # fmt: skip
        gone = SkipDay(date=row.date, reason=row.reason)
        session.delete(row)
        record_action(
            session, "unskip", {"date": day.isoformat(), "previous": {"reason": row.reason}}, now
        )
    return gone


def skipped_days(
    journal: Journal, start: dt.date | None = None, end: dt.date | None = None
) -> list[SkipDay]:
    """Skip days, oldest first, optionally within ``start``..``end``."""
    query = select(SkipRow).order_by(SkipRow.date)
    if start:
        query = query.where(SkipRow.date >= start)
    if end:
        query = query.where(SkipRow.date <= end)
    with journal.read() as session:
        return [SkipDay(date=r.date, reason=r.reason) for r in session.scalars(query)]


# -- the user's own targets ------------------------------------------------------------------


def target_spec(target_id: str) -> TargetSpec:
    """The catalogue's target ``target_id`` (an ``InputError`` naming the known ids if none)."""
    for spec in catalogue().targets:
        if spec.id == target_id:
            return spec
    ids = ", ".join(t.id for t in catalogue().targets)
    raise InputError("target", target_id, f"one of {ids}", "is not a target")


def check_target_value(spec: TargetSpec, value: float) -> float:
    if spec.direction is Direction.INFO and spec.override_direction is None:
        raise InputError("target", spec.id, "a target with a threshold", "is shown as a trend only")
    if not math.isfinite(value) or not 0 <= value <= MAX_TARGET_VALUE:
        raise InputError(
            "value", value, f"a number from 0 to {MAX_TARGET_VALUE:,.0f} {spec.unit}",
            "is out of range",
        )  # fmt: skip
    if spec.aggregation.value == "schedule" and (value < 1 or not float(value).is_integer()):
        raise InputError("value", value, "a whole number of days, at least 1", "is not allowed")
    return value


def set_target(journal: Journal, target_id: str, value: float, note: str = "") -> TargetOverride:
    """Replace a target's threshold with the user's own (schedules: the interval in days)."""
    spec = target_spec(target_id)
    value = check_target_value(spec, value)
    note = check_note(note, "--note")
    now = now_utc()
    with journal.write() as session, session.begin():
        row = session.get(TargetOverrideRow, target_id)
        previous = {"value": row.value, "note": row.note} if row is not None else None
        if row is None:
            session.add(TargetOverrideRow(target_id=target_id, value=value, note=note, set_at=now))
        else:
            row.value, row.note, row.set_at = value, note, now
        record_action(session, "target-set", {"target_id": target_id, "previous": previous}, now)
    return TargetOverride(target_id=target_id, value=value, note=note, set_at=now)


def reset_target(journal: Journal, target_id: str) -> TargetOverride:
    """Go back to the default target. Returns the override that was removed."""
    target_spec(target_id)
    now = now_utc()
    with journal.write() as session, session.begin():
        row = session.get(TargetOverrideRow, target_id)
        if row is None or row.value is None:
            raise InputError("target", target_id, "a target you set with 'tracker target set'",
                             "has no target of yours")  # fmt: skip
        removed = TargetOverride(target_id=target_id, value=row.value, note=row.note,
                                 set_at=row.set_at)  # fmt: skip
        previous = {"value": row.value, "note": row.note}
        session.delete(row)
        record_action(session, "target-reset", {"target_id": target_id, "previous": previous}, now)
    return removed


def target_overrides(journal: Journal) -> dict[str, TargetOverride]:
    """The user's own targets by target id."""
    with journal.read() as session:
        rows = session.scalars(select(TargetOverrideRow).order_by(TargetOverrideRow.target_id))
        return {
            r.target_id: TargetOverride(
                target_id=r.target_id, value=r.value, note=r.note, set_at=r.set_at
            )
            for r in rows
            if r.value is not None
        }
