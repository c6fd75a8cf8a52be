"""Crash: real ``tracker log`` processes killed with SIGKILL at random moments lose nothing.

Afterwards the journal passes ``PRAGMA integrity_check``, every entry whose process reported
success is there, and every entry there is exactly one of the drafts that were logged (all
its values, tags and note: nothing half-written). ``RELIABILITY_SEED`` replays a run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.drafts import marker_of, random_log
from tests.reliability.helpers import ROOT, cli_env, integrity, run_tracker, tracker_cmd
from tracker.domain.entry import EntryDraft
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.store.schema import State, inspect_journal

KILLS = 200  # processes killed while running, at the least
PARALLEL = 4
SEED = int(os.environ.get("RELIABILITY_SEED", "0")) or random.randrange(1, 2**31)


@dataclass
class Outcome:
    marker: str
    killed: bool
    reported: bool  # the process printed that the entry was logged
    code: int


def _run_and_kill(cmd: list[str], delay: float, marker: str) -> Outcome:
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
    )
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    if not killed:
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    return Outcome(marker, killed, "logged #" in out, proc.returncode)


def _runtime(db: Path) -> float:
    """How long one unkilled ``tracker log`` takes here while PARALLEL run at once."""

    def one(_: int) -> float:
        start = time.monotonic()
        result = run_tracker(db, "log", "stress", "--level", "1", "--note", "calibration")
        assert result.returncode == 0, result.stderr
        return time.monotonic() - start

    with ThreadPoolExecutor(PARALLEL) as pool:
        return max(pool.map(one, range(PARALLEL)))


def test_killed_log_processes_lose_nothing(tmp_path: Path, figures: Counter[str]) -> None:
    rng = random.Random(SEED)
    print(f"seed {SEED} (RELIABILITY_SEED={SEED} replays it)")
    db = tmp_path / "journal.db"
    assert run_tracker(db, "log", "sleep", "--hours", "7", "--note", "before").returncode == 0
    span = _runtime(db)
    drafts: dict[str, EntryDraft] = {}
    outcomes: list[Outcome] = []

    def task(i: int, scale: float) -> Outcome:
        marker = f"crash-{i}"
        args, draft = random_log(rng, marker)
        drafts[marker] = draft
        # Kills spread over the process's life, more of them late, where it opens and writes.
        share = rng.uniform(0.2, 1.0) if i % 2 else rng.uniform(0.7, 1.0)
        return _run_and_kill(tracker_cmd(db, *args), share * scale, marker)

    launched = 0
    with ThreadPoolExecutor(PARALLEL) as pool:
        while sum(o.killed for o in outcomes) < KILLS and launched < 3 * KILLS:
            batch = list(range(launched, launched + 2 * PARALLEL))
            launched += len(batch)
            done = list(pool.map(task, batch, [span] * len(batch)))
            outcomes += done
            # Keep about one in eight finishing, whatever the load on this machine is.
            finished = sum(not o.killed for o in done) / len(done)
            span *= 0.9 if finished > 0.2 else 1.1 if finished < 0.05 else 1.0

    assert integrity(db) == "ok"
    with Journal.open(db) as journal:
        stored = journal.entries()
    by_marker: dict[str, list[EntryDraft]] = {}
    for entry in stored:
        by_marker.setdefault(marker_of(entry.note), []).append(entry.draft())
    assert set(by_marker) - set(drafts) == {"before", "calibration"}
    for marker, found in by_marker.items():
        if marker in drafts:
            # Exactly once, and whole: every value, tag and the note as logged.
            assert found == [drafts[marker]], marker
    for outcome in outcomes:
        if outcome.reported:
            assert outcome.marker in by_marker, f"{outcome.marker} reported logged but is lost"
    killed = [o for o in outcomes if o.killed]
    committed_unreported = sum(1 for o in killed if o.marker in by_marker and not o.reported)
    print(
        f"{len(outcomes)} processes, {len(killed)} killed while running "
        f"({sum(o.marker in by_marker for o in killed)} after their commit, "
        f"{committed_unreported} of those before they could say so), "
        f"{len(stored)} entries checked"
    )
    assert len(killed) >= KILLS
    # Kills landed both before and after commits: the test exercised both sides.
    assert any(o.marker in by_marker for o in killed)
    assert any(o.marker not in by_marker for o in killed)
    # The journal is still usable after all that.
    after = run_tracker(db, "log", "care", "--event", "scan", "--note", "after")
    assert after.returncode == 0, after.stderr
    figures["processes run"] += len(outcomes) + PARALLEL + 2
    figures["processes killed"] += len(killed)
    figures["entries checked"] += len(stored)


def test_killed_while_creating_a_journal(tmp_path: Path, figures: Counter[str]) -> None:
    """A process killed while it creates a new journal leaves either nothing or a whole one."""
    rng = random.Random(SEED + 1)
    span = 0.0
    probe = tmp_path / "probe" / "journal.db"
    start = time.monotonic()
    assert run_tracker(probe, "log", "stress", "--level", "2").returncode == 0
    span = time.monotonic() - start
    paths = [tmp_path / f"j{i}" / "journal.db" for i in range(10)]

    def task(path: Path) -> Outcome:
        return _run_and_kill(
            tracker_cmd(path, "log", "stress", "--level", "3"),
            rng.uniform(0.5, 1.6) * span,
            path.parent.name,
        )

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(task, paths))
    wholes = 0
    for path, outcome in zip(paths, outcomes, strict=True):
        if path.exists():
            assert inspect_journal(path).state is State.CURRENT
            assert integrity(path) == "ok"
            wholes += 1
        else:
            assert not outcome.reported
        # Whatever the kill left behind, the next run works and cleans up after it.
        again = run_tracker(path, "log", "stress", "--level", "4")
        assert again.returncode == 0, again.stderr
        # The journal and its daily backup folder may remain; nothing else may.
        leftovers = sorted(
            p.name for p in path.parent.iterdir() if p.name not in ("journal.db", "backups")
        )
        assert leftovers == [], leftovers
    print(f"{sum(o.killed for o in outcomes)} killed while creating; {wholes} journals made whole")
    figures["processes run"] += 2 * len(paths) + 1
    figures["processes killed"] += sum(o.killed for o in outcomes)


def _kill_app_while_saving(db: Path, prefix: str, rng: random.Random) -> tuple[list[str], bool]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.tui_writer", str(db), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert ready.strip() == "ready", proc.stderr.read() if proc.stderr else ""
    time.sleep(rng.uniform(0.1, 2.5))
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    return [line.split()[1] for line in out.splitlines() if line.startswith("saved ")], killed


def test_app_killed_while_saving_forms_loses_nothing(tmp_path: Path, figures: Counter[str]) -> None:
    """The app, saving stress entries through its form in a loop, killed at random moments."""
    rng = random.Random(SEED + 2)
    db = tmp_path / "journal.db"
    with Journal.open(db):
        pass
    with ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda n: _kill_app_while_saving(db, f"app{n}", rng), range(8)))
    assert integrity(db) == "ok"
    with Journal.open(db) as journal:
        stored = {e.note: e for e in journal.entries()}
    reported = [marker for saved, _ in runs for marker in saved]
    assert set(reported) <= set(stored), set(reported) - set(stored)
    for note, entry in stored.items():
        # Whole: the level typed for that note (N % 11), nothing else.
        assert entry.kind is Kind.STRESS
        assert entry.values == {"level": int(note.rsplit("-", 1)[1]) % 11}, note
    assert sum(killed for _, killed in runs) >= 6
    print(f"app killed {len(runs)} times; {len(reported)} saves reported, {len(stored)} stored")
    figures["processes killed"] += sum(killed for _, killed in runs)
    figures["processes run"] += len(runs)
    figures["entries checked"] += len(stored)
