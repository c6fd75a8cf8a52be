"""Where the app keeps its files: small functions over platformdirs, overridable.

The journal is ``user_data_dir("lever-tracker")/journal.db`` unless ``--db PATH`` or the
``TRACKER_DB`` environment variable says otherwise. Folders we create are 0700, files 0600.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

APP_NAME = "lever-tracker"
ENV_DB = "TRACKER_DB"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_dir() -> Path:
    import platformdirs  # on first use: `tracker --db PATH` and the app's start never need it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "journal.db"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The journal to open: ``explicit`` (``--db``), else ``$TRACKER_DB``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def backups_dir(journal: Path) -> Path:
    """Backups sit in a ``backups`` folder beside the journal (the data folder by default)."""
    return journal.parent / "backups"


def ensure_private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Create ``path`` and any missing parents as 0700 folders.

    An existing folder is made 0700 only with ``tighten`` (the app's own folders): a user's
    folder that merely holds a ``--db`` journal is left as it is.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)
    if tighten:
        os.chmod(path, DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; fails if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove what a process killed while creating ``path`` left beside it.

    A creation builds ``.NAME.new-PID`` (and SQLite's ``-wal``, ``-shm``, ``-journal`` of it);
    a process killed before its clean-up leaves them behind, sometimes as a second name of the
    journal itself.
    Only files of processes that no longer run are removed. Returns what was removed.
    """
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.new-(\d+)(-wal|-shm|-journal)?$")
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.match(name)
        if match is None or _running(int(match[1])):
            continue
        leftover = path.parent / name
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True
