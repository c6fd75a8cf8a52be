"""History: the table, filters, delete with undo, the bin, editing from the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from tests.tui.conftest import TODAY, drive, settle
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.tui import TrackerApp
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.log_form import LogFormScreen
from tracker.tui.screens.today import TodayScreen


async def _open(pilot: Pilot[int], app: TrackerApp) -> HistoryScreen:
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


def _live_count(db: Path) -> tuple[int, int]:
    with Journal.open(db) as journal:
        return len(journal.entries()), len(journal.entries(deleted=True))


def test_history_lists_every_entry_newest_first_and_filters(seeded: Path) -> None:
    total, _ = _live_count(seeded)

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == total
        assert screen.entries[0].date == TODAY
        assert screen.entries[-1].date == TODAY - dt.timedelta(days=20)
        screen.query_one("#filter-kind", Select).value = Kind.EXERCISE.value
        await settle(pilot)
        assert table.row_count == 11
        assert {e.kind for e in screen.entries} == {Kind.EXERCISE}
        screen.query_one("#filter-from", Input).value = "2026-11-24"
        screen.query_one("#filter-from", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert [e.date.isoformat() for e in screen.entries] == [
            "2026-11-30",
            "2026-11-28",
            "2026-11-26",
            "2026-11-24",
        ]

    drive(seeded, scenario)


def test_a_bad_filter_date_is_named(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        screen.query_one("#filter-to", Input).value = "2026-13-01"
        screen.query_one("#filter-to", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        mode = screen.query_one("#history-mode", Static)
        assert "to: '2026-13-01' is not a real calendar date" in str(mode.render())
        assert mode.has_class("error")

    drive(seeded, scenario)


def test_delete_undo_and_the_bin(seeded: Path) -> None:
    total, _ = _live_count(seeded)
    deleted: list[int] = []

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        table = screen.query_one("#history-table", DataTable)
        first = screen.selected()
        assert first is not None
        await pilot.press("d")
        await settle(pilot)
        assert table.row_count == total - 1
        assert first.id not in [e.id for e in screen.entries]
        await pilot.press("u")  # undo restores the deletion
        await settle(pilot)
        assert table.row_count == total
        assert first.id in [e.id for e in screen.entries]
        await pilot.press("d")
        await settle(pilot)
        deleted.append(first.id)
        await pilot.press("b")  # the bin
        await settle(pilot)
        assert screen.in_bin
        assert [e.id for e in screen.entries] == [first.id]
        assert "In the bin" in str(screen.query_one("#history-mode", Static).render())
        await pilot.press("r")  # restore from the bin
        await settle(pilot)
        assert screen.entries == []
        await pilot.press("b")
        await settle(pilot)
        assert table.row_count == total

    drive(seeded, scenario)
    assert _live_count(seeded) == (total, 0)
    assert deleted


def test_edit_from_history_and_escape_back_to_today(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogFormScreen)
        assert form.entry == screen.entries[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(seeded, scenario)


def test_undo_from_the_palette_reverses_a_logged_entry(seeded: Path) -> None:
    total, _ = _live_count(seeded)

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, LogFormScreen)
        app.screen.query_one("#f-care-event", Select).value = "scan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _live_count(seeded)[0] == total + 1
        app.action_undo()
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert all(e.kind is not Kind.CARE for e in app.screen.view.entries)  # type: ignore[union-attr]

    drive(seeded, scenario)
    assert _live_count(seeded) == (total, 1)
