"""Parsers for what people type: dates, times and numbers. Each raises InputError."""

from __future__ import annotations

import math
import re
from datetime import date, time, timedelta

from tracker.domain.errors import InputError

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_date(text: str, today: date, field: str = "date") -> date:
    """``today``, ``yesterday``, or an ISO date ``YYYY-MM-DD``."""
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    match = _ISO_DATE_RE.match(raw)
    allowed = "YYYY-MM-DD (a real calendar date), 'today' or 'yesterday'"
    if not match:
        raise InputError(field, text, allowed, "is not a date")
    try:
        value = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError(field, text, allowed, "is not a real calendar date") from None
    if not MIN_DATE <= value <= MAX_DATE:
        raise InputError(field, text, f"a date from {MIN_DATE} to {MAX_DATE}", "is out of range")
    return value


def parse_time(text: str, field: str = "time") -> time:
    """A 24-hour wall-clock time ``HH:MM``."""
    match = _TIME_RE.match(text.strip())
    if not match:
        raise InputError(field, text, "a 24-hour time HH:MM, 00:00 to 23:59", "is not a time")
    return time(int(match[1]), int(match[2]))


def parse_number(text: str, field: str, allowed: str, integer: bool = False) -> float:
    """A finite decimal number written with a dot (``7.5``); whole if ``integer``."""
    raw = text.strip()
    problem = "is not a whole number" if integer else "is not a number"
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
        raise InputError(field, text, allowed, problem)
    value = float(raw)
    if not math.isfinite(value):  # digits enough to overflow a float
        raise InputError(field, text, allowed, "is out of range")
    if integer and not value.is_integer():
        raise InputError(field, text, allowed, problem)
    return value


def parse_week(text: str, field: str = "week") -> date:
    """An ISO week ``YYYY-Www``; returns its Monday."""
    match = _ISO_WEEK_RE.match(text.strip().upper())
    allowed = "an ISO week YYYY-Www, e.g. 2026-W48"
    if not match:
        raise InputError(field, text, allowed, "is not a week")
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InputError(field, text, allowed, "is not a week of that year") from None
    if not MIN_DATE <= monday <= MAX_DATE:
        raise InputError(field, text, f"a week from {MIN_DATE} to {MAX_DATE}", "is out of range")
    return monday


def sleep_hours(bed: time, wake: time) -> float:
    """Hours asleep from bed to wake; a bedtime after the wake time was the evening before."""
    start = bed.hour * 60 + bed.minute
    end = wake.hour * 60 + wake.minute
    minutes = (end - start) % (24 * 60)
    return round(minutes / 60, 2)
