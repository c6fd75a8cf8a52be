"""Use cases over entries: log, list, show, edit, delete, restore, undo, the bin.

Each public method opens one short session; rows become pydantic models before they leave.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from tracker.domain.entry import Entry, EntryDraft, EntryVersion
from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.services.clock import now_utc
from tracker.services.quick import add_entry
from tracker.store import JournalError, OpenedJournal, open_journal, writer
from tracker.store.dbapi import NotCurrent
from tracker.store.models import (
    ActionRow,
    Base,
    EntryRow,
    SettingRow,
    SkipRow,
    TargetOverrideRow,
    ValueRow,
    VersionRow,
)
from tracker.store.paths import db_path
from tracker.store.schema import PROFILE_KEY as PROFILE_KEY


class NotFound(InputError):
    """No entry with that id."""

    def __init__(self, entry_id: int, where: str = "in this journal") -> None:
        super().__init__(
            "id", entry_id, "an id shown by 'tracker list'", f"is not an entry {where}"
        )


class NothingToUndo(LookupError):
    pass


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None else None


def to_entry(row: EntryRow) -> Entry:
    return Entry(
        id=row.id,
        uid=row.uid,
        kind=Kind(row.kind),
        date=row.date,
        time=dt.time.fromisoformat(row.time) if row.time else None,
        values={v.metric: v.value for v in row.values},
        tags=dict(row.tags or {}),
        note=row.note,
        version=row.version,
        created_at=_utc(row.created_at) or dt.datetime.now(dt.UTC),
        updated_at=_utc(row.updated_at) or dt.datetime.now(dt.UTC),
        deleted_at=_utc(row.deleted_at),
    )


def _draft_json(draft: EntryDraft) -> dict[str, Any]:
    return draft.model_dump(mode="json")


def _apply(row: EntryRow, draft: EntryDraft) -> None:
    row.kind = draft.kind.value
    row.date = draft.date
    row.time = draft.time.strftime("%H:%M") if draft.time else None
    row.note = draft.note
    row.tags = dict(draft.tags)
    existing = {v.metric: v for v in row.values}
    for name in list(existing):
        if name not in draft.values:
            row.values.remove(existing[name])
    for name, value in draft.values.items():
        if name in existing:
            existing[name].value = value
        else:
            row.values.append(ValueRow(metric=name, value=value))


class Journal:
    """The user's journal: one SQLite file. Open with :meth:`open`."""

    def __init__(self, opened: OpenedJournal) -> None:
        self._opened = opened
        self.path: Path = opened.path
        self.engine: Engine = opened.engine
        self._writer = writer(opened.engine)

    @classmethod
    def open(cls, path: str | Path | None = None) -> Journal:
        """Open (creating or upgrading as needed) the journal at ``path`` or the default place."""
        return cls(open_journal(db_path(path)))

    @property
    def upgraded_backup(self) -> Path | None:
        return self._opened.upgraded_backup

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- sessions ---------------------------------------------------------------------------

    def read(self) -> Session:
        """A short read-only session (for services built on this journal)."""
        return Session(self.engine, expire_on_commit=False)

    def write(self) -> Session:
        """A short write session beginning with BEGIN IMMEDIATE."""
        return Session(self._writer, expire_on_commit=False)

    # -- entries ----------------------------------------------------------------------------

    def add(self, draft: EntryDraft, *, uid: str | None = None) -> Entry:
        """Add one entry (with its undo record) in one transaction."""
        try:
            return add_entry(self.path, draft, uid)
        except NotCurrent:
            raise JournalError(
                f"{self.path} was changed to another schema while open; open it again"
            ) from None

    def get(self, entry_id: int) -> Entry:
        with self.read() as session:
            row = session.get(EntryRow, entry_id)
            if row is None:
                raise NotFound(entry_id)
            return to_entry(row)

    def entries(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kind: Kind | None = None,
        *,
        deleted: bool = False,
    ) -> list[Entry]:
        """Entries by date (then time, then id); the bin's entries when ``deleted``."""
        if start and end and end < start:
            raise InputError("to", end.isoformat(), f"a date on or after {start.isoformat()}")
        query = select(EntryRow)
        query = query.where(
            EntryRow.deleted_at.is_not(None) if deleted else EntryRow.deleted_at.is_(None)
        )
        if start:
            query = query.where(EntryRow.date >= start)
        if end:
            query = query.where(EntryRow.date <= end)
        if kind:
            query = query.where(EntryRow.kind == kind.value)
        query = query.order_by(
            EntryRow.date, EntryRow.time.is_not(None), EntryRow.time, EntryRow.id
        )
        with self.read() as session:
            return [to_entry(row) for row in session.scalars(query)]

    def edit(self, entry_id: int, draft: EntryDraft) -> Entry:
        """Replace an entry's content, keeping the previous version."""
        now = now_utc()
        with self.write() as session, session.begin():
            row = self._live(session, entry_id)
            before = to_entry(row).draft()
            if before.kind is not draft.kind:
                raise InputError(
                    "kind", draft.kind.value, f"{before.kind.value} (the entry's kind)"
                )
            session.add(
                VersionRow(
                    entry_id=row.id, version=row.version, data=_draft_json(before), replaced_at=now
                )
            )
            _apply(row, draft)
            row.version += 1
            row.updated_at = now
            session.add(ActionRow(at=now, action="edit", entry_id=row.id, payload={}))
            session.flush()
            return to_entry(row)

    def delete(self, entry_id: int) -> Entry:
        """Move an entry to the bin (reversible with undo or restore)."""
        now = now_utc()
        with self.write() as session, session.begin():
            row = self._live(session, entry_id)
            row.deleted_at = now
            session.add(ActionRow(at=now, action="delete", entry_id=row.id, payload={}))
            session.flush()
            return to_entry(row)

    def restore(self, entry_id: int) -> Entry:
        """Take an entry back out of the bin."""
        now = now_utc()
        with self.write() as session, session.begin():
            row = session.get(EntryRow, entry_id)
            if row is None or row.deleted_at is None:
                raise NotFound(entry_id, "in the bin")
            row.deleted_at = None
            session.add(ActionRow(at=now, action="restore", entry_id=row.id, payload={}))
            session.flush()
            return to_entry(row)

    def empty_bin(self) -> int:
        """Delete the bin's entries for good. Returns how many."""
        with self.write() as session, session.begin():
            ids = list(session.scalars(select(EntryRow.id).where(EntryRow.deleted_at.is_not(None))))
            if ids:
                session.execute(delete(ActionRow).where(ActionRow.entry_id.in_(ids)))
                for row in session.scalars(select(EntryRow).where(EntryRow.id.in_(ids))):
                    session.delete(row)
            return len(ids)

    def history(self, entry_id: int) -> list[EntryVersion]:
        """Previous versions of an entry, oldest first."""
        with self.read() as session:
            if session.get(EntryRow, entry_id) is None:
                raise NotFound(entry_id)
            rows = session.scalars(
                select(VersionRow)
                .where(VersionRow.entry_id == entry_id)
                .order_by(VersionRow.version)
            )
            return [
                EntryVersion(
                    entry_id=r.entry_id,
                    version=r.version,
                    draft=EntryDraft.model_validate(r.data),
                    replaced_at=_utc(r.replaced_at) or r.replaced_at,
                )
                for r in rows
            ]

    def undo(self) -> str:
        """Reverse the last change not yet undone. Returns a sentence saying what was undone."""
        now = now_utc()
        with self.write() as session, session.begin():
            action = session.scalars(
                select(ActionRow).where(ActionRow.undone_at.is_(None)).order_by(ActionRow.id.desc())
            ).first()
            if action is None:
                raise NothingToUndo("nothing to undo")
            message = self._reverse(session, action, now)
            action.undone_at = now
            return message

    def _reverse(self, session: Session, action: ActionRow, now: dt.datetime) -> str:
        if action.action in _JOURNAL_ACTIONS:
            return _reverse_setting(session, action, now)
        row = session.get(EntryRow, action.entry_id) if action.entry_id else None
        if row is None:
            return f"{action.action} of an entry that no longer exists (nothing to do)"
        match action.action:
            case "add":
                row.deleted_at = now
                return f"undid logging entry {row.id} (moved to the bin)"
            case "delete":
                row.deleted_at = None
                return f"undid deleting entry {row.id} (restored)"
            case "restore":
                row.deleted_at = now
                return f"undid restoring entry {row.id} (back in the bin)"
            case "edit":
                previous = session.scalars(
                    select(VersionRow)
                    .where(VersionRow.entry_id == row.id)
                    .order_by(VersionRow.version.desc())
                ).first()
                if previous is None:
                    return f"edit of entry {row.id} had no earlier version (nothing to do)"
                _apply(row, EntryDraft.model_validate(previous.data))
                row.version = previous.version
                row.updated_at = now
                session.delete(previous)
                return f"undid editing entry {row.id} (back to version {row.version})"
        raise NothingToUndo(f"cannot undo {action.action!r}")

    @staticmethod
    def _live(session: Session, entry_id: int) -> EntryRow:
        row = session.get(EntryRow, entry_id)
        if row is None or row.deleted_at is not None:
            raise NotFound(entry_id)
        return row

    def has_entries(self) -> bool:
        """Whether the journal holds any entry (in the bin or not)."""
        with self.read() as session:
            return session.scalar(select(EntryRow.id).limit(1)) is not None

    def add_many(
        self, drafts: Iterable[tuple[EntryDraft, str | None]], *, require_empty: bool = False
    ) -> int:
        """Add many entries in one transaction (import, demo). Returns how many were added.

        Rows go in as bulk inserts (a few statements for thousands of entries). With
        ``require_empty`` the journal must hold no entry yet (checked inside the transaction),
        else ``InputError`` is raised and nothing is written.
        """
        now = now_utc()
        with self.write() as session, session.begin():
            if require_empty and session.scalar(select(EntryRow.id).limit(1)) is not None:
                raise InputError("db", str(self.path), "a new or empty journal", "has entries")
            next_id = (session.scalar(select(func.max(EntryRow.id))) or 0) + 1
            entries: list[dict[str, Any]] = []
            values: list[dict[str, Any]] = []
            for draft, uid in drafts:
                entry_id = next_id + len(entries)
                entries.append(
                    {
                        "id": entry_id,
                        "uid": uid or str(uuid.uuid4()),
                        "kind": draft.kind.value,
                        "date": draft.date,
                        "time": draft.time.strftime("%H:%M") if draft.time else None,
                        "note": draft.note,
                        "tags": dict(draft.tags),
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                        "deleted_at": None,
                    }
                )
                values.extend(
                    {"entry_id": entry_id, "metric": name, "value": value}
                    for name, value in draft.values.items()
                )
            # Core inserts on the tables (one executemany each), not the ORM's bulk path, which
            # groups rows into thousands of statements.
            conn = session.connection()
            if entries:
                conn.execute(insert(Base.metadata.tables["entries"]), entries)
            if values:
                conn.execute(insert(Base.metadata.tables["entry_values"]), values)
        return len(entries)

    def uids(self, candidates: Sequence[str]) -> set[str]:
        """Which of ``candidates`` already exist in the journal."""
        with self.read() as session:
            found: set[str] = set()
            for i in range(0, len(candidates), 500):
                chunk = list(candidates[i : i + 500])
                found.update(session.scalars(select(EntryRow.uid).where(EntryRow.uid.in_(chunk))))
            return found


