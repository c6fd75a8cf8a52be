"""Today: the day's cards and entries, moving between days, the welcome, journal problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.tui.conftest import TODAY, drive, settle
from tracker.domain.metrics import Kind
from tracker.tui import TrackerApp
from tracker.tui.screens.problem import ProblemScreen
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.kind_card import KindCard


def _today(app: TrackerApp) -> TodayScreen:
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


def _card(app: TrackerApp, kind: Kind) -> KindCard:
    return app.screen.query_one(f"#card-{kind.value}", KindCard)


def test_today_shows_what_is_logged_and_what_is_not(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = _today(app)
        assert screen.day == TODAY
        title = str(screen.query_one("#day-title", Static).render())
        assert "Monday 30 November 2026" in title
        assert "today" in title
        assert [e.summary() for e in _card(app, Kind.SLEEP).entries] == [
            "8 h (22:40-06:40) quality 3/5"
        ]
        assert _card(app, Kind.SLEEP).has_class("logged")
        assert _card(app, Kind.CARE).entries == []
        assert _card(app, Kind.CARE).has_class("empty")
        assert "not logged" in str(_card(app, Kind.CARE).render())
        assert screen.query_one("#day-entries", DataTable).row_count == 4
        assert not screen.query_one("#welcome").display

    drive(seeded, scenario)


def test_left_right_move_a_day_and_t_comes_back(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = _today(app)
        await pilot.press("left")
        await settle(pilot)
        assert screen.day == TODAY - dt.timedelta(days=1)
        assert "yesterday" in str(screen.query_one("#day-title", Static).render())
        assert _card(app, Kind.EXERCISE).entries == []  # odd days have no exercise
        assert [e.date for e in _card(app, Kind.SLEEP).entries] == [screen.day]
        await pilot.press("left", "left", "right")
        await settle(pilot)
        assert screen.day == TODAY - dt.timedelta(days=2)
        assert len(_card(app, Kind.EXERCISE).entries) == 1
        await pilot.press("t")
        await settle(pilot)
        assert screen.day == TODAY
        assert screen.query_one("#day-entries", DataTable).row_count == 4

    drive(seeded, scenario)


def test_first_run_welcome_says_where_the_journal_lives(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        welcome = app.screen.query_one("#welcome", Static)
        assert welcome.display
        text = str(welcome.render())
        assert "Welcome" in text
        assert str(db) in text.replace("\n", "")
        assert all(card.has_class("empty") for card in app.screen.query(KindCard))

    drive(db, scenario)
    assert db.exists()  # the journal was created by the worker


def test_a_file_that_is_not_a_journal_shows_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a journal\n" * 20)
    before = bad.read_bytes()

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        assert isinstance(app.screen, ProblemScreen)
        text = str(app.screen.query_one("#problem-text", Static).render())
        assert "journal" in text.lower()
        await pilot.press("q")

    drive(bad, scenario)
    assert bad.read_bytes() == before


def test_delete_then_undo_on_today(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = _today(app)
        table = screen.query_one("#day-entries", DataTable)
        table.focus()
        first = screen.selected_entry()
        assert first is not None
        await pilot.press("d")
        await settle(pilot)
        assert table.row_count == 3
        assert first.id not in [e.id for e in screen.view.entries]  # type: ignore[union-attr]
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == 4
        assert first.id in [e.id for e in screen.view.entries]  # type: ignore[union-attr]

    drive(seeded, scenario)


def test_first_frame_is_painted_before_storage_is_imported() -> None:
    import subprocess
    import sys

    code = (
        "import sys; import tracker.tui; "
        "print('sqlalchemy' in sys.modules, 'alembic' in sys.modules, 'pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "False"]


def test_scheduled_bone_care_is_shown_as_due(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        due = app.screen.query_one("#due", Static)
        assert due.display
        text = str(due.render())
        assert "Bone density scan: no scan logged yet" in text
        assert "tracker log" not in text  # the CLI hint is for the shell, not the app

    drive(seeded, scenario)


def test_work_before_the_journal_is_open_is_a_gentle_message() -> None:
    from tracker.tui.context import AppContext, JournalNotReady
    from tracker.tui.screens.base import describe_problem

    ctx = AppContext(Path("/nonexistent/journal.db"), TODAY)
    try:
        ctx.require()
    except JournalNotReady as error:
        text, fatal = describe_problem(error)
    assert text == "The journal is still opening; try again in a moment."
    assert not fatal


def test_entry_ids_are_shown_whole(seeded: Path) -> None:
    """Ten years of entries have five-digit ids: the id column fits them."""
    import sqlite3

    conn = sqlite3.connect(seeded)
    with conn:
        conn.execute("UPDATE entry_values SET entry_id = entry_id + 14000")
        conn.execute("UPDATE entries SET id = id + 14000")
    conn.close()

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        table = _today(app).query_one("#day-entries", DataTable)
        ids = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert ids
        assert all(len(i) == 5 for i in ids)
        column = next(c for c in table.columns.values() if str(c.label) == "id")
        assert column.get_render_width(table) - 2 * table.cell_padding >= 5

    drive(seeded, scenario)
