"""How fast the app shows its first frame and the day, on an empty and on a three-year journal.

Run: ``uv run python -m tests.benchmarks.bench_tui_start``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.domain.entry import EntryDraft
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal

TODAY = dt.date(2026, 11, 30)
RUNS = 5


def import_ms() -> float:
    code = (
        "import time; t = time.perf_counter(); import tracker.tui; print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout) * 1000


def three_years(db: Path) -> int:
    def drafts() -> list[tuple[EntryDraft, str | None]]:
        out: list[tuple[EntryDraft, str | None]] = []
        for back in range(3 * 365):
            day = TODAY - dt.timedelta(days=back)
            out.append((EntryDraft.build(kind=Kind.SLEEP, date=day, values={"hours": 7}), None))
            out.append(
                (
                    EntryDraft.build(
                        kind=Kind.EXERCISE, date=day, values={"minutes": 30}, tags={"type": "walk"}
                    ),
                    None,
                )
            )
            out.append(
                (EntryDraft.build(kind=Kind.NUTRITION, date=day, values={"calcium_mg": 800}), None)
            )
        return out

    with Journal.open(db) as journal:
        return journal.add_many(drafts())


async def one_start(db: Path) -> tuple[float, float]:
    """(ms to the first frame, ms to the day's cards filled), from creating the app."""
    from tracker.tui import make_app
    from tracker.tui.screens.today import TodayScreen

    start = time.perf_counter()
    app = make_app(db, today=TODAY)
    first = loaded = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.screen, TodayScreen):
            await pilot.pause(0.001)
        first = time.perf_counter() - start
        screen = app.screen
        while screen.view is None:
            await pilot.pause(0.001)
        loaded = time.perf_counter() - start
    return first * 1000, loaded * 1000


def main() -> None:
    print(f"import tracker.tui: {statistics.median(import_ms() for _ in range(RUNS)):.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for name, fill in (("empty", None), ("three years", three_years)):
            db = Path(tmp) / f"{name.replace(' ', '-')}.db"
            count = fill(db) if fill else 0
            runs = [asyncio.run(one_start(db)) for _ in range(RUNS)]
            first = statistics.median(r[0] for r in runs)
            loaded = statistics.median(r[1] for r in runs)
            print(
                f"{name} journal ({count} entries): first frame {first:.0f} ms, "
                f"day shown {loaded:.0f} ms (median of {RUNS})"
            )


if __name__ == "__main__":
    main()
