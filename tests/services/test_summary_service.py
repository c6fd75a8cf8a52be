"""The review from a journal: SQL facts equal the pure reference; skips, overrides, settings."""

from __future__ import annotations

import datetime as dt
import math
import random
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.levers import Status
from tracker.domain.summary import ReviewSettings, facts_from_entries
from tracker.domain.week import Weekday, parse_review_week, weeks_ending
from tracker.guidance import catalogue
from tracker.services.journal import Journal, NothingToUndo
from tracker.services.profile import set_profile
from tracker.services.review import (
    check_target_value,
    reset_target,
    set_target,
    skip_day,
    skipped_days,
    target_overrides,
    target_spec,
    unskip_day,
)
from tracker.services.settings import load_settings, update_settings
from tracker.services.summary import week_facts, week_summaries, week_summary
from tracker.store.paths import config_file

D = dt.date
TODAY = D(2026, 11, 30)


def random_drafts(rng: random.Random, start: dt.date, days: int) -> list[EntryDraft]:
    drafts = []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        if rng.random() < 0.7:
            bed = f"{rng.choice([22, 23, 0, 1])}:{rng.choice(['00', '15', '45'])}"
            drafts.append(
                EntryDraft.build(kind="sleep", date=day, tags={"bed": bed, "wake": "07:00"})
            )
        for _ in range(rng.randint(0, 3)):
            drafts.append(
                EntryDraft.build(
                    kind="exercise",
                    date=day,
                    values={"minutes": rng.randint(5, 90)},
                    tags={
                        "type": rng.choice(["walk", "run", "resistance", "balance", "yoga"]),
                        "intensity": rng.choice(["light", "moderate", "vigorous"]),
                    },
                )
            )
        if rng.random() < 0.6:
            values = {
                name: float(rng.randint(0, 900))
                for name in ("calcium_mg", "caffeine_mg", "protein_g")
                if rng.random() < 0.6
            }
            values["alcohol_drinks"] = float(rng.randint(0, 3))
            drafts.append(EntryDraft.build(kind="nutrition", date=day, values=values))
        if rng.random() < 0.5:
            tags = {"practice": "breathwork"} if rng.random() < 0.5 else {"social": "yes"}
            values = {"level": float(rng.randint(0, 10))}
            if "practice" in tags:
                values["minutes"] = 10.0
            drafts.append(EntryDraft.build(kind="stress", date=day, values=values, tags=tags))
        if rng.random() < 0.03:
            event = rng.choice(["dose", "scan", "appointment"])
            drafts.append(EntryDraft.build(kind="care", date=day, tags={"event": event}))
    return drafts


def test_sql_facts_equal_the_pure_reference_on_a_random_journal(journal: Journal) -> None:
    rng = random.Random(20261130)
    weeks = weeks_ending(TODAY, 12)
    journal.add_many(
        (d, None) for d in random_drafts(rng, weeks[0].start - dt.timedelta(days=200), 290)
    )
    every = journal.entries()
    for e in rng.sample(every, 20):
        journal.delete(e.id)
    skips = {weeks[3].start + dt.timedelta(days=k) for k in (0, 2, 9)}
    for day in skips:
        skip_day(journal, day, "ill")
    entries = journal.entries() + journal.entries(deleted=True)
    cat = catalogue()
    from_sql = week_facts(journal, weeks, cat, now=TODAY - dt.timedelta(days=3))
    for week, facts in zip(weeks, from_sql, strict=True):
        ref = facts_from_entries(cat, week, entries, skips, as_of=facts.as_of)
        assert facts.skipped == ref.skipped
        assert facts.last_event == ref.last_event, week.label
        for tid in ref.days:
            got, want = facts.days[tid], ref.days[tid]
            assert got.keys() == want.keys(), (week.label, tid)
            for day in want:
                assert got[day].matched == want[day].matched, (tid, day)
                assert got[day].logged == want[day].logged, (tid, day)
                assert got[day].total == pytest.approx(want[day].total), (tid, day)
                assert sorted(got[day].values) == sorted(want[day].values)
    assert any(f.last_event for f in from_sql)
    assert any(f.skipped for f in from_sql)


