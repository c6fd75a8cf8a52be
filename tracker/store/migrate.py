"""Create and upgrade journals with Alembic, imported only here and only when needed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Engine

from tracker.store.backup import timestamped_backup
from tracker.store.engine import make_engine, writer
from tracker.store.paths import FILE_MODE, ensure_private_dir, remove_stale_temporaries


def _upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "tracker:migrations")
    # BEGIN IMMEDIATE: two processes upgrading one journal at once take turns (inside the busy
    # timeout); the second then finds it at the head already and has nothing to do.
    with writer(engine).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def create_journal(path: Path, revision: str = "head") -> None:
    """Create a new journal at ``path`` through the migrations, atomically.

    The schema is built in a temporary file beside ``path`` and moved into place only when
    complete, so a crash never leaves a half-made journal behind.
    """
    ensure_private_dir(path.parent)
    remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}")
    for leftover in (tmp, *(Path(f"{tmp}{end}") for end in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    try:
        engine = make_engine(tmp)
        try:
            _upgrade(engine, revision)
        finally:
            engine.dispose()
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)  # never replaces a journal another process just created
    finally:
        # The temporary's own name goes last: while it exists (a second name of the journal),
        # the next run sees that and clears whatever a kill here left (remove_stale_temporaries).
        for leftover in (*(Path(f"{tmp}{end}") for end in ("-wal", "-shm", "-journal")), tmp):
            leftover.unlink(missing_ok=True)


def upgrade_journal(path: Path) -> Path:
    """Back the journal up, then bring it to the head revision. Returns the backup's path."""
    backup = timestamped_backup(path, "pre-upgrade")
    engine = make_engine(path)
    try:
        _upgrade(engine)
    finally:
        engine.dispose()
    return backup
