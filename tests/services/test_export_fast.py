"""The CSV exports made straight from stored rows equal cells made from ``Entry`` models.

The ``entries`` and ``daily`` shapes are written from sqlite3 rows (no ORM, no ``Entry`` per
row). Here they are compared byte for byte with CSV made independently: from the entries the
ORM reads (``Journal.entries``), turned into cells by the rules as they were written for
``Entry`` models, and written by ``csv.writer``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.domain.entry import Entry, EntryDraft
from tracker.domain.export import (
    DAILY_COLUMNS,
    ENTRIES_COLUMNS,
    daily_mean,
    neutralise,
    number_cell,
    tag_column,
    timestamp_cell,
)
from tracker.domain.metrics import METRICS, TAGS
from tracker.services.export import (
    Shape,
    export_csv,
    export_csv_at,
    iter_entries,
    write_csv,
)
from tracker.services.journal import Journal, to_entry
from tracker.store.migrate import create_journal
from tracker.store.models import EntryRow

END = dt.date(2026, 11, 30)
NOTES = [
    '=SUM(A1:A3), "quoted", and a comma',
    "-minus first\nsecond line",
    "+plus",
    "@at",
    "\tleading tab",
    "'apostrophe",
    "plain: café naïve 睡眠 ✓",
    "",
]


@pytest.fixture
def lived_in(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Journal:
    """A year of demo entries, tricky notes, edits (one moves an entry's date), deletions."""
    from tracker.services.demo import demo_drafts

    monkeypatch.setenv("TRACKER_TODAY", END.isoformat())
    journal.add_many(list(demo_drafts(1, seed=3, end=END)))
    added = []
    for i, note in enumerate(NOTES):
        day = END - dt.timedelta(days=i * 9)
        added.append(
            journal.add(
                EntryDraft.build(
                    kind="care", date=day, tags={"event": "dose", "drug": "other"}, note=note
                )
            )
        )
        added.append(
            journal.add(
                EntryDraft.build(
                    kind="nutrition",
                    date=day,
                    time=dt.time(12, i),
                    values={"calcium_mg": 412.5 + i / 3, "veg_portions": 0.1},
                    note=note,
                )
            )
        )
    # An old entry moved to another date (ids no longer follow dates), then another edited.
    journal.edit(
        added[0].id,
        EntryDraft.build(
            kind="care", date=END - dt.timedelta(days=200), tags={"event": "scan"}, note="moved"
        ),
    )
    journal.edit(
        3,
        journal.get(3).draft().model_copy(update={"note": "=edited, later"}),
    )
    journal.delete(added[3].id)
    journal.delete(10)
    return journal


# -- the independent reading --------------------------------------------------------------------


def expected_entry_row(entry: Entry) -> list[str]:
    cells: dict[str, str] = {
        "uid": entry.uid,
        "id": str(entry.id),
        "kind": entry.kind.value,
        "date": entry.date.isoformat(),
        "time": entry.time.strftime("%H:%M") if entry.time else "",
        "note": neutralise(entry.note),
        "version": str(entry.version),
        "created_at": timestamp_cell(entry.created_at),
        "updated_at": timestamp_cell(entry.updated_at),
    }
    for spec in METRICS:
        value = entry.values.get(spec.name) if spec.kind is entry.kind else None
        cells[spec.column] = "" if value is None else number_cell(value)
    for tag in TAGS:
        text = entry.tags.get(tag.name) if tag.kind is entry.kind else None
        cells[tag_column(tag)] = "" if text is None else neutralise(text)
    return [cells[c] for c in ENTRIES_COLUMNS]


def expected_day_row(day: dt.date, entries: list[Entry]) -> list[str]:
    sums: dict[str, list[float]] = {}
    care: list[str] = []
    notes: list[str] = []
    for entry in entries:
        for name, value in entry.values.items():
            sums.setdefault(f"{entry.kind.value}.{name}", []).append(value)
        if entry.kind.value == "care":
            care.append(" ".join(t for t in (entry.tags.get("event"), entry.tags.get("drug")) if t))
        if entry.note:
            notes.append(entry.note)
    cells = [day.isoformat()]
    for spec in METRICS:
        got = sums.get(spec.key)
        if not got:
            cells.append("")
        elif daily_mean(spec):
            cells.append(number_cell(round(sum(got) / len(got), 2)))
        else:
            cells.append(number_cell(round(sum(got), 6)))
    cells.append(neutralise("; ".join(care)))
    cells.append(neutralise("\n".join(notes)))
    return cells


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, dialect="excel", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def expected_entries(journal: Journal, start: dt.date | None, end: dt.date | None) -> str:
    entries = journal.entries(start, end)
    return csv_text([list(ENTRIES_COLUMNS), *(expected_entry_row(e) for e in entries)])


def expected_daily(journal: Journal, start: dt.date | None, end: dt.date | None) -> str:
    entries = journal.entries(start, end)
    first = start or (entries[0].date if entries else None)
    last = end or (entries[-1].date if entries else None)
    rows = [list(DAILY_COLUMNS)]
    if first is not None and last is not None:
        day = first
        while day <= last:
            rows.append(expected_day_row(day, [e for e in entries if e.date == day]))
            day += dt.timedelta(days=1)
    return csv_text(rows)


RANGES = [
    (None, None),
    (END - dt.timedelta(days=40), None),
    (None, END - dt.timedelta(days=300)),
    (END - dt.timedelta(days=210), END - dt.timedelta(days=190)),
    (END + dt.timedelta(days=1), END + dt.timedelta(days=3)),  # nothing logged: empty days
]


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_entries_csv_equals_cells_made_from_entry_models(
    lived_in: Journal, start: dt.date | None, end: dt.date | None
) -> None:
    out = io.StringIO(newline="")
    export_csv(lived_in, Shape.ENTRIES, out, start, end)
    assert out.getvalue() == expected_entries(lived_in, start, end)


@pytest.mark.parametrize(("start", "end"), RANGES)
def test_daily_csv_equals_days_made_from_entry_models(
    lived_in: Journal, start: dt.date | None, end: dt.date | None
) -> None:
    out = io.StringIO(newline="")
    export_csv(lived_in, Shape.DAILY, out, start, end)
    assert out.getvalue() == expected_daily(lived_in, start, end)


def test_the_file_written_from_a_path_is_the_same_bytes(lived_in: Journal, tmp_path: Path) -> None:
    target = tmp_path / "entries.csv"
    result = export_csv_at(lived_in.path, Shape.ENTRIES, target)
    want = expected_entries(lived_in, None, None)
    assert result.rows == len(lived_in.entries())
    assert result.upgraded_backup is None
    assert target.read_bytes() == want.encode("utf-8")
    assert b'"=SUM(A1:A3), ""quoted"", and a comma"' not in target.read_bytes()  # neutralised
    assert b'"\'=SUM(A1:A3), ""quoted"", and a comma"' in target.read_bytes()


def test_iter_entries_reads_what_the_orm_reads(lived_in: Journal) -> None:
    assert list(iter_entries(lived_in)) == lived_in.entries()
    start, end = END - dt.timedelta(days=30), END - dt.timedelta(days=3)
    assert list(iter_entries(lived_in, start, end)) == lived_in.entries(start, end)
    with lived_in.read() as session:
        everything = [to_entry(r) for r in session.scalars(select(EntryRow).order_by(EntryRow.id))]
    got = list(iter_entries(lived_in, by_date=False, live_only=False))
    assert got == everything
    assert [e.model_dump(mode="json") for e in got] == [
        e.model_dump(mode="json") for e in everything
    ]  # values in the same order too (the JSON export keeps it)
    assert any(e.deleted for e in got)


def test_a_missing_or_older_journal_is_opened_first(tmp_path: Path) -> None:
    out = io.StringIO(newline="")
    made = export_csv_at(tmp_path / "new.db", Shape.ENTRIES, out)
    assert (made.rows, made.upgraded_backup) == (0, None)
    assert out.getvalue() == ",".join(ENTRIES_COLUMNS) + "\r\n"
    older = tmp_path / "older.db"
    create_journal(older, revision="0001")
    out = io.StringIO(newline="")
    upgraded = export_csv_at(older, Shape.DAILY, out)
    assert upgraded.rows == 0
    assert upgraded.upgraded_backup is not None
    assert upgraded.upgraded_backup.exists()
    assert out.getvalue() == ",".join(DAILY_COLUMNS) + "\r\n"


CELL = st.text(alphabet=st.sampled_from(list("ab ,\"\r\n\t='é\x00;")), max_size=6)


@given(st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=6))
def test_write_csv_writes_the_csv_modules_bytes(rows: list[list[str]]) -> None:
    ours = io.StringIO(newline="")
    count = write_csv(iter([["h"], *rows]), ours)
    assert count == len(rows)
    assert ours.getvalue() == csv_text([["h"], *rows])


