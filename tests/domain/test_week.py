"""Review weeks: ISO weeks, a configurable first day, 2026-W53."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InputError
from tracker.domain.week import Weekday, parse_review_week, week_of, weeks_ending

D = dt.date


def test_monday_weeks_are_iso_weeks() -> None:
    w = week_of(D(2026, 11, 29))
    assert (w.label, w.start, w.end) == ("2026-W48", D(2026, 11, 23), D(2026, 11, 29))
    assert week_of(D(2026, 11, 30)).label == "2026-W49"
    assert len(w.days) == 7
    assert D(2026, 11, 23) in w
    assert D(2026, 11, 30) not in w


def test_2026_has_a_week_53_across_the_new_year() -> None:
    w = parse_review_week("2026-W53")
    assert (w.start, w.end) == (D(2026, 12, 28), D(2027, 1, 3))
    assert week_of(D(2027, 1, 1)).label == "2026-W53"
    assert week_of(D(2027, 1, 4)).label == "2027-W01"
    assert w.shifted(1).label == "2027-W01"
    with pytest.raises(InputError, match="week"):
        parse_review_week("2025-W53")


def test_a_sunday_start_names_the_week_by_its_monday() -> None:
    w = week_of(D(2026, 11, 29), Weekday.SUNDAY)
    assert (w.start, w.end, w.label) == (D(2026, 11, 29), D(2026, 12, 5), "2026-W49")
    assert parse_review_week("2026-W49", Weekday.SUNDAY) == w
    sat = week_of(D(2026, 11, 28), Weekday.SUNDAY)
    assert (sat.start, sat.label) == (D(2026, 11, 22), "2026-W48")


def test_weeks_ending_are_consecutive_oldest_first() -> None:
    weeks = weeks_ending(D(2027, 1, 6), 3)
    assert [w.label for w in weeks] == ["2026-W52", "2026-W53", "2027-W01"]


@pytest.mark.parametrize("text", ["2026-48", "2026-W54", "W48", "2026-W00", "", "2026-w1"])
def test_bad_weeks_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="--week"):
        parse_review_week(text, field="--week")


@given(
    st.dates(min_value=D(1901, 1, 1), max_value=D(2198, 12, 1)),
    st.sampled_from(list(Weekday)),
)
def test_every_day_lies_in_a_week_that_starts_on_the_start_day(
    day: dt.date, start: Weekday
) -> None:
    w = week_of(day, start)
    assert day in w
    assert w.start.weekday() == start.number
    assert (w.end - w.start).days == 6
    assert parse_review_week(w.label, start) == w
    assert w.shifted(1).start == w.end + dt.timedelta(days=1)


@given(st.text(max_size=12))
def test_parse_review_week_never_fails_with_anything_but_input_error(text: str) -> None:
    message = ""
    try:
        w = parse_review_week(text)
    except InputError as error:
        message = str(error)
    else:
        assert w.start.weekday() == 0
    assert message == "" or message.startswith("week: ")