def test_week_summary_uses_profile_overrides_skips_and_fills_trends(journal: Journal) -> None:
    w48 = parse_review_week("2026-W48")
    for week in (w48.shifted(-2), w48.shifted(-1), w48):
        journal.add_many(
            (EntryDraft.build(kind="exercise", date=week.start + dt.timedelta(days=i),
                              values={"minutes": 30}, tags={"type": "walk"}), None)
            for i in range(4)
        )  # fmt: skip
    summary = week_summary(journal, D(2026, 11, 26))
    assert (summary.week, summary.start, summary.end) == ("2026-W48", w48.start, w48.end)
    aerobic = summary.target("aerobic-minutes")
    assert aerobic is not None
    assert (aerobic.actual, aerobic.status) == (120, Status.CLOSE)
    assert aerobic.trend == [None, None, 120, 120]
    set_target(journal, "aerobic-minutes", 100, "agreed with my oncologist")
    skip_day(journal, D(2026, 11, 23), "in hospital")
    set_profile(journal, bone_metastases="yes")
    again = week_summary(journal, D(2026, 11, 26)).target("aerobic-minutes")
    assert again is not None
    assert again.actual == 90  # the skip day's walk is left out
    assert again.target == round(100 * 6 / 7, 2)
    assert (again.status, again.overridden, again.source) == (Status.MET, True, "your own target")
    assert again.override_note == "agreed with my oncologist"
    resistance = week_summary(journal, D(2026, 11, 26)).target("resistance-sessions")
    assert resistance is not None
    assert resistance.status is Status.INFO


def test_week_summaries_are_consecutive_oldest_first(journal: Journal) -> None:
    summaries = week_summaries(journal, 3, D(2027, 1, 2))
    assert [s.week for s in summaries] == ["2026-W51", "2026-W52", "2026-W53"]
    assert all(t.status is Status.NO_DATA for s in summaries for t in s.targets)
    with pytest.raises(InputError, match="--weeks"):
        week_summaries(journal, 0)


def test_a_configured_sunday_start(journal: Journal) -> None:
    update_settings(week_start="sunday")
    summary = week_summary(journal, D(2026, 11, 29))
    assert (summary.start, summary.end, summary.week) == (
        D(2026, 11, 29),
        D(2026, 12, 5),
        "2026-W49",
    )


# -- skips -----------------------------------------------------------------------------------


def test_skip_days_list_replace_unskip_and_undo(journal: Journal) -> None:
    skip_day(journal, D(2026, 11, 24), "flu")
    skip_day(journal, D(2026, 11, 20))
    assert [(s.date, s.reason) for s in skipped_days(journal)] == [
        (D(2026, 11, 20), ""),
        (D(2026, 11, 24), "flu"),
    ]
    skip_day(journal, D(2026, 11, 24), "still flu")
    assert skipped_days(journal, start=D(2026, 11, 21))[0].reason == "still flu"
    assert "skip day" in journal.undo()
    assert skipped_days(journal, start=D(2026, 11, 21))[0].reason == "flu"
    unskip_day(journal, D(2026, 11, 24))
    assert [s.date for s in skipped_days(journal)] == [D(2026, 11, 20)]
    journal.undo()
    assert len(skipped_days(journal)) == 2
    journal.undo()  # the skip of the 20th
    assert [s.date for s in skipped_days(journal)] == [D(2026, 11, 24)]
    journal.undo()
    assert skipped_days(journal) == []
    with pytest.raises(NothingToUndo):
        journal.undo()


def test_bad_skips_are_refused(journal: Journal) -> None:
    with pytest.raises(InputError, match="--reason"):
        skip_day(journal, D(2026, 11, 24), "bad\x00reason")
    with pytest.raises(InputError, match="--reason"):
        skip_day(journal, D(2026, 11, 24), "x" * 501)
    with pytest.raises(InputError, match="not a skip day"):
        unskip_day(journal, D(2026, 11, 24))
    assert skipped_days(journal) == []


