"""The benchmark suite: ``uv run python -m tests.benchmarks.run [--runs N] [--write]``.

Builds a 10-year demo journal, then times whole processes (bytecode caching on) each beside
its floor measured in the same run, interleaved so that a busy machine slows both alike, and
prints a table of medians and ratios. ``--write`` puts the table and a description of the
machine into ``docs/benchmarks.md`` (between its results markers). Features that have not
landed yet (a command the CLI does not know) are listed as "not available".

Nothing here is a test: speed is reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
END = "2026-11-30"  # "today" of the demo journal (a Monday)
DOC = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- results:start -->"
END_MARK = "<!-- results:end -->"
# What the app shows once Today has the day's data (a card's tick), and once the Week screen
# has its summary (a target's title). A marker not shown in MARKER_TIMEOUT seconds makes its
# row "not available" (the app has no such screen yet).
TODAY_MARKER = "✓"
WEEK_KEY = "w"
WEEK_MARKER = "Sleep duration"
MARKER_TIMEOUT = 20.0
TERM_SIZE = ("100", "30")


@dataclass
class Row:
    name: str
    value: float | None  # seconds, or bytes for memory rows
    floor_name: str = ""
    floor: float | None = None
    target: str = ""
    unit: str = "ms"
    note: str = ""
    cpu: float | None = None  # CPU seconds (user + system) of the child, when known
    floor_cpu: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    def cells(self) -> list[str]:
        def fmt(x: float | None) -> str:
            if x is None:
                return "-"
            if self.unit == "MB":
                return f"{x / 1e6:.0f} MB"
            return f"{x * 1000:.1f} ms"

        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "-"
        value = fmt(self.value) if self.value is not None else f"not available{self.note}"
        cpu = "-"
        if self.cpu is not None:
            cpu = f"{self.cpu * 1000:.0f} / {(self.floor_cpu or 0) * 1000:.0f} ms"
            if self.floor_cpu:
                cpu += f" ({self.cpu / self.floor_cpu:.1f}x)"
        return [
            self.name,
            value,
            self.floor_name or "-",
            fmt(self.floor),
            ratio,
            cpu,
            self.target,
        ]


def tracker_cmd() -> list[str]:
    script = Path(sys.executable).parent / "tracker"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode caching on, as for a user
    env.pop("TRACKER_DB", None)
    env["TRACKER_TODAY"] = END
    env["HOME"] = str(home)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    return env


CPU_TIMES: list[float] = []  # CPU seconds of each run_once, in order (read by pair())


def run_once(cmd: Sequence[str], env: dict[str, str]) -> float:
    """Wall seconds of one whole process; its CPU seconds go to ``CPU_TIMES``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_TIMES.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def interleaved(
    measure: Callable[[], float], floor: Callable[[], float], runs: int
) -> tuple[float, float]:
    """Medians of ``measure`` and ``floor`` over ``runs`` alternating runs (after one warm-up)."""
    measure()
    floor()
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        if i % 2:
            a.append(measure())
            b.append(floor())
        else:
            b.append(floor())
            a.append(measure())
    return statistics.median(a), statistics.median(b)


def interleaved_cpu(
    cmd: Sequence[str], floor: Sequence[str], env: dict[str, str], runs: int
) -> tuple[float, float, float, float]:
    """Wall and CPU medians of ``cmd`` and ``floor``: (wall, floor wall, cpu, floor cpu)."""
    mine: list[float] = []
    theirs: list[float] = []

    def measure() -> float:
        wall = run_once(cmd, env)
        mine.append(CPU_TIMES[-1])
        return wall

    def base() -> float:
        wall = run_once(floor, env)
        theirs.append(CPU_TIMES[-1])
        return wall

    wall, floor_wall = interleaved(measure, base, runs)
    return wall, floor_wall, statistics.median(mine[1:]), statistics.median(theirs[1:])


