"""A full disk and a read-only journal: a clear message, a non-zero exit, nothing lost.

The full disk is a real one where this machine lets the tests mount a small tmpfs (root);
everywhere, SQLite's own page limit (``PRAGMA max_page_count``) makes the journal "full" so
that SQLite itself reports SQLITE_FULL. Read-only means the permission bits; when the tests
run as root (who ignores them) the CLI runs under ``capsh`` without the capabilities that
override them.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRunner, file_digest
from tests.fixtures import make_fixtures
from tests.reliability.helpers import (
    ROOT,
    cap_journal_at_its_size,
    cli_env,
    integrity,
    run_tracker,
    tracker_cmd,
)
from tracker.services.journal import Journal
from tracker.store.schema import REVISIONS

BIG_NOTE = "x" * 10_000


def _mount_small_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if not _mount_small_tmpfs(folder, "2m"):
        pytest.skip("mounting a tmpfs needs root; test_journal_at_its_size_limit covers this")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _write_forever(fd: int) -> None:
    while True:
        os.write(fd, b"\0" * 4096)


def _fill(folder: Path) -> None:
    """Write a filler file until the filesystem is full."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with pytest.raises(OSError, match="No space left") as raised:
            _write_forever(fd)
        assert raised.value.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _one_line_failure(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 1, result
    # A warning that the daily backup could not be taken may come first; the error is one line.
    lines = [x for x in result.stderr.splitlines() if not x.startswith("tracker: warning: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tracker: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_full_disk(small_disk: Path, figures: Counter[str]) -> None:
    db = small_disk / "journal.db"
    for hours in ("7", "6.5", "8"):
        assert run_tracker(db, "log", "sleep", "--hours", hours).returncode == 0
    old = small_disk / "old.db"
    shutil.copyfile(make_fixtures.HERE / f"journal-{REVISIONS[0]}.db", old)
    old_digest = file_digest(old)
    _fill(small_disk)
    before = file_digest(db)

    logged = run_tracker(db, "log", "sleep", "--hours", "5", f"--note={BIG_NOTE}")
    message = _one_line_failure(logged, "full", "nothing was saved")
    assert "damaged" not in message
    listed = run_tracker(db, "list")
    if listed.returncode != 0:  # reading may need SQLite's shared-memory file: no room
        assert "damaged" not in _one_line_failure(listed, "full")
    created = run_tracker(small_disk / "new.db", "list")
    _one_line_failure(created, "full")
    upgraded = run_tracker(old, "list")  # needs room for its backup first
    _one_line_failure(upgraded, "full")
    assert file_digest(db) == before
    assert file_digest(old) == old_digest
    assert not (small_disk / "new.db").exists()
    leftovers = [p.name for p in small_disk.rglob("*") if ".new-" in p.name or "partial" in p.name]
    assert leftovers == []

    (small_disk / "filler").unlink()
    assert integrity(db) == "ok"
    with Journal.open(db) as journal:
        assert [e.values["hours"] for e in journal.entries()] == [7, 6.5, 8]
    again = run_tracker(db, "log", "sleep", "--hours", "5", f"--note={BIG_NOTE}")
    assert again.returncode == 0, again.stderr
    figures["processes run"] += 9
    figures["entries checked"] += 3


def test_journal_at_its_size_limit(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, figures: Counter[str]
) -> None:
    """SQLite itself says "database or disk is full" (its page limit reached): same promise."""
    for hours in ("7", "6.5"):
        assert cli("log", "sleep", "--hours", hours).code == 0
    cap_journal_at_its_size(monkeypatch)
    before = file_digest(cli.db)
    result = cli("log", "sleep", "--hours", "5", f"--note={BIG_NOTE}")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "full" in result.err
    assert "nothing was saved" in result.err
    assert file_digest(cli.db) == before
    monkeypatch.undo()
    assert integrity(cli.db) == "ok"
    with Journal.open(cli.db) as journal:
        assert [e.values["hours"] for e in journal.entries()] == [7, 6.5]
    figures["entries checked"] += 2


# -- read-only -------------------------------------------------------------------------------

DROPPED = "cap_dac_override,cap_dac_read_search,cap_fowner"


def run_without_override(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``tracker`` as a user whom permission bits bind (root drops its overriding powers)."""
    cmd = tracker_cmd(db, *args)
    if os.geteuid() == 0:
        capsh = shutil.which("capsh")
        if capsh is None:
            pytest.skip("running as root without capsh: permission bits cannot be tested")
        cmd = [capsh, f"--drop={DROPPED}", "--", "-c", shlex.join(cmd)]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=cli_env(), cwd=ROOT, check=False, timeout=60
    )


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "journal-folder"
    db = folder / "journal.db"
    for hours in ("7", "6.5"):
        assert run_tracker(db, "log", "sleep", "--hours", hours).returncode == 0
    yield db
    os.chmod(folder, 0o700)
    for p in folder.iterdir():
        os.chmod(p, 0o600)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_journal(what: str, filled: Path, figures: Counter[str]) -> None:
    if what == "file":
        os.chmod(filled, 0o400)
    else:
        os.chmod(filled.parent, 0o500)
    before = file_digest(filled)
    logged = run_without_override(filled, "log", "sleep", "--hours", "5")
    _one_line_failure(logged, "read-only", "nothing was saved", str(filled))
    edited = run_without_override(filled, "edit", "1", "--hours", "5")
    _one_line_failure(edited, "read-only")
    assert file_digest(filled) == before
    listed = run_without_override(filled, "list", "--json")
    if what == "file":
        assert listed.returncode == 0, listed.stderr  # reading still works
        assert listed.stdout.count('"kind": "sleep"') == 2
    else:  # SQLite cannot make its shared-memory file there: a clear refusal
        _one_line_failure(listed, "read-only")
    assert file_digest(filled) == before
    figures["processes run"] += 3
    figures["entries checked"] += 2


def test_new_journal_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        result = run_without_override(folder / "journal.db", "log", "sleep", "--hours", "7")
        _one_line_failure(result, "cannot create a journal", "Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        os.chmod(folder, 0o700)
