"""Foreign and damaged files given as the journal: refused through the CLI, left untouched.

Every command refuses with exit code 1 and one line that says what the file is and what to
do (restore a backup, point --db elsewhere, upgrade the app); the file stays byte-identical
and no ``-wal``/``-shm``/``-journal`` file appears beside it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner, file_digest
from tests.reliability.helpers import run_tracker
from tracker.store import open_journal

COMMANDS = [
    ["log", "sleep", "--hours", "7"],
    ["list"],
    ["list", "--json"],
    ["show", "1"],
    ["edit", "1", "--hours", "6"],
    ["delete", "1"],
    ["undo"],
    ["bin"],
    ["bin", "--empty"],
]


def _journal(path: Path) -> None:
    """A real journal with a few entries, checkpointed into the main file."""
    opened = open_journal(path)
    opened.engine.dispose()
    conn = sqlite3.connect(path)
    for i in range(40):
        conn.execute(
            "INSERT INTO entries (uid, kind, date, note, tags, version, created_at, updated_at)"
            " VALUES (?, 'stress', '2026-11-30', ?, '{}', 1, '2026-11-30 06:00:00',"
            " '2026-11-30 06:00:00')",
            (f"u{i}", "a note " * 200),
        )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def text(path: Path) -> None:
    path.write_text("Shopping: milk, eggs, bread\n" * 20)


def other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def newer(path: Path) -> None:
    _journal(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def truncated_at(fraction: float) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        _journal(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    make.__name__ = f"truncated_{fraction:g}"
    return make


def truncated_header(path: Path) -> None:
    _journal(path)
    path.write_bytes(path.read_bytes()[:60])


def torn_first_page(path: Path) -> None:
    """The schema page overwritten with noise, the header kept."""
    _journal(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes((i * 37) % 251 for i in range(100, 4096))
    path.write_bytes(bytes(data))


FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (empty, "restore a backup"),
    "text": (text, "restore a backup"),
    "other-app": (other_app, "restore a backup"),
    "newer": (newer, "upgrade the app"),
    "truncated-header": (truncated_header, "restore a backup"),
    "truncated-4/5": (truncated_at(0.8), "restore a backup"),
    "truncated-1/2": (truncated_at(0.5), "restore a backup"),
    "truncated-1/10": (truncated_at(0.1), "restore a backup"),
    "torn-first-page": (torn_first_page, "restore a backup"),
}


def _side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


@pytest.mark.parametrize("name", FILES)
def test_refused_by_every_command_and_left_untouched(
    name: str, cli: CliRunner, figures: Counter[str]
) -> None:
    make, hint = FILES[name]
    make(cli.db)
    before = file_digest(cli.db)
    for command in COMMANDS:
        result = cli(*command)
        assert result.code == 1, (command, result)
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        assert lines[0].startswith("tracker: error: ")
        assert str(cli.db) in lines[0]
        assert hint in lines[0].lower(), lines[0]
        assert result.out == ""
        assert file_digest(cli.db) == before, command
        assert _side_files(cli.db) == [], command
    # And a real process says the same.
    real = run_tracker(cli.db, "log", "stress", "--level", "3")
    assert real.returncode == 1, real
    assert real.stderr.startswith("tracker: error: ")
    assert hint in real.stderr.lower()
    assert "Traceback" not in real.stderr
    assert file_digest(cli.db) == before
    assert _side_files(cli.db) == []
    figures["files refused"] += 1
    figures["processes run"] += 1


@pytest.mark.parametrize("name", FILES)
def test_the_app_shows_the_problem_and_leaves_the_file(name: str, db: Path) -> None:
    from textual.pilot import Pilot

    from tests.tui.conftest import drive, settle
    from tracker.tui import TrackerApp
    from tracker.tui.screens.problem import ProblemScreen

    make, hint = FILES[name]
    make(db)
    before = file_digest(db)

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("s")  # a key pressed on a journal that cannot be opened
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert hint in app.screen.text.lower()
        assert str(db) in app.screen.text
        await pilot.press("q")

    drive(db, scenario)
    assert file_digest(db) == before
    assert _side_files(db) == []
