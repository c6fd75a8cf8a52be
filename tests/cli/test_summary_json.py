"""`tracker summary --json` reads its fields straight from the results: the same as dumping."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from tracker.cli.review_cmds import summary_json
from tracker.domain.summary import WeekSummary
from tracker.services.journal import Journal
from tracker.services.review import set_target, skip_day
from tracker.services.summary import week_summaries

from ..services.test_summary_service import TODAY, random_drafts


def dumped(s: WeekSummary) -> dict[str, Any]:
    """The JSON as the results' own ``model_dump`` gives it (the reference)."""
    keys = {"id", "lever", "actual", "unit", "target", "direction", "status", "source"}
    return {
        "week": s.week,
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "targets": [
            {**t.model_dump(mode="json", include=keys), "days_logged": t.days_logged}
            for t in s.targets
        ],
        "levers": [lv.model_dump(mode="json") for lv in s.levers],
    }


def test_summary_json_equals_the_dumped_results(journal: Journal) -> None:
    rng = random.Random(3)
    journal.add_many((d, None) for d in random_drafts(rng, TODAY - dt.timedelta(days=90), 90))
    set_target(journal, "calcium", 900)
    skip_day(journal, TODAY - dt.timedelta(days=2))
    summaries = week_summaries(journal, 12, TODAY)
    for s in summaries:
        got = summary_json(s)
        assert got == dumped(s)
        assert list(got["targets"][0]) == list(dumped(s)["targets"][0])  # the same key order
        assert list(got["levers"][0]) == list(dumped(s)["levers"][0])
    assert any(t["actual"] is not None for s in summaries for t in summary_json(s)["targets"])
