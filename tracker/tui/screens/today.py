"""Today (the home screen): one day, a card per kind, the day's entries, the first-run welcome."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.lazy import Lazy
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from tracker.domain.metrics import Kind
from tracker.tui.forms import KIND_TITLES
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.kind_card import KindCard
from tracker.tui.widgets.text import app_detail

if TYPE_CHECKING:
    from tracker.domain.entry import Entry
    from tracker.services.dayview import DayView

LOG_KEYS: dict[Kind, str] = {
    Kind.SLEEP: "s",
    Kind.EXERCISE: "e",
    Kind.NUTRITION: "n",
    Kind.STRESS: "r",
    Kind.CARE: "c",
}


def day_title(day: dt.date, today: dt.date) -> str:
    label = f"{day:%A} {day.day} {day:%B %Y}"
    delta = (day - today).days
    rel = {0: "today", -1: "yesterday", 1: "tomorrow"}.get(delta)
    if rel is None:
        rel = f"{-delta} days ago" if delta < 0 else f"in {delta} days"
    return f"{label} · {rel}"


class DayEntries(DataTable[str]):
    """The day's entries, one row each (keyed by entry id)."""

    def __init__(self) -> None:
        super().__init__(id="day-entries", cursor_type="row", zebra_stripes=True)
        self._pending: list[Entry] | None = None

    def on_mount(self) -> None:
        # The id column fits the longest id shown (ids grow past four digits in a few years).
        for label, width in (("id", None), ("time", 5), ("kind", 9), ("what", 32), ("note", 16)):
            self.add_column(label, width=width, key=label)
        if self.screen.focused is None:
            self.focus()  # mounted after the screen chose its focus
        if self._pending is not None:
            self.show(self._pending)

    def show(self, entries: list[Entry]) -> None:
        if not self.is_mounted:
            self._pending = entries  # read before this table was mounted
            return
        self.clear()
        for entry in entries:
            self.add_row(
                str(entry.id),
                entry.time.strftime("%H:%M") if entry.time else "",
                entry.kind.value,
                entry.summary(),
                entry.note.replace("\n", " ")[:40],
                key=str(entry.id),
            )


