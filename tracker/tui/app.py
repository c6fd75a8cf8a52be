"""The app factory used by the CLI and the tests, and the app itself.

Start-up paints Today first and opens the journal in a worker thread, so the first frame
never waits on SQLAlchemy, Alembic or the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from tracker.domain.metrics import Kind
from tracker.tui.context import THEMES, AppContext
from tracker.tui.forms import KIND_TITLES
from tracker.tui.screens.base import describe_problem
from tracker.tui.screens.today import TodayScreen

if TYPE_CHECKING:
    from tracker.services.journal import Journal


class TrackerApp(App[int]):
    """Lever Tracker's terminal app."""

    TITLE = "Lever Tracker"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit-now"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
    ]

    class JournalOpened(Message):
        """The journal file is open (created or upgraded if needed)."""

        def __init__(self, journal: Journal) -> None:
            super().__init__()
            self.journal = journal

    class JournalFailed(Message):
        """The journal could not be opened; ``text`` says why in one line."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, db: Path, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.ctx = AppContext(db, today)
        self.theme = THEMES["dark"]
        self._theme_at_start = self.theme

    def get_default_screen(self) -> Screen[Any]:
        """Today is the app's base screen (no empty default screen composed under it)."""
        return TodayScreen()

    def on_mount(self) -> None:
        # After the first frame: the worker's imports (pydantic, then SQLAlchemy) hold the GIL
        # for hundreds of ms, and would otherwise run while that frame is being composed.
        self.call_after_refresh(self.open_journal)

    @work(thread=True, exclusive=True, group="journal-open")
    def open_journal(self) -> None:
        self._peek_today()
        self._daily_backup()
        try:
            from tracker.services.journal import Journal

            journal = Journal.open(self.ctx.db)
            self.post_message(self.LookLoaded(*self._saved_look()))
        except Exception as error:
            self.post_message(self.JournalFailed(describe_problem(error, self.ctx.db)[0]))
        else:
            self.post_message(self.JournalOpened(journal))

    def _peek_today(self) -> None:
        """Show today's entries read over sqlite3, before SQLAlchemy loads (a current journal)."""
        today = self.today_screen()
        if today is None:
            return
        from tracker.services.quick import peek_entries

        day = today.day
        entries = peek_entries(self.ctx.db, day)
        if entries is not None:
            today.post_message(TodayScreen.DayPeeked(day, entries))

    def _daily_backup(self) -> None:
        """The first run of each day copies the journal into backups/ (off the UI thread)."""
        from tracker.store.schema import JournalError

        try:
            from tracker.services.backups import daily_backup

            daily_backup(self.ctx.db, self.ctx.today())
        except JournalError:
            return  # opening the journal says what is wrong with the file
        except Exception as error:  # never in the way of opening the journal
            text = describe_problem(error)[0]
            self.call_from_thread(
                self.notify, f"Today's automatic backup failed: {text}", severity="warning"
            )

    @staticmethod
    def _saved_look() -> tuple[str, dict[str, str]]:
        from tracker.services.appearance import load_keymap, load_theme

        return load_theme().value, load_keymap()

    class LookLoaded(Message):
        """The saved theme (dark when none is saved) and keymap were read."""

        def __init__(self, theme: str, keymap: dict[str, str]) -> None:
            super().__init__()
            self.theme = theme
            self.keymap = keymap

    def on_tracker_app_look_loaded(self, message: TrackerApp.LookLoaded) -> None:
        # A theme chosen while the saved one was being read wins over the saved one.
        if self.theme == self._theme_at_start:
            self.theme = THEMES[message.theme]
        if message.keymap:
            self.set_keymap(message.keymap)

    def on_tracker_app_journal_opened(self, message: TrackerApp.JournalOpened) -> None:
        self.ctx.journal = message.journal
        if message.journal.upgraded_backup is not None:
            self.notify(
                f"The journal was upgraded; a copy of the old one is in "
                f"{message.journal.upgraded_backup}",
                markup=False,
            )
        for screen in self.screen_stack:
            ready = getattr(screen, "journal_ready", None)
            if callable(ready):
                ready()

    def on_tracker_app_journal_failed(self, message: TrackerApp.JournalFailed) -> None:
        self.show_problem(message.text)

    def show_problem(self, text: str) -> None:
        """Replace everything with a clear message (never a traceback)."""
        from tracker.tui.screens.problem import ProblemScreen

        if isinstance(self.screen, ProblemScreen):
            return
        self.push_screen(ProblemScreen(text, str(self.ctx.db)))

    def on_unmount(self) -> None:
        if self.ctx.journal is not None:
            self.ctx.journal.close()

    # -- navigation ---------------------------------------------------------------------------

    def today_screen(self) -> TodayScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, TodayScreen)), None)

    def action_open(self, name: str) -> None:
        """Open a feature screen from Today (going back to Today first if elsewhere)."""
        target = self._screen_for(name)
        if target is None:
            return
        if type(self.screen) is type(target):
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TodayScreen):
            self.pop_screen()
        if name != "today":
            self.push_screen(target)

    def _screen_for(self, name: str) -> Screen[None] | None:
        if name == "today":
            return self.today_screen()
        if name == "week":
            from tracker.tui.screens.week import WeekScreen

            return WeekScreen()
        if name == "history":
            from tracker.tui.screens.history import HistoryScreen

            return HistoryScreen()
        if name == "export":
            from tracker.tui.screens.export import ExportScreen

            return ExportScreen()
        if name == "levers":
            from tracker.tui.screens.levers import LeversScreen

            return LeversScreen()
        return None

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_log(self, kind: str) -> None:
        today = self.today_screen()
        if today is None:
            return
        self.action_open("today")
        today.action_log(kind)

    def action_set_theme(self, name: str) -> None:
        """Show and keep the theme (``dark`` or ``light``)."""
        self.theme = THEMES["light" if name == "light" else "dark"]
        self.keep_theme(name)

    @work(thread=True, exclusive=True, group="theme")
    def keep_theme(self, name: str) -> None:
        from tracker.services.appearance import save_theme

        try:
            save_theme(name)
        except Exception as error:
            self.call_from_thread(
                self.notify, f"The theme was not saved: {describe_problem(error)[0]}"
            )

    def action_undo(self) -> None:
        """Undo the last change, from the screen shown (Today when it has no undo)."""
        undo = getattr(self.screen, "action_undo", None)
        if callable(undo):
            undo()
            return
        today = self.today_screen()
        if today is not None:
            self.action_open("today")
            today.action_undo()

    def action_profile(self) -> None:
        from tracker.tui.screens.profile import ProfileScreen

        self.push_screen(ProfileScreen())

    def action_settings(self) -> None:
        from tracker.tui.screens.profile import SettingsScreen

        self.push_screen(SettingsScreen())

    # -- command palette ----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for kind in Kind:
            yield SystemCommand(
                f"Log {KIND_TITLES[kind].lower()}",
                f"Open the {kind.value} form for the day shown on Today",
                partial(self.action_log, kind.value),
            )
        yield SystemCommand("Today", "The day's page", partial(self.action_open, "today"))
        yield SystemCommand("Week", "The weekly review", partial(self.action_open, "week"))
        yield SystemCommand(
            "History",
            "Every entry: filter, edit, delete, bin",
            partial(self.action_open, "history"),
        )
        yield SystemCommand(
            "Levers", "The levers and their targets", partial(self.action_open, "levers")
        )
        yield SystemCommand(
            "Export",
            "CSV, JSON, clinic report, backup copy, import",
            partial(self.action_open, "export"),
        )
        yield SystemCommand(
            "Profile", "Who the review is for (optional fields)", self.action_profile
        )
        yield SystemCommand("Settings", "First day of the week, theme", self.action_settings)
        yield SystemCommand(
            "Undo", "Reverse the last change (entry, profile, target)", self.action_undo
        )
        yield SystemCommand("Help: keys", "Every key of the app", self.action_help)
        yield SystemCommand(
            "Theme: dark", "Light text on dark", partial(self.action_set_theme, "dark")
        )
        yield SystemCommand(
            "Theme: light", "Dark text on light", partial(self.action_set_theme, "light")
        )
        yield SystemCommand("Quit", "Leave the app", self.exit)


def make_app(db: Path, *, today: dt.date | None = None) -> TrackerApp:
    """The app over the journal at ``db``; ``today`` fixes the date (else ``TRACKER_TODAY``)."""
    return TrackerApp(db, today=today)
