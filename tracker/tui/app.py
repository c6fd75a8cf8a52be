"""The app factory used by the CLI and the tests."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static


class TrackerApp(App[int]):
    """Lever Tracker's terminal app."""

    TITLE = "Lever Tracker"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, db: Path) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Journal: {self.db}", id="where")
        yield Footer()


def make_app(db: Path) -> TrackerApp:
    return TrackerApp(db)
