"""The review of a journal at a path, over sqlite3: the same as through an open Journal."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from tracker.services.journal import Journal
from tracker.services.profile import set_profile
from tracker.services.review import set_target, skip_day
from tracker.services.summary import week_summaries, week_summary
from tracker.services.summary_facts import summaries_of, summary_of

from .test_summary_service import TODAY, random_drafts


def test_the_sqlite3_review_equals_the_journal_review(journal: Journal) -> None:
    rng = random.Random(7)
    journal.add_many((d, None) for d in random_drafts(rng, TODAY - dt.timedelta(days=150), 150))
    for e in rng.sample(journal.entries(), 10):
        journal.delete(e.id)
    set_profile(journal, sex="female", endocrine_therapy="aromatase-inhibitor", birth_year=1960)
    set_target(journal, "aerobic-minutes", 100, "agreed")
    skip_day(journal, TODAY - dt.timedelta(days=9), "ill")
    for day in (TODAY, TODAY - dt.timedelta(days=40)):
        quick = summary_of(journal.path, day)
        assert quick.upgraded_backup is None
        assert quick.summaries == [week_summary(journal, day)]
    many = summaries_of(journal.path, 20, TODAY)
    assert many.summaries == week_summaries(journal, 20, TODAY)
    assert any(t.trend and t.trend[-1] is not None for t in many.summaries[-1].targets)


def test_a_missing_journal_is_created_then_reviewed(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    reviewed = summary_of(path, TODAY)
    assert path.exists()
    assert reviewed.summaries[0].start <= TODAY <= reviewed.summaries[0].end
