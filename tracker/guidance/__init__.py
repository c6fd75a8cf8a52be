"""The lever catalogue and default targets, shipped as TOML and loaded into domain models."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from tracker.domain.levers import Catalogue


@cache
def catalogue() -> Catalogue:
    """The shipped catalogue, validated. Targets come from ``targets.toml`` when present."""
    base = resources.files(__package__)
    data = tomllib.loads((base / "levers.toml").read_text(encoding="utf-8"))
    targets_file = base / "targets.toml"
    if targets_file.is_file():
        data["targets"] = tomllib.loads(targets_file.read_text(encoding="utf-8")).get("targets", [])
    return Catalogue.model_validate(data)
