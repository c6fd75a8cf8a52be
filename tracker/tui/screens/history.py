"""History (``h``): every entry in a table, filtered by kind and dates; edit, delete, undo, bin."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from tracker.domain.errors import InputError
from tracker.domain.metrics import Kind
from tracker.domain.parse import parse_date
from tracker.tui.forms import KIND_TITLES
from tracker.tui.screens.base import TrackerScreen

if TYPE_CHECKING:
    from tracker.domain.entry import Entry


class HistoryScreen(TrackerScreen):
    """All entries (or the bin's), newest first."""

    SUB_TITLE = "History"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history.back"),
        Binding("enter", "edit", "Edit", id="history.edit", show=False),
        Binding("d,delete", "delete", "Delete", id="history.delete"),
        Binding("u", "undo", "Undo", id="history.undo"),
        Binding("b", "toggle_bin", "Bin", id="history.bin"),
        Binding("r", "restore", "Restore", id="history.restore"),
        Binding("f", "filter", "Filter", id="history.filter"),
    ]

    class Loaded(Message):
        """Entries matching the filters were read."""

        def __init__(self, entries: list[Entry], in_bin: bool) -> None:
            super().__init__()
            self.entries = entries
            self.in_bin = in_bin

    class Changed(Message):
        """An entry was deleted or restored, or a change undone."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__(id="history")
        self.in_bin = False
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filters"):
            yield Select(
                [(KIND_TITLES[k], k.value) for k in Kind],
                prompt="All kinds",
                id="filter-kind",
                compact=True,
            )
            yield Label("from")
            yield Input(placeholder="YYYY-MM-DD", id="filter-from", compact=True)
            yield Label("to")
            yield Input(placeholder="YYYY-MM-DD", id="filter-to", compact=True)
        yield Static("", id="history-mode")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        for label, width in (
            ("id", 4), ("date", 10), ("time", 5), ("kind", 9), ("what", 28), ("note", 10)
        ):  # fmt: skip
            table.add_column(label, width=width, key=label)
        table.focus()
        self.reload()

    def journal_ready(self) -> None:
        self.reload()

    # -- filters and loading ------------------------------------------------------------------

    def filters(self) -> tuple[Kind | None, dt.date | None, dt.date | None]:
        """The kind and dates typed in the filter bar; raises ``InputError`` for a bad date."""
        kind_value = self.query_one("#filter-kind", Select).value
        kind = None if kind_value is Select.NULL else Kind(str(kind_value))
        today = self.ctx.today()
        dates: list[dt.date | None] = []
        for name in ("from", "to"):
            text = self.query_one(f"#filter-{name}", Input).value.strip()
            dates.append(parse_date(text, today, name) if text else None)
        return kind, dates[0], dates[1]

    def reload(self) -> None:
        if self.ctx.journal is None:
            return
        try:
            kind, start, end = self.filters()
        except InputError as error:
            self.query_one("#history-mode", Static).update(error.message)
            self.query_one("#history-mode").add_class("error")
            return
        self.query_one("#history-mode").remove_class("error")
        self.load(kind, start, end, self.in_bin)

    @work(thread=True, exclusive=True, group="history-load")
    def load(
        self, kind: Kind | None, start: dt.date | None, end: dt.date | None, in_bin: bool
    ) -> None:
        with self.guard():
            entries = self.journal.entries(start, end, kind, deleted=in_bin)
            self.post_message(self.Loaded(list(reversed(entries)), in_bin))

    def on_history_screen_loaded(self, message: HistoryScreen.Loaded) -> None:
        self.entries = message.entries
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for entry in message.entries:
            table.add_row(
                str(entry.id),
                entry.date.isoformat(),
                entry.time.strftime("%H:%M") if entry.time else "",
                entry.kind.value,
                entry.summary(),
                entry.note.replace("\n", " ")[:30],
                key=str(entry.id),
            )
        where = "In the bin (r restore, b back to entries)" if message.in_bin else "Entries"
        self.query_one("#history-mode", Static).update(
            f"{where}: {len(message.entries)} shown, newest first"
        )

    @on(Select.Changed, "#filter-kind")
    @on(Input.Submitted, "#filter-from, #filter-to")
    def _filters_changed(self) -> None:
        self.reload()
        self.query_one("#history-table").focus()

    # -- actions ------------------------------------------------------------------------------

    def selected(self) -> Entry | None:
        table = self.query_one("#history-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.entries if str(e.id) == key), None)

    def action_filter(self) -> None:
        self.query_one("#filter-kind").focus()

    def action_toggle_bin(self) -> None:
        self.in_bin = not self.in_bin
        self.reload()

    def action_edit(self) -> None:
        from tracker.tui.screens.log_form import LogFormScreen

        entry = self.selected()
        if entry is None or self.in_bin:
            return
        self.app.push_screen(LogFormScreen(entry.kind, entry.date, entry), self._saved)

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def _saved(self, entry: Entry | None) -> None:
        if entry is not None:
            self.notify(f"Saved entry {entry.id}: {entry.summary()}", markup=False)
            self.reload()

    def action_delete(self) -> None:
        entry = self.selected()
        if entry is None or self.in_bin:
            return
        self.change("delete", entry.id)

    def action_restore(self) -> None:
        entry = self.selected()
        if entry is None or not self.in_bin:
            self.notify("Restore works in the bin (press b).", severity="warning")
            return
        self.change("restore", entry.id)

    def action_undo(self) -> None:
        self.change("undo", None)

    @work(thread=True, group="history-change")
    def change(self, what: str, entry_id: int | None) -> None:
        with self.guard():
            if what == "undo":
                text = self.journal.undo().capitalize() + "."
            elif what == "delete" and entry_id is not None:
                entry = self.journal.delete(entry_id)
                text = f"Deleted entry {entry.id} ({entry.summary()}). Press u to undo."
            elif what == "restore" and entry_id is not None:
                entry = self.journal.restore(entry_id)
                text = f"Restored entry {entry.id} ({entry.summary()})."
            else:
                return
            self.post_message(self.Changed(text))

    def on_history_screen_changed(self, message: HistoryScreen.Changed) -> None:
        self.notify(message.text, markup=False)
        self.reload()
