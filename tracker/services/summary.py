"""The weekly review from an open journal: facts aggregated in SQL, judged by the domain engine.

The SQL is in :mod:`tracker.services.summary_facts` (plain ``sqlite3``, each target's statement
built once); here it runs on the connection of a :class:`Journal`'s read session, so the
facts, the profile and the user's own targets are read in one transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import cast

from sqlalchemy.orm import Session

from tracker.domain.levers import Catalogue
from tracker.domain.summary import ReviewSettings, WeekFacts, WeekSummary
from tracker.domain.week import Week
from tracker.guidance import catalogue
from tracker.services.clock import today
from tracker.services.journal import Journal
from tracker.services.review import (
    SkipDay,
    reset_target,
    set_target,
    skip_day,
    skipped_days,
    target_overrides,
    unskip_day,
)
from tracker.services.settings import load_settings
from tracker.services.summary_facts import MAX_WEEKS, read_week_facts, review, review_span

__all__ = [
    "MAX_WEEKS",
    "SkipDay",
    "reset_target",
    "set_target",
    "skip_day",
    "skipped_days",
    "target_overrides",
    "unskip_day",
    "week_facts",
    "week_summaries",
    "week_summary",
]


def _sqlite(session: Session) -> sqlite3.Connection:
    """The session's own DB-API connection (its transaction has begun)."""
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def week_facts(
    journal: Journal,
    weeks: Sequence[Week],
    cat: Catalogue | None = None,
    now: dt.date | None = None,
) -> list[WeekFacts]:
    """The facts of consecutive ``weeks`` (oldest first), aggregated in SQL."""
    if not weeks:
        return []
    with journal.read() as session:
        return read_week_facts(_sqlite(session), weeks, cat or catalogue(), now or today())


def _review(
    journal: Journal,
    weeks: list[Week],
    keep: int,
    settings: ReviewSettings,
) -> list[WeekSummary]:
    with journal.read() as session:
        return review(_sqlite(session), weeks, keep, settings)


def week_summary(journal: Journal, day: dt.date | None = None) -> WeekSummary:
    """The week containing ``day`` (default today), with each target's four-week trend."""
    settings = load_settings()
    return _review(journal, review_span(day, None, settings), 1, settings)[0]


def week_summaries(
    journal: Journal, weeks: int, end_day: dt.date | None = None
) -> list[WeekSummary]:
    """The last ``weeks`` weeks ending with the one containing ``end_day``, oldest first."""
    if not 1 <= weeks <= MAX_WEEKS:
        from tracker.domain.errors import InputError

        raise InputError("--weeks", weeks, f"a whole number from 1 to {MAX_WEEKS}")
    settings = load_settings()
    return _review(journal, review_span(end_day, weeks, settings), weeks, settings)
