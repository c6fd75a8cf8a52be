"""A card on the Today screen: one kind, what is logged for the day, or that nothing is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tracker.domain.metrics import Kind
from tracker.tui.forms import KIND_TITLES

if TYPE_CHECKING:
    from tracker.domain.entry import Entry

LOGGED = "✓"
NOT_LOGGED = "·"


class KindCard(Static):
    """Shows one kind's entries for a day. ``key`` is the key that opens its log form."""

    def __init__(self, kind: Kind, key: str) -> None:
        super().__init__(id=f"card-{kind.value}", classes="kind-card empty")
        self.kind = kind
        self.key = key
        self.entries: list[Entry] = []
        self.border_title = KIND_TITLES[kind]
        self.border_subtitle = f"{key} log"

    def on_mount(self) -> None:
        self.show([])

    def show(self, entries: list[Entry], loading: bool = False) -> None:
        self.entries = list(entries)
        self.set_class(not entries, "empty")
        self.set_class(bool(entries), "logged")
        text = Text()
        if loading:
            text.append("…", style="dim")
        elif not entries:
            text.append(f"{NOT_LOGGED} not logged\n", style="dim")
            text.append(f"press {self.key}", style="dim italic")
        else:
            for i, entry in enumerate(entries):
                if i:
                    text.append("\n")
                text.append(f"{LOGGED} ", style="bold")
                text.append(entry.summary() or entry.kind.value)
        self.update(text)
