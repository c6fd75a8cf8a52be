"""Adding one entry without loading SQLAlchemy: the quick ``tracker log`` path.

:func:`add_entry` writes through :mod:`tracker.store.dbapi` (the standard library's sqlite3)
and is what :meth:`Journal.add` uses too, so there is one way an entry is added.
:func:`log_entry` opens nothing else when the journal exists at the current schema; a missing
or older journal goes through :meth:`Journal.open` (create, or back up and upgrade) first.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.entry import Entry, EntryDraft
from tracker.services.clock import now_utc
from tracker.store.dbapi import DATETIME_FORMAT, NewEntry, NotCurrent, append_entry
from tracker.store.paths import db_path
from tracker.store.schema import check_header


@dataclass(frozen=True)
class Logged:
    entry: Entry
    upgraded_backup: Path | None = None


def add_entry(path: Path, draft: EntryDraft, uid: str | None = None) -> Entry:
    """Add ``draft`` to the journal at ``path`` (which must be at the current schema).

    Raises ``NotCurrent`` (nothing written) when the journal needs creating or upgrading.
    """
    now = now_utc()
    uid = uid or str(uuid.uuid4())
    entry_id = append_entry(
        path,
        NewEntry(
            uid=uid,
            kind=draft.kind.value,
            date=draft.date.isoformat(),
            time=draft.time.strftime("%H:%M") if draft.time else None,
            note=draft.note,
            tags=draft.tags,
            values=draft.values,
            now=now.strftime(DATETIME_FORMAT),
        ),
    )
    stamp = now.replace(tzinfo=dt.UTC)
    # The draft was validated; the rest is ours. No second validation (nor model build) needed.
    return Entry.model_construct(
        id=entry_id,
        uid=uid,
        kind=draft.kind,
        date=draft.date,
        time=draft.time,
        values=dict(draft.values),
        tags=dict(draft.tags),
        note=draft.note,
        version=1,
        created_at=stamp,
        updated_at=stamp,
        deleted_at=None,
    )


def log_entry(path: str | Path | None, draft: EntryDraft) -> Logged:
    """Add ``draft`` to the journal at ``path`` (``--db``; else ``$TRACKER_DB`` or the default)."""
    target = db_path(path)
    if check_header(target):  # raises JournalError for anything that is not a journal
        try:
            return Logged(add_entry(target, draft))
        except NotCurrent:
            pass
    from tracker.services.journal import Journal

    with Journal.open(target) as journal:
        return Logged(journal.add(draft), journal.upgraded_backup)