# -- overrides -------------------------------------------------------------------------------


def test_set_reset_and_undo_a_target(journal: Journal) -> None:
    set_target(journal, "sleep-duration", 6.5, "agreed with my oncologist")
    set_target(journal, "sleep-duration", 6, "changed")
    assert target_overrides(journal)["sleep-duration"].value == 6
    journal.undo()
    assert target_overrides(journal)["sleep-duration"].note == "agreed with my oncologist"
    removed = reset_target(journal, "sleep-duration")
    assert removed.value == 6.5
    assert target_overrides(journal) == {}
    assert "resetting" in journal.undo()
    assert target_overrides(journal)["sleep-duration"].value == 6.5
    journal.undo()
    assert target_overrides(journal) == {}


@pytest.mark.parametrize(
    ("target", "value", "match"),
    [
        ("sleep", 7.0, "target: 'sleep' is not a target"),
        ("sleep-duration", -1.0, "value"),
        ("sleep-duration", float("inf"), "value"),
        ("sleep-duration", 2e6, "value"),
        ("bone-scan", 0.5, "value"),
    ],
)
def test_bad_targets_are_refused(journal: Journal, target: str, value: float, match: str) -> None:
    with pytest.raises(InputError, match=match):
        set_target(journal, target, value)
    assert target_overrides(journal) == {}
    with pytest.raises(NothingToUndo):
        journal.undo()


def test_reset_without_an_override_is_refused(journal: Journal) -> None:
    with pytest.raises(InputError, match="has no target of yours"):
        reset_target(journal, "calcium")


# -- settings --------------------------------------------------------------------------------


def test_settings_default_then_written_0600_and_read_back() -> None:
    assert load_settings() == ReviewSettings()
    path = config_file()
    assert not path.exists()
    update_settings(close_at_least=0.75, min_days=4, week_start="sunday")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    loaded = load_settings()
    assert (loaded.close_at_least, loaded.min_days, loaded.week_start) == (0.75, 4, Weekday.SUNDAY)
    assert loaded.close_at_most == 1.2
    assert "[review]" in path.read_text()


def test_settings_keep_other_tables(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "dark"\n\n[export]\nfolder = "C:\\\\x \\"y\\""\n')
    update_settings(path, min_days=2)
    text = path.read_text()
    assert 'theme = "dark"' in text
    import tomllib

    data = tomllib.loads(text)
    assert data["export"]["folder"] == 'C:\\x "y"'
    assert data["review"]["min_days"] == 2


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"close_at_least": 1.5}, "close_at_least"),
        ({"close_at_most": 0.9}, "close_at_most"),
        ({"min_days": 0}, "min_days"),
        ({"week_start": "someday"}, "week_start"),
    ],
)
def test_bad_settings_are_refused_and_not_written(change: dict[str, Any], match: str) -> None:
    with pytest.raises(InputError, match=match):
        update_settings(**change)
    assert not config_file().exists()


def test_a_broken_config_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[review\n")
    with pytest.raises(InputError, match=r"config\.toml"):
        load_settings(path)
    path.write_text("[review]\nmin_days = 9\n")
    with pytest.raises(InputError, match="min_days"):
        load_settings(path)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_target_value_is_accepted_only_from_0_to_a_million(value: float) -> None:
    spec = target_spec("calcium")
    if math.isfinite(value) and 0 <= value <= 1_000_000:
        assert check_target_value(spec, value) == value
    else:
        with pytest.raises(InputError, match="value"):
            check_target_value(spec, value)


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 12))
def test_review_settings_accept_only_sensible_margins(margin: float, days: int) -> None:
    ok = math.isfinite(margin) and 0 < margin < 1 and 1 <= days <= 7
    if ok:
        assert ReviewSettings(close_at_least=margin, min_days=days).min_days == days
    else:
        with pytest.raises(ValueError, match=r"close_at_least|min_days"):
            ReviewSettings(close_at_least=margin, min_days=days)
