"""What to tell a person when the journal file cannot be used: one line, with what to do.

SQLite reports a full disk, a read-only file or folder, a damaged file or a busy journal
through error codes; the CLI (and the app) show these sentences instead of the raw error.
Nothing was saved when any of them happens: every write is one transaction.
"""

from __future__ import annotations

import errno
from pathlib import Path

from tracker.store.schema import RESTORE


def describe_failure(error: BaseException, journal: Path) -> str:
    """One line saying what went wrong with ``journal`` and what to do about it."""
    orig = getattr(error, "orig", None) or error
    name = str(getattr(orig, "sqlite_errorname", ""))
    text = str(orig).lower()
    code = getattr(orig, "errno", None)
    if name.startswith("SQLITE_FULL") or "disk is full" in text or code == errno.ENOSPC:
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
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return f"{journal} looks damaged; it was left as it is. {RESTORE}"
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
