"""Import refuses bad files whole (line and column named) and is idempotent by entry uid."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import file_digest
from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.export import DAILY_COLUMNS, ENTRIES_COLUMNS
from tracker.services.export import Shape, export_csv, export_json
from tracker.services.importer import import_file, read_import
from tracker.services.journal import Journal

D = dt.date(2026, 11, 23)


@pytest.fixture
def exported(journal: Journal, tmp_path: Path) -> tuple[Path, Path]:
    journal.add(EntryDraft.build(kind="sleep", date=D, values={"hours": 7}, note="a\nb\nc"))
    journal.add(EntryDraft.build(kind="stress", date=D, values={"level": 2}))
    journal.add(
        EntryDraft.build(kind="exercise", date=D, tags={"type": "run"}, values={"minutes": 20})
    )
    csv_path, json_path = tmp_path / "e.csv", tmp_path / "e.json"
    export_csv(journal, Shape.ENTRIES, csv_path)
    export_json(journal, json_path)
    return csv_path, json_path


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def refused(target: Journal, path: Path, match: str) -> InputError:
    before = file_digest(target.path)
    count = len(target.entries())
    with pytest.raises(InputError, match=match) as info:
        import_file(target, path)
    assert len(target.entries()) == count
    assert file_digest(target.path) == before
    assert "\n" not in str(info.value)
    return info.value


@pytest.fixture
def target(tmp_path: Path) -> Journal:
    j = Journal.open(tmp_path / "target.db")
    j.add(EntryDraft.build(kind="stress", date=D, values={"level": 5}))
    return j


def test_importing_twice_adds_nothing(exported: tuple[Path, Path], target: Journal) -> None:
    csv_path, json_path = exported
    assert import_file(target, csv_path).added == 3
    again = import_file(target, json_path)
    assert (again.added, again.already) == (0, 3)
    assert import_file(target, csv_path).added == 0
    assert len(target.entries()) == 4


def test_bad_value_reported_by_line_and_column(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = rows_of(exported[0])
    col = rows[0].index("stress_level_score")
    rows[2][col] = "11"  # the stress entry; the sleep note above spans three lines
    error = refused(target, write_rows(tmp_path / "bad.csv", rows), "line 5, column stress_level")
    assert "11" in str(error)
    assert "0 to 10" in str(error)


@pytest.mark.parametrize(
    ("column", "value", "match"),
    [
        ("date", "2026-02-30", "column date"),
        ("date", "today", "column date"),
        ("time", "25:00", "column time"),
        ("kind", "dream", "column kind"),
        ("uid", "not-a-uid", "column uid"),
        ("exercise_minutes_min", "30", "column exercise_minutes_min: '30' does not apply"),
        ("sleep_hours_h", "7,5", "column sleep_hours_h"),
        ("sleep_hours_h", "", "column sleep_hours_h: missing"),
        ("version", "zero", "column version"),
        ("created_at", "yesterday", "column created_at"),
        ("sleep_bed", "23:00", "column sleep_wake"),
    ],
)
def test_each_bad_cell_is_named(
    exported: tuple[Path, Path],
    target: Journal,
    tmp_path: Path,
    column: str,
    value: str,
    match: str,
) -> None:
    rows = rows_of(exported[0])
    rows[1][rows[0].index(column)] = value  # the sleep entry, line 2
    refused(target, write_rows(tmp_path / "bad.csv", rows), match)


def test_a_later_bad_row_means_nothing_is_written(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = rows_of(exported[0])
    rows[-1][rows[0].index("exercise_minutes_min")] = "-3"
    refused(target, write_rows(tmp_path / "bad.csv", rows), "line 6")


def test_wrong_headers_refused(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = rows_of(exported[0])
    missing = [r[:-1] for r in rows]
    refused(target, write_rows(tmp_path / "m.csv", missing), "updated_at' is missing")
    extra = [[*r, "x"] for r in rows]
    refused(target, write_rows(tmp_path / "x.csv", extra), "is not a column")
    daily = [list(DAILY_COLUMNS), ["2026-11-23", *[""] * (len(DAILY_COLUMNS) - 1)]]
    refused(target, write_rows(tmp_path / "d.csv", daily), "daily CSV")
    short = [rows[0], rows[1][:-1]]
    refused(target, write_rows(tmp_path / "s.csv", short), "line 2: .*wrong number of cells")


def test_duplicate_uid_in_one_file_refused(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = rows_of(exported[0])
    refused(target, write_rows(tmp_path / "dup.csv", [*rows, rows[1]]), "appears twice")


def test_columns_in_another_order_are_fine(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = [list(reversed(r)) for r in rows_of(exported[0])]
    assert import_file(target, write_rows(tmp_path / "rev.csv", rows)).added == 3


def test_files_that_are_not_exports(target: Journal, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("just some notes\n")
    refused(target, tmp_path / "notes.txt", "is not a column")
    (tmp_path / "empty.csv").write_text("")
    refused(target, tmp_path / "empty.csv", "not an export")
    (tmp_path / "bin.dat").write_bytes(b"\xff\xfe\x00garbage")
    refused(target, tmp_path / "bin.dat", "not UTF-8")
    (tmp_path / "other.json").write_text('{"hello": 1}')
    refused(target, tmp_path / "other.json", "not a Lever Tracker export")
    (tmp_path / "broken.json").write_text('{"format": ')
    refused(target, tmp_path / "broken.json", "not valid JSON")
    refused(target, tmp_path / "nowhere.json", "does not exist")
    refused(target, tmp_path, "is a folder")


def test_json_from_a_newer_version_refused(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    data = json.loads(exported[1].read_text())
    data["version"] = 2
    (tmp_path / "new.json").write_text(json.dumps(data))
    refused(target, tmp_path / "new.json", "newer version")


def test_json_bad_entry_named_by_position_and_uid(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    data = json.loads(exported[1].read_text())
    data["entries"][1]["values"]["level"] = 99
    uid = data["entries"][1]["uid"]
    (tmp_path / "bad.json").write_text(json.dumps(data))
    refused(target, tmp_path / "bad.json", rf"entries\[1\] \({uid}\): stress.level: 99")
    data = json.loads(exported[1].read_text())
    data["entries"][0]["kind"] = "dream"
    (tmp_path / "kind.json").write_text(json.dumps(data))
    refused(target, tmp_path / "kind.json", "entries.0.kind")
    data = json.loads(exported[1].read_text())
    data["surprise"] = True
    (tmp_path / "extra.json").write_text(json.dumps(data))
    refused(target, tmp_path / "extra.json", "surprise")


def test_csv_with_a_bom_from_a_spreadsheet_is_read(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + exported[0].read_bytes())
    assert import_file(target, bom).added == 3


NOTE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r")
    | st.sampled_from(["\n", "\t", "=", "'", '"', ",", "-", "@"]),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=NOTE, hours=st.floats(min_value=0, max_value=24, allow_nan=False))
def test_any_note_and_value_survive_the_csv(tmp_path: Path, note: str, hours: float) -> None:
    src = tmp_path / f"src-{abs(hash((note, hours)))}.db"
    with Journal.open(src) as journal:
        journal.add(EntryDraft.build(kind="sleep", date=D, values={"hours": hours}, note=note))
        path = src.with_suffix(".csv")
        export_csv(journal, Shape.ENTRIES, path)
        want = journal.entries()[0]
    plan = read_import(path)
    got = plan.entries[0]
    assert got.draft.note == want.note
    assert got.draft.values == want.values
    assert got.uid == want.uid


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_arbitrary_text_is_refused_cleanly_or_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.csv"
    for content in (",".join(ENTRIES_COLUMNS) + "\r\n" + text, text):
        path.write_text(content, encoding="utf-8")
        message = ""
        try:
            read_import(path)
        except InputError as error:
            message = str(error)
        assert "\n" not in message


def test_profile_and_own_targets_obey_the_rules(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    data = json.loads(exported[1].read_text())
    now = "2026-11-01T08:00:00Z"
    data["settings"] = [{"key": "profile", "value": {"sex": "robot"}, "updated_at": now}]
    (tmp_path / "p.json").write_text(json.dumps(data))
    refused(target, tmp_path / "p.json", r"settings\[0\] \(profile\): profile.sex: 'robot'")
    data["settings"] = []
    data["target_overrides"] = [{"target_id": "moon-walks", "value": 3, "set_at": now}]
    (tmp_path / "t.json").write_text(json.dumps(data))
    refused(target, tmp_path / "t.json", r"target_overrides\[0\]: target: 'moon-walks'")
    data["target_overrides"] = [{"target_id": "sleep-duration", "value": -1, "set_at": now}]
    (tmp_path / "v.json").write_text(json.dumps(data))
    refused(target, tmp_path / "v.json", r"target_overrides\[0\]: value: -1")


def test_review_settings_travel_only_onto_defaults(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    from tracker.services.settings import load_settings, update_settings

    data = json.loads(exported[1].read_text())
    assert data["review_settings"]["min_days"] == 3
    data["review_settings"]["min_days"] = 5
    (tmp_path / "s.json").write_text(json.dumps(data))
    assert import_file(target, tmp_path / "s.json").settings == 1
    assert load_settings().min_days == 5
    update_settings(min_days=4)
    data["review_settings"]["min_days"] = 6
    (tmp_path / "s2.json").write_text(json.dumps(data))
    assert import_file(target, tmp_path / "s2.json").settings == 0
    assert load_settings().min_days == 4  # what this machine was set to is kept


def test_header_cells_with_spaces_are_read(
    exported: tuple[Path, Path], target: Journal, tmp_path: Path
) -> None:
    rows = rows_of(exported[0])
    rows[0] = [f" {c} " for c in rows[0]]
    assert import_file(target, write_rows(tmp_path / "sp.csv", rows)).added == 3


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)
ENTRY_KEYS = st.sampled_from(
    ["uid", "kind", "date", "time", "values", "tags", "note", "version", "created_at",
     "updated_at", "deleted_at", "history"]
)  # fmt: skip


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    entries=st.lists(st.dictionaries(ENTRY_KEYS, JSON_VALUES, max_size=12), max_size=3),
    extra=st.dictionaries(
        st.sampled_from(["skips", "settings", "target_overrides", "review_settings"]),
        JSON_VALUES,
        max_size=2,
    ),
)
def test_arbitrary_json_exports_are_refused_cleanly_or_read(
    tmp_path: Path, entries: list[dict[str, object]], extra: dict[str, object]
) -> None:
    data = {"format": "lever-tracker-export", "version": 1, "exported_at": "2026-11-30T00:00:00Z"}
    path = tmp_path / "any.json"
    path.write_text(json.dumps({**data, "entries": entries, **extra}), encoding="utf-8")
    message = ""
    try:
        read_import(path)
    except InputError as error:
        message = str(error)
    assert "\n" not in message