def expected_journal_export(journal: Journal) -> dict[str, object]:
    """The JSON export as read through the ORM (the way it was made before sqlite3)."""
    from tracker.domain.export import (
        ExportedEntry,
        ExportedOverride,
        ExportedSetting,
        ExportedSkip,
        ExportedVersion,
    )
    from tracker.store.models import SettingRow, SkipRow, TargetOverrideRow, VersionRow

    def utc(value: dt.datetime) -> dt.datetime:
        return value.replace(tzinfo=dt.UTC)

    with journal.read() as session:
        history: dict[int, list[ExportedVersion]] = {}
        for v in session.scalars(
            select(VersionRow).order_by(VersionRow.entry_id, VersionRow.version)
        ):
            history.setdefault(v.entry_id, []).append(
                ExportedVersion.model_validate(
                    {**dict(v.data), "version": v.version, "replaced_at": utc(v.replaced_at)}
                )
            )
        skips = [
            ExportedSkip(date=s.date, reason=s.reason, created_at=utc(s.created_at))
            for s in session.scalars(select(SkipRow).order_by(SkipRow.date))
        ]
        settings = [
            ExportedSetting(key=s.key, value=dict(s.value), updated_at=utc(s.updated_at))
            for s in session.scalars(select(SettingRow).order_by(SettingRow.key))
        ]
        overrides = [
            ExportedOverride(
                target_id=o.target_id, value=o.value, note=o.note, set_at=utc(o.set_at)
            )
            for o in session.scalars(
                select(TargetOverrideRow).order_by(TargetOverrideRow.target_id)
            )
        ]
        entries = [
            ExportedEntry(
                **to_entry(row).model_dump(exclude={"id"}), history=history.get(row.id, [])
            )
            for row in session.scalars(select(EntryRow).order_by(EntryRow.id))
        ]
    return {
        "entries": [e.model_dump(mode="json") for e in entries],
        "skips": [s.model_dump(mode="json") for s in skips],
        "settings": [s.model_dump(mode="json") for s in settings],
        "target_overrides": [o.model_dump(mode="json") for o in overrides],
    }


def test_json_export_equals_the_journal_read_through_the_orm(
    lived_in: Journal, tmp_path: Path
) -> None:
    import json

    from tracker.services.export import export_json_at
    from tracker.store.models import SettingRow, SkipRow, TargetOverrideRow

    now = dt.datetime(2026, 11, 20, 8, 0, 0, 123456)
    with lived_in.write() as session, session.begin():
        session.add(SkipRow(date=END - dt.timedelta(days=4), reason="in hospital", created_at=now))
        session.add(SettingRow(key="profile", value={"sex": "female"}, updated_at=now))
        session.add(TargetOverrideRow(target_id="sleep-duration", value=7.5, note="GP", set_at=now))
    target = tmp_path / "all.json"
    made = export_json_at(lived_in.path, target)
    assert made.upgraded_backup is None
    data = json.loads(target.read_text(encoding="utf-8"))
    want = expected_journal_export(lived_in)
    assert {k: data[k] for k in want} == want
    assert sum(1 for e in data["entries"] if e["history"]) == 2  # the two edits
    assert sum(1 for e in data["entries"] if e["deleted_at"]) == 2
    assert target.read_text(encoding="utf-8") == made.data.model_dump_json(indent=2) + "\n"
