"""Shared fixtures: every user folder points at a temporary one; a journal; a CLI runner."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.services.journal import Journal


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test touches the real user folders: HOME and every XDG folder are temporary."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.delenv("TRACKER_TODAY", raising=False)
    return home


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A path for a journal (not yet created)."""
    return tmp_path / "journal.db"


@pytest.fixture
def journal(db: Path) -> Iterator[Journal]:
    """A journal created through the migrations."""
    with Journal.open(db) as j:
        yield j


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-30")
    return CliRunner(db)


class CliRunner:
    """Runs ``tracker --db <db> ARGS`` in process and captures its output."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def __call__(self, *args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        old_umask = os.umask(0o022)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = main(["--db", str(self.db), *args])
        finally:
            os.umask(old_umask)
        return Result(code, out.getvalue(), err.getvalue())


def file_digest(path: Path) -> str:
    """SHA-256 of a journal and its WAL (what 'unchanged' means)."""
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()
