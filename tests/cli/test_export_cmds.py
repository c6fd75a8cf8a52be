"""The export, import, backup and restore commands from the shell."""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from pathlib import Path

import pytest

from tests.conftest import CliRunner, file_digest
from tracker.domain.export import DAILY_COLUMNS, ENTRIES_COLUMNS


@pytest.fixture
def logged(cli: CliRunner) -> CliRunner:
    assert cli("log", "sleep", "--hours", "7.5", "--note", "=cmd|' /C calc'!A0").code == 0
    assert cli("log", "exercise", "--type", "walk", "--minutes", "30").code == 0
    assert cli("log", "care", "--event", "dose", "--drug", "denosumab").code == 0
    return cli


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("tracker: error: ")
    return lines[0]


def test_export_csv_to_stdout_and_file(logged: CliRunner, tmp_path: Path) -> None:
    result = logged("export", "csv")
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert rows[0] == list(ENTRIES_COLUMNS)
    assert len(rows) == 4
    assert rows[1][rows[0].index("note")] == "'=cmd|' /C calc'!A0"
    target = tmp_path / "daily.csv"
    result = logged("export", "csv", "--shape", "daily", "-o", str(target))
    assert result.code == 0, result.err
    assert "wrote 1 row (daily)" in result.out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == list(DAILY_COLUMNS)
    assert rows[1][0] == "2026-11-30"


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["export", "csv", "-o", "{missing}/x.csv"], "-o: .*folder that does not exist"),
        (["export", "json", "-o", "{tmp}"], "-o: .*is a folder"),
        (["export", "csv", "--from", "2026-11-30", "--to", "2026-11-01"], "--to: '2026-11-01'"),
        (["export", "csv", "--from", "2026-13-01"], "--from: '2026-13-01' is not a real"),
        (["export", "csv", "--shape", "monthly"], "--shape: 'monthly'"),
    ],
)
def test_bad_export_options(logged: CliRunner, tmp_path: Path, args: list[str], match: str) -> None:
    args = [a.format(missing=tmp_path / "nope", tmp=tmp_path) for a in args]
    result = logged(*args)
    assert result.code == 2
    assert re.search(match, one_error_line(result.err))
    assert list(tmp_path.glob("**/*.csv")) == []


def test_export_json_then_import_into_another_journal(logged: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    assert logged("export", "json", "-o", str(target)).code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 3
    other = CliRunner(tmp_path / "other.db")
    result = other("import", str(target))
    assert result.code == 0, result.err
    assert "imported 3 entries from JSON export" in result.out
    again = other("import", str(target))
    assert "imported 0 entries" in again.out
    assert "3 entries were already" in again.out
    listing = json.loads(other("list", "--json").out)
    assert next(e["note"] for e in listing) == "=cmd|' /C calc'!A0"


def test_bad_import_writes_nothing(logged: CliRunner, tmp_path: Path) -> None:
    out = logged("export", "csv").out.replace(",7.5,", ",75,")
    bad = tmp_path / "bad.csv"
    bad.write_text(out, encoding="utf-8", newline="")
    before = file_digest(logged.db)
    result = logged("import", str(bad))
    assert result.code == 2
    assert "line 2, column sleep_hours_h: 75 is out of range" in one_error_line(result.err)
    assert file_digest(logged.db) == before
    fresh = CliRunner(tmp_path / "fresh.db")
    assert fresh("import", str(bad)).code == 2
    assert not (tmp_path / "fresh.db").exists()  # not even an empty journal


def test_backup_list_and_restore(logged: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    result = logged("backup", "-o", str(copy))
    assert result.code == 0, result.err
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert logged("log", "stress", "--level", "4").code == 0
    listing = logged("backup", "--list")
    assert "journal-daily-2026-11-30.db" in listing.out
    result = logged("restore", str(copy))
    assert result.code == 0, result.err
    assert "restored" in result.out
    assert "(3 entries)" in result.out
    assert "kept at" in result.out
    kept = Path(result.out.rsplit("kept at ", 1)[1].split(";")[0].strip())
    assert kept.exists()
    assert len(json.loads(logged("list", "--json").out)) == 3  # the stress entry went away
    assert len(json.loads(CliRunner(kept)("list", "--json").out)) == 4  # but was kept


def test_restore_refuses_what_is_not_a_journal(logged: CliRunner, tmp_path: Path) -> None:
    export = tmp_path / "all.json"
    logged("export", "json", "-o", str(export))
    before = file_digest(logged.db)
    for path in (export, tmp_path / "missing.db", logged.db):
        result = logged("restore", str(path))
        assert result.code == 2, path
        one_error_line(result.err)
    assert file_digest(logged.db) == before


def test_daily_backup_once_a_day_keeps_seven(
    logged: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = logged.db.parent / "backups"
    assert [p.name for p in backups.iterdir()] == ["journal-daily-2026-11-30.db"]
    logged("list")
    assert len(list(backups.iterdir())) == 1  # the same day: no second copy
    for day in range(1, 10):
        monkeypatch.setenv("TRACKER_TODAY", f"2026-12-{day:02d}")
        assert logged("list").code == 0
    names = sorted(p.name for p in backups.iterdir())
    assert names == [f"journal-daily-2026-12-{d:02d}.db" for d in range(3, 10)]
    assert stat.S_IMODE(backups.stat().st_mode) == 0o700


def test_backup_without_a_journal(cli: CliRunner) -> None:
    result = cli("backup")
    assert result.code == 2
    assert "has no journal yet" in one_error_line(result.err)


def test_an_export_never_overwrites_the_journal(logged: CliRunner) -> None:
    before = file_digest(logged.db)
    for args in (["export", "csv"], ["export", "json"], ["report"]):
        result = logged(*args, "-o", str(logged.db))
        assert result.code == 2, args
        assert "is the journal" in one_error_line(result.err)
    assert file_digest(logged.db) == before


def test_commands_that_never_open_the_journal_take_no_backup(cli: CliRunner) -> None:
    assert cli("log", "sleep", "--hours", "7").code == 0
    assert cli("levers").code == 0
    assert not (cli.db.parent / "backups").exists()
    assert cli("list").code == 0
    assert (cli.db.parent / "backups" / "journal-daily-2026-11-30.db").exists()
