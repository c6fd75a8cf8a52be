"""Upgrades: a journal of every released schema revision opens, upgraded after a backup.

The fixtures under ``tests/fixtures/`` are made by ``tests/fixtures/make_fixtures.py``.
Opening one through the real CLI keeps a backup (identical to the old file's rows, 0600)
before the upgrade, and afterwards every row of every table is there with the same values.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import file_digest
from tests.fixtures import make_fixtures
from tests.fixtures.make_fixtures import EDITED_INDEX, ENTRIES
from tests.reliability.helpers import integrity, run_tracker, table_rows
from tracker.services.journal import Journal
from tracker.store.paths import backups_dir
from tracker.store.schema import HEAD, REVISIONS

FIXTURES = Path(make_fixtures.__file__).parent


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_a_fixture_for_every_released_revision() -> None:
    made = sorted(p.name for p in FIXTURES.glob("journal-*.db"))
    assert made == [f"journal-{r}.db" for r in REVISIONS]
    for revision in REVISIONS:
        assert _revision(FIXTURES / f"journal-{revision}.db") == revision


@pytest.mark.parametrize("revision", REVISIONS)
def test_fixtures_are_what_the_script_makes(revision: str, tmp_path: Path) -> None:
    fresh = make_fixtures.make(revision, tmp_path)
    assert table_rows(fresh) == table_rows(FIXTURES / f"journal-{revision}.db")


@pytest.mark.parametrize("revision", REVISIONS)
def test_opening_an_old_journal_upgrades_it_and_keeps_every_row(
    revision: str, tmp_path: Path, figures: Counter[str]
) -> None:
    db = tmp_path / "journal.db"
    shutil.copyfile(FIXTURES / f"journal-{revision}.db", db)
    os.chmod(db, 0o600)
    rows = table_rows(db, skip=["alembic_version"])
    digest = file_digest(db)

    listed = run_tracker(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    # The daily automatic copy is taken too (a separate file); the upgrade's own copy is this:
    folder = backups_dir(db)
    backups = sorted(folder.glob("*-pre-upgrade.db")) if folder.exists() else []
    if revision == HEAD:
        assert backups == []
        assert listed.stderr == ""
        assert file_digest(db) == digest  # a current journal is only read
    else:
        assert len(backups) == 1
        backup = backups[0]
        assert str(backup) in listed.stderr
        assert "upgraded" in listed.stderr
        assert _revision(backup) == revision
        assert table_rows(backup, skip=["alembic_version"]) == rows
        assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(backup.parent).st_mode) == 0o700
        assert integrity(backup) == "ok"
    assert _revision(db) == HEAD
    assert integrity(db) == "ok"
    after = table_rows(db, skip=["alembic_version"])
    assert {t: after[t] for t in rows} == rows

    # What the app shows is what was written.
    shown = json.loads(listed.stdout)
    live = [e for e in ENTRIES if not e.get("deleted")]
    assert len(shown) == len(live)
    for entry, expected in zip(shown, live, strict=True):
        assert entry["kind"] == expected["kind"]
        assert entry["date"] == expected["date"]
        assert entry["values"] == {k: float(v) for k, v in expected["values"].items()}
        assert entry["tags"] == expected["tags"]
        assert entry["note"] == expected["note"]
        assert (entry["time"] or None) == (expected["time"] and f"{expected['time']}:00")
    with Journal.open(db) as journal:
        assert [e.id for e in journal.entries(deleted=True)] == [len(ENTRIES)]
        history = journal.history(EDITED_INDEX + 1)
        assert [v.draft.values for v in history] == [{"hours": 6.0}]
        assert journal.get(EDITED_INDEX + 1).version == 2
        assert journal.get(1).date == dt.date(2026, 11, 23)
        # And the upgraded journal takes new entries and undo as before.
        journal.add(journal.get(1).draft())
    figures["entries checked"] += len(ENTRIES) * 2
    figures["processes run"] += 1
