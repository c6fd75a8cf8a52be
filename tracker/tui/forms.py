"""The log forms' fields, and turning what was typed into an ``EntryDraft`` with the domain rules.

Pure: no widgets here. Field ids are the metric and tag keys (``sleep.hours``), so that an
``InputError`` naming a field can be shown next to it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tracker.domain.metrics import FLAG_TAG, TIME_TAG, Kind, metrics_of, tags_of
from tracker.domain.parse import parse_date, parse_number, parse_time

if TYPE_CHECKING:
    from tracker.domain.entry import Entry, EntryDraft

FieldType = Literal["number", "time", "date", "choice", "radio", "flag", "text"]

KIND_TITLES: dict[Kind, str] = {
    Kind.SLEEP: "Sleep",
    Kind.EXERCISE: "Exercise",
    Kind.NUTRITION: "Nutrition",
    Kind.STRESS: "Stress",
    Kind.CARE: "Bone care",
}
KIND_HINTS: dict[Kind, str] = {
    Kind.SLEEP: "Hours, or a bedtime and a wake time. Sleep counts on the day you wake up.",
    Kind.EXERCISE: "A type and its minutes.",
    Kind.NUTRITION: "Any of these, as much as you know.",
    Kind.STRESS: "A level, a practice with its minutes, or social contact.",
    Kind.CARE: "A dose, a scan, an appointment or a dental visit.",
}


@dataclass(frozen=True)
class FormField:
    """One field of a log form."""

    key: str  # "date", "time", "note", or a metric / tag key such as "sleep.hours"
    label: str
    type: FieldType
    unit: str = ""
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    default: str = ""

    @property
    def dom_id(self) -> str:
        return "f-" + self.key.replace(".", "-").replace("_", "-")


def form_fields(kind: Kind) -> list[FormField]:
    """The fields of ``kind``'s form, in the order shown."""
    fields = [
        FormField("date", "Date", "date", placeholder="YYYY-MM-DD, today, yesterday"),
        FormField("time", "Time", "time", placeholder="HH:MM (optional)"),
    ]
    metrics = {m.name: m for m in metrics_of(kind)}
    tags = {t.name: t for t in tags_of(kind)}
    order: dict[Kind, list[str]] = {
        Kind.SLEEP: ["hours", "bed", "wake", "quality", "awakenings"],
        Kind.EXERCISE: ["type", "minutes", "intensity"],
        Kind.NUTRITION: list(metrics),
        Kind.STRESS: ["level", "practice", "minutes", "social"],
        Kind.CARE: ["event", "drug"],
    }
    for name in order[kind]:
        if name in metrics:
            m = metrics[name]
            unit = "" if m.unit in ("count",) else ("/ 5" if m.key == "sleep.quality" else m.unit)
            if m.key == "stress.level":
                unit = "/ 10"
            fields.append(FormField(m.key, m.label, "number", unit=unit, placeholder=_range(m)))
        else:
            t = tags[name]
            if t.choices == TIME_TAG:
                fields.append(FormField(t.key, t.label, "time", placeholder="HH:MM"))
            elif t.choices == FLAG_TAG:
                fields.append(FormField(t.key, t.label, "flag"))
            elif t.key == "exercise.intensity":
                fields.append(
                    FormField(t.key, t.label, "radio", choices=t.choices, default="moderate")
                )
            else:
                fields.append(FormField(t.key, t.label, "choice", choices=t.choices))
    fields.append(FormField("note", "Note", "text", placeholder="optional"))
    return fields


def _range(m: object) -> str:
    from tracker.domain.metrics import MetricSpec

    assert isinstance(m, MetricSpec)
    lo = _fmt(m.minimum)
    hi = _fmt(m.maximum)
    return f"{lo}-{hi}"


def _fmt(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else str(value)


def draft_from_form(kind: Kind, raw: Mapping[str, str], today: dt.date) -> EntryDraft:
    """Parse the typed strings of a form into a draft; raises ``InputError`` naming the field.

    Empty fields are left out. The rules are the CLI's: the same parsers and ``EntryDraft``.
    """
    from tracker.domain.entry import EntryDraft

    date_text = raw.get("date", "").strip()
    day = parse_date(date_text, today, "date") if date_text else today
    time_text = raw.get("time", "").strip()
    at = parse_time(time_text, "time") if time_text else None
    values: dict[str, float] = {}
    for m in metrics_of(kind):
        text = raw.get(m.key, "").strip()
        if text:
            values[m.name] = parse_number(text, m.key, m.allowed, m.integer)
    tags: dict[str, str] = {}
    for t in tags_of(kind):
        text = raw.get(t.key, "").strip()
        if text:
            tags[t.name] = text
    return EntryDraft.build(
        kind=kind, date=day, time=at, values=values, tags=tags, note=raw.get("note", "")
    )


def form_values(entry: Entry) -> dict[str, str]:
    """What the form shows when ``entry`` is edited."""
    raw = {
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M") if entry.time else "",
        "note": entry.note,
    }
    bed_wake = "bed" in entry.tags and "wake" in entry.tags
    for name, value in entry.values.items():
        if entry.kind is Kind.SLEEP and name == "hours" and bed_wake:
            continue  # derived from the times; editing the times recomputes it
        raw[f"{entry.kind.value}.{name}"] = _fmt(value)
    for name, tag in entry.tags.items():
        raw[f"{entry.kind.value}.{name}"] = tag
    return raw


def field_for_error(kind: Kind, error_field: str) -> str | None:
    """The form field an ``InputError``'s field names, or None for a form-wide problem."""
    keys = {f.key for f in form_fields(kind)}
    return error_field if error_field in keys else None
