"""The demo journal: deterministic for a seed, plausible, and never written over a real one."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CliRunner, file_digest
from tracker.cli import main
from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError
from tracker.domain.metrics import METRIC_BY_KEY, Kind
from tracker.services.demo import build_demo, demo_drafts
from tracker.services.journal import Journal

END = dt.date(2026, 11, 30)


def _dump(drafts: list[tuple[EntryDraft, str]]) -> list[tuple[dict[str, object], str]]:
    return [(d.model_dump(mode="json"), uid) for d, uid in drafts]


@pytest.fixture(scope="module")
def three_years() -> list[tuple[EntryDraft, str]]:
    return list(demo_drafts(3, seed=7, end=END))


def test_same_seed_same_journal_other_seed_other_journal() -> None:
    first = _dump(list(demo_drafts(1, seed=42, end=END)))
    again = _dump(list(demo_drafts(1, seed=42, end=END)))
    other = _dump(list(demo_drafts(1, seed=43, end=END)))
    assert first == again
    assert first != other
    assert len({uid for _, uid in first}) == len(first)


def test_every_entry_passes_validation_and_stays_in_range(
    three_years: list[tuple[EntryDraft, str]],
) -> None:
    start = END - dt.timedelta(days=round(3 * 365.25) - 1)
    for draft, _ in three_years:
        assert EntryDraft.model_validate(draft.model_dump()) == draft
        assert start <= draft.date <= END
        for name, value in draft.values.items():
            spec = METRIC_BY_KEY[f"{draft.kind.value}.{name}"]
            assert spec.minimum <= value <= spec.maximum


def test_plausible_rhythms(three_years: list[tuple[EntryDraft, str]]) -> None:
    drafts = [d for d, _ in three_years]
    kinds = Counter(d.kind for d in drafts)
    assert set(kinds) == set(Kind)
    sleep = [d for d in drafts if d.kind is Kind.SLEEP]
    hours = [d.values["hours"] for d in sleep]
    assert min(hours) >= 4
    assert max(hours) <= 12
    weekday = statistics.mean(d.values["hours"] for d in sleep if d.date.weekday() < 5)
    weekend = statistics.mean(d.values["hours"] for d in sleep if d.date.weekday() >= 5)
    assert 6.5 < weekday < 8.5
    assert weekend > weekday + 0.3
    exercise = [d for d in drafts if d.kind is Kind.EXERCISE]
    assert len({d.tags["type"] for d in exercise}) >= 6
    assert {d.tags["intensity"] for d in exercise} == {"light", "moderate", "vigorous"}
    days = {d.date for d in drafts}
    assert len(days) < round(3 * 365.25)  # some days have nothing logged
    assert sum(1 for d in drafts if d.kind is Kind.NUTRITION) > 0.7 * len(days)
    stress = [d for d in drafts if d.kind is Kind.STRESS]
    assert any("practice" in d.tags for d in stress)
    assert any("social" in d.tags for d in stress)
    assert sum(1 for d in drafts if d.note) > 20


def test_bone_care_follows_its_schedule(three_years: list[tuple[EntryDraft, str]]) -> None:
    care = [d for d, _ in three_years if d.kind is Kind.CARE]
    doses = [d.date for d in care if d.tags["event"] == "dose"]
    assert all(d.tags.get("drug") == "denosumab" for d in care if d.tags["event"] == "dose")
    gaps = [(b - a).days for a, b in itertools.pairwise(doses)]
    assert len(doses) >= 5
    assert all(170 <= g <= 200 for g in gaps)
    scans = [d.date for d in care if d.tags["event"] == "scan"]
    assert len(scans) == 2
    assert 700 <= (scans[1] - scans[0]).days <= 760


def test_build_fills_an_empty_journal_and_refuses_a_second_time(
    journal: Journal, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_TODAY", END.isoformat())
    result = build_demo(journal, years=1, seed=1)
    entries = journal.entries()
    assert result.entries == len(entries) == len(list(demo_drafts(1, seed=1, end=END)))
    assert entries[-1].date <= END
    assert result.end == END
    assert entries[0].date == result.start
    before = file_digest(db)
    with pytest.raises(InputError, match="already has entries"):
        build_demo(journal, years=1, seed=2)
    assert file_digest(db) == before
    assert len(journal.entries()) == len(entries)


def test_refuses_a_journal_whose_only_entry_is_in_the_bin(journal: Journal) -> None:
    entry = journal.add(EntryDraft.build(kind="sleep", date=END, values={"hours": 7}))
    journal.delete(entry.id)
    with pytest.raises(InputError):
        build_demo(journal, years=1)


def test_add_many_require_empty_is_checked_inside_the_transaction(journal: Journal) -> None:
    journal.add(EntryDraft.build(kind="sleep", date=END, values={"hours": 7}))
    drafts = list(demo_drafts(1, seed=0, end=END))[:5]
    with pytest.raises(InputError, match="has entries"):
        journal.add_many(drafts, require_empty=True)
    assert len(journal.entries()) == 1
    assert journal.add_many(drafts) == 5
    stored = journal.entries()
    assert {e.uid for e in stored} >= {uid for _, uid in drafts}
    by_uid = {e.uid: e for e in stored}
    for draft, uid in drafts:
        assert by_uid[uid].draft() == draft


def test_cli_demo(cli: CliRunner) -> None:
    made = cli("demo", "--years", "1", "--seed", "3")
    assert made.code == 0, made.err
    assert "demo entries" in made.out
    assert "tracker --db" in made.out
    again = cli("demo", "--years", "1")
    assert again.code == 2
    assert again.err.count("\n") == 1
    assert "already has entries" in again.err
    listed = cli("list", "--json")
    assert listed.code == 0
    assert listed.out.count('"uid"') > 1000


@pytest.mark.parametrize(
    ("args", "field"),
    [(["--years", "0"], "--years"), (["--years", "x"], "--years"), (["--seed", "1.5"], "--seed")],
)
def test_cli_demo_bad_options(cli: CliRunner, args: list[str], field: str) -> None:
    result = cli("demo", *args)
    assert result.code == 2
    assert result.err.startswith(f"tracker: error: {field}:")
    assert not cli.db.exists()


def test_cli_demo_needs_an_explicit_db(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 2
    assert "--db" in capsys.readouterr().err


def test_the_demo_person_has_a_profile_and_her_bone_care_is_on_schedule(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services.profile import get_profile
    from tracker.services.summary import week_summaries

    monkeypatch.setenv("TRACKER_TODAY", END.isoformat())
    assert build_demo(journal, years=3, seed=4).profile_set
    profile = get_profile(journal)
    assert profile.bone_drug.value == "denosumab-6m"
    assert profile.endocrine_therapy.value == "aromatase-inhibitor"
    for summary in week_summaries(journal, 52, END):
        status = {t.id: t.status.value for t in summary.targets}
        assert status["bone-drug"] == "met", summary.week
        assert status["bone-scan"] == "met", summary.week


def test_a_profile_already_set_is_kept(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.services.profile import get_profile, set_profile

    monkeypatch.setenv("TRACKER_TODAY", END.isoformat())
    set_profile(journal, sex="male", endocrine_therapy="adt")
    assert not build_demo(journal, years=1).profile_set
    assert get_profile(journal).sex.value == "male"
    assert get_profile(journal).bone_drug.value == "none"
