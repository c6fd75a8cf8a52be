"""Adding an entry over sqlite3 writes exactly the rows the ORM describes, or nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.conftest import CliRunner, file_digest
from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.services.quick import add_entry, list_entries, log_entry, new_entry, read_entries
from tracker.store import JournalError
from tracker.store.dbapi import NotCurrent, append_entry
from tracker.store.migrate import create_journal
from tracker.store.models import ActionRow, EntryRow, ValueRow
from tracker.store.paths import backups_dir

NOW = dt.datetime(2026, 11, 30, 6, 40, 1, 123456)
DRAFTS = [
    EntryDraft.build(
        kind="sleep", date=dt.date(2026, 11, 30), tags={"bed": "23:10", "wake": "06:40"}
    ),
    EntryDraft.build(
        kind="exercise",
        date=dt.date(2026, 11, 29),
        time=dt.time(7, 5),
        values={"minutes": 30},
        tags={"type": "walk", "intensity": "vigorous"},
        note='tired, "but" went — ünïcode\nsecond line',
    ),
    EntryDraft.build(kind="nutrition", date=dt.date(2026, 1, 1), values={"calcium_mg": 512.5}),
    EntryDraft.build(kind="stress", date=dt.date(2026, 11, 30), tags={"social": "yes"}),
    EntryDraft.build(
        kind="care", date=dt.date(2026, 6, 1), tags={"event": "dose", "drug": "other"}
    ),
]


def _raw(db: Path) -> list[list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return [
            conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("entries", "entry_values", "actions")
        ]
    finally:
        conn.close()


def _orm_add(journal: Journal, draft: EntryDraft, uid: str) -> None:
    """How the ORM stores an entry and its undo record (the rows dbapi must reproduce)."""
    with Session(journal.engine) as session, session.begin():
        row = EntryRow(
            uid=uid,
            kind=draft.kind.value,
            date=draft.date,
            time=draft.time.strftime("%H:%M") if draft.time else None,
            note=draft.note,
            tags=dict(draft.tags),
            version=1,
            created_at=NOW,
            updated_at=NOW,
            values=[ValueRow(metric=k, value=v) for k, v in draft.values.items()],
        )
        session.add(row)
        session.flush()
        session.add(ActionRow(at=NOW, action="add", entry_id=row.id, payload={}))


def _dbapi_add(db: Path, draft: EntryDraft, uid: str) -> int:
    return append_entry(db, new_entry(draft, uid, NOW))


def test_rows_are_byte_for_byte_what_the_orm_writes(tmp_path: Path) -> None:
    a, b = tmp_path / "orm.db", tmp_path / "dbapi.db"
    with Journal.open(a) as orm_journal:
        for i, draft in enumerate(DRAFTS):
            _orm_add(orm_journal, draft, f"uid-{i}")
    Journal.open(b).close()
    ids = [_dbapi_add(b, draft, f"uid-{i}") for i, draft in enumerate(DRAFTS)]
    assert ids == [1, 2, 3, 4, 5]
    assert _raw(a) == _raw(b)


def test_added_entries_read_back_through_the_orm(journal: Journal) -> None:
    added = [journal.add(draft) for draft in DRAFTS]
    for entry, draft in zip(added, DRAFTS, strict=True):
        stored = journal.get(entry.id)
        assert stored == entry
        assert stored.draft() == draft
    assert journal.undo().startswith(f"undid logging entry {added[-1].id}")


def test_a_failed_insert_leaves_nothing_behind(journal: Journal, db: Path) -> None:
    first = journal.add(DRAFTS[0])
    before = _raw(db)
    with pytest.raises(sqlite3.IntegrityError):
        add_entry(db, DRAFTS[1], uid=first.uid)  # uid is unique: the insert fails midway
    assert _raw(db) == before


def test_an_older_journal_is_not_written_but_upgraded_first(db: Path) -> None:
    create_journal(db, revision="0001")
    before = file_digest(db)
    with pytest.raises(NotCurrent):
        add_entry(db, DRAFTS[0])
    assert file_digest(db) == before
    logged = log_entry(db, DRAFTS[0])
    assert logged.upgraded_backup is not None
    assert logged.upgraded_backup.parent == backups_dir(db)
    with Journal.open(db) as journal:
        assert [e.id for e in journal.entries()] == [logged.entry.id]


def test_log_entry_creates_a_missing_journal(db: Path) -> None:
    logged = log_entry(db, DRAFTS[1])
    assert logged.upgraded_backup is None
    with Journal.open(db) as journal:
        assert journal.get(logged.entry.id) == logged.entry


def test_log_entry_refuses_a_foreign_file_untouched(db: Path) -> None:
    db.write_text("not a journal\n")
    before = file_digest(db)
    with pytest.raises(JournalError, match="not a Lever Tracker journal"):
        log_entry(db, DRAFTS[0])
    assert file_digest(db) == before


def test_log_entry_honours_tracker_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "env.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    log_entry(None, DRAFTS[2])
    assert target.exists()


@pytest.fixture
def lived_in(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Journal:
    """A year of demo entries, plus edits, deletions and entries logged by hand."""
    from tracker.services.demo import demo_drafts

    monkeypatch.setenv("TRACKER_TODAY", "2026-11-30")
    journal.add_many(list(demo_drafts(1, seed=5, end=dt.date(2026, 11, 30))))
    added = [journal.add(draft) for draft in DRAFTS]
    journal.edit(added[1].id, DRAFTS[1].model_copy(update={"note": "edited"}))
    journal.delete(added[2].id)
    journal.delete(7)
    return journal


@pytest.mark.parametrize(
    ("start", "end", "kind", "deleted"),
    [
        (None, None, None, False),
        (None, None, None, True),
        (dt.date(2026, 11, 23), dt.date(2026, 11, 29), None, False),
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30), None, False),
        (dt.date(2026, 6, 1), None, Kind.CARE, False),
        (None, dt.date(2026, 1, 31), Kind.EXERCISE, False),
        (dt.date(2031, 1, 1), None, None, False),
    ],
)
def test_read_entries_returns_what_the_orm_returns(
    lived_in: Journal,
    start: dt.date | None,
    end: dt.date | None,
    kind: Kind | None,
    deleted: bool,
) -> None:
    expected = lived_in.entries(start, end, kind, deleted=deleted)
    got = read_entries(lived_in.path, start, end, kind, deleted=deleted)
    assert got == expected
    assert [e.model_dump(mode="json") for e in got] == [e.model_dump(mode="json") for e in expected]


def test_read_entries_refuses_a_reversed_range_and_an_older_journal(db: Path) -> None:
    Journal.open(db).close()
    with pytest.raises(InputError, match="to"):
        read_entries(db, dt.date(2026, 1, 2), dt.date(2026, 1, 1))
    older = db.with_name("older.db")
    create_journal(older, revision="0001")
    with pytest.raises(NotCurrent):
        read_entries(older)
    listed = list_entries(older)
    assert listed.entries == []
    assert listed.upgraded_backup is not None


def test_a_journal_locked_past_the_busy_timeout_is_one_clear_line(
    cli: CliRunner, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.store import dbapi

    assert cli("log", "sleep", "--hours", "7").code == 0
    monkeypatch.setattr(dbapi, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(dbapi, "PRAGMAS", tuple(p.replace("10000", "50") for p in dbapi.PRAGMAS))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        before = _raw(db)
        result = cli("log", "sleep", "--hours", "8")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == 1
    assert result.err.startswith(f"tracker: error: {db} is busy")
    assert "nothing was saved" in result.err
    assert result.err.count("\n") == 1
    assert _raw(db) == before


def test_peek_entries_reads_a_current_journal_and_leaves_the_rest_to_the_journal(
    lived_in: Journal, tmp_path: Path
) -> None:
    from tracker.services.quick import peek_entries

    day = dt.date(2026, 11, 30)
    assert peek_entries(lived_in.path, day) == lived_in.entries(day, day)
    missing = tmp_path / "none.db"
    assert peek_entries(missing, day) is None
    assert not missing.exists()  # nothing created: opening the journal does that
    older = tmp_path / "older.db"
    create_journal(older, revision="0001")
    before = file_digest(older)
    assert peek_entries(older, day) is None  # upgraded (after a backup) by Journal.open only
    assert file_digest(older) == before
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"not a journal at all" * 100)
    assert peek_entries(foreign, day) is None
