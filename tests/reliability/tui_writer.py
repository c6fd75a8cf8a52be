"""A process that logs stress entries through the app's form, over and over, until killed.

``python -m tests.reliability.tui_writer DB PREFIX`` prints ``ready`` once the app is up,
then ``saved PREFIX-N`` after each entry the app has confirmed ("Saved ..."), flushed at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import drive, settle
from tracker.tui import TrackerApp
from tracker.tui.screens.log_form import LogFormScreen
from tracker.tui.screens.today import TodayScreen


def main(db: str, prefix: str) -> None:
    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        print("ready", flush=True)
        i = 0
        while True:
            await pilot.press("r")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, LogFormScreen)
            form.query_one("#f-stress-level", Input).value = str(i % 11)
            form.query_one("#f-note", Input).value = f"{prefix}-{i}"
            seen = len(app._notifications)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, TodayScreen)
            assert any(n.title == "Saved" for n in list(app._notifications)[seen:])
            print(f"saved {prefix}-{i}", flush=True)
            i += 1

    drive(Path(db), scenario)


if __name__ == "__main__":
    main(*sys.argv[1:3])
