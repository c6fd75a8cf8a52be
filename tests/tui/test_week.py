"""Week: the review of the shown week, navigation, statuses with symbols, source, chart."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Sparkline, Static

from tests.tui.conftest import drive, settle
from tracker.domain.levers import Status
from tracker.tui import TrackerApp
from tracker.tui.screens.today import TodayScreen
from tracker.tui.screens.week import CHART_WEEKS, WeekScreen
from tracker.tui.widgets.status import STATUS_LOOK


async def _open(pilot: Pilot[int], app: TrackerApp) -> WeekScreen:
    await pilot.press("w")
    await settle(pilot)
    assert isinstance(app.screen, WeekScreen)
    return app.screen


def _cell(screen: WeekScreen, target_id: str, column: int) -> str:
    table = screen.query_one("#week-table", DataTable)
    return str(table.get_row(target_id)[column])


def test_week_opens_on_this_week_with_core_levers_first(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        assert screen.summary is not None
        assert screen.summary.week == "2026-W49"
        assert "this week" in str(screen.query_one("#week-title", Static).render())
        table = screen.query_one("#week-table", DataTable)
        assert table.row_count == len(screen.summary.targets)
        levers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        groups = [lv[0] for lv in levers]
        assert groups == sorted(groups)  # C before S: core first
        assert len(screen.summaries) == CHART_WEEKS

    drive(seeded, scenario)


def test_previous_and_next_week_show_the_right_week(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        await pilot.press("left")
        await settle(pilot)
        assert screen.summary is not None
        assert screen.summary.week == "2026-W48"
        assert "last week" in str(screen.query_one("#week-title", Static).render())
        # a full week of sleep (7.5 or 8 h a night) meets the 7 h target
        sleep = screen.summary.target("sleep-duration")
        assert sleep is not None
        assert sleep.status is Status.MET
        assert _cell(screen, "sleep-duration", 4) == "✓ met"
        aerobic = screen.summary.target("aerobic-minutes")
        assert aerobic is not None
        assert aerobic.actual == 68  # walks of 36 and 32 minutes
        symbol, word, _style = STATUS_LOOK[aerobic.status]
        assert _cell(screen, "aerobic-minutes", 4) == f"{symbol} {word}"
        assert _cell(screen, "aerobic-minutes", 2) == "68 min"
        await pilot.press("right", "right")
        await settle(pilot)
        assert screen.summary.week == "2026-W50"
        await pilot.press("t")
        await settle(pilot)
        assert screen.summary.week == "2026-W49"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(seeded, scenario)


def test_source_on_demand_and_the_chart_follows_the_selection(seeded: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        screen = await _open(pilot, app)
        detail = screen.query_one("#week-detail", Static)
        assert "Source:" not in str(detail.render())
        await pilot.press("i")
        await settle(pilot)
        selected = screen.selected()
        assert selected is not None
        assert "Source:" in str(detail.render())
        table = screen.query_one("#week-table", DataTable)
        table.move_cursor(row=table.get_row_index("sleep-duration"))
        await settle(pilot)
        selected = screen.selected()
        assert selected is not None
        assert selected.id == "sleep-duration"
        assert selected.source in str(detail.render())
        spark = screen.query_one("#spark-sleep-duration", Sparkline)
        assert spark.data is not None
        assert len(list(spark.data)) == CHART_WEEKS
        assert list(spark.data)[-2] > 7  # last week's mean

    drive(seeded, scenario)


def test_the_app_reads_counts_of_one_in_the_singular() -> None:
    from tracker.domain.levers import Direction
    from tracker.tui.widgets.status import target_text, with_unit

    assert with_unit(1, "sessions") == "1 session"
    assert with_unit(3, "sessions") == "3 sessions"
    assert with_unit(1, "/10") == "1/10"
    assert target_text(1, Direction.AT_LEAST, "days") == "≥ 1 day"
    assert target_text(5, Direction.AT_LEAST, "days") == "≥ 5 days"