def supports(env: dict[str, str], *args: str) -> bool:
    """Whether the CLI knows ``args`` (e.g. ``summary``): its --help exits 0."""
    result = subprocess.run(
        [*tracker_cmd(), *args, "--help"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


# -- the terminal app, in tmux ---------------------------------------------------------------


class Tmux:
    """A private tmux server (its own socket) in which apps are started and watched."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.base = ["tmux", "-L", f"bench-{os.getpid()}", "-f", "/dev/null"]
        self.count = 0
        self._tmux("new-session", "-d", "-s", "keep", "sleep 100000")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)

    def start(self, cmd: Sequence[str]) -> tuple[str, float]:
        self.count += 1
        name = f"b{self.count}"
        exports = [f"{k}={v}" for k, v in self.env.items() if k in PASS_ENV or k.startswith("XDG")]
        line = "exec env -u PYTHONDONTWRITEBYTECODE " + shlex.join([*exports, *cmd])
        started = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", TERM_SIZE[0], "-y", TERM_SIZE[1], line)
        return name, started

    def wait_for(self, name: str, marker: str | None, timeout: float = MARKER_TIMEOUT) -> float:
        """Seconds until the pane shows ``marker`` (any text at all when None)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            screen = self._tmux("capture-pane", "-p", "-t", name)
            if (marker is None and screen.strip()) or (marker and marker in screen):
                return time.perf_counter()
            time.sleep(0.003)
        raise RuntimeError(f"{name}: {marker!r} not shown in {timeout} s:\n{screen}")

    def pid(self, name: str) -> int:
        return int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def keys(self, name: str, *keys: str) -> None:
        self._tmux("send-keys", "-t", name, *keys)

    def kill(self, name: str) -> None:
        subprocess.run([*self.base, "kill-session", "-t", name], capture_output=True, check=False)

    def until(self, cmd: Sequence[str], marker: str | None) -> float:
        name, started = self.start(cmd)
        try:
            return self.wait_for(name, marker) - started
        finally:
            self.kill(name)


PASS_ENV = {"TRACKER_TODAY", "HOME", "PATH", "LANG", "LC_ALL"}


def peak_rss(tmux: Tmux, cmd: Sequence[str], steps: Sequence[tuple[str | None, str]]) -> int:
    """Peak RSS (VmHWM) of the app after waiting for each marker then pressing each key."""
    name, _ = tmux.start(cmd)
    try:
        pid = tmux.pid(name)
        for marker, key in steps:
            tmux.wait_for(name, marker)
            if key:
                tmux.keys(name, key)
        time.sleep(0.3)
        status = Path(f"/proc/{pid}/status").read_text()
        kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
        return int(kb) * 1024
    finally:
        tmux.kill(name)


# -- the suite -------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        total = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        mem = f", {int(total) / 1e6:.0f} GB RAM"
    except (OSError, IndexError, ValueError):
        pass

    def version(pkg: str) -> str:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return "-"

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- {cpu}, {os.cpu_count()} logical CPUs{mem}; load average at the start {load}",
        f"- {platform.platform()}; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}",
        f"- SQLAlchemy {version('sqlalchemy')}, pydantic {version('pydantic')}, "
        f"Textual {version('textual')}, Alembic {version('alembic')}",
    ]


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def suite(runs: int, years: int, work: Path) -> tuple[list[Row], dict[str, object]]:
    env = child_env(work / "home")
    tracker = tracker_cmd()
    python = sys.executable
    floors = str(HERE / "floors.py")
    journal = work / "demo.db"
    info: dict[str, object] = {}

    started = time.perf_counter()
    subprocess.run(
        [*tracker, "demo", "--years", str(years), "--db", str(journal)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    info["demo build"] = time.perf_counter() - started
    with sqlite3.connect(journal) as conn:
        info["entries"] = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        info["values"] = conn.execute("SELECT count(*) FROM entry_values").fetchone()[0]
    conn.close()
    info["size"] = sum(p.stat().st_size for p in (journal, Path(f"{journal}-wal")) if p.exists())
    rows: list[Row] = []

    def pair(
        name: str, cmd: Sequence[str], floor_name: str, floor: Sequence[str], target: str
    ) -> None:
        print(f"  {name} ...", file=sys.stderr, flush=True)
        value, base, cpu, floor_cpu = interleaved_cpu(cmd, floor, env, runs)
        rows.append(Row(name, value, floor_name, base, target, cpu=cpu, floor_cpu=floor_cpu))

    # Quick logging: into copies of the demo journal, so the others see it unchanged.
    log_db, floor_db = work / "log.db", work / "floor.db"
    shutil.copy(journal, log_db)
    shutil.copy(journal, floor_db)
    pair(
        "`tracker log sleep --hours 7`",
        [*tracker, "--db", str(log_db), "log", "sleep", "--date", "yesterday", "--hours", "7"],
        "python + sqlite3 insert",
        [python, floors, "insert", str(floor_db)],
        "close to the floor",
    )
    pair(
        "`tracker --version` (start-up only)",
        [*tracker, "--version"],
        "`python -c pass`",
        [python, "-c", "pass"],
        "",
    )

    end = dt.date.fromisoformat(END)
    monday = monday_of(end)
    sunday = monday + dt.timedelta(days=6)
    pair(
        "`tracker list --from MONDAY` (this week)",
        [*tracker, "--db", str(journal), "list", "--from", str(monday)],
        "python + sqlite3 select",
        [python, floors, "list", str(journal), str(monday), str(sunday)],
        "",
    )
    if supports(env, "summary"):
        pair(
            "`tracker summary --json` (1 week)",
            [*tracker, "--db", str(journal), "summary", "--json"],
            "python + sqlite3 week aggregate",
            [python, floors, "week", str(journal), str(monday), str(sunday)],
            "",
        )
        first = monday - dt.timedelta(weeks=519)
        pair(
            "`tracker summary --json --weeks 520`",
            [*tracker, "--db", str(journal), "summary", "--json", "--weeks", "520"],
            "python + sqlite3 520-week aggregate",
            [python, floors, "weeks", str(journal), str(first), str(sunday)],
            "",
        )
    else:
        rows.append(Row("`tracker summary --json`", None, note=" (no summary command yet)"))

    if supports(env, "export", "csv"):
        out, floor_out = work / "entries.csv", work / "floor.csv"
        pair(
            "`tracker export csv --shape entries` (all)",
            [*tracker, "--db", str(journal), "export", "csv", "--shape", "entries", "-o", str(out)],
            "python + sqlite3 + csv writer",
            [python, floors, "csv", str(journal), str(floor_out)],
            "<= 1.5x floor",
        )
    else:
        rows.append(Row("`tracker export csv --shape entries`", None, note=" (no export yet)"))

    print("  in-process timings ...", file=sys.stderr, flush=True)
    inproc = subprocess.run(
        [python, "-m", "tests.benchmarks.inproc", str(journal), str(max(runs, 11))],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    targets = {"summary: one week": "<= 20 ms", "summary: 520 weeks": "<= 300 ms"}
    for name, seconds in json.loads(inproc.stdout).items():
        rows.append(Row(f"in process: {name}", seconds, target=targets.get(name, "")))
    if "summary: one week" not in inproc.stdout:
        rows.append(Row("in process: summary", None, note=" (no summary service yet)"))

    if shutil.which("tmux"):
        tui_rows(rows, runs, env, tracker, journal)
    else:
        rows.append(Row("app start-up", None, note=" (tmux is not installed)"))
    return rows, info


def tui_rows(
    rows: list[Row], runs: int, env: dict[str, str], tracker: list[str], journal: Path
) -> None:
    print("  the app in tmux ...", file=sys.stderr, flush=True)
    tmux = Tmux(env)
    try:
        app = [*tracker, "--db", str(journal)]
        minimal = [sys.executable, str(HERE / "minimal_app.py")]
        runs = max(5, runs // 2)
        first, base = interleaved(
            lambda: tmux.until(app, None), lambda: tmux.until(minimal, None), runs
        )
        rows.append(
            Row("app: launch to first frame", first, "minimal Textual app", base, "<= 1.3x floor")
        )
        try:
            tmux.until(app, TODAY_MARKER)
            has_today = True
        except RuntimeError:
            has_today = False
        if has_today:
            today, base = interleaved(
                lambda: tmux.until(app, TODAY_MARKER),
                lambda: tmux.until(minimal, "minimal app ready"),
                runs,
            )
            rows.append(Row("app: launch to Today with data", today, "minimal Textual app", base))
        else:
            rows.append(Row("app: launch to Today with data", None, note=" (no Today screen yet)"))
        floor_rss = peak_rss(tmux, minimal, [("minimal app ready", "")])
        try:
            rss: int | None = peak_rss(tmux, app, [(TODAY_MARKER, WEEK_KEY), (WEEK_MARKER, "")])
        except RuntimeError:
            rss = None
        if rss is not None:
            rows.append(
                Row("app: peak RSS after the Week screen", rss, "minimal app", floor_rss, unit="MB")
            )
        else:
            rss = peak_rss(tmux, app, [(None, "")])
            rows.append(
                Row(
                    "app: peak RSS at first frame (no Week screen yet)",
                    rss,
                    "minimal app",
                    floor_rss,
                    unit="MB",
                )
            )
    finally:
        tmux.close()


def table(rows: list[Row]) -> list[str]:
    headers = [
        "benchmark",
        "median",
        "floor",
        "floor median",
        "ratio",
        "CPU: it / floor",
        "target",
    ]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return lines


def report(rows: list[Row], info: dict[str, object], runs: int, years: int) -> str:
    size = float(str(info["size"])) / 1e6
    lines = [
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with "
        f"`uv run python -m tests.benchmarks.run --runs {runs}`:",
        "",
        *machine(),
        f"- journal: {years}-year demo, {info['entries']} entries, {info['values']} values, "
        f"{size:.1f} MB; built by `tracker demo` in {float(str(info['demo build'])):.1f} s",
        f"- medians of {runs} whole-process runs each (the app: {max(5, runs // 2)}), "
        "interleaved with the floor",
        "",
        *table(rows),
    ]
    return "\n".join(lines) + "\n"


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    block = f"{START_MARK}\n{text}{END_MARK}"
    if START_MARK in doc and END_MARK in doc:
        before, rest = doc.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1]
        doc = before + block + after
    else:
        doc = f"# Benchmarks\n\n{block}\n" + doc
    DOC.write_text(doc, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__)
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement (median)")
    parser.add_argument("--years", type=int, default=10, help="years of demo data")
    parser.add_argument("--write", action="store_true", help=f"write the table into {DOC}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        work = Path(tmp)
        print(f"building a {args.years}-year demo journal ...", file=sys.stderr, flush=True)
        rows, info = suite(args.runs, args.years, work)
    text = report(rows, info, args.runs, args.years)
    print(text)
    if args.write:
        write_doc(text)
        print(f"written to {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
