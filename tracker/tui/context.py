"""What every screen shares: where the journal is, the open journal, and "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.services import clock

if TYPE_CHECKING:
    from tracker.services.journal import Journal

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class JournalNotReady(LookupError):
    """The journal is still being opened (a key pressed in the first moments)."""


class AppContext:
    """The app's state outside the widgets. ``fixed_today`` injects the clock (tests, demos)."""

    def __init__(self, db: Path, fixed_today: dt.date | None = None) -> None:
        self.db = db
        self.fixed_today = fixed_today
        self.journal: Journal | None = None

    def today(self) -> dt.date:
        """The injected day, else ``TRACKER_TODAY``, else the real local date."""
        return self.fixed_today or clock.today()

    def require(self) -> Journal:
        if self.journal is None:
            raise JournalNotReady("The journal is still opening; try again in a moment.")
        return self.journal
