"""Backups of the journal file: on demand, once a day automatically, listing, and restore.

Copies go through SQLite's online backup API (``tracker.store.backup``), so they are safe
while the app has the journal open. This module imports no SQLAlchemy: the daily check runs
on every command and must stay cheap (one file-exists test once the day's copy is made).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.errors import InputError
from tracker.store.backup import backup_to, timestamped_backup
from tracker.store.paths import FILE_MODE, backups_dir, ensure_private_dir
from tracker.store.schema import HEAD, JournalError, State, inspect_journal

DAILY_KEEP = 7
RESTORE_ALLOWED = (
    "a Lever Tracker journal or one of its backups (see 'tracker backup --list'); "
    "to bring in an export use 'tracker import'"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    modified: dt.datetime  # aware, UTC


@dataclass(frozen=True)
class RestoreResult:
    journal: Path
    source: Path
    kept: Path | None  # the copy of the journal that was replaced (None if there was none)
    entries: int
    revision: str | None
    needs_upgrade: bool

    def message(self) -> str:
        n = f"{self.entries} entr{'y' if self.entries == 1 else 'ies'}"
        text = f"restored {self.journal} from {self.source} ({n})"
        if self.kept is not None:
            text += f"; the journal it replaced was kept at {self.kept}"
        else:
            text += "; there was no journal there before"
        if self.needs_upgrade:
            text += "; it is from an older version and will be upgraded when next opened"
        return text


def daily_backup_path(journal: Path, day: dt.date) -> Path:
    return backups_dir(journal) / f"{journal.stem}-daily-{day.isoformat()}.db"


def daily_backup(journal: Path, day: dt.date, keep: int = DAILY_KEEP) -> Path | None:
    """Copy the journal once per ``day`` into its backups folder and keep the last ``keep``.

    Returns the new copy, or None when today's exists already or there is no journal yet.
    """
    target = daily_backup_path(journal, day)
    if target.exists() or not journal.is_file():
        return None
    if inspect_journal(journal).state is State.MISSING:
        return None
    ensure_private_dir(target.parent, tighten=True)
    backup_to(journal, target)
    dailies = sorted(target.parent.glob(f"{journal.stem}-daily-*.db"))
    for old in dailies[:-keep] if keep > 0 else dailies:
        old.unlink(missing_ok=True)
    return target


def _require_journal(journal: Path) -> None:
    if not journal.is_file():
        raise InputError("--db", str(journal), "an existing journal", "has no journal yet")
    inspect_journal(journal)  # JournalError if it is not one


def backup_now(journal: Path, target: Path | None = None) -> Path:
    """A backup of ``journal`` at ``target`` (checked first) or, by default, in backups/."""
    _require_journal(journal)
    if target is None:
        return timestamped_backup(journal, "manual")
    from tracker.services.files import check_output

    target = check_output(target)
    if target.exists() and target.resolve() == journal.resolve():
        raise InputError(
            "-o", str(target), "a path other than the journal", "is the journal itself"
        )
    return backup_to(journal, target)


def list_backups(journal: Path) -> list[BackupInfo]:
    """Backups in the journal's backups folder, newest first."""
    folder = backups_dir(journal)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        stat = path.stat()
        found.append(
            BackupInfo(path, stat.st_size, dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC))
        )
    return sorted(found, key=lambda b: (b.modified, b.path.name), reverse=True)


def _count_entries(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()
        return int(row[0])
    except sqlite3.DatabaseError:
        return 0
    finally:
        conn.close()


def _check_source(source: Path) -> State:
    if not source.exists():
        raise InputError("PATH", str(source), RESTORE_ALLOWED, "does not exist")
    try:
        return inspect_journal(source).state
    except JournalError as error:
        problem = (
            "was written by a newer version of Lever Tracker"
            if "newer version" in str(error)
            else "is not a Lever Tracker journal"
        )
        raise InputError("PATH", str(source), RESTORE_ALLOWED, problem) from None


def restore(journal: Path, source: Path) -> RestoreResult:
    """Put the journal in ``source`` in place of ``journal``, keeping a copy of the old one.

    The source is checked first (a journal this version can open); nothing changes otherwise.
    The copy goes through SQLite's backup API into the live file, so an open app sees it.
    """
    source = source.expanduser()
    _check_source(source)
    if journal.exists() and source.resolve() == journal.resolve():
        raise InputError("PATH", str(source), RESTORE_ALLOWED, "is the journal itself")
    kept: Path | None = None
    if journal.exists():
        try:
            current = inspect_journal(journal).state
        except JournalError:
            current = None
        if current in (State.CURRENT, State.OLDER):
            kept = timestamped_backup(journal, "before-restore")
        else:
            folder = ensure_private_dir(backups_dir(journal), tighten=True)
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
            kept = folder / f"{journal.stem}-{stamp}-before-restore-unreadable{journal.suffix}"
            shutil.copyfile(journal, kept)
            kept.chmod(FILE_MODE)
        if current in (State.CURRENT, State.OLDER):
            _copy_into(source, journal)
        else:
            backup_to(source, journal)
    else:
        backup_to(source, journal)
    state = inspect_journal(journal)
    return RestoreResult(
        journal=journal,
        source=source,
        kept=kept,
        entries=_count_entries(journal),
        revision=state.revision,
        needs_upgrade=state.revision != HEAD,
    )


def _copy_into(source: Path, journal: Path) -> None:
    """Overwrite a live journal's content with ``source`` through the online backup API."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(journal, timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
