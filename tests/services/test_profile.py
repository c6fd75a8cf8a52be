"""The profile: defaults, validation, storage under settings["profile"], undo."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InputError
from tracker.domain.profile import BoneDrug, Profile, Sex, YesNoUnknown
from tracker.services.journal import Journal, NothingToUndo
from tracker.services.profile import get_profile, set_profile
from tracker.store.models import SettingRow


def test_defaults_are_the_cautious_ones(journal: Journal) -> None:
    profile = get_profile(journal)
    assert profile == Profile()
    assert profile.sex is Sex.UNSPECIFIED
    assert profile.bone_metastases is YesNoUnknown.UNKNOWN
    assert profile.bone_drug is BoneDrug.NONE
    assert profile.age(dt.date(2026, 1, 1)) is None


def test_set_merges_stores_json_and_undo_restores(journal: Journal) -> None:
    set_profile(journal, sex="female", birth_year=1960)
    p = set_profile(journal, weight_kg=61.5)
    assert (p.sex, p.birth_year, p.weight_kg) == (Sex.FEMALE, 1960, 61.5)
    assert p.age(dt.date(2026, 6, 1)) == 66
    with journal.read() as session:
        row = session.get(SettingRow, "profile")
        assert row is not None
        assert row.value["weight_kg"] == 61.5
    assert "profile" in journal.undo()
    assert get_profile(journal).weight_kg is None
    assert get_profile(journal).sex is Sex.FEMALE
    journal.undo()
    assert get_profile(journal) == Profile()
    with journal.read() as session:
        assert session.get(SettingRow, "profile") is None
    with pytest.raises(NothingToUndo):
        journal.undo()


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"sex": "other"}, "profile.sex"),
        ({"bone_drug": "denosumab"}, "profile.bone_drug"),
        ({"birth_year": 1800}, "profile.birth_year"),
        ({"birth_year": 2999}, "profile.birth_year"),
        ({"weight_kg": 10.0}, "profile.weight_kg"),
        ({"weight_kg": float("nan")}, "profile.weight_kg"),
        ({"colour": "red"}, "profile"),
        ({}, "profile"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_written(
    journal: Journal, fields: dict[str, object], match: str
) -> None:
    with pytest.raises(InputError, match=match):
        set_profile(journal, **fields)
    with pytest.raises(NothingToUndo):
        journal.undo()


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_birth_year_is_accepted_only_in_range(year: int) -> None:
    if 1900 <= year <= 2026:
        assert Profile.build(2026, birth_year=year).birth_year == year
    else:
        with pytest.raises(InputError, match="birth_year"):
            Profile.build(2026, birth_year=year)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_weight_is_accepted_only_in_range(weight: float) -> None:
    if 20 <= weight <= 400:
        assert Profile.build(weight_kg=weight).weight_kg == weight
    else:
        with pytest.raises(InputError, match="weight_kg"):
            Profile.build(weight_kg=weight)
