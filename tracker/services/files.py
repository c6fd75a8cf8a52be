"""Writing a file the user asked for: checked first, written aside, renamed into place (0600).

A failed or interrupted write never leaves a partial file at the path the user gave.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from tracker.domain.errors import InputError
from tracker.store.paths import FILE_MODE

ALLOWED_OUTPUT = "a file path in an existing folder you can write to"


def check_output(path: Path, field: str = "-o", *, journal: Path | None = None) -> Path:
    """Refuse, before any work is done, an output path that cannot be written.

    With ``journal``, also refuse the journal's own file (and its side files).
    """
    if str(path) in ("", "."):
        raise InputError(field, str(path), ALLOWED_OUTPUT, "is not a file name")
    path = path.expanduser()
    if journal is not None:
        mine = {Path(f"{journal}{suffix}").resolve() for suffix in ("", "-wal", "-shm")}
        if path.resolve() in mine:
            raise InputError(field, str(path), "a path other than the journal", "is the journal")
    if path.is_dir():
        raise InputError(field, str(path), ALLOWED_OUTPUT, "is a folder")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(field, str(path), ALLOWED_OUTPUT, "is in a folder that does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(field, str(path), ALLOWED_OUTPUT, "is in a folder you cannot write to")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(field, str(path), ALLOWED_OUTPUT, "is a file you cannot write to")
    return path


@contextlib.contextmanager
def atomic_text(path: Path, field: str = "-o") -> Iterator[TextIO]:
    """Open a temporary file beside ``path`` for text; rename it over ``path`` on success."""
    path = check_output(path, field)
    tmp = path.with_name(f".{path.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
