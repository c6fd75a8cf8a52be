"""The benchmark floors do the same work as the commands they are compared with."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.benchmarks import floors
from tracker.services.demo import build_demo
from tracker.services.journal import Journal
from tracker.services.quick import read_entries

END = dt.date(2026, 11, 30)
MONDAY, SUNDAY = dt.date(2026, 11, 23), dt.date(2026, 11, 29)


@pytest.fixture
def demo(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Journal:
    monkeypatch.setenv("TRACKER_TODAY", END.isoformat())
    build_demo(journal, years=1, seed=2)
    journal.delete(3)
    return journal


def test_csv_floor_writes_every_live_entry_with_its_values(demo: Journal, tmp_path: Path) -> None:
    out = tmp_path / "floor.csv"
    floors.csv_entries(str(demo.path), str(out))
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    entries = demo.entries()
    assert len(rows) == len(entries) + 1
    header, first = rows[0], rows[1]
    assert first[0] == entries[0].uid
    filled = {
        name.split(".", 1)[1] for name, cell in zip(header[6:], first[6:], strict=True) if cell
    }
    assert filled == set(entries[0].values)


def test_list_and_week_floors_read_the_week(
    demo: Journal, capsys: pytest.CaptureFixture[str]
) -> None:
    floors.listing(str(demo.path), MONDAY.isoformat(), SUNDAY.isoformat())
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(read_entries(demo.path, MONDAY, SUNDAY))
    floors.week(str(demo.path), MONDAY.isoformat(), SUNDAY.isoformat())
    week = json.loads(capsys.readouterr().out)
    sleep = [e.values["hours"] for e in demo.entries(MONDAY, SUNDAY) if "hours" in e.values]
    assert week["sleep.hours"][0] == pytest.approx(sum(sleep))


def test_insert_floor_adds_one_row(demo: Journal) -> None:
    before = len(demo.entries())
    floors.insert(str(demo.path))
    assert len(demo.entries()) == before + 1
