"""The Export screen (x): every choice writes its file; bad input is one line; progress shows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, RadioButton, Static

from tests.tui.conftest import TODAY, drive, entries, settle
from tracker.domain.export import DAILY_COLUMNS, ENTRIES_COLUMNS
from tracker.tui import TrackerApp
from tracker.tui.screens.export import CHOICES, ExportScreen


async def open_export(pilot: Pilot[int], app: TrackerApp) -> ExportScreen:
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def choose(pilot: Pilot[int], screen: ExportScreen, key: str) -> None:
    screen.query_one(f"#export-{key}", RadioButton).value = True
    await settle(pilot)


async def set_input(pilot: Pilot[int], screen: ExportScreen, widget: str, text: str) -> None:
    screen.query_one(widget, Input).value = text
    await settle(pilot)


def result_text(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-result", Static).render())


def test_entries_csv_with_progress(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await open_export(pilot, app)
        await set_input(pilot, screen, "#export-path", str(target))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Wrote 34 rows" in result_text(screen)
        bar = screen.query_one("#export-progress", ProgressBar)
        assert bar.display
        assert bar.percentage == 1

    drive(seeded, scenario)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == list(ENTRIES_COLUMNS)
    assert len(rows) == 35


@pytest.mark.parametrize("choice", [c for c in CHOICES if c != "import"])
def test_every_choice_writes_a_file(seeded: Path, tmp_path: Path, choice: str) -> None:
    target = tmp_path / f"out.{CHOICES[choice][1]}"

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await open_export(pilot, app)
        await choose(pilot, screen, choice)
        await set_input(pilot, screen, "#export-path", str(target))
        await pilot.click("#export-go")
        await settle(pilot)
        assert str(target) in result_text(screen)

    drive(seeded, scenario)
    assert target.exists()
    assert target.stat().st_mode & 0o777 == 0o600


def test_daily_range_and_default_name(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "d.csv"

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await open_export(pilot, app)
        await choose(pilot, screen, "daily")
        assert screen.query_one("#export-path", Input).value.endswith(
            "lever-tracker-daily-2026-11-30.csv"
        )
        await set_input(pilot, screen, "#export-from", "2026-11-28")
        await set_input(pilot, screen, "#export-to", "today")
        await set_input(pilot, screen, "#export-path", str(target))
        await pilot.press("ctrl+s")
        await settle(pilot)

    drive(seeded, scenario)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == list(DAILY_COLUMNS)
    assert [r[0] for r in rows[1:]] == ["2026-11-28", "2026-11-29", "2026-11-30"]


def test_bad_input_is_one_line_and_writes_nothing(seeded: Path, tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await open_export(pilot, app)
        await set_input(pilot, screen, "#export-from", "2026-11-30")
        await set_input(pilot, screen, "#export-to", "2026-11-01")
        await set_input(pilot, screen, "#export-path", str(tmp_path / "x.csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "before from" in result_text(screen)
        await set_input(pilot, screen, "#export-to", "")
        await set_input(pilot, screen, "#export-path", str(tmp_path / "no" / "x.csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing was written" in result_text(screen)
        assert "folder that does not exist" in result_text(screen)
        assert isinstance(app.screen, ExportScreen)  # a notice, not the problem screen
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)

    drive(seeded, scenario)
    assert list(tmp_path.iterdir()) == [] or all(p.suffix != ".csv" for p in tmp_path.iterdir())


def test_import_from_the_screen(seeded: Path, tmp_path: Path) -> None:
    from tracker.domain.entry import EntryDraft
    from tracker.services.export import export_json
    from tracker.services.journal import Journal

    source = tmp_path / "other.json"
    with Journal.open(tmp_path / "other.db") as other:
        other.add(EntryDraft.build(kind="care", date=TODAY, tags={"event": "scan"}, note="DXA"))
        export_json(other, source)
    before = len(entries(seeded))

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await open_export(pilot, app)
        await choose(pilot, screen, "import")
        assert not screen.query_one("#export-range").display
        await set_input(pilot, screen, "#export-path", str(source))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Imported 1 entry" in result_text(screen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Imported 0 entries" in result_text(screen)
        await set_input(pilot, screen, "#export-path", str(tmp_path / "other.db"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing was written" in result_text(screen)
        assert "not UTF-8 text" in result_text(screen)

    drive(seeded, scenario)
    assert len(entries(seeded)) == before + 1


def test_opening_the_app_takes_the_daily_backup(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await settle(pilot)

    drive(seeded, scenario)
    backups = seeded.parent / "backups"
    assert [p.name for p in backups.iterdir()] == ["journal-daily-2026-11-30.db"]
    drive(seeded, scenario)  # the same day: no second copy
    assert len(list(backups.iterdir())) == 1
