"""Domain rules for entries, pure (no journal)."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.entry import NOTE_MAX_CHARS, EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.metrics import METRICS, Kind

D = dt.date(2026, 11, 30)


def test_sleep_belongs_to_wake_date_and_spans_midnight() -> None:
    draft = EntryDraft.build(kind="sleep", date=D, tags={"bed": "23:10", "wake": "06:40"})
    assert draft.values["hours"] == 7.5
    assert draft.date == D


def test_sleep_started_after_midnight() -> None:
    draft = EntryDraft.build(kind="sleep", date=D, tags={"bed": "00:30", "wake": "07:00"})
    assert draft.values["hours"] == 6.5


def test_sleep_same_bed_and_wake_refused() -> None:
    with pytest.raises(InputError) as info:
        EntryDraft.build(kind="sleep", date=D, tags={"bed": "07:00", "wake": "07:00"})
    assert info.value.field == "sleep.wake"


def test_sleep_needs_hours_or_both_times() -> None:
    with pytest.raises(InputError, match=r"sleep\.hours: missing"):
        EntryDraft.build(kind="sleep", date=D)
    with pytest.raises(InputError, match=r"sleep\.wake: missing"):
        EntryDraft.build(kind="sleep", date=D, tags={"bed": "23:00"})


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("sleep", {"hours": 30}, "sleep.hours"),
        ("stress", {"level": 11}, "stress.level"),
        ("stress", {"level": 2.5}, "stress.level"),
        ("nutrition", {"calcium_mg": -1}, "nutrition.calcium_mg"),
        ("nutrition", {"caffeine_mg": float("nan")}, "nutrition.caffeine_mg"),
        ("nutrition", {"caffeine_mg": float("inf")}, "nutrition.caffeine_mg"),
        ("nutrition", {"bogus": 1}, "nutrition.bogus"),
    ],
)
def test_out_of_range_values_name_field_value_and_range(
    kind: str, values: dict[str, float], field: str
) -> None:
    with pytest.raises(InputError) as info:
        EntryDraft.build(kind=kind, date=D, values=values)
    assert info.value.field == field
    assert "allowed" in info.value.message
    assert "\n" not in info.value.message


def test_negative_exercise_minutes_refused() -> None:
    with pytest.raises(InputError, match=r"exercise.minutes: -5 is out of range"):
        EntryDraft.build(kind="exercise", date=D, values={"minutes": -5}, tags={"type": "walk"})


def test_exercise_defaults_to_moderate() -> None:
    d = EntryDraft.build(kind="exercise", date=D, values={"minutes": 30}, tags={"type": "walk"})
    assert d.tags["intensity"] == "moderate"


def test_unknown_choice_lists_allowed() -> None:
    with pytest.raises(InputError, match="one of walk, run"):
        EntryDraft.build(kind="exercise", date=D, values={"minutes": 3}, tags={"type": "fly"})


def test_stress_practice_needs_minutes() -> None:
    with pytest.raises(InputError, match=r"stress\.minutes"):
        EntryDraft.build(kind="stress", date=D, tags={"practice": "yoga"})
    ok = EntryDraft.build(kind="stress", date=D, tags={"social": "yes"})
    assert ok.tags == {"social": "yes"}


def test_care_needs_event() -> None:
    with pytest.raises(InputError, match=r"care\.event"):
        EntryDraft.build(kind="care", date=D)


def test_nutrition_needs_a_value() -> None:
    with pytest.raises(InputError, match="at least one of"):
        EntryDraft.build(kind="nutrition", date=D)


def test_note_limits() -> None:
    note = "é☃ line\nsecond\ttab 🙂"
    assert EntryDraft.build(kind="care", date=D, tags={"event": "scan"}, note=note).note == note
    with pytest.raises(InputError, match="control character"):
        EntryDraft.build(kind="care", date=D, tags={"event": "scan"}, note="a\x00b")
    with pytest.raises(InputError, match="too long"):
        EntryDraft.build(
            kind="care", date=D, tags={"event": "scan"}, note="x" * (NOTE_MAX_CHARS + 1)
        )


def test_bad_date_type_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        EntryDraft.build(kind="care", date="2026-02-30", tags={"event": "scan"})
    assert info.value.field == "date"


def test_every_metric_has_unit_column_and_sane_range() -> None:
    columns = [m.column for m in METRICS]
    assert len(columns) == len(set(columns))
    assert "sleep_hours_h" in columns
    assert "nutrition_calcium_mg" in columns  # a name ending in its unit carries it once
    assert not any(c.endswith(("_mg_mg", "_g_g", "_portions_portions")) for c in columns)
    for m in METRICS:
        assert m.minimum < m.maximum
        assert m.kind in Kind
