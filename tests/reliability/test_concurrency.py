"""Concurrency: writers and readers at once on one journal; nobody sees "database is locked".

Each worker is a real process (``tests/reliability/worker.py``) that waits for a start file,
so that all of them hit the journal at the same moment.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.reliability.helpers import ROOT, cli_env, integrity, run_tracker
from tracker.cli.parser import UsageError, build_parser
from tracker.services.journal import Journal
from tracker.store.migrate import create_journal
from tracker.store.schema import HEAD, REVISIONS

WRITERS = 4
PER_WRITER = 50


def _start(go: Path, db: Path, mode: str, count: int, prefix: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.worker",
            str(go),
            str(db),
            mode,
            str(count),
            prefix,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
    )


def _results(proc: subprocess.Popen[str]) -> list[dict[str, Any]]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    results: list[dict[str, Any]] = json.loads(out.strip().splitlines()[-1])
    return results


def _release(go: Path, procs: list[subprocess.Popen[str]]) -> None:
    """Start every worker at once, as soon as all of them wait at the start line."""
    deadline = time.monotonic() + 120
    while len(list(go.parent.glob(f"{go.name}.ready.*"))) < len(procs):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for p in procs), "a worker died before the start"
        time.sleep(0.01)
    go.touch()


def _read_commands() -> str:
    """What the reader runs: the list, and the weekly summary once the app has one."""
    commands = ["list"]
    try:
        build_parser().parse_args(["summary", "--json"])
        commands.append("summary")
    except UsageError:
        pass  # not in this version yet
    return ",".join(commands)


def test_four_writers_and_a_reader(tmp_path: Path, figures: Counter[str]) -> None:
    db = tmp_path / "journal.db"
    assert run_tracker(db, "list").returncode == 0
    go = tmp_path / "go"
    writers = [_start(go, db, "log", PER_WRITER, f"w{n}") for n in range(WRITERS)]
    reader = _start(go, db, "read", 5, _read_commands())
    _release(go, [*writers, reader])
    written = [r for w in writers for r in _results(w)]
    Path(f"{go}.stop").touch()
    reads = _results(reader)

    problems = [r for r in [*written, *reads] if r["code"] != 0 or r["err"]]
    assert problems == []
    assert not any("locked" in r["err"] for r in [*written, *reads])
    with Journal.open(db) as journal:
        notes = sorted(e.note for e in journal.entries())
    assert notes == sorted(f"w{n}-{i}" for n in range(WRITERS) for i in range(PER_WRITER))
    seen = [r["seen"] for r in reads if r["seen"] is not None]
    assert seen == sorted(seen), "a reader saw entries disappear"
    assert integrity(db) == "ok"
    print(f"{len(written)} writes and {len(reads)} reads at once; readers saw {seen[:3]}..")
    figures["processes run"] += WRITERS + 2
    figures["entries checked"] += len(notes)
    figures["concurrent commands"] += len(written) + len(reads)


def test_processes_creating_the_same_journal_at_once(tmp_path: Path, figures: Counter[str]) -> None:
    rounds, width = 3, 4
    for r in range(rounds):
        db = tmp_path / f"round{r}" / "journal.db"
        go = tmp_path / f"go{r}"
        procs = [
            _start(go, db, "once", 1, f"log stress --level {n} --note=first-{n}")
            for n in range(width)
        ]
        _release(go, procs)
        results = [res for p in procs for res in _results(p)]
        assert [(x["code"], x["err"]) for x in results] == [(0, "")] * width
        with Journal.open(db) as journal:
            assert sorted(e.note for e in journal.entries()) == [f"first-{n}" for n in range(width)]
        assert sorted(p.name for p in db.parent.iterdir()) == ["journal.db"]
        assert integrity(db) == "ok"
        figures["processes run"] += width
        figures["entries checked"] += width


def test_processes_upgrading_the_same_journal_at_once(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    create_journal(db, revision=REVISIONS[0])
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO entries (uid, kind, date, note, tags, version, created_at, updated_at)"
        " VALUES ('u1', 'stress', '2026-11-30', 'old', '{}', 1, '2026-11-30 06:00:00',"
        " '2026-11-30 06:00:00')"
    )
    conn.execute("INSERT INTO entry_values VALUES (1, 'level', 4)")
    conn.commit()
    conn.close()
    go = tmp_path / "go"
    procs = [_start(go, db, "once", 1, f"log stress --level {n} --note=new-{n}") for n in range(4)]
    _release(go, procs)
    results = [res for p in procs for res in _results(p)]
    assert [x["code"] for x in results] == [0] * 4, results
    assert not any("locked" in x["err"] or "Error" in x["err"] for x in results)
    with Journal.open(db) as journal:
        notes = sorted(e.note for e in journal.entries())
    assert notes == ["new-0", "new-1", "new-2", "new-3", "old"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    conn.close()
    assert integrity(db) == "ok"
