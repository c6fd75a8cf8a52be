"""The journal over Python's own ``sqlite3``: connection settings, and appending one entry.

Importing SQLAlchemy costs several times more than everything else a quick ``tracker log``
does, so adding an entry goes through here: the same rows the ORM tables describe (a test
compares them column by column with what the ORM writes), on a connection set up like the
engine's (WAL, foreign keys, busy timeout, ``BEGIN IMMEDIATE``). Standard library only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tracker.store.schema import HEAD

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)
# How SQLAlchemy's SQLite dialect stores DateTime columns (naive UTC in this journal).
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


class NotCurrent(Exception):
    """The journal's schema is not the head revision: open it through ``open_journal``."""


def configure(conn: sqlite3.Connection) -> None:
    """Autocommit mode (we issue BEGIN ourselves) and the journal's pragmas."""
    conn.isolation_level = None
    for pragma in PRAGMAS:
        conn.execute(pragma)


def connect(path: Path) -> sqlite3.Connection:
    """A connection to an existing journal (never creates the file)."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    configure(conn)
    return conn


def check_revision(conn: sqlite3.Connection) -> None:
    """Raise ``NotCurrent`` unless the journal is at the head revision (inside a transaction)."""
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD:
        raise NotCurrent(revision[0] if revision else None)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read transaction on the journal at ``path``, rolled back at the end.

    Raises ``NotCurrent`` unless the journal is at the head revision.
    """
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        try:
            check_revision(conn)
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # a read: nothing to keep
    finally:
        conn.close()


@dataclass(frozen=True)
class NewEntry:
    """An entry's columns as stored (dates ISO, time ``HH:MM``, timestamps naive UTC)."""

    uid: str
    kind: str
    date: str
    time: str | None
    note: str
    tags: Mapping[str, str]
    values: Mapping[str, float]
    now: str  # DATETIME_FORMAT


def append_entry(path: Path, entry: NewEntry) -> int:
    """Add one entry, its values and its undo record in one transaction; returns its id.

    Raises ``NotCurrent`` (having written nothing) unless the journal is at the head revision.
    """
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD:
                raise NotCurrent(revision[0] if revision else None)
            cursor = conn.execute(
                "INSERT INTO entries (uid, kind, date, time, note, tags, version,"
                " created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, NULL)",
                (
                    entry.uid,
                    entry.kind,
                    entry.date,
                    entry.time,
                    entry.note,
                    json.dumps(dict(entry.tags)),
                    entry.now,
                    entry.now,
                ),
            )
            entry_id = cursor.lastrowid
            assert entry_id is not None
            conn.executemany(
                "INSERT INTO entry_values (entry_id, metric, value) VALUES (?, ?, ?)",
                [(entry_id, name, float(value)) for name, value in entry.values.items()],
            )
            conn.execute(
                "INSERT INTO actions (at, action, entry_id, payload, undone_at)"
                " VALUES (?, 'add', ?, '{}', NULL)",
                (entry.now, entry_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back already (a full disk does): then there is nothing to do.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return entry_id
    finally:
        conn.close()


@dataclass(frozen=True)
class StoredEntry:
    """An entry's row and its values, as stored (see :class:`NewEntry` for the formats)."""

    id: int
    uid: str
    kind: str
    date: str
    time: str | None
    note: str
    tags: dict[str, str]
    version: int
    created_at: str
    updated_at: str
    deleted_at: str | None
    values: dict[str, float]


def select_entries(
    path: Path,
    *,
    start: str | None = None,
    end: str | None = None,
    kind: str | None = None,
    deleted: bool = False,
) -> list[StoredEntry]:
    """Live entries (the bin's with ``deleted``) by date, then time (untimed first), then id.

    One read transaction, one query over the indexed dates. Raises ``NotCurrent`` unless the
    journal is at the head revision.
    """
    where = ["e.deleted_at IS NOT NULL" if deleted else "e.deleted_at IS NULL"]
    params: list[str] = []
    for clause, value in (("e.date >= ?", start), ("e.date <= ?", end), ("e.kind = ?", kind)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = (
        "SELECT e.id, e.uid, e.kind, e.date, e.time, e.note, e.tags, e.version, e.created_at,"
        " e.updated_at, e.deleted_at, v.metric, v.value"
        " FROM entries e LEFT JOIN entry_values v ON v.entry_id = e.id"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY e.date, e.time IS NOT NULL, e.time, e.id, v.metric"
    )
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD:
                raise NotCurrent(revision[0] if revision else None)
            rows = conn.execute(sql, params).fetchall()
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")  # a read: nothing to keep
    finally:
        conn.close()
    out: list[StoredEntry] = []
    for row in rows:
        if not out or out[-1].id != row[0]:
            out.append(
                StoredEntry(
                    id=row[0],
                    uid=row[1],
                    kind=row[2],
                    date=row[3],
                    time=row[4],
                    note=row[5],
                    tags=json.loads(row[6]) if row[6] else {},
                    version=row[7],
                    created_at=row[8],
                    updated_at=row[9],
                    deleted_at=row[10],
                    values={},
                )
            )
        if row[11] is not None:
            out[-1].values[row[11]] = float(row[12])
    return out
