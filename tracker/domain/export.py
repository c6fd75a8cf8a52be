"""The file formats a journal leaves the app in: the JSON export and the CSV column sets.

Pure models and rules (no I/O). Every format is versioned; ``schemas/`` holds their JSON Schema.
The CSV column sets and cell rules live in :mod:`tracker.domain.csvformat` (standard library
only, so that a CSV export need not load pydantic) and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from tracker.domain.csvformat import (
    CSV_VERSION as CSV_VERSION,
)
from tracker.domain.csvformat import (
    DAILY_COLUMNS as DAILY_COLUMNS,
)
from tracker.domain.csvformat import (
    ENTRIES_COLUMNS as ENTRIES_COLUMNS,
)
from tracker.domain.csvformat import (
    ENTRY_HEAD as ENTRY_HEAD,
)
from tracker.domain.csvformat import (
    ENTRY_TAIL as ENTRY_TAIL,
)
from tracker.domain.csvformat import (
    METRIC_BY_COLUMN as METRIC_BY_COLUMN,
)
from tracker.domain.csvformat import (
    TAG_BY_COLUMN as TAG_BY_COLUMN,
)
from tracker.domain.csvformat import (
    WEEKLY_COLUMNS as WEEKLY_COLUMNS,
)
from tracker.domain.csvformat import (
    daily_mean as daily_mean,
)
from tracker.domain.csvformat import (
    neutralise as neutralise,
)
from tracker.domain.csvformat import (
    number_cell as number_cell,
)
from tracker.domain.csvformat import (
    tag_column as tag_column,
)
from tracker.domain.csvformat import (
    timestamp_cell as timestamp_cell,
)
from tracker.domain.csvformat import (
    unneutralise as unneutralise,
)
from tracker.domain.levers import Direction, Status
from tracker.domain.metrics import METRICS, TAGS, Kind, MetricSpec
from tracker.domain.summary import ReviewSettings

EXPORT_FORMAT: Literal["lever-tracker-export"] = "lever-tracker-export"
EXPORT_VERSION = 1


def _metric_field(spec: MetricSpec, how: str, *, one_entry: bool) -> Any:
    return (
        float | None,
        Field(
            default=None,
            ge=spec.minimum,
            le=spec.maximum if one_entry else None,
            description=f"{spec.label} ({spec.unit}) of {spec.kind.value}; {how}",
        ),
    )


def _column_set(
    name: str, doc: str, fields: dict[str, Any], columns: tuple[str, ...]
) -> type[BaseModel]:
    model: type[BaseModel] = create_model(
        name,
        __config__=ConfigDict(
            extra="forbid",
            title=name,
            json_schema_extra={"x-csv-version": CSV_VERSION, "x-columns": list(columns)},
        ),
        __doc__=doc,
        **fields,
    )
    assert tuple(model.model_fields) == columns
    return model


_TEXT = "text; a first character = + - @ tab CR or ' gets one ' in front"
EntriesCsvRow = _column_set(
    "EntriesCsvRow",
    (
        f"One row of the 'entries' CSV (column set version {CSV_VERSION}): one entry, lossless "
        "and re-importable. Empty cells mean 'not logged'."
    ),
    {
        "uid": (str, Field(description="the entry's stable identity (a UUID); import key")),
        "id": (int | None, Field(default=None, description="the id in the exporting journal")),
        "kind": (Kind, Field(description="what the entry records")),
        "date": (dt.date, Field(description="local date, YYYY-MM-DD")),
        "time": (str | None, Field(default=None, description="local time HH:MM, or empty")),
        **{m.column: _metric_field(m, "empty when not given", one_entry=True) for m in METRICS},
        **{
            tag_column(t): (
                str | None,
                Field(default=None, description=f"{t.label} of a {t.kind.value} entry"),
            )
            for t in TAGS
        },
        "note": (str, Field(default="", description=f"free text ({_TEXT})")),
        "version": (int, Field(default=1, ge=1, description="1 + how many times it was edited")),
        "created_at": (str, Field(description="UTC time it was logged, ISO 8601 with Z")),
        "updated_at": (str, Field(description="UTC time it last changed, ISO 8601 with Z")),
    },
    ENTRIES_COLUMNS,
)
DailyCsvRow = _column_set(
    "DailyCsvRow",
    (
        f"One row of the 'daily' CSV (column set version {CSV_VERSION}): one date, one column per "
        "metric (scores averaged over the day's entries, amounts summed), empty when not logged."
    ),
    {
        "date": (dt.date, Field(description="local date, YYYY-MM-DD")),
        **{
            m.column: _metric_field(
                m, "mean of the day" if daily_mean(m) else "total of the day", one_entry=False
            )
            for m in METRICS
        },
        "care_events": (str, Field(default="", description="care events of the day, '; '")),
        "notes": (str, Field(default="", description=f"the day's notes, one per line ({_TEXT})")),
    },
    DAILY_COLUMNS,
)
WeeklyCsvRow = _column_set(
    "WeeklyCsvRow",
    (
        f"One row of the 'weekly' CSV (column set version {CSV_VERSION}): one target in one "
        "week, as the weekly review judged it."
    ),
    {
        "week": (str, Field(description="ISO week, YYYY-Www")),
        "lever": (str, Field(description="lever id, e.g. C2")),
        "target_id": (str, Field(description="target id, e.g. sleep-duration")),
        "actual": (float | None, Field(default=None, description="the week's figure")),
        "unit": (str, Field(description="unit of actual and target")),
        "target": (float | None, Field(default=None, description="threshold in force")),
        "direction": (Direction, Field(description="at-least, at-most or info")),
        "status": (Status, Field(description="met, close, missed, no-data or info")),
        "source": (str, Field(description="authority, 'app-defined' or 'your own target'")),
    },
    WEEKLY_COLUMNS,
)


# -- the JSON export ----------------------------------------------------------------------------


class ExportedVersion(BaseModel):
    """An earlier version of an entry, as it was before an edit replaced it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = Field(ge=1)
    replaced_at: dt.datetime
    kind: Kind
    date: dt.date
    time: dt.time | None = None
    values: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    note: str = ""


