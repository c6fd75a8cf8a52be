"""What makes a file a journal, and which schema revision it has, read without Alembic.

Alembic is imported only when a journal must be created or upgraded (see ``migrate.py``).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tracker.store.failures import RESTORE, WHICH_FILE_HINT, describe_failure, is_damage

# Every schema revision the app knows, oldest first; the last is the head. A test checks this
# against the Alembic versions in tracker/migrations/versions.
REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD = REVISIONS[-1]
# How often a journal that looks damaged is read again before it is called damaged.
DAMAGE_RETRIES = 3
# PRAGMA application_id of a journal: "LVRT" as a big-endian 32-bit integer.
APPLICATION_ID = 0x4C565254
SQLITE_HEADER = b"SQLite format 3\x00"
# The key of the profile (JSON) in the settings table.
PROFILE_KEY = "profile"


class JournalError(Exception):
    """A journal cannot be opened. The message says why and what to do; the file is untouched."""


class State(Enum):
    MISSING = "missing"
    CURRENT = "current"
    OLDER = "older"


@dataclass(frozen=True)
class Inspection:
    state: State
    revision: str | None = None


def inspect_journal(path: Path) -> Inspection:
    """Look at ``path`` read-only and say whether it is a journal and of which revision.

    Raises ``JournalError`` for anything that is not a journal this app can open.
    """
    if not check_header(path):
        return Inspection(State.MISSING)
    revision = _revision(path)
    if revision not in REVISIONS:
        raise JournalError(
            f"{path} was written by a newer version of Lever Tracker (schema {revision}); "
            "it was left untouched. Upgrade the app to open it"
        )
    if revision == HEAD:
        return Inspection(State.CURRENT, revision)
    return Inspection(State.OLDER, revision)


def check_header(path: Path) -> bool:
    """Whether ``path`` exists (False when missing); raises ``JournalError`` unless its first
    bytes are those of a Lever Tracker journal. Reads 100 bytes; opens no database.
    """
    if not path.exists():
        return False
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise JournalError(f"cannot read {path}: {error.strerror}") from None
    if not header:
        raise JournalError(
            f"{path} is an empty file, not a journal; it was left untouched. {WHICH_FILE_HINT}"
        )
    if not header.startswith(SQLITE_HEADER):
        raise JournalError(
            f"{path} is not a Lever Tracker journal (not a SQLite database); it was left "
            f"untouched. {WHICH_FILE_HINT}"
        )
    if len(header) < 100:
        raise JournalError(f"{path} is cut short (truncated); it was left untouched. {RESTORE}")
    # The application id sits at byte 68 of the header: no need to open the database for it.
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise JournalError(
            f"{path} is a SQLite database of another application, not a Lever Tracker journal; "
            f"it was left untouched. {WHICH_FILE_HINT}"
        )
    if _truncated(path, header):
        raise JournalError(f"{path} is cut short (truncated); it was left untouched. {RESTORE}")
    return True


def _truncated(path: Path, header: bytes) -> bool:
    """Is the file shorter than its header says? (Checked only with no ``-wal`` beside it.)

    SQLite keeps the database's size in pages at byte 28, valid when the change counter
    (byte 24) equals the "version valid for" number (byte 92).
    """
    if Path(f"{path}-wal").exists() or header[24:28] != header[92:96]:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    try:
        return path.stat().st_size < pages * page_size
    except OSError:
        return False


def _revision(path: Path) -> str | None:
    """The Alembic revision recorded in a journal, read without writing anything.

    With no ``-wal`` file beside it the journal is opened ``immutable`` (SQLite then creates
    no side files); otherwise read-only, so that pages still in the WAL are seen. Should a
    ``-wal`` file appear while it was read immutable (another process began writing), or the
    file be checkpointed under it, what looked damaged is read again, a few times.
    """
    try:
        for attempt in range(DAMAGE_RETRIES + 1):
            immutable = not Path(f"{path}-wal").exists()
            try:
                return _read_revision(path, immutable)
            except sqlite3.DatabaseError as error:
                # Read immutable, a page another process was checkpointing into the file can
                # look torn; that passes (the next read sees a -wal file, or a settled file),
                # real damage does not.
                if not (is_damage(error) and immutable) or attempt == DAMAGE_RETRIES:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover
    except sqlite3.DatabaseError as error:
        if not is_damage(error):  # a full disk, a lock, a permission: not the file's fault
            raise JournalError(describe_failure(error, path)) from None
        raise JournalError(
            f"{path} looks damaged ({error}); it was left untouched. {RESTORE}"
        ) from None


def _read_revision(path: Path, immutable: bool) -> str | None:
    uri = f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}"
    conn = sqlite3.connect(uri, uri=True)
    try:
        row = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(found[0]) if found else None
    finally:
        conn.close()
