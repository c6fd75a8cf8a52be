"""A demo journal: years of realistic, synthetic entries, the same for the same seed.

The person in the demo (a woman born in 1961, on an aromatase inhibitor, with denosumab to
protect bone: her profile is set too, unless the journal already has one) sleeps longer at
weekends, walks most days, lifts twice a week, does short bone-loading sessions, logs food
most days, notes stress and calming practices, gets a denosumab dose about every six months
and a bone density scan every two years, goes away a couple of times a year (days with
nothing logged) and now and then writes a note.

Every entry goes through :class:`EntryDraft` like anything a user types, and the entries are
written in one transaction (:meth:`Journal.add_many`), so ten years take about a second.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.services.clock import today
from tracker.services.journal import Journal

MAX_YEARS = 50
DOSE_EVERY_DAYS = 182  # denosumab 60 mg, every 6 months (label)
SCAN_EVERY_DAYS = 730  # DXA every 2 years

EXERCISE_NOTES = (
    "felt strong today",
    "knee a bit sore afterwards",
    "with the walking group",
    "new routine from the physio",
    "short on time, kept it brisk",
)
NUTRITION_NOTES = (
    "yoghurt and almonds at lunch",
    "family dinner, ate late",
    "tried the lentil soup recipe",
    "forgot the vitamin D tablet",
)
STRESS_NOTES = (
    "worried before the scan",
    "good chat with my sister",
    "busy day at work",
    "results were fine, relieved",
    "slept badly, tired and tense",
)
SLEEP_NOTES = ("hot night", "woke at 4 and could not settle", "slept through")
CARE_NOTES = {
    "dose": "injection at the clinic, no side effects",
    "scan": "DXA scan, results to discuss at the next appointment",
    "appointment": "routine review with the oncology team",
    "dental": "dental check before continuing denosumab",
}


# The person of the demo: on an aromatase inhibitor, with denosumab 60 mg every six months to
# protect bone (the label's use), no known bone metastases. Set only on a journal with no profile.
DEMO_PROFILE: dict[str, object] = {
    "sex": "female",
    "birth_year": 1961,
    "weight_kg": 68.0,
    "endocrine_therapy": "aromatase-inhibitor",
    "bone_drug": "denosumab-6m",
    "bone_metastases": "no",
    "smoker": "no",
}


@dataclass(frozen=True)
class DemoResult:
    path: str
    entries: int
    start: dt.date
    end: dt.date
    seed: int
    years: int
    profile_set: bool


def _clock(minutes: float) -> str:
    """``HH:MM`` for minutes after midnight (wrapping round the day)."""
    m = round(minutes) % (24 * 60)
    return f"{m // 60:02d}:{m % 60:02d}"


def _time(minutes: float) -> dt.time:
    m = max(0, min(24 * 60 - 1, round(minutes)))
    return dt.time(m // 60, m % 60)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class _Person:
    """Slowly drifting habits: fitness, diet quality and stress follow gentle random walks."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fitness = 0.6  # 0..1: how likely exercise is
        self.diet = 0.6  # 0..1: how good the food is
        self.stress = 4.0  # base stress level
        self.away_until: dt.date | None = None

    def drift(self) -> None:
        r = self.rng
        self.fitness = min(0.95, max(0.2, self.fitness + r.gauss(0, 0.02)))
        self.diet = min(0.95, max(0.2, self.diet + r.gauss(0, 0.015)))
        self.stress = min(7.0, max(1.5, self.stress + r.gauss(0, 0.08)))


def demo_drafts(
    years: int = 10, seed: int = 0, end: dt.date | None = None
) -> Iterator[tuple[EntryDraft, str]]:
    """Drafts (with their uids) for ``years`` of days ending on ``end`` (default today)."""
    if not 1 <= years <= MAX_YEARS:
        raise InputError("--years", years, f"a whole number from 1 to {MAX_YEARS}")
    end = end or today()
    start = end - dt.timedelta(days=round(365.25 * years) - 1)
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    person = _Person(rng)
    # The first dose falls in the first six months; doses then follow about every 182 days.
    next_dose = start + dt.timedelta(days=rng.randrange(0, DOSE_EVERY_DAYS))
    next_scan = start + dt.timedelta(days=rng.randrange(20, 120))
    next_review = start + dt.timedelta(days=rng.randrange(30, 90))
    next_dental = start + dt.timedelta(days=rng.randrange(60, 300))
    day = start
    while day <= end:
        person.drift()
        drafts = list(_day(rng, person, day))
        # Care happens on schedule whether or not the rest of the day was logged.
        if day >= next_dose:
            drafts.append(_care(rng, day, "dose"))
            next_dose = day + dt.timedelta(days=DOSE_EVERY_DAYS + rng.randint(-5, 10))
        if day >= next_scan:
            drafts.append(_care(rng, day, "scan"))
            next_scan = day + dt.timedelta(days=SCAN_EVERY_DAYS + rng.randint(-14, 21))
        if day >= next_review:
            drafts.append(_care(rng, day, "appointment"))
            next_review = day + dt.timedelta(days=rng.randint(80, 100))
        if day >= next_dental:
            drafts.append(_care(rng, day, "dental"))
            next_dental = day + dt.timedelta(days=rng.randint(330, 400))
        for draft in drafts:
            yield draft, _uid(rng)
        day += dt.timedelta(days=1)


