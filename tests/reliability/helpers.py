"""Helpers of the reliability tier: the real CLI as a process, and what a journal holds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-30"


def tracker_cmd(db: Path, *args: str) -> list[str]:
    """The command line of a real ``tracker`` process on ``db`` (the venv's Python)."""
    return [sys.executable, "-m", "tracker", "--db", str(db), *args]


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
    env["TRACKER_TODAY"] = TODAY
    env.update(extra)
    return env


def run_tracker(
    db: Path, *args: str, timeout: float = 60, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tracker_cmd(db, *args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        **kwargs,
    )


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` of a journal (``ok`` when sound)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    result = "; ".join(str(r[0]) for r in rows)
    return result if not fk else f"{result}; foreign keys broken: {fk}"


def table_rows(db: Path, skip: Sequence[str] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, keyed by table name (what 'nothing lost' compares)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in sorted(names)
            if name not in skip
        }
    finally:
        conn.close()


def cap_journal_at_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection to a journal (engine or sqlite3 path) may not grow it by one page:
    SQLite itself then says "database or disk is full"."""
    from tracker.store import dbapi

    configure = dbapi.configure

    def capped(conn: Any) -> None:
        configure(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(dbapi, "configure", capped)
