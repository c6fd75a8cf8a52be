"""JSON Schema of every file format we read or write, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tracker.domain.entry import Entry, EntryDraft
from tracker.domain.export import DailyCsvRow, EntriesCsvRow, JournalExport, WeeklyCsvRow
from tracker.domain.levers import Catalogue
from tracker.domain.profile import Profile
from tracker.domain.summary import ReviewSettings

SCHEMA_BASE = "https://lever-tracker.invalid/schemas/"


def models() -> dict[str, type[BaseModel]]:
    """File name -> model. Add every new file format here."""
    return {
        "entry.schema.json": Entry,
        "entry-draft.schema.json": EntryDraft,
        "catalogue.schema.json": Catalogue,
        "profile.schema.json": Profile,
        "review-settings.schema.json": ReviewSettings,
        "export.schema.json": JournalExport,
        "csv-entries.schema.json": EntriesCsvRow,
        "csv-daily.schema.json": DailyCsvRow,
        "csv-weekly.schema.json": WeeklyCsvRow,
    }


def render(name: str, model: type[BaseModel]) -> str:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + name,
        **model.model_json_schema(mode="validation"),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in models().items():
        path = folder / name
        path.write_text(render(name, model), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    stale = []
    for name, model in models().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name, model):
            stale.append(name)
    return stale
