"""Review weeks: ISO weeks over local dates, Monday first unless the user chose another day.

A week is named by the ISO week of the one Monday it contains, so names stay ISO-like for
any start day (``2026-W53`` exists: 2026 has 53 ISO weeks). With a Monday start a week is
exactly the ISO week.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from tracker.domain.parse import parse_week

DAYS_IN_WEEK = 7


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """0 for Monday .. 6 for Sunday (as ``date.weekday()``)."""
        return list(Weekday).index(self)


class Week(BaseModel):
    """One review week: its name and its first and last day."""

    model_config = ConfigDict(frozen=True)

    label: str  # "2026-W48"
    start: dt.date
    end: dt.date

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(DAYS_IN_WEEK)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def shifted(self, weeks: int) -> Week:
        """The week ``weeks`` later (earlier when negative)."""
        start = self.start + dt.timedelta(weeks=weeks)
        return _make(start)


def _make(start: dt.date) -> Week:
    monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
    year, number, _ = monday.isocalendar()
    return Week(label=f"{year}-W{number:02d}", start=start, end=start + dt.timedelta(days=6))


def week_of(day: dt.date, start_day: Weekday = Weekday.MONDAY) -> Week:
    """The week containing ``day``."""
    back = (day.weekday() - start_day.number) % 7
    return _make(day - dt.timedelta(days=back))


def parse_review_week(text: str, start_day: Weekday = Weekday.MONDAY, field: str = "week") -> Week:
    """``YYYY-Www`` -> the review week containing that ISO week's Monday (raises InputError)."""
    return week_of(parse_week(text, field), start_day)


def weeks_ending(day: dt.date, count: int, start_day: Weekday = Weekday.MONDAY) -> list[Week]:
    """The ``count`` weeks ending with the one containing ``day``, oldest first."""
    last = week_of(day, start_day)
    return [last.shifted(-i) for i in range(count - 1, -1, -1)]
