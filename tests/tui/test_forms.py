"""The form parser: whatever is typed, a valid draft or one InputError naming a form field."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.entry import Entry
from tracker.domain.errors import InputError
from tracker.domain.metrics import METRICS, Kind
from tracker.tui.forms import (
    draft_from_form,
    field_for_error,
    form_fields,
    form_values,
)

TODAY = dt.date(2026, 11, 30)
typed = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"-?\d{1,5}(\.\d{0,3})?", fullmatch=True),
    st.sampled_from(["", " ", "7.5", "1e3", "nan", "inf", "0x10", "23:10", "24:00", "today"]),
)


@pytest.mark.parametrize("kind", list(Kind))
@given(data=st.data())
def test_any_input_gives_a_draft_or_an_error_naming_a_field(
    kind: Kind, data: st.DataObject
) -> None:
    raw = {f.key: data.draw(typed, label=f.key) for f in form_fields(kind) if f.key != "note"}
    problem: InputError | None = None
    try:
        draft = draft_from_form(kind, raw, TODAY)
    except InputError as error:
        problem = error
    if problem is not None:
        assert problem.message.startswith(problem.field)
        key = field_for_error(kind, problem.field)
        assert key is None or key in raw
        if key is None:
            assert problem.field in {kind.value, "note"}  # form-wide: "at least one of ..."
        return
    assert draft.kind is kind
    for name, value in draft.values.items():
        spec = next(m for m in METRICS if m.key == f"{kind.value}.{name}")
        assert spec.minimum <= value <= spec.maximum


@given(hours=st.floats(min_value=0, max_value=24, allow_nan=False).map(lambda x: round(x, 2)))
def test_a_valid_number_round_trips_through_the_form(hours: float) -> None:
    draft = draft_from_form(Kind.SLEEP, {"sleep.hours": str(hours)}, TODAY)
    assert draft.values == {"hours": hours}
    assert draft.date == TODAY


def test_editing_fills_the_form_with_what_would_build_the_same_draft() -> None:
    now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    entry = Entry(
        id=1,
        uid="u",
        kind=Kind.SLEEP,
        date=TODAY,
        time=dt.time(7, 5),
        values={"hours": 7.5, "quality": 4},
        tags={"bed": "23:10", "wake": "06:40"},
        note="noisy street",
        created_at=now,
        updated_at=now,
    )
    raw = form_values(entry)
    assert "sleep.hours" not in raw  # derived from the times
    assert draft_from_form(Kind.SLEEP, raw, TODAY) == entry.draft()


def test_missing_and_bad_values_name_the_field() -> None:
    with pytest.raises(InputError) as missing:
        draft_from_form(Kind.EXERCISE, {"exercise.type": "walk"}, TODAY)
    assert missing.value.field == "exercise.minutes"
    with pytest.raises(InputError) as bad_date:
        draft_from_form(Kind.SLEEP, {"date": "31/11/2026", "sleep.hours": "7"}, TODAY)
    assert bad_date.value.field == "date"
    assert draft_from_form(Kind.SLEEP, {"date": "yesterday", "sleep.hours": "7"}, TODAY).date == (
        TODAY - dt.timedelta(days=1)
    )
