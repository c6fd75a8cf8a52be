"""Levers (``l``): the catalogue in our own words, each target with its source; set your own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.status import target_text

if TYPE_CHECKING:
    from tracker.domain.levers import Catalogue, Lever, TargetSpec
    from tracker.domain.summary import TargetOverride

INTRO = (
    "The levers in our own words, from the patient summary of Bakir et al. 2025. Guidance, "
    "not medical advice: set any target to what you agreed with your care team (e)."
)


def origin(spec: TargetSpec, override: TargetOverride | None) -> str:
    """Whose number this is: yours, app-defined, or the default from a cited source."""
    if override is not None:
        return "yours"
    return "app-defined" if spec.source.app_defined else "default"


def detail_text(lever: Lever, spec: TargetSpec | None, override: TargetOverride | None) -> Text:
    text = Text()
    text.append(f"{lever.group.value} {lever.number}: {lever.name}\n", style="bold")
    text.append(lever.description)
    text.append("\nFed by: " + ", ".join(lever.metrics), style="dim")
    if spec is None:
        text.append("\nNo target: followed in your entries only.", style="dim")
        return text
    text.append(f"\n\n{spec.title}: ", style="bold")
    if spec.rules and not spec.threshold:
        text.append("set from your profile (see below)")
    else:
        text.append(target_text(spec.threshold, spec.direction, spec.unit) + " by default")
    if spec.rules and spec.threshold:
        text.append("; your profile can change it", style="dim")
    if override is not None:
        text.append(f"; yours: {override.value:g} {spec.unit}", style="bold")
        if override.note:
            text.append(f" ({override.note})")
    if spec.explanation:
        text.append(f"\n{spec.explanation}")
    source = spec.source
    if source.app_defined:
        text.append(f"\nSource: app-defined ({source.authority})", style="italic")
    else:
        text.append(f"\nSource: {source.authority}; {source.citation}", style="italic")
    return text


class LeversScreen(TrackerScreen):
    """The six core and the supporting levers, every target with its source and whose it is."""

    SUB_TITLE = "Levers"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="levers.back"),
        Binding("e", "edit_target", "Set target", id="levers.edit"),
        Binding("x", "reset_target", "Default", id="levers.reset"),
        Binding("w", "app.open('week')", "Week", id="levers.week"),
        Binding("h", "app.open('history')", "History", id="levers.history"),
    ]

    class Loaded(Message):
        """The catalogue and the user's own targets were read."""

        def __init__(self, catalogue: Catalogue, overrides: dict[str, TargetOverride]) -> None:
            super().__init__()
            self.catalogue = catalogue
            self.overrides = overrides

    class Reset(Message):
        """A target went back to its default."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__(id="levers")
        self.catalogue: Catalogue | None = None
        self.overrides: dict[str, TargetOverride] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(INTRO, id="levers-intro")
        yield DataTable(id="levers-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="lever-detail-box"):
            yield Static("", id="lever-detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#levers-table", DataTable)
        for label, width in (("lever", 5), ("target", 26), ("aim", 18), ("whose", 11)):
            table.add_column(label, width=width, key=label)
        table.focus()
        self.reload()

    def journal_ready(self) -> None:
        self.reload()

    def reload(self) -> None:
        if self.ctx.journal is not None:
            self.load()

    @work(thread=True, exclusive=True, group="levers-load")
    def load(self) -> None:
        from tracker.guidance import catalogue
        from tracker.services.review import target_overrides

        with self.guard():
            self.post_message(self.Loaded(catalogue(), target_overrides(self.journal)))

    def on_levers_screen_loaded(self, message: LeversScreen.Loaded) -> None:
        self.catalogue, self.overrides = message.catalogue, message.overrides
        table = self.query_one("#levers-table", DataTable)
        row = table.cursor_row
        table.clear()
        for lever in message.catalogue.levers:
            specs = [t for t in message.catalogue.targets if t.lever == lever.id]
            if not specs:
                table.add_row(lever.id, Text(lever.name, style="dim"), "", "", key=lever.id)
            for spec in specs:
                override = message.overrides.get(spec.id)
                aim = target_text(
                    override.value if override else spec.threshold, spec.direction, spec.unit
                )
                if override is None and spec.rules and not spec.threshold:
                    aim = "from your profile"
                table.add_row(
                    lever.id, spec.title, aim, origin(spec, override), key=f"{lever.id}|{spec.id}"
                )
        table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self.show_selected()

    def selected(self) -> tuple[Lever, TargetSpec | None] | None:
        table = self.query_one("#levers-table", DataTable)
        if self.catalogue is None or table.row_count == 0:
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        lever_id, _, target_id = key.partition("|")
        spec = next((t for t in self.catalogue.targets if t.id == target_id), None)
        return self.catalogue.lever(lever_id), spec

    @on(DataTable.RowHighlighted, "#levers-table")
    def show_selected(self) -> None:
        chosen = self.selected()
        detail = self.query_one("#lever-detail", Static)
        if chosen is None:
            detail.update("")
            return
        lever, spec = chosen
        detail.update(detail_text(lever, spec, self.overrides.get(spec.id) if spec else None))

    def action_edit_target(self) -> None:
        from tracker.tui.screens.target_form import TargetFormScreen

        chosen = self.selected()
        if chosen is None or chosen[1] is None:
            self.notify("This lever has no target to set.", severity="warning")
            return
        spec = chosen[1]
        self.app.push_screen(
            TargetFormScreen(spec, self.overrides.get(spec.id)), lambda _: self.reload()
        )

    def action_reset_target(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[1] is None or chosen[1].id not in self.overrides:
            self.notify("This target is already the default.", severity="warning")
            return
        self.reset(chosen[1].id)

    @work(thread=True, group="levers-change")
    def reset(self, target_id: str) -> None:
        from tracker.services.review import reset_target

        with self.guard():
            reset_target(self.journal, target_id)
            self.post_message(self.Reset(f"{target_id} is back to its default. u on Today undoes."))

    def on_levers_screen_reset(self, message: LeversScreen.Reset) -> None:
        self.notify(message.text, markup=False)
        self.reload()
