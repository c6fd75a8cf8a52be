"""Units after a count: "1 session", "2 sessions" (the CLI, the app and the report agree)."""

from __future__ import annotations

import pytest

from tracker.domain.levers import unit_after


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1, "sessions", "session"),
        (1.0, "days", "day"),
        (2, "sessions", "sessions"),
        (0, "days", "days"),
        (1.5, "portions", "portions"),
        (1, "drinks", "drink"),
        (1, "h", "h"),
        (1, "min", "min"),
        (None, "days", "days"),
    ],
)
def test_unit_after(value: float | None, unit: str, expected: str) -> None:
    assert unit_after(value, unit) == expected
