"""Storage: SQLAlchemy tables, engines, opening/creating/upgrading journal files, backups."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.store.failures import describe_failure, nearly_full
from tracker.store.paths import remove_stale_temporaries
from tracker.store.schema import JournalError, State, inspect_journal

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tracker.store.engine import make_engine, writer

__all__ = ["JournalError", "OpenedJournal", "make_engine", "open_journal", "writer"]


class OpenedJournal:
    """An open journal file: its path, engine, and the backup taken if it was upgraded."""

    def __init__(self, path: Path, engine: Engine, upgraded_backup: Path | None) -> None:
        self.path = path
        self.engine = engine
        self.upgraded_backup = upgraded_backup


def open_journal(path: Path) -> OpenedJournal:
    """Open the journal at ``path``: create it if missing, upgrade it (after a backup) if old.

    Anything that is not a journal this version can open raises ``JournalError`` and is left
    byte-for-byte untouched.
    """
    state = inspect_journal(path).state
    backup = None
    if state is State.MISSING:
        from tracker.store.migrate import create_journal

        try:
            create_journal(path)
        except OSError as error:
            if error.errno == errno.ENOSPC or nearly_full(path):
                raise JournalError(describe_failure(error, path)) from None
            raise JournalError(f"cannot create a journal at {path}: {error.strerror}") from None
        state = inspect_journal(path).state
    elif path.stat().st_nlink > 1:
        # A second name of this file: left by a process killed while it created the journal.
        remove_stale_temporaries(path)
    if state is State.OLDER:
        from tracker.store.migrate import upgrade_journal

        backup = upgrade_journal(path)
    from tracker.store.engine import make_engine

    return OpenedJournal(path, make_engine(path), backup)


def __getattr__(name: str) -> Any:
    """``make_engine`` and ``writer`` load SQLAlchemy: only when asked for (not at import), so
    that the standard-library parts of the store (schema, dbapi, paths) import it no sooner.
    """
    if name in ("make_engine", "writer"):
        from tracker.store import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
