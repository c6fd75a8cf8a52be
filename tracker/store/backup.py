"""Copies of a journal through SQLite's online backup API (safe while the app has it open)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from tracker.store.paths import FILE_MODE, backups_dir, ensure_private_dir


def backup_to(journal: Path, target: Path) -> Path:
    """Copy ``journal`` to ``target`` (0600), written to a temporary file and renamed."""
    ensure_private_dir(target.parent)
    # One temporary name per process: two processes taking the same daily copy at once must
    # not write into (or delete) each other's file. The last rename wins; both are whole.
    tmp = target.with_name(f".{target.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{journal.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def timestamped_backup(journal: Path, reason: str) -> Path:
    """A backup in the journal's backups folder named by time and reason."""
    folder = ensure_private_dir(backups_dir(journal), tighten=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_to(journal, folder / f"{journal.stem}-{stamp}-{reason}.db")
