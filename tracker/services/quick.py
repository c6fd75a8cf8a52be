"""Adding and listing entries without loading SQLAlchemy: the quick shell commands.

:func:`add_entry` writes through :mod:`tracker.store.dbapi` (the standard library's sqlite3)
and is what :meth:`Journal.add` uses too, so there is one way an entry is added.
:func:`log_entry` and :func:`list_entries` open nothing else when the journal exists at the
current schema; a missing or older journal goes through :meth:`Journal.open` (create, or back
up and upgrade) first. :func:`read_entries` returns what :meth:`Journal.entries` returns (a
test compares them), for screens that want a day's entries before SQLAlchemy has loaded.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.entry import Entry, EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.services.clock import now_utc
from tracker.store.dbapi import (
    DATETIME_FORMAT,
    NewEntry,
    NotCurrent,
    StoredEntry,
    append_entry,
    select_entries,
)
from tracker.store.paths import db_path
from tracker.store.schema import State, inspect_journal


@dataclass(frozen=True)
class Logged:
    entry: Entry
    upgraded_backup: Path | None = None


def new_entry(draft: EntryDraft, uid: str, now: dt.datetime) -> NewEntry:
    """A draft's columns as the journal stores them (``now`` is naive UTC)."""
    return NewEntry(
        uid=uid,
        kind=draft.kind.value,
        date=draft.date.isoformat(),
        time=draft.time.strftime("%H:%M") if draft.time else None,
        note=draft.note,
        tags=draft.tags,
        values=draft.values,
        now=now.strftime(DATETIME_FORMAT),
    )


def add_entry(path: Path, draft: EntryDraft, uid: str | None = None) -> Entry:
    """Add ``draft`` to the journal at ``path`` (which must be at the current schema).

    Raises ``NotCurrent`` (nothing written) when the journal needs creating or upgrading.
    """
    now = now_utc()
    uid = uid or str(uuid.uuid4())
    entry_id = append_entry(path, new_entry(draft, uid, now))
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
    # Read-only first (header, damage, revision): a file that is not a sound journal is refused
    # before anything opens it for writing. Raises JournalError for such a file.
    if inspect_journal(target).state is State.CURRENT:
        try:
            return Logged(add_entry(target, draft))
        except NotCurrent:
            pass
    from tracker.services.journal import Journal

    with Journal.open(target) as journal:
        return Logged(journal.add(draft), journal.upgraded_backup)


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _entry(row: StoredEntry) -> Entry:
    return Entry(
        id=row.id,
        uid=row.uid,
        kind=Kind(row.kind),
        date=dt.date.fromisoformat(row.date),
        time=dt.time.fromisoformat(row.time) if row.time else None,
        values=row.values,
        tags=row.tags,
        note=row.note,
        version=row.version,
        created_at=_stamp(row.created_at),
        updated_at=_stamp(row.updated_at),
        deleted_at=_stamp(row.deleted_at) if row.deleted_at else None,
    )


def read_entries(
    path: Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: Kind | None = None,
    *,
    deleted: bool = False,
) -> list[Entry]:
    """What :meth:`Journal.entries` returns, read over sqlite3 from a current journal.

    Raises ``NotCurrent`` when the journal needs creating or upgrading.
    """
    if start and end and end < start:
        raise InputError("to", end.isoformat(), f"a date on or after {start.isoformat()}")
    rows = select_entries(
        path,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        kind=kind.value if kind else None,
        deleted=deleted,
    )
    return [_entry(row) for row in rows]


@dataclass(frozen=True)
class Listed:
    entries: list[Entry]
    upgraded_backup: Path | None = None


def list_entries(
    path: str | Path | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: Kind | None = None,
    *,
    deleted: bool = False,
) -> Listed:
    """Entries of the journal at ``path`` (``--db``; else ``$TRACKER_DB`` or the default)."""
    target = db_path(path)
    if inspect_journal(target).state is State.CURRENT:
        try:
            return Listed(read_entries(target, start, end, kind, deleted=deleted))
        except NotCurrent:
            pass
    from tracker.services.journal import Journal

    with Journal.open(target) as journal:
        return Listed(journal.entries(start, end, kind, deleted=deleted), journal.upgraded_backup)


def peek_entries(path: Path, day: dt.date) -> list[Entry] | None:
    """``day``'s entries read over sqlite3, or None when that is not possible right now.

    For the app's first paint, before SQLAlchemy has loaded: only a journal at the current
    schema is read (read-only look first, as everywhere); a missing, older, damaged or busy
    one gives None, and opening it through :class:`Journal` says what is wrong.
    """
    import sqlite3

    from tracker.store.schema import JournalError

    try:
        if inspect_journal(path).state is not State.CURRENT:
            return None
        return read_entries(path, day, day)
    except (NotCurrent, JournalError, sqlite3.Error, OSError):
        return None
