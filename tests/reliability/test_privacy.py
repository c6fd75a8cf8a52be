"""Permissions and privacy: files 0600 and folders 0700 whatever the umask; no network, ever."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.fixtures import make_fixtures
from tests.reliability.helpers import ROOT, cli_env
from tracker.domain.entry import EntryDraft
from tracker.services.journal import Journal
from tracker.store.backup import backup_to
from tracker.store.paths import backups_dir, config_file, data_dir
from tracker.store.schema import REVISIONS


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_journal_wal_shm_and_folders_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        db = tmp_path / "new" / "deeper" / "journal.db"
        with Journal.open(db) as journal:
            holder = sqlite3.connect(db)  # keeps the WAL and shared-memory files in place
            holder.execute("SELECT count(*) FROM entries").fetchone()
            journal.add(EntryDraft.build(kind="sleep", date="2026-11-30", values={"hours": 7}))
            sides = [Path(f"{db}-wal"), Path(f"{db}-shm")]
            assert all(p.exists() for p in sides)
            modes = {p.name: mode(p) for p in [db, *sides]}
            holder.close()
        copy = backup_to(db, tmp_path / "elsewhere" / "copy.db")
    finally:
        os.umask(old)
    assert modes == {"journal.db": 0o600, "journal.db-wal": 0o600, "journal.db-shm": 0o600}
    assert mode(db.parent) == 0o700
    assert mode(db.parent.parent) == 0o700
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700


def test_upgrade_backup_private_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    shutil.copyfile(make_fixtures.HERE / f"journal-{REVISIONS[0]}.db", db)
    os.chmod(db, 0o600)
    old = os.umask(0)
    try:
        with Journal.open(db) as journal:
            backup = journal.upgraded_backup
    finally:
        os.umask(old)
    assert backup is not None
    assert mode(backup) == 0o600
    assert mode(backups_dir(db)) == 0o700
    assert mode(db) == 0o600


def test_cli_in_the_default_place_under_umask_000(tmp_path: Path) -> None:
    """The real CLI started with umask 000 makes its data folder 0700 and journal 0600."""
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "log", "sleep", "--hours", "7"],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        preexec_fn=lambda: os.umask(0),
    )
    assert done.returncode == 0, done.stderr
    journal = data_dir() / "journal.db"
    assert mode(journal) == 0o600
    assert mode(data_dir()) == 0o700
    settings = subprocess.run(
        [sys.executable, "-m", "tracker", "settings", "set", "--min-days", "2"],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        preexec_fn=lambda: os.umask(0),
    )
    assert settings.returncode == 0, settings.stderr
    assert mode(config_file()) == 0o600
    assert mode(config_file().parent) == 0o700


def _commands(schemas: Path) -> list[list[str]]:
    logs = [
        ["log", "sleep", "--bed", "23:10", "--wake", "06:40", "--quality", "4"],
        ["log", "exercise", "--type", "walk", "--minutes", "30", "--time", "07:00"],
        ["log", "nutrition", "--calcium-mg", "400", "--note", "yoghurt"],
        ["log", "stress", "--level", "4", "--practice", "yoga", "--minutes", "10", "--social"],
        ["log", "care", "--event", "dose", "--drug", "denosumab"],
    ]
    return [
        *logs,
        ["list"],
        ["list", "--json", "--from", "2026-11-01", "--kind", "sleep"],
        ["show", "1"],
        ["show", "1", "--json"],
        ["edit", "1", "--quality", "3"],
        ["delete", "2"],
        ["undo"],
        ["delete", "2"],
        ["bin"],
        ["bin", "--restore", "2"],
        ["delete", "3"],
        ["bin", "--empty"],
        ["levers"],
        ["levers", "--json"],
        ["schemas", "--out", str(schemas)],
        ["schemas", "--out", str(schemas), "--check"],
        ["profile", "set", "--sex", "female", "--bone-drug", "denosumab-6m"],
        ["profile", "show", "--json"],
        ["skip", "--date", "2026-11-29", "--reason", "in hospital"],
        ["skip", "--list"],
        ["target", "set", "aerobic-minutes", "120", "--note", "agreed with my oncologist"],
        ["target", "reset", "aerobic-minutes"],
        ["settings", "set", "--min-days", "2"],
        ["settings", "show"],
        ["summary"],
        ["summary", "--json", "--weeks", "4"],
        ["undo"],
        ["log", "sleep", "--hours", "99"],  # refused input, too
    ]


def test_no_network_during_a_full_cli_session(tmp_path: Path, figures: Counter[str]) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(make_fixtures.HERE / f"journal-{REVISIONS[0]}.db", old)
    commands = _commands(tmp_path / "schemas")
    sessions = [(tmp_path / "new" / "journal.db", commands), (old, [["list"], ["undo"]])]
    for db, session in sessions:  # a journal created, then an old one upgraded
        done = subprocess.run(
            [sys.executable, "-m", "tests.reliability.no_network", str(db), json.dumps(session)],
            capture_output=True,
            text=True,
            env=cli_env(),
            cwd=ROOT,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout.strip().splitlines()[-1])
        assert report["attempts"] == []
        codes = [(r["command"], r["code"]) for r in report["results"]]
        expected = [(c, 2 if "99" in c else 0) for c in session]
        assert codes == expected, report["results"]
        assert "NetworkUsed" not in done.stderr
        assert not any("the network" in r["err"] for r in report["results"])
        figures["commands run offline"] += len(session)
    figures["processes run"] += len(sessions)


def test_the_network_guard_works() -> None:
    """The guard of the test above does catch a connection attempt."""
    code = (
        "from tests.reliability import no_network as n; n.install(); import socket\n"
        "try:\n    socket.create_connection(('127.0.0.1', 9))\nexcept n.NetworkUsed:\n"
        "    print(len(n.ATTEMPTS))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "1"


def test_no_network_during_an_app_session(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    done = subprocess.run(
        [sys.executable, "-m", "tests.reliability.no_network", "tui", str(db)],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"entries": 1, "attempts": []}
