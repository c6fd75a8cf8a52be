"""schemas/ is generated from the pydantic models; this fails when they drift apart."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.services.schemas import models, render, stale_schemas, write_schemas

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def test_schemas_are_up_to_date() -> None:
    assert stale_schemas(SCHEMAS) == [], "run: uv run tracker schemas"


def test_every_schema_is_valid_json_with_an_id(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    for name in models():
        data = json.loads((tmp_path / name).read_text())
        assert data["$id"].endswith(name)
        assert data["type"] == "object"


def test_a_changed_schema_is_detected(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    name = next(iter(models()))
    (tmp_path / name).write_text(render(name, models()[name]).replace("object", "array", 1))
    assert stale_schemas(tmp_path) == [name]
