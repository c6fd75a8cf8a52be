"""Export, import, backup and report timings: ``uv run python -m tests.benchmarks.exports``.

Builds journals of 1 and 10 years (about four entries a day), then runs each command as its own
process and prints the wall time and the peak memory (max RSS) of that process. The entries CSV
is streamed, so its memory should barely grow from 1 to 10 years. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

END = dt.date(2026, 11, 30)
RUNNER = (
    "import resource, sys\n"
    "from tracker.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def build(path: Path, years: int) -> int:
    """Run in a process of its own, so that the measured processes never inherit its memory."""
    from tracker.domain.entry import EntryDraft
    from tracker.services.journal import Journal

    def drafts() -> object:
        for back in range(years * 365):
            day = END - dt.timedelta(days=back)
            yield EntryDraft.build(kind="sleep", date=day, values={"hours": 6 + back % 3}), None
            yield (
                EntryDraft.build(
                    kind="nutrition",
                    date=day,
                    values={"calcium_mg": 700 + back % 400, "veg_portions": 3},
                    note='lunch, "soup" = fine' if back % 7 == 0 else "",
                ),
                None,
            )
            yield EntryDraft.build(kind="stress", date=day, values={"level": back % 10}), None
            if back % 2 == 0:
                yield (
                    EntryDraft.build(
                        kind="exercise", date=day, tags={"type": "walk"}, values={"minutes": 30}
                    ),
                    None,
                )

    with Journal.open(path) as journal:
        return journal.add_many(drafts())  # type: ignore[arg-type]


def run(args: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    rss = 0
    for line in done.stderr.splitlines():
        if line.startswith("maxrss "):
            rss = int(line.split()[1])
    return elapsed, rss, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, nargs="*", default=[1, 10])
    parser.add_argument("--build", metavar="DB", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.build:
        print(build(Path(options.build), options.years[0]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "HOME": str(folder),
            "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data"),
            "TRACKER_TODAY": END.isoformat(),
        }
        print(f"{'command':<48} {'years':>5} {'entries':>8} {'seconds':>8} {'max RSS MiB':>12}")
        for years in options.years:
            db = folder / f"j{years}.db"
            count = int(
                subprocess.run(
                    [sys.executable, "-m", "tests.benchmarks.exports", "--build", str(db),
                     "--years", str(years)],
                    env=env, capture_output=True, text=True, check=True,
                ).stdout
            )  # fmt: skip
            out = folder / f"out{years}"
            out.mkdir()
            commands = [
                ("export csv --shape entries", ["export", "csv", "-o", str(out / "e.csv")]),
                ("export csv --shape daily", ["export", "csv", "--shape", "daily", "-o",
                                              str(out / "d.csv")]),
                ("export csv --shape weekly", ["export", "csv", "--shape", "weekly", "-o",
                                               str(out / "w.csv")]),
                ("export json", ["export", "json", "-o", str(out / "all.json")]),
                ("report (12 weeks)", ["report", "-o", str(out / "visit.html")]),
                ("backup -o", ["backup", "-o", str(out / "copy.db")]),
                ("import entries CSV (into an empty journal)",
                 ["--db", str(out / "fresh.db"), "import", str(out / "e.csv")]),
                ("import the same CSV again (nothing added)",
                 ["--db", str(out / "fresh.db"), "import", str(out / "e.csv")]),
                ("import JSON (into an empty journal)",
                 ["--db", str(out / "fresh2.db"), "import", str(out / "all.json")]),
            ]  # fmt: skip
            for name, args in commands:
                full = args if args[0] == "--db" else ["--db", str(db), *args]
                seconds, rss, code = run(full, env)
                note = "" if code == 0 else f"  (exit {code})"
                print(f"{name:<48} {years:>5} {count:>8} {seconds:>8.2f} {rss / 1024:>12.1f}{note}")


if __name__ == "__main__":
    main()
