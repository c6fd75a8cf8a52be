"""The weekly review engine over hand-computed weeks (every case of issue 3's "Done when")."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pytest

from tracker.domain.entry import Entry, EntryDraft
from tracker.domain.levers import Direction, Status
from tracker.domain.profile import Profile
from tracker.domain.summary import (
    ReviewSettings,
    TargetOverride,
    WeekSummary,
    add_months,
    attach_trends,
    bedtime_minutes,
    evaluate_week,
    facts_from_entries,
    judge,
)
from tracker.domain.week import Week, parse_review_week
from tracker.guidance import catalogue

D = dt.date
W48 = parse_review_week("2026-W48")  # Mon 2026-11-23 .. Sun 2026-11-29
_ids = itertools.count(1)


def entry(kind: str, day: dt.date, values: dict[str, float] | None = None, **tags: str) -> Entry:
    draft = EntryDraft.build(kind=kind, date=day, values=values or {}, tags=tags)
    n = next(_ids)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return Entry(id=n, uid=str(n), created_at=now, updated_at=now, **draft.model_dump())


def review(
    entries: list[Entry],
    week: Week = W48,
    profile: Profile | None = None,
    skipped: tuple[dt.date, ...] = (),
    overrides: dict[str, TargetOverride] | None = None,
    settings: ReviewSettings | None = None,
    as_of: dt.date | None = None,
) -> WeekSummary:
    cat = catalogue()
    facts = facts_from_entries(cat, week, entries, skipped, as_of)
    return evaluate_week(cat, facts, profile, overrides, settings)


def get(summary: WeekSummary, target_id: str) -> Any:
    result = summary.target(target_id)
    assert result is not None, f"{target_id} is not shown"
    return result


def day(n: int) -> dt.date:
    """Day n of W48 (0 = Monday 23 Nov)."""
    return W48.start + dt.timedelta(days=n)


# -- nothing logged --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "profile",
    [
        Profile(),
        Profile.build(
            sex="female", birth_year=1950, weight_kg=60, endocrine_therapy="aromatase-inhibitor",
            bone_drug="denosumab-6m", bone_metastases="yes", smoker="yes", alcohol_unit="uk-unit",
        ),
    ],
)  # fmt: skip
def test_a_week_with_nothing_logged_is_no_data_everywhere_never_missed(profile: Profile) -> None:
    summary = review([], profile=profile)
    assert summary.targets
    assert {t.status for t in summary.targets} == {Status.NO_DATA}
    assert all(t.actual is None and t.days_logged == 0 for t in summary.targets)
    assert all(Status.MISSED not in lv.statuses.values() for lv in summary.levers)


def test_targets_come_core_levers_first_in_catalogue_order() -> None:
    ids = [t.lever for t in review([]).targets]
    assert ids == sorted(ids, key=lambda lever: (lever[0] != "C", int(lever[1:])))
    assert ids[0] == "C1"
    assert [lv.id for lv in review([]).levers][:2] == ["C1", "C2"]


# -- status margins --------------------------------------------------------------------------


def test_judge_margins() -> None:
    assert judge(7, 7, Direction.AT_LEAST) is Status.MET
    assert judge(5.6, 7, Direction.AT_LEAST) is Status.CLOSE
    assert judge(5.59, 7, Direction.AT_LEAST) is Status.MISSED
    assert judge(7, 7, Direction.AT_MOST) is Status.MET
    assert judge(8.4, 7, Direction.AT_MOST) is Status.CLOSE
    assert judge(8.41, 7, Direction.AT_MOST) is Status.MISSED
    assert judge(1, 0, Direction.AT_MOST) is Status.MISSED
    strict = ReviewSettings(close_at_least=0.9, close_at_most=1.1)
    assert judge(6, 7, Direction.AT_LEAST, strict) is Status.MISSED
    assert judge(6.3, 7, Direction.AT_LEAST, strict) is Status.CLOSE


@pytest.mark.parametrize(
    ("minutes", "status"),
    [
        # moderate once, vigorous twice, light not at all: 60 + 2x30 + 0x100 = 120 = 0.8 x 150
        ((60, 30, 100), Status.CLOSE),
        ((59, 30, 100), Status.MISSED),  # 119
        ((90, 30, 0), Status.MET),  # 150
    ],
)
def test_aerobic_minutes_on_the_point_eight_boundary(
    minutes: tuple[int, int, int], status: Status
) -> None:
    moderate, vigorous, light = minutes
    entries = [
        entry("exercise", day(0), {"minutes": moderate}, type="walk", intensity="moderate"),
        entry("exercise", day(2), {"minutes": vigorous}, type="run", intensity="vigorous"),
        entry("exercise", day(3), {"minutes": 45}, type="resistance"),  # not aerobic
    ]
    if light:
        entries.append(
            entry("exercise", day(4), {"minutes": light}, type="cycle", intensity="light")
        )
    result = get(review(entries), "aerobic-minutes")
    assert result.actual == moderate + 2 * vigorous
    assert result.target == 150
    assert result.status is status
    assert result.source == "ACS 2020 / WHO 2020"
    assert result.citation.startswith("https://www.cancer.org")


def test_settings_change_the_margin_and_the_minimum_days() -> None:
    entries = [
        entry("exercise", day(0), {"minutes": 120}, type="walk"),
        entry("nutrition", day(0), {"calcium_mg": 1000}),
        entry("nutrition", day(1), {"calcium_mg": 1000}),
    ]
    loose = ReviewSettings(close_at_least=0.5, min_days=2)
    assert get(review(entries), "aerobic-minutes").status is Status.CLOSE
    strict = review(entries, settings=ReviewSettings(close_at_least=0.9))
    assert get(strict, "aerobic-minutes").status is Status.MISSED  # 120 < 135
    assert get(review(entries), "calcium").status is Status.NO_DATA
    assert get(review(entries, settings=loose), "calcium").status is Status.MET


# -- sleep -----------------------------------------------------------------------------------


def test_sleep_counts_on_the_wake_date_including_a_sleep_that_starts_after_midnight() -> None:
    entries = [
        entry("sleep", day(-1), {}, bed="22:00", wake="05:00"),  # woke Sunday 22 Nov: W47
        entry("sleep", day(0), {}, bed="23:30", wake="06:30"),  # Sunday night -> Monday: 7 h
        entry("sleep", day(1), {}, bed="00:30", wake="07:00"),  # after midnight: 6.5 h
        entry("sleep", day(2), {}, bed="23:00", wake="06:00"),  # 7 h
    ]
    summary = review(entries)
    duration = get(summary, "sleep-duration")
    assert duration.days_logged == 3
    assert duration.actual == round((7 + 6.5 + 7) / 3, 2)
    assert duration.status is Status.CLOSE  # 6.83 h: below 7, above 5.6
    assert duration.unit == "h"
    # bedtimes -30, +30, -60 min around midnight: population SD sqrt(4200 / 3)
    regularity = get(summary, "sleep-regularity")
    assert regularity.actual == round(math.sqrt(1400), 2)
    assert regularity.status is Status.INFO
    assert regularity.target is None


def test_bedtime_minutes_wrap_around_midnight() -> None:
    assert bedtime_minutes("23:30") == -30
    assert bedtime_minutes("00:30") == 30
    assert bedtime_minutes("12:00") == -720
    assert bedtime_minutes("11:59") == 719


def test_a_mean_needs_three_logged_days() -> None:
    two = [entry("sleep", day(i), {"hours": 5}) for i in range(2)]
    result = get(review(two), "sleep-duration")
    assert result.status is Status.NO_DATA
    assert result.actual == 5
    assert "3 needed" in result.detail
    three = [*two, entry("sleep", day(2), {"hours": 5})]
    assert get(review(three), "sleep-duration").status is Status.MISSED


# -- a week across the new year --------------------------------------------------------------


def test_week_53_collects_days_of_both_years() -> None:
    w53 = parse_review_week("2026-W53")
    entries = [
        entry("exercise", D(2026, 12, 27), {"minutes": 500}, type="walk"),  # W52
        entry("exercise", D(2026, 12, 31), {"minutes": 60}, type="walk"),
        entry("exercise", D(2027, 1, 2), {"minutes": 40}, type="swim", intensity="vigorous"),
        entry("exercise", D(2027, 1, 4), {"minutes": 500}, type="walk"),  # 2027-W01
    ]
    summary = review(entries, week=w53)
    assert (summary.week, summary.start, summary.end) == (
        "2026-W53",
        D(2026, 12, 28),
        D(2027, 1, 3),
    )
    aerobic = get(summary, "aerobic-minutes")
    assert aerobic.actual == 140
    assert aerobic.days_logged == 2
    assert aerobic.status is Status.CLOSE
    assert get(summary, "active-days").actual == 2


# -- skip days -------------------------------------------------------------------------------


def test_skip_days_are_left_out_and_weekly_sums_are_prorated() -> None:
    entries = [
        entry("exercise", day(0), {"minutes": 90}, type="walk"),
        entry("exercise", day(1), {"minutes": 60}, type="walk"),  # on a skip day
        entry("sleep", day(1), {"hours": 3}),  # on a skip day
        *[entry("sleep", day(i), {"hours": 7}) for i in (3, 4, 5)],
    ]
    plain = review(entries)
    assert get(plain, "aerobic-minutes").actual == 150
    assert get(plain, "aerobic-minutes").status is Status.MET
    assert get(plain, "sleep-duration").status is Status.CLOSE  # (3 + 21) / 4 = 6
    skipped = review(entries, skipped=(day(1), day(2)))
    assert skipped.skipped_days == [day(1), day(2)]
    aerobic = get(skipped, "aerobic-minutes")
    assert aerobic.actual == 90
    assert aerobic.target == round(150 * 5 / 7, 2)  # 107.14
    assert aerobic.status is Status.CLOSE  # 90 >= 85.7
    assert aerobic.days_logged == 1
    assert "prorated" in aerobic.detail
    sleep = get(skipped, "sleep-duration")
    assert (sleep.actual, sleep.days_logged, sleep.status) == (7, 3, Status.MET)
    assert sleep.target == 7  # a mean is not prorated
    active = get(skipped, "active-days")
    assert active.actual == 1
    assert active.target == 4  # 5 x 5/7 = 3.6 days, kept whole
    assert active.status is Status.MISSED  # 1 < 3.2


def test_a_fully_skipped_week_is_no_data() -> None:
    entries = [entry("exercise", day(i), {"minutes": 30}, type="walk") for i in range(7)]
    summary = review(entries, skipped=tuple(day(i) for i in range(7)))
    assert {t.status for t in summary.targets} == {Status.NO_DATA}


# -- nutrition and counts --------------------------------------------------------------------


def test_calcium_sums_a_day_then_averages_logged_days() -> None:
    entries = [
        entry("nutrition", day(0), {"calcium_mg": 400}),
        entry("nutrition", day(0), {"calcium_mg": 500, "fibre_g": 30}),
        entry("nutrition", day(2), {"calcium_mg": 1000}),
        entry("nutrition", day(4), {"calcium_mg": 1100}),
        entry("nutrition", day(5), {"fibre_g": 20}),  # no calcium that day
    ]
    calcium = get(review(entries), "calcium")
    assert (calcium.actual, calcium.days_logged, calcium.status) == (1000, 3, Status.MET)
    assert calcium.source == "IOM 2011"
    fibre = get(review(entries), "fibre")
    assert fibre.days_logged == 2
    assert fibre.status is Status.NO_DATA


def test_resistance_sessions_count_entries_and_other_exercise_means_zero_not_no_data() -> None:
    walk = entry("exercise", day(0), {"minutes": 30}, type="walk")
    assert get(review([walk]), "resistance-sessions").status is Status.MISSED
    assert get(review([walk]), "resistance-sessions").actual == 0
    two = [walk, *[entry("exercise", day(3), {"minutes": 20}, type="resistance")] * 2]
    result = get(review(two), "resistance-sessions")
    assert (result.actual, result.status, result.unit) == (2, Status.MET, "sessions")


def test_caffeine_counts_days_over_400_mg() -> None:
    entries = [
        entry("nutrition", day(0), {"caffeine_mg": 250}),
        entry("nutrition", day(0), {"caffeine_mg": 200}),  # 450 that day
        entry("nutrition", day(1), {"caffeine_mg": 400}),  # not over
    ]
    result = get(review(entries), "caffeine")
    assert (result.actual, result.target, result.status) == (1, 0, Status.MISSED)
    ok = get(review(entries[2:]), "caffeine")
    assert (ok.actual, ok.status) == (0, Status.MET)


def test_alcohol_limits_by_sex_and_uk_units() -> None:
    eight = [entry("nutrition", day(i), {"alcohol_drinks": 2}) for i in range(4)]
    default = get(review(eight), "alcohol")
    assert (default.target, default.status, default.unit) == (7, Status.CLOSE, "drinks")
    assert default.source == "ACS 2020"
    men = get(review(eight, profile=Profile.build(sex="male")), "alcohol")
    assert (men.target, men.status) == (14, Status.MET)
    uk = get(review(eight, profile=Profile.build(alcohol_unit="uk-unit")), "alcohol")
    assert (uk.target, uk.unit, uk.source) == (14, "units", "UK CMO 2016")
    ten = [*eight, entry("nutrition", day(5), {"alcohol_drinks": 2})]
    assert get(review(ten), "alcohol").status is Status.MISSED  # 10 > 8.4


def test_practice_social_and_stress_level() -> None:
    entries = [
        entry("stress", day(0), {"level": 4, "minutes": 10}, practice="breathwork"),
        entry("stress", day(0), {"minutes": 20}, practice="yoga"),
        entry("stress", day(1), {"level": 6}, social="yes"),
        entry("stress", day(2), {"level": 5}),
    ]
    summary = review(entries)
    practice = get(summary, "practice-days")
    assert (practice.actual, practice.status, practice.source) == (1, Status.MISSED, "app-defined")
    assert practice.app_defined
    assert get(summary, "social-days").actual == 1
    level = get(summary, "stress-level")
    assert (level.actual, level.status) == (5, Status.INFO)


# -- profile rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "calcium", "vitamin_d"),
    [
        ({}, 1000, 600),
        ({"sex": "female", "birth_year": 1975}, 1000, 600),  # 51 in 2026
        ({"sex": "female", "birth_year": 1976}, 1000, 600),  # 50
        ({"sex": "male", "birth_year": 1956}, 1000, 600),  # 70
        ({"sex": "male", "birth_year": 1955}, 1200, 800),  # 71
        ({"endocrine_therapy": "aromatase-inhibitor"}, 1000, 800),
        ({"endocrine_therapy": "adt"}, 1000, 800),
        ({"endocrine_therapy": "tamoxifen"}, 1000, 600),
        ({"bone_drug": "zoledronic-6m"}, 1000, 800),
    ],
)
def test_calcium_and_vitamin_d_by_age_sex_therapy_and_bone_drug(
    fields: dict[str, Any], calcium: int, vitamin_d: int
) -> None:
    profile = Profile.build(**fields)
    entries = [
        entry("nutrition", day(i), {"calcium_mg": 1000, "vitamin_d_iu": 700}) for i in (0, 1, 2)
    ]
    summary = review(entries, profile=profile)
    if fields == {"sex": "female", "birth_year": 1975}:
        calcium = 1200
    assert get(summary, "calcium").target == calcium
    vit = get(summary, "vitamin-d")
    assert vit.target == vitamin_d
    assert vit.status is (Status.MET if vitamin_d == 600 else Status.CLOSE)
    if fields.get("endocrine_therapy") in ("aromatase-inhibitor", "adt"):
        assert vit.source == "ASCO 2019"


def test_protein_is_hidden_without_a_weight_and_per_kg_with_one() -> None:
    entries = [entry("nutrition", day(i), {"protein_g": 60}) for i in (0, 1, 2)]
    assert review(entries).target("protein") is None
    protein = get(review(entries, profile=Profile.build(weight_kg=72.5)), "protein")
    assert (protein.target, protein.status) == (72.5, Status.CLOSE)  # 60 >= 58


def test_balance_days_are_shown_from_65() -> None:
    assert review([], profile=Profile.build(birth_year=1962)).target("balance-days") is None
    assert review([]).target("balance-days") is None  # unknown age: default
    shown = review(
        [entry("exercise", day(i), {"minutes": 15}, type="balance") for i in (0, 2, 4)],
        profile=Profile.build(birth_year=1961),
    )
    assert get(shown, "balance-days").status is Status.MET


def test_smoke_free_shown_for_smokers_or_when_cigarettes_are_logged() -> None:
    assert review([]).target("smoke-free") is None
    smoker = get(review([], profile=Profile.build(smoker="yes")), "smoke-free")
    assert smoker.status is Status.NO_DATA
    zero = [entry("nutrition", day(i), {"cigarettes": 0}) for i in (0, 1)]
    clean = get(review(zero), "smoke-free")
    assert (clean.actual, clean.status) == (0, Status.MET)
    some = get(review([*zero, entry("nutrition", day(3), {"cigarettes": 4})]), "smoke-free")
    assert (some.actual, some.status) == (1, Status.MISSED)


def test_bone_metastases_turn_exercise_targets_into_info_until_the_user_sets_one() -> None:
    profile = Profile.build(bone_metastases="yes", birth_year=1950)
    entries = [entry("exercise", day(i), {"minutes": 10}, type="balance") for i in range(3)]
    entries.append(entry("exercise", day(0), {"minutes": 20}, type="walk"))
    summary = review(entries, profile=profile)
    for target_id in ("aerobic-minutes", "resistance-sessions", "active-days", "balance-days"):
        result = get(summary, target_id)
        assert result.status is Status.INFO, target_id
        assert result.target is None
        assert "care team" in result.detail
        assert result.source == "IBMEWG 2022"
    own = TargetOverride(target_id="aerobic-minutes", value=20, note="agreed with my physio")
    judged = get(
        review(entries, profile=profile, overrides={own.target_id: own}), "aerobic-minutes"
    )
    assert (judged.status, judged.target, judged.source) == (Status.MET, 20, "your own target")
    assert judged.overridden
    assert judged.override_note == "agreed with my physio"
    assert judged.detail == ""
    unknown = review(entries, profile=Profile.build(bone_metastases="unknown"))
    assert get(unknown, "aerobic-minutes").status is Status.MISSED


def test_overrides_replace_the_threshold_and_can_judge_an_info_target() -> None:
    sleeps = [
        entry("sleep", day(0), {}, bed="23:30", wake="06:30"),
        entry("sleep", day(1), {}, bed="00:30", wake="07:00"),
        entry("sleep", day(2), {}, bed="23:00", wake="06:00"),
    ]
    overrides = {
        "sleep-duration": TargetOverride(target_id="sleep-duration", value=6.5, note="mine"),
        "sleep-regularity": TargetOverride(target_id="sleep-regularity", value=30),
    }
    summary = review(sleeps, overrides=overrides)
    duration = get(summary, "sleep-duration")
    assert (duration.status, duration.target, duration.source) == (
        Status.MET,
        6.5,
        "your own target",
    )
    assert duration.citation == ""
    regularity = get(summary, "sleep-regularity")
    assert regularity.direction is Direction.AT_MOST
    assert regularity.status is Status.MISSED  # 37.4 min > 36
    hidden = TargetOverride(target_id="balance-days", value=2)
    assert review([], overrides={"balance-days": hidden}).target("balance-days") is not None


# -- bone care schedules ---------------------------------------------------------------------


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2026, 5, 20), 6) == D(2026, 11, 20)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)


def test_an_overdue_denosumab_dose_is_missed_with_the_fracture_warning() -> None:
    profile = Profile.build(bone_drug="denosumab-6m")
    dose = entry("care", D(2026, 5, 20), event="dose", drug="denosumab")
    scan = entry("care", D(2026, 5, 21), event="scan")
    late = get(review([dose, scan], profile=profile), "bone-drug")
    assert late.status is Status.MISSED
    assert late.actual == (D(2026, 11, 29) - D(2026, 5, 20)).days
    assert late.target == (D(2026, 11, 20) - D(2026, 5, 20)).days
    assert "overdue since 2026-11-20" in late.detail
    assert "spine fractures" in late.detail
    assert late.source == "US FDA label (Prolia)"
    on_time = get(review([dose], week=parse_review_week("2026-W46"), profile=profile), "bone-drug")
    assert on_time.status is Status.MET
    assert "next due 2026-11-20" in on_time.detail
    # Inside the current week only the days up to today count.
    early = get(review([dose], profile=profile, as_of=D(2026, 11, 19)), "bone-drug")
    assert early.status is Status.MET
    assert review([dose]).target("bone-drug") is None  # no bone drug in the profile


@pytest.mark.parametrize(
    ("drug", "last", "status"),
    [
        ("denosumab-4w", D(2026, 11, 1), Status.MET),  # due 29 Nov, the week's last day
        ("denosumab-4w", D(2026, 10, 31), Status.MISSED),
        ("zoledronic-12w", D(2026, 9, 6), Status.MET),  # due 29 Nov
        ("zoledronic-4w", D(2026, 10, 20), Status.MISSED),
        ("zoledronic-yearly", D(2025, 12, 1), Status.MET),
        ("oral-bisphosphonate", D(2026, 1, 1), Status.INFO),
    ],
)
def test_bone_drug_schedules(drug: str, last: dt.date, status: Status) -> None:
    dose = entry("care", last, event="dose")
    result = get(review([dose], profile=Profile.build(bone_drug=drug)), "bone-drug")
    assert result.status is status
    if drug.startswith("zoledronic"):
        assert "spine fractures" not in result.detail


def test_bone_drug_with_no_dose_logged_is_no_data() -> None:
    result = get(review([], profile=Profile.build(bone_drug="denosumab-6m")), "bone-drug")
    assert result.status is Status.NO_DATA
    assert "tracker log care --event dose" in result.detail


@pytest.mark.parametrize(
    ("scan", "therapy", "status"),
    [
        (D(2025, 6, 1), "none", Status.MET),  # due 2027-06-01
        (D(2025, 6, 1), "adt", Status.MISSED),  # due 2026-06-01
        (D(2024, 11, 29), "none", Status.MET),  # due on the week's last day
        (D(2024, 11, 1), "none", Status.MISSED),
    ],
)
def test_bone_scan_every_two_years_or_one_on_adt(
    scan: dt.date, therapy: str, status: Status
) -> None:
    events = [entry("care", scan, event="scan"), entry("care", D(2026, 11, 1), event="dose")]
    result = get(review(events, profile=Profile.build(endocrine_therapy=therapy)), "bone-scan")
    assert result.status is status
    if therapy == "adt":
        assert result.source.startswith("NCCN")


def test_a_scan_override_sets_the_interval_in_days() -> None:
    scan = entry("care", D(2026, 1, 1), event="scan")
    own = TargetOverride(target_id="bone-scan", value=180)
    result = get(review([scan], overrides={"bone-scan": own}), "bone-scan")
    assert (result.status, result.target) == (Status.MISSED, 180)


# -- trends ----------------------------------------------------------------------------------


def test_trends_hold_the_previous_four_weeks_and_upf_compares_with_last_week() -> None:
    weeks = [W48.shifted(i) for i in range(-5, 1)]
    servings = [None, 3, 6, None, 5, 3]
    summaries = []
    for week, amount in zip(weeks, servings, strict=True):
        entries = (
            [] if amount is None else [entry("nutrition", week.start, {"upf_servings": amount})]
        )
        summaries.append(review(entries, week=week))
    trended = attach_trends(summaries)
    last = get(trended[-1], "ultra-processed")
    assert last.trend == [3, 6, None, 5]
    assert last.status is Status.INFO
    assert last.detail == "2 fewer than last week (5)"
    assert get(trended[0], "ultra-processed").trend == [None, None, None, None]


def test_a_week_in_progress_judges_at_least_targets_on_the_days_so_far() -> None:
    """Days not yet lived are not failures; a weekly limit stays whole."""
    entries = [
        entry("exercise", day(0), {"minutes": 30}, type="walk", intensity="moderate"),
        entry("nutrition", day(0), {"alcohol_drinks": 2}),
    ]
    monday = review(entries, as_of=day(0))
    aerobic = get(monday, "aerobic-minutes")
    assert aerobic.target == pytest.approx(150 / 7, abs=0.01)
    assert aerobic.status is Status.MET
    assert "week in progress" in aerobic.detail
    assert get(monday, "alcohol").target == 7
    assert get(monday, "alcohol").status is Status.MET
    resistance = get(monday, "resistance-sessions")
    assert resistance.status is Status.NO_DATA
    assert "too early" in resistance.detail
    sunday = review(entries, as_of=day(6))
    assert get(sunday, "aerobic-minutes").target == 150
    assert get(sunday, "aerobic-minutes").status is Status.MISSED
