"""Shown instead of a traceback when the journal cannot be used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class ProblemScreen(Screen[None]):
    """A clear message about what went wrong and where; the only way on is to quit."""

    SUB_TITLE = "Problem"
    BINDINGS = [Binding("q,escape", "app.quit", "Quit", id="problem.quit")]

    def __init__(self, text: str, where: str) -> None:
        super().__init__(id="problem")
        self.text = text
        self.where = where

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="problem-box") as box:
            box.border_title = "The journal could not be used"
            yield Static(self.text, id="problem-text", markup=False)
            yield Static(
                f"Journal: {self.where}\n\nNothing was changed. Check the file (or open another "
                "with `tracker --db PATH`), then start the app again. Press q to quit.",
                id="problem-where",
                markup=False,
            )
        yield Footer(compact=True, show_command_palette=False)
