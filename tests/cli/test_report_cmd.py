"""tracker report and the weekly CSV from the shell."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import CliRunner
from tracker.domain.export import WEEKLY_COLUMNS


def test_report_writes_one_html_file(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("log", "sleep", "--hours", "7").code == 0
    target = tmp_path / "visit.html"
    result = cli("report", "-o", str(target))
    assert result.code == 0, result.err
    assert "2026-09-14 to 2026-11-30 (12 weeks)" in result.out
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_report_bad_options(cli: CliRunner, tmp_path: Path) -> None:
    for args, match in (
        ([], "-o"),
        (["-o", str(tmp_path / "missing" / "v.html")], "folder that does not exist"),
        (["-o", str(tmp_path / "v.html"), "--from", "2026-11-30", "--to", "2026-11-01"], "--to"),
        (["-o", str(tmp_path / "v.html"), "--from", "2020-01-01"], "at most 27 weeks"),
    ):
        result = cli("report", *args)
        assert result.code == 2, args
        lines = result.err.strip().splitlines()
        assert len(lines) == 1
        assert match in lines[0]
    assert not (tmp_path / "v.html").exists()


def test_weekly_csv_from_the_shell(cli: CliRunner) -> None:
    assert cli("log", "exercise", "--type", "walk", "--minutes", "45").code == 0
    result = cli("export", "csv", "--shape", "weekly", "--from", "2026-11-16")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert rows[0] == list(WEEKLY_COLUMNS)
    assert {r[0] for r in rows[1:]} == {"2026-W47", "2026-W48", "2026-W49"}
    aerobic = [r for r in rows[1:] if r[2] == "aerobic-minutes" and r[0] == "2026-W49"]
    assert aerobic[0][3] == "45"
