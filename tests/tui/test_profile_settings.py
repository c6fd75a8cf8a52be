"""Profile and settings, opened from the command palette."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from tests.tui.conftest import drive, settle, wait_until
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.services.profile import get_profile
from tracker.store.paths import config_file
from tracker.tui import TrackerApp
from tracker.tui.screens.log_form import LogFormScreen
from tracker.tui.screens.profile import ProfileScreen, SettingsScreen
from tracker.tui.screens.today import TodayScreen


async def _palette(pilot: Pilot[int], command: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*command)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def test_profile_from_the_palette_saves_through_the_service(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await _palette(pilot, "profile")
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        screen.query_one("#p-sex", Select).value = "female"
        screen.query_one("#p-bone-drug", Select).value = "denosumab-6m"
        screen.query_one("#p-birth-year", Input).value = "1961"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)
    with Journal.open(db) as journal:
        profile = get_profile(journal)
    assert profile.sex.value == "female"
    assert profile.birth_year == 1961
    assert profile.bone_drug.value == "denosumab-6m"


def test_a_bad_profile_value_is_named_and_nothing_is_saved(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await _palette(pilot, "profile")
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        screen.query_one("#p-weight-kg", Input).value = "900"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        error = screen.query_one("#err-p-weight-kg", Static)
        assert "profile.weight_kg: 900" in str(error.render())
        assert "out of range" in str(error.render())
        screen.query_one("#p-weight-kg", Input).value = "heavy"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "profile.weight_kg: 'heavy' is not a number" in str(error.render())
        await pilot.press("escape")
        await settle(pilot)

    drive(db, scenario)
    with Journal.open(db) as journal:
        assert get_profile(journal).weight_kg is None


def test_settings_keep_week_start_and_theme(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await _palette(pilot, "settings")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#p-week-start", Select).value = "sunday"
        screen.query_one("#p-theme", Select).value = "light"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert isinstance(app.screen, TodayScreen)
        assert app.theme == "textual-light"

    drive(db, scenario)
    saved = tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert saved["review"]["week_start"] == "sunday"
    assert saved["tui"]["theme"] == "light"

    async def reopened(pilot: Pilot[int], app: TrackerApp) -> None:
        assert app.theme == "textual-light"  # the saved theme comes back

    drive(db, reopened)


def test_a_keymap_in_config_remaps_a_binding_by_its_id(db: Path) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[keymap]\n"today.log-sleep" = "z"\n', encoding="utf-8")

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.kind is Kind.SLEEP

    drive(db, scenario)
