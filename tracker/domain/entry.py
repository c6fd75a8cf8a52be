"""Entries: what the user logs. ``EntryDraft`` is validated input; ``Entry`` is a stored entry."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain.errors import InputError, from_validation_error
from tracker.domain.metrics import (
    FLAG_TAG,
    METRIC_BY_KEY,
    TAG_BY_KEY,
    TIME_TAG,
    Kind,
    metrics_of,
    tags_of,
)
from tracker.domain.parse import MAX_DATE, MIN_DATE, parse_time, sleep_hours

NOTE_MAX_CHARS = 20_000
_ALLOWED_CONTROL = {"\n", "\t"}


def check_note(note: str, field: str = "note") -> str:
    if len(note) > NOTE_MAX_CHARS:
        raise InputError(
            field, f"{len(note)} characters", f"at most {NOTE_MAX_CHARS} characters", "is too long"
        )
    for ch in note:
        if ch not in _ALLOWED_CONTROL and unicodedata.category(ch) in ("Cc", "Cs"):
            raise InputError(
                field,
                f"U+{ord(ch):04X}",
                "text with no control characters other than newline and tab",
                "contains a control character",
            )
    return note.replace("\r\n", "\n")


class EntryDraft(BaseModel):
    """An entry as the user means it, before it is stored. Validates every rule of the domain.

    ``values`` and ``tags`` are keyed by the short metric or tag name of the kind
    (``{"hours": 7.5}``, ``{"type": "walk"}``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Kind
    date: dt.date
    time: dt.time | None = None
    values: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    note: str = ""

    @classmethod
    def build(cls, **data: Any) -> EntryDraft:
        """Validate ``data`` into a draft; any problem is raised as one ``InputError``."""
        try:
            return cls.model_validate(data)
        except InputError:
            raise
        except ValueError as error:
            raise from_validation_error(error) from None

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, value: dt.date) -> dt.date:
        if not MIN_DATE <= value <= MAX_DATE:
            raise InputError("date", value.isoformat(), f"a date from {MIN_DATE} to {MAX_DATE}")
        return value

    @field_validator("note")
    @classmethod
    def _note_ok(cls, value: str) -> str:
        return check_note(value)

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        """Sleep hours come from bed and wake times when both are given."""
        if not isinstance(data, dict):
            return data
        if str(data.get("kind")) == Kind.SLEEP.value:
            tags = dict(data.get("tags") or {})
            if "bed" in tags and "wake" in tags:
                bed = parse_time(str(tags["bed"]), "sleep.bed")
                wake = parse_time(str(tags["wake"]), "sleep.wake")
                if bed == wake:
                    raise InputError(
                        "sleep.wake",
                        tags["wake"],
                        "a wake time different from the bedtime",
                        "is the same as the bedtime",
                    )
                values = dict(data.get("values") or {})
                values["hours"] = sleep_hours(bed, wake)
                data = {**data, "values": values}
        if str(data.get("kind")) == Kind.EXERCISE.value:
            tags = dict(data.get("tags") or {})
            if "type" in tags and "intensity" not in tags:
                data = {**data, "tags": {**tags, "intensity": "moderate"}}
        return data

    @model_validator(mode="after")
    def _check(self) -> EntryDraft:
        kind = self.kind
        for name, value in self.values.items():
            spec = METRIC_BY_KEY.get(f"{kind.value}.{name}")
            if spec is None:
                allowed = ", ".join(m.name for m in metrics_of(kind)) or "none"
                raise InputError(f"{kind.value}.{name}", value, f"metrics {allowed}", "is unknown")
            if not math.isfinite(value) or not spec.minimum <= value <= spec.maximum:
                raise InputError(spec.key, _num_value(value), spec.allowed, "is out of range")
            if spec.integer and not float(value).is_integer():
                raise InputError(spec.key, _num_value(value), spec.allowed, "is not a whole number")
        for name, tag in self.tags.items():
            tspec = TAG_BY_KEY.get(f"{kind.value}.{name}")
            if tspec is None:
                allowed = ", ".join(t.name for t in tags_of(kind)) or "none"
                raise InputError(f"{kind.value}.{name}", tag, f"fields {allowed}", "is unknown")
            if tspec.choices == TIME_TAG:
                parse_time(tag, tspec.key)
            elif tspec.choices == FLAG_TAG:
                if tag != "yes":
                    raise InputError(tspec.key, tag, "yes (or leave it out)")
            elif tag not in tspec.choices:
                raise InputError(tspec.key, tag, tspec.allowed)
        self._check_required()
        return self

    def _check_required(self) -> None:
        v, t = self.values, self.tags
        match self.kind:
            case Kind.SLEEP:
                if ("bed" in t) != ("wake" in t):
                    missing = "sleep.wake" if "bed" in t else "sleep.bed"
                    raise InputError(missing, None, "bedtime and wake time given together")
                if "hours" not in v:
                    raise InputError(
                        "sleep.hours", None, "hours of sleep, or both a bedtime and a wake time"
                    )
            case Kind.EXERCISE:
                if "type" not in t:
                    raise InputError("exercise.type", None, TAG_BY_KEY["exercise.type"].allowed)
                if "minutes" not in v:
                    raise InputError(
                        "exercise.minutes", None, METRIC_BY_KEY["exercise.minutes"].allowed
                    )
            case Kind.NUTRITION:
                if not v:
                    names = ", ".join(m.name for m in metrics_of(Kind.NUTRITION))
                    raise InputError("nutrition", None, f"at least one of {names}")
            case Kind.STRESS:
                if ("practice" in t) != ("minutes" in v):
                    missing = "stress.minutes" if "practice" in t else "stress.practice"
                    raise InputError(missing, None, "a practice and its minutes given together")
                if "level" not in v and "practice" not in t and "social" not in t:
                    raise InputError("stress", None, "at least a level, a practice or social")
            case Kind.CARE:
                if "event" not in t:
                    raise InputError("care.event", None, TAG_BY_KEY["care.event"].allowed)


