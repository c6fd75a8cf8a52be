"""Helpers for driving the app with Pilot on a fixed journal and a fixed "today"."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tracker.domain.entry import EntryDraft
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.tui import TrackerApp, make_app

TODAY = dt.date(2026, 11, 30)  # a Monday
SIZE = (80, 24)

Scenario = Callable[[Pilot[int], TrackerApp], Awaitable[None]]


def seed(db: Path) -> None:
    """A small fixed journal: a few days of each kind around TODAY."""
    with Journal.open(db) as journal:
        for back in range(0, 21):
            day = TODAY - dt.timedelta(days=back)
            journal.add(
                EntryDraft.build(
                    kind=Kind.SLEEP,
                    date=day,
                    values={"quality": 3 + back % 3},
                    tags={"bed": "23:10" if back % 2 else "22:40", "wake": "06:40"},
                )
            )
            if back % 2 == 0:
                journal.add(
                    EntryDraft.build(
                        kind=Kind.EXERCISE,
                        date=day,
                        values={"minutes": 30 + back},
                        tags={"type": "walk" if back % 4 else "resistance"},
                    )
                )
        journal.add(
            EntryDraft.build(
                kind=Kind.NUTRITION, date=TODAY, values={"calcium_mg": 900, "protein_g": 70}
            )
        )
        journal.add(
            EntryDraft.build(
                kind=Kind.STRESS,
                date=TODAY,
                values={"level": 4, "minutes": 10},
                tags={"practice": "breathwork"},
                note="before clinic",
            )
        )


@pytest.fixture
def seeded(db: Path) -> Path:
    seed(db)
    return db


async def settle(pilot: Pilot[int]) -> None:
    """Wait until workers are done and their messages handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.05)


async def wait_until(pilot: Pilot[int], condition: Callable[[], bool], seconds: float = 10) -> None:
    """Settle, then keep settling until ``condition()`` holds (a slow, loaded machine)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    await settle(pilot)
    while not condition() and loop.time() < deadline:
        await settle(pilot)


def drive(db: Path, scenario: Scenario, today: dt.date = TODAY) -> None:
    """Run ``scenario`` against the app at 80x24."""

    async def run() -> None:
        app = make_app(db, today=today)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await scenario(pilot, app)

    asyncio.run(run())


def entries(db: Path, **filters: object) -> list[object]:
    with Journal.open(db) as journal:
        return list(journal.entries(**filters))  # type: ignore[arg-type]
