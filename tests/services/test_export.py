"""CSV and JSON exports read back cell by cell; round trips through a fresh journal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.export import (
    DAILY_COLUMNS,
    ENTRIES_COLUMNS,
    JournalExport,
    neutralise,
    number_cell,
    unneutralise,
)
from tracker.domain.metrics import METRICS
from tracker.services import export as export_mod
from tracker.services.export import (
    Shape,
    export_csv,
    export_json,
    iter_entries,
    journal_export,
)
from tracker.services.importer import import_file
from tracker.services.journal import Journal
from tracker.store.models import SettingRow, SkipRow, TargetOverrideRow

D = dt.date(2026, 11, 23)
TRICKY = '=HYPERLINK("x"), a "quoted" word,\nsecond line: café naïve 睡眠 ✓'


def draft(kind: str, day: dt.date = D, **kw: Any) -> EntryDraft:
    return EntryDraft.build(kind=kind, date=day, **kw)


def fill(journal: Journal) -> dict[str, Any]:
    """A journal with every kind, an edit, a deletion, a skip, settings and an override."""
    sleep = journal.add(draft("sleep", tags={"bed": "23:10", "wake": "06:40"}, note=TRICKY))
    walk = journal.add(
        draft("exercise", D + dt.timedelta(days=2), time=dt.time(7, 5), tags={"type": "walk"},
              values={"minutes": 30})
    )  # fmt: skip
    journal.edit(
        walk.id,
        draft("exercise", D + dt.timedelta(days=2), time=dt.time(7, 5), tags={"type": "walk"},
              values={"minutes": 35}, note="-longer than planned"),
    )  # fmt: skip
    journal.add(
        draft("nutrition", D + dt.timedelta(days=2), values={"calcium_mg": 412.5,
              "veg_portions": 0.1}, note="@lunch")
    )  # fmt: skip
    journal.add(
        draft("nutrition", D + dt.timedelta(days=2), time=dt.time(19, 0),
              values={"calcium_mg": 300, "veg_portions": 0.2})
    )  # fmt: skip
    journal.add(draft("stress", D + dt.timedelta(days=2), values={"level": 3}))
    journal.add(draft("stress", D + dt.timedelta(days=2), time=dt.time(20), values={"level": 4}))
    journal.add(
        draft("care", D + dt.timedelta(days=3), tags={"event": "dose", "drug": "denosumab"})
    )
    gone = journal.add(draft("stress", D, values={"level": 9}, note="binned"))
    journal.delete(gone.id)
    now = dt.datetime(2026, 11, 20, 8, 0, 0, 123456)
    with journal.write() as session, session.begin():
        session.add(SkipRow(date=D + dt.timedelta(days=1), reason="in hospital", created_at=now))
        session.add(
            SettingRow(
                key="profile", value={"sex": "female", "bone_drug": "denosumab-6m"}, updated_at=now
            )
        )
        session.add(
            TargetOverrideRow(target_id="sleep-duration", value=7.5, note="with my GP", set_at=now)
        )
    return {"sleep": sleep, "walk": walk}


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_entries_csv_cell_by_cell(journal: Journal) -> None:
    fill(journal)
    out = io.StringIO()
    assert export_csv(journal, Shape.ENTRIES, out) == 7  # the bin's entry is left out
    text = out.getvalue()
    assert "\r\n" in text
    rows = read_csv(text)
    assert rows[0] == list(ENTRIES_COLUMNS)
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    entries = journal.entries()
    assert [r["uid"] for r in records] == [e.uid for e in entries]
    for record, entry in zip(records, entries, strict=True):
        assert record["id"] == str(entry.id)
        assert record["kind"] == entry.kind.value
        assert record["date"] == entry.date.isoformat()
        assert record["time"] == (f"{entry.time:%H:%M}" if entry.time else "")
        assert record["version"] == str(entry.version)
        assert record["created_at"].endswith("Z")
        assert dt.datetime.fromisoformat(record["created_at"]) == entry.created_at
        for spec in METRICS:
            value = entry.values.get(spec.name) if spec.kind is entry.kind else None
            cell = record[spec.column]
            assert (cell == "") is (value is None), spec.column
            if value is not None:
                assert float(cell) == value
                assert "e" not in cell.lower()
        assert unneutralise(record["note"]) == entry.note
    sleep = records[0]
    assert sleep["note"] == "'" + TRICKY  # a leading = is neutralised, and all else kept
    assert sleep["sleep_hours_h"] == "7.5"
    assert sleep["sleep_bed"] == "23:10"
    assert sleep["sleep_wake"] == "06:40"
    walk = next(r for r in records if r["kind"] == "exercise")
    assert walk["note"] == "'-longer than planned"
    assert walk["exercise_minutes_min"] == "35"  # a number stays a number
    assert walk["exercise_intensity"] == "moderate"
    assert walk["version"] == "2"
    lunch = next(r for r in records if r["note"] == "'@lunch")
    assert lunch["nutrition_calcium_mg"] == "412.5"
    assert lunch["nutrition_veg_portions"] == "0.1"


def test_daily_csv_one_row_per_date_with_gaps(journal: Journal) -> None:
    fill(journal)
    out = io.StringIO()
    export_csv(journal, Shape.DAILY, out, D - dt.timedelta(days=1), D + dt.timedelta(days=4))
    rows = read_csv(out.getvalue())
    assert rows[0] == list(DAILY_COLUMNS)
    by_date = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert list(by_date) == [(D + dt.timedelta(days=i)).isoformat() for i in range(-1, 5)]
    empty = by_date[(D - dt.timedelta(days=1)).isoformat()]
    assert all(v == "" for k, v in empty.items() if k != "date")
    first = by_date[D.isoformat()]
    assert first["sleep_hours_h"] == "7.5"
    assert first["stress_level_score"] == ""  # the bin's entry does not count
    assert first["notes"] == "'" + TRICKY
    busy = by_date[(D + dt.timedelta(days=2)).isoformat()]
    assert busy["exercise_minutes_min"] == "35"
    assert busy["nutrition_calcium_mg"] == "712.5"  # summed
    assert busy["nutrition_veg_portions"] == "0.3"  # no float noise
    assert busy["stress_level_score"] == "3.5"  # scores are averaged
    assert busy["notes"] == "'@lunch\n-longer than planned"  # untimed first
    care = by_date[(D + dt.timedelta(days=3)).isoformat()]
    assert care["care_events"] == "dose denosumab"


def test_daily_without_range_spans_first_to_last_entry(journal: Journal) -> None:
    fill(journal)
    out = io.StringIO()
    export_csv(journal, Shape.DAILY, out)
    dates = [r[0] for r in read_csv(out.getvalue())[1:]]
    assert dates == [(D + dt.timedelta(days=i)).isoformat() for i in range(4)]


def test_range_end_before_start_refused(journal: Journal, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(InputError, match="--to"):
        export_csv(journal, Shape.DAILY, target, D, D - dt.timedelta(days=1))
    assert not target.exists()


def test_csv_file_is_private_and_never_partial(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(journal)
    target = tmp_path / "entries.csv"
    export_csv(journal, Shape.ENTRIES, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    good = target.read_bytes()

    def broken(entry: Any) -> list[str]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export_mod, "entry_row", broken)
    with pytest.raises(RuntimeError):
        export_csv(journal, Shape.ENTRIES, target)
    assert target.read_bytes() == good  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []
    with pytest.raises(RuntimeError):
        export_csv(journal, Shape.ENTRIES, tmp_path / "new.csv")
    assert not (tmp_path / "new.csv").exists()


def test_unwritable_output_refused_before_any_work(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        export_csv(journal, Shape.ENTRIES, tmp_path / "missing" / "x.csv")
    with pytest.raises(InputError, match="is a folder"):
        export_json(journal, tmp_path)


def test_rows_are_streamed_with_progress(journal: Journal) -> None:
    journal.add_many((draft("stress", D + dt.timedelta(days=i % 50), values={"level": 1}), None)
                     for i in range(450))  # fmt: skip
    rows = export_mod.entries_rows(journal)
    assert iter(rows) is rows  # a generator, not a list
    seen: list[tuple[int, int]] = []
    written = export_csv(
        journal, Shape.ENTRIES, io.StringIO(), progress=lambda a, b: seen.append((a, b))
    )
    assert written == 450
    assert seen[-1] == (450, 450)
    assert [a for a, _ in seen] == sorted(a for a, _ in seen)
    assert len(list(iter_entries(journal))) == 450


def test_json_round_trip_is_identical(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "all.json"
    first = export_json(journal, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "lever-tracker-export"
    assert data["version"] == 1
    assert len(data["entries"]) == 8
    assert sum(1 for e in data["entries"] if e["deleted_at"]) == 1
    walk = next(e for e in data["entries"] if e["kind"] == "exercise")
    assert [v["values"] for v in walk["history"]] == [{"minutes": 30.0}]
    assert data["skips"][0]["reason"] == "in hospital"
    assert data["settings"][0]["value"]["bone_drug"] == "denosumab-6m"
    assert data["target_overrides"][0]["value"] == 7.5
    with Journal.open(tmp_path / "fresh.db") as fresh:
        result = import_file(fresh, path)
        assert (result.added, result.already, result.skips, result.settings, result.overrides) == (
            8, 0, 1, 1, 1,
        )  # fmt: skip
        second = journal_export(fresh)
        assert fresh.entries(deleted=True)[0].note == "binned"
        walk_id = next(e.id for e in fresh.entries() if e.kind.value == "exercise")
        assert [v.draft.values for v in fresh.history(walk_id)] == [{"minutes": 30}]
    a = first.model_dump(mode="json", exclude={"exported_at"})
    b = second.model_dump(mode="json", exclude={"exported_at"})
    assert a == b
    JournalExport.model_validate(data)  # the file matches its own schema's model


def test_entries_csv_round_trip_gives_same_entries(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "entries.csv"
    export_csv(journal, Shape.ENTRIES, path)
    with Journal.open(tmp_path / "fresh.db") as fresh:
        assert import_file(fresh, path).added == 7
        got = fresh.entries()
    want = journal.entries()

    def same(e: Any) -> tuple[Any, ...]:
        return (e.uid, e.kind, e.date, e.time, e.values, e.tags, e.note, e.version,
                e.created_at, e.updated_at)  # fmt: skip

    assert [same(e) for e in got] == [same(e) for e in want]


def test_settings_and_skips_already_present_are_kept(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    path = tmp_path / "all.json"
    export_json(journal, path)
    with Journal.open(tmp_path / "other.db") as other:
        with other.write() as session, session.begin():
            session.add(
                SettingRow(key="profile", value={"sex": "male"}, updated_at=dt.datetime(2026, 1, 1))
            )
        result = import_file(other, path)
        assert result.settings == 0
        with other.read() as session:
            assert session.scalars(select(SettingRow.value)).one() == {"sex": "male"}


@given(st.text(max_size=30))
def test_neutralise_is_reversible_and_safe(text: str) -> None:
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.floats(min_value=0, max_value=100_000, allow_nan=False, allow_infinity=False))
def test_number_cells_round_trip_without_exponent(value: float) -> None:
    cell = number_cell(value)
    assert float(cell) == value
    assert "e" not in cell.lower()
    assert "," not in cell


def test_schemas_describe_the_csv_columns_in_order() -> None:
    from tracker.domain.export import WEEKLY_COLUMNS

    folder = Path(__file__).resolve().parents[2] / "schemas"
    for name, columns in (
        ("csv-entries.schema.json", ENTRIES_COLUMNS),
        ("csv-daily.schema.json", DAILY_COLUMNS),
        ("csv-weekly.schema.json", WEEKLY_COLUMNS),
    ):
        schema = json.loads((folder / name).read_text(encoding="utf-8"))
        assert schema["x-columns"] == list(columns)
        assert list(schema["properties"]) == list(columns)
        assert schema["x-csv-version"] == 1
    export = json.loads((folder / "export.schema.json").read_text(encoding="utf-8"))
    assert export["properties"]["format"]["const"] == "lever-tracker-export"
