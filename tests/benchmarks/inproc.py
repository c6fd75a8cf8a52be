"""In-process timings over a journal: ``python -m tests.benchmarks.inproc DB RUNS``.

Prints one JSON object: name -> median seconds (names missing when the feature has not landed).
Run by ``tests.benchmarks.run`` in a child process so that its imports do not skew the others.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def median_of(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm: imports, first-use model building
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(db: str, runs: int) -> dict[str, float]:
    from tracker.services.clock import today
    from tracker.services.journal import Journal

    out: dict[str, float] = {}
    day = today()
    monday = day - dt.timedelta(days=day.weekday())
    journal = Journal.open(db)
    out["entries of one week"] = median_of(lambda: journal.entries(monday, day), runs)
    try:
        summary: Any = importlib.import_module("tracker.services.summary")
    except ImportError:
        summary = None
    if summary is not None and hasattr(summary, "week_summary"):
        out["summary: one week"] = median_of(lambda: summary.week_summary(journal, day), runs)
        out["summary: 520 weeks"] = median_of(
            lambda: summary.week_summaries(journal, 520, day), max(3, runs // 3)
        )
    journal.close()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