class TodayScreen(TrackerScreen):
    """The day's page: what is logged and what is not, one key to log each kind."""

    SUB_TITLE = "Today"
    BINDINGS = [
        Binding("left", "move(-1)", "Previous day", id="today.prev-day", priority=True, show=False),
        Binding("right", "move(1)", "Next day", id="today.next-day", priority=True, show=False),
        Binding("t", "go_today", "Back to today", id="today.today", show=False),
        *[
            Binding(
                key,
                f"log('{kind.value}')",
                KIND_TITLES[kind].removeprefix("Bone ").capitalize(),
                id=f"today.log-{kind.value}",
            )
            for kind, key in LOG_KEYS.items()
        ],
        Binding("enter", "edit", "Edit entry", id="today.edit", show=False),
        Binding("d,delete", "delete", "Delete entry", id="today.delete", show=False),
        Binding("u", "undo", "Undo", id="today.undo", show=False),
        Binding("w", "app.open('week')", "Week", id="today.week"),
        Binding("h", "app.open('history')", "History", id="today.history"),
        Binding("l", "app.open('levers')", "Levers", id="today.levers"),
        Binding("x", "app.open('export')", "Export", id="today.export", show=False),
    ]

    class DayLoaded(Message):
        """A day's entries were read from the journal."""

        def __init__(self, view: DayView) -> None:
            super().__init__()
            self.view = view

    class DayPeeked(Message):
        """A day's entries, read before the journal is open (the due lines come later)."""

        def __init__(self, day: dt.date, entries: list[Entry]) -> None:
            super().__init__()
            self.day = day
            self.entries = entries

    class Changed(Message):
        """An entry was deleted, or a change undone; ``text`` says what happened."""

        def __init__(self, text: str, undoable: bool) -> None:
            super().__init__()
            self.text = text
            self.undoable = undoable

    def __init__(self) -> None:
        super().__init__(id="today")
        self.day: dt.date = dt.date.min
        self.view: DayView | None = None
        self.entries: list[Entry] = []  # the day's entries shown (the table's rows)
        self.table = DayEntries()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today-body"):
            yield Static("", id="day-title")
            yield Static("", id="welcome")
            yield Static("", id="due")
            with Grid(id="cards"):
                for kind, key in LOG_KEYS.items():
                    yield KindCard(kind, key)
            yield Static(
                "enter edit · d delete · u undo · ←/→ day · t today · ^p commands · q quit",
                id="entries-title",
            )
            # Mounted after the first frame: it has nothing to show until the day is read.
            yield Lazy(self.table)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.day = self.ctx.today()
        self.query_one("#welcome").display = False
        self.query_one("#due").display = False
        self._show_title()
        for card in self.query(KindCard):
            card.show([], loading=True)
        if self.ctx.journal is not None:
            self.journal_ready()

    def journal_ready(self) -> None:
        self.load_day(self.day)

    def _show_title(self) -> None:
        title = day_title(self.day, self.ctx.today())
        self.query_one("#day-title", Static).update(f"◀ {title} ▶")

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="today-load")
    def load_day(self, day: dt.date) -> None:
        from tracker.services.dayview import day_view

        with self.guard():
            self.post_message(self.DayLoaded(day_view(self.journal, day)))

    def on_today_screen_day_peeked(self, message: TodayScreen.DayPeeked) -> None:
        if message.day != self.day or self.view is not None:
            return  # moved to another day, or the whole view is shown already
        self._show_entries(message.entries)

    def on_today_screen_day_loaded(self, message: TodayScreen.DayLoaded) -> None:
        if message.view.day != self.day:
            return
        self.view = message.view
        self._show_entries(message.view.entries)
        due = self.query_one("#due", Static)
        lines = [app_detail(line) for line in message.view.due]
        due.update("Bone care · " + " · ".join(lines) if lines else "")
        due.display = bool(lines)
        welcome = self.query_one("#welcome", Static)
        welcome.display = message.view.journal_empty
        if message.view.journal_empty:
            welcome.update(
                "Welcome to Lever Tracker. Nothing is logged yet: press s, e, n, r or c to log "
                "sleep, exercise, nutrition, stress or bone care for this day (← → move a day). "
                "Set your profile from the command palette (ctrl+p).\n"
                f"Your journal lives in {message.view.path}, readable only by you."
            )

    def _show_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        for card in self.query(KindCard):
            card.show([e for e in entries if e.kind is card.kind])
        self.table.show(entries)

    def reload(self) -> None:
        self._show_title()
        if self.ctx.journal is not None:
            self.load_day(self.day)
        elif self.entries:  # another day than the one read before the journal opened
            self._show_entries([])
            for card in self.query(KindCard):
                card.show([], loading=True)

    # -- actions ------------------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        self.day = self.day + dt.timedelta(days=days)
        self.reload()

    def action_go_today(self) -> None:
        self.day = self.ctx.today()
        self.reload()

    def action_log(self, kind: str) -> None:
        from tracker.tui.screens.log_form import LogFormScreen

        self.app.push_screen(LogFormScreen(Kind(kind), self.day), self._saved)

    def _saved(self, entry: Entry | None) -> None:
        if entry is None:
            return
        when = f"{entry.date:%a} {entry.date.day} {entry.date:%b}"
        self.notify(
            f"Saved {entry.kind.value}: {entry.summary()} on {when}",
            title="Saved",
            markup=False,
        )
        self.day = entry.date
        self.reload()

    def selected_entry(self) -> Entry | None:
        table = self.table
        if not self.entries or not table.is_mounted or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.entries if str(e.id) == key), None)

    def action_edit(self) -> None:
        from tracker.tui.screens.log_form import LogFormScreen

        entry = self.selected_entry()
        if entry is None:
            self.notify("No entry on this day to edit.", severity="warning")
            return
        self.app.push_screen(LogFormScreen(entry.kind, entry.date, entry), self._saved)

    @on(DataTable.RowSelected, "#day-entries")
    def _row_selected(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.notify("No entry on this day to delete.", severity="warning")
            return
        self.delete_entry(entry.id)

    @work(thread=True, group="today-change")
    def delete_entry(self, entry_id: int) -> None:
        with self.guard():
            entry = self.journal.delete(entry_id)
            self.post_message(
                self.Changed(f"Deleted {entry.kind.value} entry {entry.id}. Press u to undo.", True)
            )

    def action_undo(self) -> None:
        self.undo_last()

    @work(thread=True, group="today-change")
    def undo_last(self) -> None:
        with self.guard():
            self.post_message(self.Changed(self.journal.undo().capitalize() + ".", False))

    def on_today_screen_changed(self, message: TodayScreen.Changed) -> None:
        self.notify(message.text, markup=False)
        self.reload()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.reload()
