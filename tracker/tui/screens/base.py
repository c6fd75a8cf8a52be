"""What every screen of the app has: the shared context, and journal work that never crashes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from textual.message import Message
from textual.screen import ModalScreen, Screen

from tracker.domain.errors import InputError

if TYPE_CHECKING:
    from tracker.services.journal import Journal
    from tracker.tui.context import AppContext

T = TypeVar("T")


class _HasContext(Protocol):
    ctx: AppContext

    def show_problem(self, text: str) -> None: ...


def describe_problem(error: BaseException, journal: Path | None = None) -> tuple[str, bool]:
    """A one-line message for an error raised by journal work, and whether it is fatal.

    A full disk, a read-only or busy journal are not fatal: nothing was saved, the screen (and
    the form with what was typed) stays, and the message says what to do before trying again.
    """
    if isinstance(error, InputError):
        return error.message, False
    if isinstance(error, LookupError):  # NothingToUndo and friends
        return str(error.args[0] if error.args else error), False
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    from tracker.store import JournalError
    from tracker.store.failures import describe_failure, is_damage

    if isinstance(error, JournalError):
        return str(error), True
    if isinstance(error, DBAPIError | sqlite3.Error | OSError):
        text = describe_failure(error, journal or Path("the journal"))
        return text, is_damage(getattr(error, "orig", None) or error)
    return f"something went wrong ({type(error).__name__}: {error})", True


class JournalWork:
    """Mixin for screens whose workers use the journal and report problems as messages."""

    class Failed(Message):
        """Journal work failed; ``fatal`` problems replace the screen with a message."""

        def __init__(self, text: str, fatal: bool) -> None:
            super().__init__()
            self.text = text
            self.fatal = fatal

    @property
    def ctx(self) -> AppContext:
        return cast(_HasContext, cast(Screen[object], self).app).ctx

    @property
    def journal(self) -> Journal:
        return self.ctx.require()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Run journal work in a worker thread; any problem is posted back as ``Failed``."""
        try:
            yield
        except Exception as error:
            text, fatal = describe_problem(error, self.ctx.db)
            cast(Screen[object], self).post_message(JournalWork.Failed(text, fatal))

    def on_journal_work_failed(self, message: JournalWork.Failed) -> None:
        screen = cast(Screen[object], self)
        if message.fatal:
            cast(_HasContext, screen.app).show_problem(message.text)
        else:
            screen.notify(message.text, severity="error", markup=False)

    def journal_ready(self) -> None:
        """Called by the app once the journal is open (and on screens opened afterwards)."""


class TrackerScreen(JournalWork, Screen[None]):
    """A full screen of the app."""


class TrackerModal(JournalWork, ModalScreen[T]):
    """A modal screen of the app returning ``T``."""
