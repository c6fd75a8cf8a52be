"""The CSV files' column sets and cell rules: standard library only (no pydantic).

``tracker export csv`` writes a whole journal through these without loading the models of
:mod:`tracker.domain.export` (which re-exports everything here, with the row models).

CSV cells follow one reversible rule so that a spreadsheet never runs text as a formula: a text
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return, or an apostrophe gets
one apostrophe in front (:func:`neutralise`); reading it back removes exactly one
(:func:`unneutralise`). Numbers are written as plain dot-decimal numbers and never touched.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from tracker.domain.metrics import METRICS, TAGS, MetricSpec, TagSpec

CSV_VERSION = 1
_RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r", "'")


# -- cells ------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """A text cell a spreadsheet shows as text: an apostrophe before a risky first character."""
    return "'" + text if text.startswith(_RISKY_FIRST) else text


def unneutralise(text: str) -> str:
    """The inverse of :func:`neutralise`."""
    return text[1:] if text.startswith("'") else text


def number_cell(value: float) -> str:
    """A number as a spreadsheet reads it: dot decimal, no exponent, no scaling, round-trips."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def timestamp_cell(value: dt.datetime) -> str:
    """A UTC timestamp in ISO 8601 with a ``Z`` (microseconds kept)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


# -- CSV column sets ---------------------------------------------------------------------------


def tag_column(spec: TagSpec) -> str:
    return f"{spec.kind.value}_{spec.name}"


ENTRY_HEAD = ("uid", "id", "kind", "date", "time")
ENTRY_TAIL = ("note", "version", "created_at", "updated_at")
ENTRIES_COLUMNS: tuple[str, ...] = (
    *ENTRY_HEAD,
    *(m.column for m in METRICS),
    *(tag_column(t) for t in TAGS),
    *ENTRY_TAIL,
)
DAILY_COLUMNS: tuple[str, ...] = ("date", *(m.column for m in METRICS), "care_events", "notes")
WEEKLY_COLUMNS: tuple[str, ...] = (
    "week",
    "lever",
    "target_id",
    "actual",
    "unit",
    "target",
    "direction",
    "status",
    "source",
)
METRIC_BY_COLUMN: dict[str, MetricSpec] = {m.column: m for m in METRICS}
TAG_BY_COLUMN: dict[str, TagSpec] = {tag_column(t): t for t in TAGS}


def daily_mean(spec: MetricSpec) -> bool:
    """Scores are averaged over a day's entries; amounts and counts are summed."""
    return spec.unit == "score"
