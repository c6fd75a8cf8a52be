"""``?``: every key of the app, screen by screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """Every binding of the app's screens, by screen (imports the screens lazily)."""
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.export import ExportScreen
    from tracker.tui.screens.history import HistoryScreen
    from tracker.tui.screens.levers import LeversScreen
    from tracker.tui.screens.log_form import LogFormScreen
    from tracker.tui.screens.profile import SmallForm
    from tracker.tui.screens.today import TodayScreen
    from tracker.tui.screens.week import WeekScreen

    def only(bindings: list[BindingType]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    return [
        ("Everywhere", only(TrackerApp.BINDINGS)),
        ("Today", only(TodayScreen.BINDINGS)),
        ("Log forms", only(LogFormScreen.BINDINGS)),
        ("Week", only(WeekScreen.BINDINGS)),
        ("History", only(HistoryScreen.BINDINGS)),
        ("Levers", only(LeversScreen.BINDINGS)),
        ("Export", only(ExportScreen.BINDINGS)),
        ("Profile, settings", only(SmallForm.BINDINGS)),
        ("Keys (this list)", only(HelpScreen.BINDINGS)),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every binding with its key, what it does and its id (for a keymap)."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc close"
            yield Static("ctrl+p opens the command palette with every action.", id="help-hint")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("where", "key", "does", "id")
        for section, bindings in binding_sections():
            for binding in bindings:
                keys = ", ".join(
                    self.app.get_key_display(Binding(k.strip(), binding.action))
                    for k in binding.key.split(",")
                )
                table.add_row(section, keys, binding.description, binding.id or "")
        table.focus()
