"""The app (Pilot): wrong form values refused with nothing written, a full disk survived with
the form kept, and entries logged by other processes seen when the app refreshes.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from tests.conftest import file_digest
from tests.reliability.helpers import ROOT, cap_journal_at_its_size, cli_env
from tests.reliability.test_concurrency import _release
from tests.tui.conftest import TODAY, drive, settle
from tracker.domain.entry import NOTE_MAX_CHARS
from tracker.domain.metrics import Kind
from tracker.services.journal import Journal
from tracker.tui import TrackerApp
from tracker.tui.forms import form_fields
from tracker.tui.screens.log_form import LogFormScreen
from tracker.tui.screens.problem import ProblemScreen
from tracker.tui.screens.today import LOG_KEYS, TodayScreen

BAD: dict[str, list[str]] = {
    "number": ["nan", "inf", "-inf", "1e400", "9" * 400, "-1", "100001", "😴", "7\x00", "1,5"],
    "date": ["2026-02-30", "2026-13-01", "1899-12-31", "2200-01-01", "tomorrow", "\x1b[31m"],
    "time": ["24:00", "12:60", "7", "noon", "😴", "07:00\x00"],
    "text": ["x" * (NOTE_MAX_CHARS + 1), "bad\x00note", "\x1b[2J", "\ud800"],
}


def _shown_error(form: Screen[object]) -> str:
    texts = [str(s.render()) for s in form.query(".field-error").results(Static)]
    texts.append(str(form.query_one("#form-error", Static).render()))
    return " ".join(t for t in texts if t.strip())


@pytest.mark.parametrize("kind", list(Kind))
def test_form_fields_refuse_wrong_values_and_write_nothing(
    kind: Kind, db: Path, figures: Counter[str]
) -> None:
    with Journal.open(db):
        pass
    before = file_digest(db)
    tried = 0

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        nonlocal tried
        await pilot.press(LOG_KEYS[kind])
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogFormScreen)
        for i, field in enumerate(form_fields(kind)):
            if field.type not in BAD:
                continue
            widget = form.query_one(f"#{field.dom_id}", Input)
            values = BAD[field.type]
            # Three values a field, in turn, so that every value meets some field of its type.
            for value in [values[(3 * i + j) % len(values)] for j in range(3)]:
                widget.value = value
                await pilot.press("ctrl+s")
                await settle(pilot)
                assert app.screen is form, (field.key, value)
                assert _shown_error(form), (field.key, value)
                assert file_digest(db) == before, (field.key, value)
                tried += 1
            widget.value = field.default
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

    drive(db, scenario)
    assert tried > 0
    figures["inputs tried"] += tried


def test_full_disk_while_saving_a_form_keeps_the_form_and_the_app(
    db: Path, monkeypatch: pytest.MonkeyPatch, figures: Counter[str]
) -> None:
    with Journal.open(db) as journal:
        journal.add(journal_draft())
    cap_journal_at_its_size(monkeypatch)
    before = file_digest(db)

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogFormScreen)
        form.query_one("#f-sleep-hours", Input).value = "7"
        form.query_one("#f-note", Input).value = "x" * 10_000
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still there, with what was typed
        assert not isinstance(app.screen, ProblemScreen)
        assert "full" in _shown_error(form)
        assert form.query_one("#f-sleep-hours", Input).value == "7"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)  # and the app goes on

    drive(db, scenario)
    assert file_digest(db) == before
    monkeypatch.undo()
    with Journal.open(db) as journal:
        assert len(journal.entries()) == 1
    figures["entries checked"] += 1


def journal_draft() -> Any:
    from tracker.domain.entry import EntryDraft

    return EntryDraft.build(kind="sleep", date=TODAY, values={"hours": 6})


def test_the_app_sees_entries_other_processes_log(db: Path, figures: Counter[str]) -> None:
    """Two processes log 15 entries each while the app, open on the journal, refreshes."""
    with Journal.open(db):
        pass
    go = db.parent / "go"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.worker",
                str(go),
                str(db),
                "log",
                "15",
                f"w{n}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(TRACKER_TODAY=TODAY.isoformat()),
            cwd=ROOT,
        )
        for n in range(2)
    ]
    refreshes = 0

    async def scenario(pilot: Pilot[int], app: TrackerApp) -> None:
        nonlocal refreshes
        _release(go, writers)
        while any(w.poll() is None for w in writers):
            await pilot.press("t")  # back to today: reloads the day
            await settle(pilot)
            refreshes += 1
            assert not isinstance(app.screen, ProblemScreen)
        await pilot.press("t")
        await settle(pilot)
        table = app.screen.query_one("#day-entries", DataTable)
        assert table.row_count == 30
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors == []

    drive(db, scenario)
    for w in writers:
        out, err = w.communicate(timeout=60)
        assert w.returncode == 0, err
        assert '"code": 0' in out
        assert '"code": 1' not in out
    assert refreshes > 1
    figures["entries checked"] += 30
    figures["processes run"] += 2