def _num_value(value: float) -> float | int:
    return int(value) if math.isfinite(value) and float(value).is_integer() else value


def _num(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else str(value)


class Entry(BaseModel):
    """A stored entry: the draft's content plus identity, audit stamps and soft-delete state."""

    # Built on first use, not at import: the quick log path only constructs one.
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    uid: str
    kind: Kind
    date: dt.date
    time: dt.time | None = None
    values: dict[str, float] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    note: str = ""
    version: int = 1
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def draft(self) -> EntryDraft:
        return EntryDraft(
            kind=self.kind,
            date=self.date,
            time=self.time,
            values=dict(self.values),
            tags=dict(self.tags),
            note=self.note,
        )

    def summary(self) -> str:
        """A short human description, e.g. ``7.5 h (23:10-06:40)`` or ``walk 30 min moderate``."""
        v, t = self.values, self.tags
        parts: list[str] = []
        match self.kind:
            case Kind.SLEEP:
                parts.append(f"{_num(v['hours'])} h" if "hours" in v else "")
                if "bed" in t and "wake" in t:
                    parts.append(f"({t['bed']}-{t['wake']})")
                if "quality" in v:
                    parts.append(f"quality {_num(v['quality'])}/5")
                if "awakenings" in v:
                    parts.append(f"{_num(v['awakenings'])} awakenings")
            case Kind.EXERCISE:
                parts += [t.get("type", ""), f"{_num(v.get('minutes', 0))} min"]
                parts.append(t.get("intensity", ""))
            case Kind.NUTRITION:
                for name, value in v.items():
                    spec = METRIC_BY_KEY[f"nutrition.{name}"]
                    parts.append(f"{spec.label.lower()} {_num(value)} {spec.unit}")
            case Kind.STRESS:
                if "level" in v:
                    parts.append(f"level {_num(v['level'])}/10")
                if "practice" in t:
                    parts.append(f"{t['practice']} {_num(v.get('minutes', 0))} min")
                if t.get("social") == "yes":
                    parts.append("social contact")
            case Kind.CARE:
                parts.append(t.get("event", ""))
                if "drug" in t:
                    parts.append(t["drug"])
        text = " ".join(p for p in parts if p)
        return text if self.kind is not Kind.NUTRITION else ", ".join(p for p in parts if p)


class EntryVersion(BaseModel):
    """A previous version of an entry, kept when it was edited."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    entry_id: int
    version: int
    draft: EntryDraft
    replaced_at: dt.datetime
