"""Week (``w``): placeholder until the weekly review service lands."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from tracker.tui.screens.base import TrackerScreen


class WeekScreen(TrackerScreen):
    SUB_TITLE = "Week"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="week.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("The weekly review is coming.", id="week-title")
        yield Footer()
