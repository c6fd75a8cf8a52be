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

    def of_kind(self, kind: Kind) -> list[Entry]:
        return [e for e in self.entries if e.kind is kind]


def journal_is_empty(journal: Journal) -> bool:
    """True when nothing has ever been logged (not even entries now in the bin)."""
    with journal.read() as session:
        return session.scalars(select(EntryRow.id).limit(1)).first() is None


def day_view(journal: Journal, day: dt.date) -> DayView:
    entries = journal.entries(day, day)
    empty = not entries and journal_is_empty(journal)
    return DayView(day=day, entries=entries, journal_empty=empty, path=str(journal.path))
