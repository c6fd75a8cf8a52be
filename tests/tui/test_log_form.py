"""Log forms: saving through the form, inline errors with the domain's rules, editing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet, Select, Static

from tests.tui.conftest import TODAY, drive, settle
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.tui import TrackerApp
from tracker.tui.screens.log_form import LogFormScreen
from tracker.tui.screens.today import TodayScreen


def _form(app: TrackerApp) -> LogFormScreen:
    assert isinstance(app.screen, LogFormScreen)
    return app.screen


def _all(db: Path, kind: Kind | None = None) -> list[str]:
    with Journal.open(db) as journal:
        return [f"{e.date} {e.summary()}" for e in journal.entries(kind=kind)]


def test_log_sleep_through_the_form_lands_in_the_journal(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("s")
        await settle(pilot)
        form = _form(app)
        assert form.kind is Kind.SLEEP
        assert form.query_one("#f-date", Input).value == TODAY.isoformat()
        assert isinstance(app.focused, Input)
        assert app.focused.id == "f-sleep-hours"
        await pilot.press("7", ".", "5", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert any("Saved sleep: 7.5 h" in n.message for n in app._notifications)

    drive(db, scenario)
    assert _all(db) == [f"{TODAY} 7.5 h"]


def test_bed_and_wake_times_and_a_choice(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("left", "s")
        await settle(pilot)
        form = _form(app)
        assert form.query_one("#f-date", Input).value == str(TODAY - dt.timedelta(days=1))
        form.query_one("#f-sleep-bed", Input).value = "23:10"
        form.query_one("#f-sleep-wake", Input).value = "06:40"
        form.query_one("#f-sleep-quality", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.day == TODAY - dt.timedelta(days=1)

    drive(db, scenario)
    assert _all(db) == [f"{TODAY - dt.timedelta(days=1)} 7.5 h (23:10-06:40) quality 4/5"]


def test_exercise_with_select_and_radio_set(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("e")
        await settle(pilot)
        form = _form(app)
        assert form.query_one("#f-exercise-intensity", RadioSet).pressed_index == 1  # moderate
        form.query_one("#f-exercise-type", Select).value = "resistance"
        form.query_one("#f-exercise-minutes", Input).value = "25"
        radio = form.query_one("#f-exercise-intensity", RadioSet)
        radio.focus()
        await pilot.pause()
        await pilot.press("right", "right", "enter")  # light, moderate, vigorous
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)
    assert _all(db) == [f"{TODAY} resistance 25 min vigorous"]


def test_a_bad_value_shows_its_message_beside_the_field_and_saves_nothing(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("2", "5", "enter")
        await settle(pilot)
        form = _form(app)  # still open
        error = form.query_one("#err-f-sleep-hours", Static)
        assert error.has_class("shown")
        text = str(error.render())
        assert "sleep.hours: 25 is out of range" in text
        assert "from 0 to 24 h" in text
        assert form.query_one("#row-f-sleep-hours").has_class("invalid")
        # a time that is not a time is named too, by the same parser as the CLI
        form.query_one("#f-sleep-hours", Input).value = ""
        form.query_one("#f-sleep-bed", Input).value = "25:00"
        form.query_one("#f-sleep-wake", Input).value = "07:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "sleep.bed: '25:00' is not a time" in str(
            form.query_one("#err-f-sleep-bed", Static).render()
        )
        assert not form.query_one("#err-f-sleep-hours", Static).has_class("shown")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)
    assert _all(db) == []


def test_a_form_wide_problem_is_shown_under_the_form(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = str(_form(app).query_one("#form-error", Static).render())
        assert text.startswith("nutrition: missing; allowed: at least one of calcium_mg")

    drive(db, scenario)
    assert _all(db) == []


def test_editing_opens_the_same_form_filled_in_and_keeps_the_version(db: Path) -> None:
    with Journal.open(db) as journal:
        from tracker.domain.entry import EntryDraft

        journal.add(
            EntryDraft.build(
                kind=Kind.STRESS, date=TODAY, values={"level": 6}, tags={"social": "yes"}
            )
        )

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        app.screen.query_one("#day-entries", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        form = _form(app)
        assert form.entry is not None
        assert form.query_one("#f-stress-level", Input).value == "6"
        assert form.raw_values()["stress.social"] == "yes"
        form.query_one("#f-stress-level", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)
    with Journal.open(db) as journal:
        [entry] = journal.entries()
        assert entry.values == {"level": 3}
        assert entry.version == 2
        assert journal.history(entry.id)[0].draft.values == {"level": 6}
