"""The shipped default targets: every id of the issue, consistent with metrics and profile."""

from __future__ import annotations

import pytest

from tracker.domain.levers import Aggregation, Direction
from tracker.domain.metrics import METRIC_BY_KEY, TAG_BY_KEY
from tracker.domain.profile import PROFILE_CHOICES, BoneDrug
from tracker.guidance import catalogue

EXPECTED = {
    "sleep-duration", "sleep-regularity", "aerobic-minutes", "resistance-sessions",
    "active-days", "balance-days", "calcium", "vitamin-d", "protein", "fibre", "veg-fruit",
    "added-sugar", "ultra-processed", "alcohol", "caffeine", "smoke-free", "practice-days",
    "social-days", "stress-level", "bone-drug", "bone-scan",
}  # fmt: skip
TARGETS = catalogue().targets


def test_every_default_target_of_the_issue_is_shipped() -> None:
    assert {t.id for t in TARGETS} == EXPECTED


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.id)
def test_target_is_consistent(target: object) -> None:
    from tracker.domain.levers import TargetSpec

    assert isinstance(target, TargetSpec)
    assert target.metric in METRIC_BY_KEY or target.metric in TAG_BY_KEY
    kind = target.metric.split(".")[0]
    for tag, value in target.where.items():
        spec = TAG_BY_KEY[f"{kind}.{tag}"]
        for v in [value] if isinstance(value, str) else value:
            assert v in spec.choices
    if target.weight_tag:
        spec = TAG_BY_KEY[f"{kind}.{target.weight_tag}"]
        assert set(target.weights) <= set(spec.choices)
    assert target.explanation
    assert "you should" not in target.explanation.lower()
    if target.source.app_defined:
        assert target.source.authority == "app-defined"
        assert target.source.citation == ""
    else:
        assert target.source.citation.startswith("http")
    if target.direction is Direction.INFO:
        assert target.threshold is None
    if target.aggregation is Aggregation.SCHEDULE:
        has_interval = target.interval_days or target.interval_months
        assert has_interval or target.id == "bone-drug"
    for rule in target.rules:
        for name, enum in PROFILE_CHOICES.items():
            for value in getattr(rule, name):
                assert value in {c.value for c in enum}, (target.id, name, value)


def test_every_bone_drug_has_a_schedule_rule() -> None:
    bone = next(t for t in TARGETS if t.id == "bone-drug")
    covered = {d for rule in bone.rules for d in rule.bone_drug}
    assert covered == {d.value for d in BoneDrug} - {"none"}
    for rule in bone.rules:
        assert rule.info or rule.interval_days or rule.interval_months
