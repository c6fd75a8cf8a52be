"""Levers, help, the command palette and quitting."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.tui.conftest import drive, settle
from tracker.guidance import catalogue
from tracker.tui import TrackerApp
from tracker.tui.screens.help import HelpScreen, binding_sections
from tracker.tui.screens.levers import LeversScreen


def test_levers_lists_the_catalogue_with_sources(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeversScreen)
        cards = list(app.screen.query(".lever").results(Static))
        assert len(cards) == len(catalogue().levers)
        assert str(cards[0].border_title).startswith("core 1:")
        text = "\n".join(str(c.render()) for c in cards)
        for target in catalogue().targets:
            assert target.title in text
            assert target.source.authority in text

    drive(db, scenario)


def test_every_binding_has_an_id_and_a_description() -> None:
    ids: list[str] = []
    for _section, bindings in binding_sections():
        for binding in bindings:
            assert binding.description, binding
            assert binding.id, binding
            ids.append(binding.id)
    assert len(ids) == len(set(ids))


def test_help_lists_every_binding(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        expected = sum(len(b) for _s, b in binding_sections())
        assert table.row_count == expected
        ids = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
        assert {"today.log-sleep", "week.prev", "history.bin", "app.quit"} <= ids
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)

    drive(db, scenario)


def test_the_palette_offers_every_action(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for expected in (
            "Log sleep",
            "Log exercise",
            "Log nutrition",
            "Log stress",
            "Log bone care",
            "Today",
            "Week",
            "History",
            "Levers",
            "Help: keys",
            "Theme: dark",
            "Theme: light",
            "Quit",
        ):
            assert expected in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme: light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"

    drive(db, scenario)


def test_q_quits(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert app._exit

    drive(db, scenario)


def test_key_bindings_are_bindings() -> None:
    assert all(isinstance(b, Binding) for _s, bs in binding_sections() for b in bs)
