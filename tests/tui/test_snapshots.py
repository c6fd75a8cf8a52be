"""Snapshots of the main screens at 80x24 on a fixed journal and a fixed today.

Regenerate after an intended change with ``uv run pytest tests/tui/test_snapshots.py
--snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.conftest import SIZE, TODAY, settle
from tracker.tui import make_app

SnapCompare = Callable[..., bool]


async def _ready(pilot: Pilot[int]) -> None:
    await settle(pilot)


def _after(*keys: str) -> Callable[[Pilot[int]], object]:
    async def run(pilot: Pilot[int]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def test_today(snap_compare: SnapCompare, seeded: Path) -> None:
    assert snap_compare(make_app(seeded, today=TODAY), terminal_size=SIZE, run_before=_ready)


def test_first_run_welcome(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # A fixed path so that the welcome's "your journal lives in" line is the same every run.
    db = Path("/tmp/lever-tracker-snapshot/journal.db")
    db.parent.mkdir(exist_ok=True)
    for leftover in db.parent.glob("journal.db*"):
        leftover.unlink()
    assert snap_compare(make_app(db, today=TODAY), terminal_size=SIZE, run_before=_ready)


def test_sleep_form_with_an_error(snap_compare: SnapCompare, seeded: Path) -> None:
    app = make_app(seeded, today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("s", "3", "0", "enter"))


def test_history(snap_compare: SnapCompare, seeded: Path) -> None:
    assert snap_compare(make_app(seeded, today=TODAY), terminal_size=SIZE, run_before=_after("h"))


def test_week(snap_compare: SnapCompare, seeded: Path) -> None:
    assert snap_compare(make_app(seeded, today=TODAY), terminal_size=SIZE, run_before=_after("w"))