# -- undo of changes that are not entries (profile, skip days, target overrides) -------------

_JOURNAL_ACTIONS = {"profile", "skip", "unskip", "target-set", "target-reset"}


def record_action(session: Session, action: str, payload: dict[str, Any], now: dt.datetime) -> None:
    """Log a change that is not an entry, with what ``undo`` needs to put things back."""
    if action not in _JOURNAL_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    session.add(ActionRow(at=now, action=action, entry_id=None, payload=payload))


def _reverse_setting(session: Session, action: ActionRow, now: dt.datetime) -> str:
    payload = dict(action.payload or {})
    previous = payload.get("previous")
    match action.action:
        case "profile":
            row = session.get(SettingRow, PROFILE_KEY)
            if not isinstance(previous, dict):
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(SettingRow(key=PROFILE_KEY, value=dict(previous), updated_at=now))
            else:
                row.value = dict(previous)
                row.updated_at = now
            return "undid the profile change"
        case "skip" | "unskip":
            day = dt.date.fromisoformat(str(payload["date"]))
            skip = session.get(SkipRow, day)
            if skip is not None:
                session.delete(skip)
                session.flush()
            if isinstance(previous, dict):
                session.add(
                    SkipRow(date=day, reason=str(previous.get("reason", "")), created_at=now)
                )
            what = "marking" if action.action == "skip" else "unmarking"
            return f"undid {what} {day.isoformat()} as a skip day"
        case _:  # target-set | target-reset
            target_id = str(payload["target_id"])
            override = session.get(TargetOverrideRow, target_id)
            if override is not None:
                session.delete(override)
                session.flush()
            if isinstance(previous, dict):
                value = previous.get("value")
                session.add(
                    TargetOverrideRow(
                        target_id=target_id,
                        value=float(value) if isinstance(value, int | float) else None,
                        note=str(previous.get("note", "")),
                        set_at=now,
                    )
                )
            what = "setting" if action.action == "target-set" else "resetting"
            return f"undid {what} your target for {target_id}"
