"""What to tell a person when the journal file cannot be used: one line, with what to do.

SQLite reports a full disk, a read-only file or folder, a damaged file or a busy journal
through error codes; the CLI (and the app) show these sentences instead of the raw error.
Nothing was saved when any of them happens: every write is one transaction.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

RESTORE = "Restore a backup with: tracker restore BACKUP (tracker backup --list shows them)"
WHICH_FILE_HINT = (
    "Check that --db or TRACKER_DB names your journal, or restore a backup with: "
    "tracker restore BACKUP"
)
# Less free space than this where the journal lives, and a failure is put down to a full disk
# (SQLite then often reports a plain I/O error: its shared-memory file cannot grow).
NEARLY_FULL_BYTES = 256 * 1024


def nearly_full(journal: Path) -> bool:
    """Is the filesystem holding ``journal`` (or its nearest existing folder) nearly full?"""
    probe = journal.parent
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        stats = os.statvfs(probe)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < NEARLY_FULL_BYTES


def is_damage(error: BaseException) -> bool:
    """Does this SQLite error say the file itself is damaged (rather than the disk, a lock...)?"""
    name = str(getattr(error, "sqlite_errorname", ""))
    text = str(error).lower()
    return (
        name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or "malformed" in text
        or "not a database" in text
    )


def describe_failure(error: BaseException, journal: Path) -> str:
    """One line saying what went wrong with ``journal`` and what to do about it."""
    orig = getattr(error, "orig", None) or error
    name = str(getattr(orig, "sqlite_errorname", ""))
    text = str(orig).lower()
    code = getattr(orig, "errno", None)
    full = name.startswith("SQLITE_FULL") or "disk is full" in text or code == errno.ENOSPC
    if full:
        return (
            f"the disk holding {journal} is full; nothing was saved and the journal is as it "
            "was. Free some space and try again"
        )
    if (
        name.startswith("SQLITE_READONLY")
        or "readonly" in text
        or code in (errno.EROFS, errno.EACCES, errno.EPERM)
    ):
        return (
            f"{journal} cannot be written (the file or its folder is read-only); nothing was "
            "saved. Check their permissions, or use --db to point at a journal you may change"
        )
    if is_damage(orig):
        return f"{journal} looks damaged; it was left as it is. {RESTORE}"
    if nearly_full(journal):
        return describe_failure(OSError(errno.ENOSPC, "disk full"), journal)
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return (
            f"{journal} is busy: another program held it for too long; nothing was saved. Try again"
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return (
            f"cannot open {journal}: check that its folder exists and that you may read and "
            "write there"
        )
    if name.startswith("SQLITE_IOERR") or isinstance(orig, OSError):
        detail = getattr(orig, "strerror", None) or str(orig)
        return f"reading or writing {journal} failed ({detail}); nothing was saved. Try again"
    return f"the journal {journal} could not be used ({orig}); nothing was saved"
