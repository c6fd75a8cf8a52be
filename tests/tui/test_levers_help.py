"""Levers, help, the command palette and quitting."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.tui.conftest import drive, settle
from tracker.guidance import catalogue
from tracker.services.journal import Journal
from tracker.services.review import target_overrides
from tracker.tui import TrackerApp
from tracker.tui.screens.help import HelpScreen, binding_sections
from tracker.tui.screens.levers import LeversScreen
from tracker.tui.screens.target_form import TargetFormScreen


def test_levers_lists_the_catalogue_with_sources(db: Path) -> None:
    cat = catalogue()

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeversScreen)
        table = screen.query_one("#levers-table", DataTable)
        per_lever = [len([t for t in cat.targets if t.lever == lv.id]) or 1 for lv in cat.levers]
        assert table.row_count == sum(per_lever)
        assert str(table.get_row_at(0)[0]) == "C1"
        detail = screen.query_one("#lever-detail", Static)
        for row, spec in ((table.get_row_index(f"{t.lever}|{t.id}"), t) for t in cat.targets):
            table.move_cursor(row=row)
            await pilot.pause()
            text = str(detail.render())
            assert spec.title in text
            assert (
                "app-defined" in text if spec.source.app_defined else spec.source.citation in text
            )
            whose = str(table.get_row_at(row)[3])
            assert whose == ("app-defined" if spec.source.app_defined else "default")

    drive(db, scenario)


def test_set_your_own_target_with_a_note_then_back_to_default(db: Path) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LeversScreen)
        table = screen.query_one("#levers-table", DataTable)
        table.move_cursor(row=table.get_row_index("C2|aerobic-minutes"))
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TargetFormScreen)
        await pilot.press("a", "b", "c", "ctrl+s")
        await settle(pilot)
        assert "value: 'abc' is not a number" in str(
            form.query_one("#err-p-value", Static).render()
        )
        form.query_one("#p-value", Input).value = "120"
        form.query_one("#p-note", Input).value = "set with my physio"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        row = table.get_row("C2|aerobic-minutes")
        assert str(row[2]) == "≥ 120 min"
        assert str(row[3]) == "yours"
        assert "set with my physio" in str(screen.query_one("#lever-detail", Static).render())
        with Journal.open(db) as journal:
            assert target_overrides(journal)["aerobic-minutes"].value == 120
        await pilot.press("x")
        await settle(pilot)
        assert str(table.get_row("C2|aerobic-minutes")[3]) == "default"

    drive(db, scenario)
    with Journal.open(db) as journal:
        assert target_overrides(journal) == {}


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
            "Undo",
            "Profile",
            "Settings",
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
