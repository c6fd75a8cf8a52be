"""What the Today screen shows: one day's entries, by kind, and whether the journal is empty."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from tracker.domain.entry import Entry
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.store.models import EntryRow


class DayView(BaseModel):
    """One day of the journal."""

    model_config = ConfigDict(frozen=True)

    day: dt.date
    entries: list[Entry]
    journal_empty: bool
    path: str
    due: list[str] = []  # what is due or overdue (bone drug, scan), one line each

    def of_kind(self, kind: Kind) -> list[Entry]:
        return [e for e in self.entries if e.kind is kind]


def journal_is_empty(journal: Journal) -> bool:
    """True when nothing has ever been logged (not even entries now in the bin)."""
    with journal.read() as session:
        return session.scalars(select(EntryRow.id).limit(1)).first() is None


def due_lines(journal: Journal, day: dt.date) -> list[str]:
    """Scheduled care (bone drug, scans) as the review sees it in ``day``'s week."""
    from tracker.domain.levers import Aggregation
    from tracker.guidance import catalogue
    from tracker.services.summary import week_summary

    scheduled = {t.id for t in catalogue().targets if t.aggregation is Aggregation.SCHEDULE}
    summary = week_summary(journal, day)
    return [f"{t.title}: {t.detail}" for t in summary.targets if t.id in scheduled and t.detail]


def day_view(journal: Journal, day: dt.date) -> DayView:
    entries = journal.entries(day, day)
    empty = not entries and journal_is_empty(journal)
    due = [] if empty else due_lines(journal, day)
    return DayView(day=day, entries=entries, journal_empty=empty, path=str(journal.path), due=due)
