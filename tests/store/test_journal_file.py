"""Journal files: created through the migrations, upgraded with a backup, foreign files refused."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.conftest import file_digest
from tracker.store import JournalError, open_journal
from tracker.store.migrate import create_journal
from tracker.store.models import Base
from tracker.store.paths import backups_dir
from tracker.store.schema import APPLICATION_ID, HEAD, REVISIONS, State, inspect_journal


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", "tracker:migrations")
    return ScriptDirectory.from_config(config)


def test_known_revisions_match_alembic() -> None:
    script = _script()
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(chain) == REVISIONS
    assert script.get_current_head() == HEAD


def test_created_from_empty_through_migrations_matches_models(db: Path) -> None:
    opened = open_journal(db)
    with opened.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        app = conn.exec_driver_sql("PRAGMA application_id").scalar()
    opened.engine.dispose()
    assert diff == []
    assert (mode, fks, app) == ("wal", 1, APPLICATION_ID)
    assert inspect_journal(db).state is State.CURRENT


def test_upgrade_takes_backup_and_keeps_rows(db: Path) -> None:
    create_journal(db, revision="0001")
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO entries (uid, kind, date, note, tags, version, created_at, updated_at)"
        " VALUES ('u1', 'sleep', '2026-11-30', 'kept', '{}', 1, '2026-11-30 06:00:00',"
        " '2026-11-30 06:00:00')"
    )
    conn.execute("INSERT INTO entry_values VALUES (1, 'hours', 7.5)")
    conn.commit()
    conn.close()
    assert inspect_journal(db).state is State.OLDER
    before = file_digest(db)

    opened = open_journal(db)
    assert opened.upgraded_backup is not None
    assert opened.upgraded_backup.parent == backups_dir(db)
    backup = sqlite3.connect(opened.upgraded_backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert backup.execute("SELECT note FROM entries").fetchall() == [("kept",)]
    backup.close()
    with opened.engine.connect() as c:
        assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
        assert c.exec_driver_sql("SELECT value FROM entry_values").scalar() == 7.5
    opened.engine.dispose()
    assert file_digest(db) != before
    assert stat.S_IMODE(os.stat(opened.upgraded_backup).st_mode) == 0o600


def _refused(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(JournalError, match=match):
        open_journal(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_empty_file_refused(db: Path) -> None:
    db.write_bytes(b"")
    _refused(db, "empty file")


def test_text_file_refused(db: Path) -> None:
    db.write_text("my shopping list\n")
    _refused(db, "not a Lever Tracker journal")


def test_other_apps_sqlite_refused(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    _refused(db, "another application")


def test_newer_journal_refused(db: Path) -> None:
    open_journal(db).engine.dispose()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    _refused(db, "newer version")


def test_truncated_journal_refused(db: Path) -> None:
    open_journal(db).engine.dispose()
    data = db.read_bytes()
    db.write_bytes(data[:200])
    _refused(db, "damaged|cut short|another application|newer")


def test_permissions_under_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        path = tmp_path / "new" / "deeper" / "journal.db"
        open_journal(path).engine.dispose()
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path.parent.parent).st_mode) == 0o700