class ExportedEntry(BaseModel):
    """One entry with its identity, audit stamps, bin state and earlier versions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    uid: str = Field(min_length=1, max_length=36)
    kind: Kind
    date: dt.date
    time: dt.time | None = None
    values: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    note: str = ""
    version: int = Field(default=1, ge=1)
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = Field(default=None, description="set when in the bin")
    history: list[ExportedVersion] = Field(default_factory=list)


class ExportedSkip(BaseModel):
    """A day left out of the weekly review."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    reason: str = ""
    created_at: dt.datetime


class ExportedSetting(BaseModel):
    """A journal setting (the profile is the one under key ``profile``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(min_length=1, max_length=64)
    value: dict[str, Any]
    updated_at: dt.datetime


class ExportedOverride(BaseModel):
    """A threshold the user set for a target, with their note."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    target_id: str = Field(min_length=1, max_length=64)
    value: float | None = None
    note: str = ""
    set_at: dt.datetime


class JournalExport(BaseModel):
    """The whole journal as one JSON document: ``tracker export json``, ``tracker import``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["lever-tracker-export"] = EXPORT_FORMAT
    version: int = Field(
        default=EXPORT_VERSION,
        ge=1,
        description=f"format version; this app writes {EXPORT_VERSION} and reads up to it",
    )
    app_version: str = ""
    exported_at: dt.datetime
    entries: list[ExportedEntry] = Field(default_factory=list)
    skips: list[ExportedSkip] = Field(default_factory=list)
    settings: list[ExportedSetting] = Field(default_factory=list)
    target_overrides: list[ExportedOverride] = Field(default_factory=list)
    review_settings: ReviewSettings | None = Field(
        default=None,
        description="the review settings of config.toml when exported (margins, week start)",
    )
