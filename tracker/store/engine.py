"""Engines over a journal file: WAL, foreign keys, a busy timeout, explicit transactions.

Reads begin with a plain ``BEGIN``; writes use ``BEGIN IMMEDIATE`` so that two processes
writing at once wait for each other (inside the busy timeout) instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from tracker.store import dbapi


def make_engine(path: Path) -> Engine:
    """An engine over ``path``. Callers use ``writer(engine)`` for sessions that write."""
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=NullPool,
        connect_args={"timeout": dbapi.BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The same settings as the sqlite3 path (one place: dbapi.configure); SQLAlchemy's
        # "begin" event below emits BEGIN itself (pysqlite's own handling is off).
        dbapi.configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, beginning its transactions with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")
