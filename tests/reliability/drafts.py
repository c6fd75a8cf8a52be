"""Random valid entries as ``tracker log`` arguments, with the draft each one should store."""

from __future__ import annotations

import datetime as dt
import random

from tracker.domain.entry import EntryDraft
from tracker.domain.metrics import (
    CARE_EVENTS,
    DRUGS,
    EXERCISE_TYPES,
    INTENSITIES,
    PRACTICES,
    Kind,
    metrics_of,
)

NOTE_EXTRAS = ("", "ok", "slept badly 😴", "näin hyvin", "line one\nline two", "x" * 2000)


def _hhmm(rng: random.Random) -> str:
    return f"{rng.randrange(24):02d}:{rng.randrange(60):02d}"


def random_log(rng: random.Random, marker: str) -> tuple[list[str], EntryDraft]:
    """Arguments for ``tracker log ...`` and the draft the journal must then hold.

    ``marker`` starts the note, so that the entry can be found again.
    """
    kind = rng.choice(list(Kind))
    date = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(365))
    note = f"{marker} {rng.choice(NOTE_EXTRAS)}".strip()
    args = ["log", kind.value, "--date", date.isoformat(), f"--note={note}"]
    values: dict[str, float] = {}
    tags: dict[str, str] = {}
    time: dt.time | None = None
    if kind is not Kind.SLEEP and rng.random() < 0.5:
        text = _hhmm(rng)
        args += ["--time", text]
        time = dt.time.fromisoformat(text)
    match kind:
        case Kind.SLEEP:
            if rng.random() < 0.5:
                bed, wake = _hhmm(rng), _hhmm(rng)
                while wake == bed:
                    wake = _hhmm(rng)
                args += ["--bed", bed, "--wake", wake]
                tags = {"bed": bed, "wake": wake}
            else:
                hours = rng.randrange(0, 241) / 10
                args += ["--hours", str(hours)]
                values["hours"] = hours
            if rng.random() < 0.5:
                values["quality"] = rng.randint(1, 5)
                args += ["--quality", str(int(values["quality"]))]
        case Kind.EXERCISE:
            tags["type"] = rng.choice(EXERCISE_TYPES)
            values["minutes"] = rng.randint(1, 180)
            args += ["--type", tags["type"], "--minutes", str(int(values["minutes"]))]
            if rng.random() < 0.5:
                tags["intensity"] = rng.choice(INTENSITIES)
                args += ["--intensity", tags["intensity"]]
        case Kind.NUTRITION:
            for spec in rng.sample(metrics_of(Kind.NUTRITION), rng.randint(1, 4)):
                value = float(rng.randint(0, int(spec.maximum)))
                values[spec.name] = value
                args += ["--" + spec.name.replace("_", "-"), str(int(value))]
        case Kind.STRESS:
            values["level"] = rng.randint(0, 10)
            args += ["--level", str(int(values["level"]))]
            if rng.random() < 0.5:
                tags["practice"] = rng.choice(PRACTICES)
                values["minutes"] = rng.randint(1, 90)
                args += ["--practice", tags["practice"], "--minutes", str(int(values["minutes"]))]
            if rng.random() < 0.3:
                tags["social"] = "yes"
                args.append("--social")
        case Kind.CARE:
            tags["event"] = rng.choice(CARE_EVENTS)
            args += ["--event", tags["event"]]
            if rng.random() < 0.5:
                tags["drug"] = rng.choice(DRUGS)
                args += ["--drug", tags["drug"]]
    draft = EntryDraft.build(kind=kind, date=date, time=time, values=values, tags=tags, note=note)
    return args, draft


def marker_of(note: str) -> str:
    return note.split(" ", 1)[0].split("\n", 1)[0]
