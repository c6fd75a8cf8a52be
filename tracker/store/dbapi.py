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


# An entry's columns as stored, then its value rows ``[(entry_id, metric, value), ...]`` by
# metric name: (id, uid, kind, date, time, note, tags (JSON text), version, created_at,
# updated_at, deleted_at, values). Plain tuples, as sqlite3 returns them: exports read tens of
# thousands of them.
EntryRecord = tuple[
    int,
    str,
    str,
    str,
    str | None,
    str,
    str,
    int,
    str,
    str,
    str | None,
    list[tuple[int, str, float]],
]
_ENTRY_SELECT = (
    "SELECT id, uid, kind, date, time, note, tags, version, created_at, updated_at, deleted_at"
    " FROM entries"
)
_CHUNK = 500


def _check_current(conn: sqlite3.Connection) -> None:
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != HEAD:
        raise NotCurrent(revision[0] if revision else None)


def stream_entries(
    path: Path,
    *,
    start: str | None = None,
    end: str | None = None,
    live_only: bool = True,
    by_date: bool = True,
) -> EntryStream:
    """Entries one at a time with their values (:data:`EntryRecord`), in one read transaction.

    Live entries only, or the bin's too (``live_only=False``); by date, then time (untimed
    first), then id, or by id (``by_date=False``). The entries come from one query over the
    indexed dates; their values are read a chunk of entries at a time (by the primary key), so
    nothing holds the whole journal. The journal is opened and its revision checked before this
    returns: ``NotCurrent`` (nothing read) unless it is at the head revision. Use the stream in
    a ``with`` block (it closes the connection).
    """
    where = ["deleted_at IS NULL"] if live_only else []
    params: list[str] = []
    for clause, value in (("date >= ?", start), ("date <= ?", end)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = _ENTRY_SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += " ORDER BY date, time IS NOT NULL, time, id" if by_date else " ORDER BY id"
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        _check_current(conn)
        return EntryStream(conn, conn.execute(sql, params))
    except BaseException:
        conn.close()
        raise


class EntryStream:
    """What :func:`stream_entries` returns: iterate it once, inside ``with``."""

    def __init__(self, conn: sqlite3.Connection, cursor: sqlite3.Cursor) -> None:
        self._conn = conn
        self._cursor = cursor

    def __enter__(self) -> EntryStream:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")  # a read: nothing to keep
        self._conn.close()

    def __iter__(self) -> Iterator[EntryRecord]:
        conn, cursor = self._conn, self._cursor
        while chunk := cursor.fetchmany(_CHUNK):
            values: dict[int, list[tuple[int, str, float]]] = {row[0]: [] for row in chunk}
            for value in conn.execute(
                "SELECT entry_id, metric, value FROM entry_values"
                f" WHERE entry_id IN ({','.join('?' * len(values))}) ORDER BY entry_id, metric",
                list(values),
            ):
                values[value[0]].append(value)
            for row in chunk:
                yield (*row, values[row[0]])


def count_entries(
    path: Path, *, start: str | None = None, end: str | None = None, live_only: bool = True
) -> int:
    """How many live entries (or all) between ``start`` and ``end``; ``NotCurrent`` as above."""
    where = ["deleted_at IS NULL"] if live_only else ["1"]
    params: list[str] = []
    for clause, value in (("date >= ?", start), ("date <= ?", end)):
        if value is not None:
            where.append(clause)
            params.append(value)
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        try:
            _check_current(conn)
            row = conn.execute(
                f"SELECT count(*) FROM entries WHERE {' AND '.join(where)}", params
            ).fetchone()
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    finally:
        conn.close()
    return int(row[0])


def first_live_date(path: Path) -> str | None:
    """The date of the first live entry (``None`` for an empty journal)."""
    conn = connect(path)
    try:
        row = conn.execute("SELECT min(date) FROM entries WHERE deleted_at IS NULL").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


@dataclass(frozen=True)
class JournalExtras:
    """The rest of a journal beside its entries, as stored (JSON as text), in key order."""

    versions: list[tuple[int, int, str, str]]  # entry_id, version, data, replaced_at
    skips: list[tuple[str, str, str]]  # date, reason, created_at
    settings: list[tuple[str, str, str]]  # key, value, updated_at
    overrides: list[tuple[str, float | None, str, str]]  # target_id, value, note, set_at


def select_extras(path: Path) -> JournalExtras:
    """Earlier versions, skips, settings and overrides, in one read transaction."""
    conn = connect(path)
    try:
        conn.execute("BEGIN")
        try:
            _check_current(conn)
            return JournalExtras(
                versions=conn.execute(
                    "SELECT entry_id, version, data, replaced_at FROM entry_versions"
                    " ORDER BY entry_id, version"
                ).fetchall(),
                skips=conn.execute(
                    "SELECT date, reason, created_at FROM skips ORDER BY date"
                ).fetchall(),
                settings=conn.execute(
                    "SELECT key, value, updated_at FROM settings ORDER BY key"
                ).fetchall(),
                overrides=conn.execute(
                    "SELECT target_id, value, note, set_at FROM target_overrides ORDER BY target_id"
                ).fetchall(),
            )
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    finally:
        conn.close()
