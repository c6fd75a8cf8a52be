"""Today's local date and the current UTC time, injectable for tests and demos.

``TRACKER_TODAY=YYYY-MM-DD`` fixes "today" (snapshots and end-to-end tests use it).
"""

from __future__ import annotations

import datetime as dt
import os

ENV_TODAY = "TRACKER_TODAY"


def today() -> dt.date:
    fixed = os.environ.get(ENV_TODAY)
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.date.today()


def now_utc() -> dt.datetime:
    """Naive UTC, as stored in the journal."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
