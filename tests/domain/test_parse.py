"""Parsers of user input: examples and properties (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InputError
from tracker.domain.parse import (
    MAX_DATE,
    MIN_DATE,
    parse_date,
    parse_number,
    parse_time,
    parse_week,
    sleep_hours,
)

TODAY = dt.date(2026, 11, 30)


def test_relative_dates() -> None:
    assert parse_date("today", TODAY) == TODAY
    assert parse_date(" Yesterday ", TODAY) == dt.date(2026, 11, 29)
    assert parse_date("2026-01-05", TODAY) == dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-13-01", "30/11/2026", "", "tomorrow", "1899-12-31"]
)
def test_bad_dates(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, TODAY, "--date")
    assert info.value.field == "--date"


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
def test_any_iso_date_round_trips(day: dt.date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.text(max_size=30))
def test_date_parser_only_raises_input_error(text: str) -> None:
    message = ""
    try:
        parse_date(text, TODAY)
    except InputError as error:
        message = error.message
    assert "\n" not in message


@given(st.times())
def test_any_time_round_trips(t: dt.time) -> None:
    assert parse_time(t.strftime("%H:%M")) == t.replace(second=0, microsecond=0)


@given(st.text(max_size=12))
def test_time_parser_only_raises_input_error(text: str) -> None:
    try:
        value = parse_time(text)
    except InputError:
        return
    assert isinstance(value, dt.time)


@given(st.text(max_size=20))
def test_number_parser_only_finite(text: str) -> None:
    try:
        value = parse_number(text, "--n", "a number")
    except InputError:
        return
    assert value == value
    assert abs(value) != float("inf")


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e3", "1,5", "", "7.5.1", "0x10"])
def test_number_parser_refuses(text: str) -> None:
    with pytest.raises(InputError):
        parse_number(text, "--n", "a number")


def test_whole_numbers() -> None:
    assert parse_number("3", "--n", "x", integer=True) == 3
    with pytest.raises(InputError, match="whole number"):
        parse_number("3.5", "--n", "x", integer=True)


def test_weeks_include_w53() -> None:
    assert parse_week("2026-W53") == dt.date(2026, 12, 28)
    assert parse_week("2026-w48") == dt.date(2026, 11, 23)
    with pytest.raises(InputError):
        parse_week("2025-W53")


@given(st.times(), st.times())
def test_sleep_hours_in_range(bed: dt.time, wake: dt.time) -> None:
    hours = sleep_hours(bed, wake)
    assert 0 <= hours < 24