def _day(rng: random.Random, person: _Person, day: dt.date) -> Iterator[EntryDraft]:
    """One day's entries (none on days away or forgotten)."""
    if person.away_until and day <= person.away_until:
        return
    if rng.random() < 2 / 365:  # about twice a year: a few days away, nothing logged
        person.away_until = day + dt.timedelta(days=rng.randint(2, 9))
        return
    if rng.random() < 0.03:  # a forgotten day
        return
    weekend = day.weekday() >= 5
    # Winter (northern) dampens activity a little.
    season = 0.85 + 0.15 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 200) / 365.25)
    if rng.random() < 0.93:
        yield _sleep(rng, day, weekend)
    yield from _exercise(rng, person, day, weekend, season)
    if rng.random() < 0.82:
        yield from _nutrition(rng, person, day, weekend)
    if rng.random() < 0.75:
        yield _stress(rng, person, day, weekend)


def _note(rng: random.Random, choices: tuple[str, ...], p: float) -> str:
    return rng.choice(choices) if rng.random() < p else ""


def _sleep(rng: random.Random, day: dt.date, weekend: bool) -> EntryDraft:
    bed = rng.gauss(23 * 60 + 50 if weekend else 23 * 60 + 5, 25)
    wake = rng.gauss(8 * 60 + 10 if weekend else 6 * 60 + 40, 20 if weekend else 10)
    hours = (wake - bed) % (24 * 60) / 60
    values: dict[str, float] = {}
    tags: dict[str, str] = {}
    if rng.random() < 0.8:
        tags = {"bed": _clock(bed), "wake": _clock(wake)}
    else:
        values["hours"] = round(hours * 4) / 4
    if rng.random() < 0.6:
        values["quality"] = float(max(1, min(5, round(rng.gauss(2 + (hours - 5) * 0.6, 0.8)))))
    if rng.random() < 0.3:
        values["awakenings"] = float(max(0, min(6, round(rng.expovariate(0.8)))))
    return EntryDraft.build(
        kind="sleep", date=day, values=values, tags=tags, note=_note(rng, SLEEP_NOTES, 0.02)
    )


def _session(
    rng: random.Random, day: dt.date, kind: str, minutes: float, intensity: str, start: float
) -> EntryDraft:
    return EntryDraft.build(
        kind="exercise",
        date=day,
        time=_time(start),
        values={"minutes": float(max(1, round(minutes)))},
        tags={"type": kind, "intensity": intensity},
        note=_note(rng, EXERCISE_NOTES, 0.04),
    )


def _exercise(
    rng: random.Random, person: _Person, day: dt.date, weekend: bool, season: float
) -> Iterator[EntryDraft]:
    keen = person.fitness * season
    weekday = day.weekday()
    if rng.random() < 0.45 + 0.4 * keen:
        pace = rng.choices(["light", "moderate", "vigorous"], [2, 6, 1])[0]
        start = rng.gauss(17 * 60 + 30 if not weekend else 10 * 60, 60)
        yield _session(rng, day, "walk", rng.gauss(40 if weekend else 30, 10), pace, start)
    if weekday in (0, 3) and rng.random() < 0.3 + 0.6 * keen:
        yield _session(rng, day, "resistance", rng.gauss(35, 8), "moderate", rng.gauss(18 * 60, 30))
    if weekday in (0, 2, 4, 5) and rng.random() < 0.2 + 0.6 * keen:
        yield _session(rng, day, "impact", rng.gauss(8, 2), "moderate", rng.gauss(7 * 60 + 15, 10))
    if weekday in (1, 4) and rng.random() < 0.3 + 0.4 * keen:
        yield _session(rng, day, "balance", rng.gauss(15, 4), "light", rng.gauss(8 * 60, 20))
    if weekend and rng.random() < 0.15 + 0.3 * keen:
        sport = rng.choice(["cycle", "swim", "run"])
        yield _session(rng, day, sport, rng.gauss(45, 15), "vigorous", rng.gauss(9 * 60 + 30, 40))
    if weekday == 2 and rng.random() < 0.5:
        yield _session(rng, day, "yoga", rng.gauss(50, 8), "light", rng.gauss(19 * 60, 15))
    if weekday == 1 and rng.random() < 0.08:
        yield _session(rng, day, "physio", rng.gauss(40, 5), "light", rng.gauss(14 * 60, 60))


