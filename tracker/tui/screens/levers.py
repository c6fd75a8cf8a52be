"""Levers (``l``): the catalogue in our own words, each target with its source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from tracker.tui.screens.base import TrackerScreen

if TYPE_CHECKING:
    from tracker.domain.levers import Catalogue, Lever, TargetSpec


def target_line(target: TargetSpec) -> Text:
    """``Sleep duration: at least 7 h a night (AASM/SRS 2015, <citation>)``."""
    text = Text("  • ")
    text.append(target.title, style="bold")
    if target.threshold is not None:
        word = {"at-least": "at least", "at-most": "at most"}.get(target.direction.value, "")
        amount = int(target.threshold) if float(target.threshold).is_integer() else target.threshold
        text.append(f": {word} {amount} {target.unit}")
    else:
        text.append(": followed as a trend, never judged")
    source = target.source
    if source.app_defined:
        text.append(f"\n    source: app-defined ({source.authority})", style="italic")
    else:
        text.append(f"\n    source: {source.authority}; {source.citation}", style="italic")
    if target.explanation:
        text.append(f"\n    {target.explanation}", style="dim")
    return text


def lever_text(lever: Lever, targets: list[TargetSpec]) -> Text:
    text = Text()
    text.append(lever.description)
    text.append("\nFed by: " + ", ".join(lever.metrics), style="dim")
    if targets:
        text.append("\nTargets:")
        for target in targets:
            text.append("\n")
            text.append(target_line(target))
    else:
        text.append("\nNo target: followed in your entries only.", style="dim")
    return text


class LeversScreen(TrackerScreen):
    """The six core and the supporting levers, with every default target's source."""

    SUB_TITLE = "Levers"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="levers.back"),
        Binding("w", "app.open('week')", "Week", id="levers.week"),
        Binding("h", "app.open('history')", "History", id="levers.history"),
    ]

    class Loaded(Message):
        """The catalogue was read."""

        def __init__(self, catalogue: Catalogue) -> None:
            super().__init__()
            self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(
            Static(
                "The levers in our own words, from the patient summary of Bakir et al. 2025. "
                "Guidance, not medical advice: every target can be set to what you agreed with "
                "your care team.",
                id="levers-intro",
            ),
            id="levers-scroll",
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="levers-load")
    def load(self) -> None:
        from tracker.guidance import catalogue

        with self.guard():
            self.post_message(self.Loaded(catalogue()))

    def on_levers_screen_loaded(self, message: LeversScreen.Loaded) -> None:
        scroll = self.query_one("#levers-scroll", VerticalScroll)
        for lever in message.catalogue.levers:
            targets = [t for t in message.catalogue.targets if t.lever == lever.id]
            card = Static(lever_text(lever, targets), classes=f"lever {lever.group.value}")
            card.border_title = f"{lever.group.value} {lever.number}: {lever.name}"
            scroll.mount(card)
        scroll.focus()