def _nutrition(
    rng: random.Random, person: _Person, day: dt.date, weekend: bool
) -> Iterator[EntryDraft]:
    good = person.diet
    values: dict[str, float] = {
        "calcium_mg": round(max(150, rng.gauss(650 + 500 * good, 180)), -1),
        "protein_g": round(max(20, rng.gauss(60 + 40 * good, 15))),
        "veg_portions": float(max(0, round(rng.gauss(2 + 4 * good, 1.3)))),
    }
    if rng.random() < 0.7:
        values["vitamin_d_iu"] = rng.choice([400.0, 800.0, 1000.0])
    if rng.random() < 0.6:
        values["fibre_g"] = round(max(5, rng.gauss(14 + 18 * good, 5)))
    if rng.random() < 0.5:
        values["added_sugar_g"] = round(max(0, rng.gauss(55 - 35 * good, 12)))
    if rng.random() < 0.6:
        values["upf_servings"] = float(max(0, round(rng.gauss(3.5 - 3 * good, 1))))
    if rng.random() < 0.7:
        values["caffeine_mg"] = float(rng.choice([0, 80, 95, 160, 190, 250, 300]))
    if rng.random() < (0.45 if weekend else 0.12):
        values["alcohol_drinks"] = float(rng.choice([1, 1, 1, 2, 2, 3]))
    yield EntryDraft.build(
        kind="nutrition",
        date=day,
        time=_time(rng.gauss(21 * 60, 30)),
        values=values,
        note=_note(rng, NUTRITION_NOTES, 0.04),
    )


def _stress(rng: random.Random, person: _Person, day: dt.date, weekend: bool) -> EntryDraft:
    values: dict[str, float] = {}
    tags: dict[str, str] = {}
    if rng.random() < 0.9:
        level = rng.gauss(person.stress - (1.2 if weekend else 0), 1.5)
        values["level"] = float(max(0, min(10, round(level))))
    if rng.random() < 0.45:
        practice = rng.choices(
            ["breathwork", "mindfulness", "yoga", "nature", "therapy", "peer-support"],
            [5, 5, 2, 4, 1, 1],
        )[0]
        tags["practice"] = practice
        values["minutes"] = float(max(3, round(rng.gauss(15 if practice != "nature" else 45, 6))))
    if rng.random() < (0.55 if weekend else 0.3):
        tags["social"] = "yes"
    if not values and not tags:
        values["level"] = float(max(0, min(10, round(person.stress))))
    return EntryDraft.build(
        kind="stress",
        date=day,
        time=_time(rng.gauss(21 * 60 + 30, 20)),
        values=values,
        tags=tags,
        note=_note(rng, STRESS_NOTES, 0.05),
    )


def _care(rng: random.Random, day: dt.date, event: str) -> EntryDraft:
    tags = {"event": event}
    if event == "dose":
        tags["drug"] = "denosumab"
    return EntryDraft.build(
        kind="care",
        date=day,
        time=_time(rng.choice([9 * 60, 10 * 60 + 30, 11 * 60 + 15, 14 * 60, 15 * 60 + 45])),
        tags=tags,
        note=CARE_NOTES[event] if rng.random() < 0.5 else "",
    )


def build_demo(journal: Journal, years: int = 10, seed: int = 0) -> DemoResult:
    """Fill an empty ``journal`` with ``years`` of demo entries ending today.

    Raises ``InputError`` (and writes nothing) if the journal already has entries.
    """
    if journal.has_entries():
        raise InputError("--db", str(journal.path), "a new or empty journal", "already has entries")
    from tracker.domain.profile import Profile
    from tracker.services.profile import get_profile, set_profile

    end = today()
    drafts = list(demo_drafts(years, seed, end))
    count = journal.add_many(drafts, require_empty=True)
    profile_set = get_profile(journal) == Profile()
    if profile_set:
        set_profile(journal, **DEMO_PROFILE)
    return DemoResult(
        path=str(journal.path),
        entries=count,
        start=min(d.date for d, _ in drafts),
        end=end,
        seed=seed,
        years=years,
        profile_set=profile_set,
    )
