"""Import a JSON export or an ``entries`` CSV into a journal.

Everything in the file is read and validated first (every entry through ``EntryDraft.build``);
only then is anything written, in one transaction. An entry whose uid the journal already has
is left alone, so importing the same file twice adds nothing. A bad value is reported with the
file's line number and column (CSV) or the entry's position and uid (JSON).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracker.domain.entry import EntryDraft
from tracker.domain.errors import InputError, from_validation_error
from tracker.domain.export import (
    DAILY_COLUMNS,
    ENTRIES_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    METRIC_BY_COLUMN,
    TAG_BY_COLUMN,
    WEEKLY_COLUMNS,
    ExportedOverride,
    ExportedSetting,
    ExportedSkip,
    JournalExport,
    tag_column,
    unneutralise,
)
from tracker.domain.metrics import METRIC_BY_KEY, TAG_BY_KEY, Kind
from tracker.domain.parse import parse_number, parse_time
from tracker.domain.summary import ReviewSettings
from tracker.services.clock import now_utc
from tracker.services.journal import Journal
from tracker.store.models import (
    EntryRow,
    SettingRow,
    SkipRow,
    TargetOverrideRow,
    ValueRow,
    VersionRow,
)

WHAT = "a JSON export or an entries CSV written by 'tracker export'"
MAX_BYTES = 512 * 1024 * 1024
_CHUNK = 500
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")


@dataclass(frozen=True)
class ImportedEntry:
    uid: str
    draft: EntryDraft
    version: int
    created_at: dt.datetime  # naive UTC, as stored
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None
    history: tuple[tuple[int, EntryDraft, dt.datetime], ...] = ()


@dataclass
class ImportPlan:
    """A file read and validated in full; nothing written yet."""

    source: str  # "JSON export" or "entries CSV"
    entries: list[ImportedEntry] = field(default_factory=list)
    skips: list[ExportedSkip] = field(default_factory=list)
    settings: list[ExportedSetting] = field(default_factory=list)
    overrides: list[ExportedOverride] = field(default_factory=list)
    review_settings: ReviewSettings | None = None


@dataclass(frozen=True)
class ImportResult:
    source: str
    added: int
    already: int
    skips: int = 0
    settings: int = 0
    overrides: int = 0

    def message(self, path: Path) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        text = f"imported {n(self.added, 'entry', 'entries')} from {self.source} {path}"
        if self.already:
            text += f" ({n(self.already, 'entry was', 'entries were')} already in the journal)"
        extras = [
            n(self.skips, "skipped day", "skipped days") if self.skips else "",
            n(self.settings, "setting", "settings") if self.settings else "",
            n(self.overrides, "target override", "target overrides") if self.overrides else "",
        ]
        extras = [e for e in extras if e]
        if extras:
            text += "; also " + ", ".join(extras)
        return text


def _naive(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _where(error: InputError, where: str) -> InputError:
    return InputError(f"{where}: {error.field}", error.value, error.allowed, error.problem)


def _check_uid(text: str, field_name: str) -> str:
    try:
        parsed = uuid.UUID(text)
    except (ValueError, AttributeError):
        raise InputError(field_name, text, "a UUID such as 3f2b...-... (as exported)") from None
    if str(parsed) != text.lower() or len(text) != 36:
        raise InputError(field_name, text, "a UUID in its usual 36-character form")
    return text


# -- reading ----------------------------------------------------------------------------------


def read_import(path: Path) -> ImportPlan:
    """Read and validate ``path`` completely. Raises one ``InputError``; writes nothing."""
    name = path.name or str(path)
    if not path.exists():
        raise InputError("PATH", str(path), WHAT, "does not exist")
    if path.is_dir():
        raise InputError("PATH", str(path), WHAT, "is a folder")
    if path.stat().st_size > MAX_BYTES:
        raise InputError("PATH", str(path), f"{WHAT}, at most 512 MB", "is too large")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"byte {error.start}", WHAT, "is not UTF-8 text, so not an export"
        ) from None
    if not text.strip():
        raise InputError(name, "(empty file)", WHAT, "is not an export")
    if text.lstrip().startswith("{"):
        return _read_json(text, name)
    return _read_csv(text, name)


def _read_json(text: str, name: str) -> ImportPlan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            name,
            f"line {error.lineno} column {error.colno}",
            WHAT,
            f"is not valid JSON ({error.msg})",
        ) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InputError(name, "JSON", WHAT, "is not a Lever Tracker export")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{name}: version", version, f"a whole number from 1 to {EXPORT_VERSION}")
    if version > EXPORT_VERSION:
        raise InputError(
            f"{name}: version",
            version,
            f"export versions up to {EXPORT_VERSION}; upgrade Lever Tracker to import it",
            "was written by a newer version of Lever Tracker",
        )
    try:
        export = JournalExport.model_validate(data)
    except ValueError as error:
        raise _where(from_validation_error(error), name) from None
    plan = ImportPlan("JSON export")
    seen: set[str] = set()
    for i, item in enumerate(export.entries):
        where = f"{name} entries[{i}] ({item.uid})"
        uid = _check_uid(item.uid, f"{name} entries[{i}]: uid")
        if uid in seen:
            raise InputError(f"{name} entries[{i}]: uid", uid, "each uid once", "appears twice")
        seen.add(uid)
        content = {
            "kind": item.kind,
            "date": item.date,
            "time": item.time,
            "values": dict(item.values),
            "tags": dict(item.tags),
            "note": item.note,
        }
        try:
            draft = EntryDraft.build(**content)
            history = tuple(
                (
                    v.version,
                    EntryDraft.build(
                        kind=v.kind,
                        date=v.date,
                        time=v.time,
                        values=dict(v.values),
                        tags=dict(v.tags),
                        note=v.note,
                    ),
                    _naive(v.replaced_at),
                )
                for v in item.history
            )
        except InputError as error:
            raise _where(error, where) from None
        plan.entries.append(
            ImportedEntry(
                uid=uid,
                draft=draft,
                version=item.version,
                created_at=_naive(item.created_at),
                updated_at=_naive(item.updated_at),
                deleted_at=_naive(item.deleted_at) if item.deleted_at else None,
                history=history,
            )
        )
    _unique(name, "skips", [s.date.isoformat() for s in export.skips])
    _unique(name, "settings", [s.key for s in export.settings])
    _unique(name, "target_overrides", [o.target_id for o in export.target_overrides])
    _check_extras(name, export)
    plan.review_settings = export.review_settings
    plan.skips = list(export.skips)
    plan.settings = list(export.settings)
    plan.overrides = list(export.target_overrides)
    return plan


def _check_extras(name: str, export: JournalExport) -> None:
    """The profile, the user's own targets and skip-day reasons obey the app's rules."""
    from tracker.domain.entry import check_note
    from tracker.domain.profile import Profile
    from tracker.services.journal import PROFILE_KEY
    from tracker.services.review import check_target_value, target_spec

    for i, setting in enumerate(export.settings):
        if setting.key == PROFILE_KEY:
            try:
                Profile.build(**setting.value)
            except InputError as error:
                raise _where(error, f"{name} settings[{i}] (profile)") from None
    for i, override in enumerate(export.target_overrides):
        try:
            spec = target_spec(override.target_id)
            if override.value is not None:
                check_target_value(spec, override.value)
            check_note(override.note)
        except InputError as error:
            raise _where(error, f"{name} target_overrides[{i}]") from None
    for i, skip in enumerate(export.skips):
        try:
            check_note(skip.reason, "reason")
        except InputError as error:
            raise _where(error, f"{name} skips[{i}]") from None


def _unique(name: str, what: str, keys: Sequence[str]) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise InputError(f"{name} {what}[{i}]", key, "each one once", "appears twice")
        seen.add(key)


def _read_csv(text: str, name: str) -> ImportPlan:
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise InputError(f"{name} line 1", "header", WHAT, f"is not CSV ({error})") from None
    _check_header(header, name)
    index = {col.strip(): i for i, col in enumerate(header)}
    plan = ImportPlan("entries CSV")
    seen: set[str] = set()
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(
                f"{name} line {line}", "row", "RFC 4180 CSV", f"is malformed ({error})"
            ) from None
        if row:
            if len(row) != len(header):
                raise InputError(
                    f"{name} line {line}",
                    f"{len(row)} cells",
                    f"{len(header)} cells, one per header column",
                    "has the wrong number of cells",
                )
            cells = {col: row[i] for col, i in index.items()}
            entry = _csv_entry(cells, f"{name} line {line}")
            if entry.uid in seen:
                raise InputError(
                    f"{name} line {line}, column uid", entry.uid, "each uid once", "appears twice"
                )
            seen.add(entry.uid)
            plan.entries.append(entry)
        line = reader.line_num + 1
    return plan


def _check_header(header: list[str], name: str) -> None:
    got = [h.strip() for h in header]
    if got == list(ENTRIES_COLUMNS) or (
        sorted(got) == sorted(ENTRIES_COLUMNS) and len(set(got)) == len(got)
    ):
        return
    where = f"{name} line 1 (header)"
    allowed = "the columns of an entries CSV ('tracker export csv --shape entries')"
    if got in (list(DAILY_COLUMNS), list(WEEKLY_COLUMNS)):
        shape = "daily" if got == list(DAILY_COLUMNS) else "weekly"
        raise InputError(
            where, f"{shape} CSV", allowed, "cannot be imported (a summary, not entries)"
        )
    for col in got:
        if col not in ENTRIES_COLUMNS:
            raise InputError(where, col, allowed, "is not a column of an entries CSV")
        if got.count(col) > 1:
            raise InputError(where, col, allowed, "appears twice")
    missing = [c for c in ENTRIES_COLUMNS if c not in got]
    raise InputError(where, missing[0], allowed, "is missing")


def _stamp(text: str, where: str, col: str, default: dt.datetime) -> dt.datetime:
    if not text:
        return default
    if not _ISO_STAMP.match(text):
        raise InputError(
            f"{where}, column {col}", text, "an ISO 8601 UTC time, e.g. 2026-11-30T07:15:00Z"
        )
    try:
        return _naive(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        raise InputError(f"{where}, column {col}", text, "a real date and time") from None


def _column_of(field_name: str) -> str | None:
    """The CSV column a draft error names (``sleep.hours`` -> ``sleep_hours_h``)."""
    if field_name in METRIC_BY_KEY:
        return METRIC_BY_KEY[field_name].column
    if field_name in TAG_BY_KEY:
        return tag_column(TAG_BY_KEY[field_name])
    if field_name in ("date", "time", "note", "kind"):
        return field_name
    return None


def _csv_entry(cells: dict[str, str], where: str) -> ImportedEntry:
    def at(col: str) -> str:
        return f"{where}, column {col}"

    uid = _check_uid(cells["uid"].strip(), at("uid"))
    kind_text = cells["kind"].strip()
    if kind_text not in {k.value for k in Kind}:
        raise InputError(at("kind"), kind_text, "one of " + ", ".join(k.value for k in Kind))
    kind = Kind(kind_text)
    date_text = cells["date"].strip()
    if not _ISO_DATE.match(date_text):
        raise InputError(at("date"), date_text, "a date YYYY-MM-DD", "is not a date")
    try:
        day = dt.date.fromisoformat(date_text)
    except ValueError:
        raise InputError(at("date"), date_text, "a real calendar date YYYY-MM-DD") from None
    time_text = cells["time"].strip()
    time = parse_time(time_text, at("time")) if time_text else None
    values: dict[str, float] = {}
    for col, spec in METRIC_BY_COLUMN.items():
        cell = cells[col].strip()
        if not cell:
            continue
        if spec.kind is not kind:
            raise InputError(at(col), cell, f"empty for a {kind.value} entry", "does not apply")
        values[spec.name] = parse_number(cell, at(col), spec.allowed, spec.integer)
    tags: dict[str, str] = {}
    for col, tspec in TAG_BY_COLUMN.items():
        cell = unneutralise(cells[col])
        if not cell:
            continue
        if tspec.kind is not kind:
            raise InputError(at(col), cell, f"empty for a {kind.value} entry", "does not apply")
        tags[tspec.name] = cell
    version_text = cells["version"].strip() or "1"
    if not version_text.isdigit() or not 1 <= int(version_text) <= 1_000_000:
        raise InputError(at("version"), version_text, "a whole number from 1")
    now = now_utc()
    created = _stamp(cells["created_at"].strip(), where, "created_at", now)
    updated = _stamp(cells["updated_at"].strip(), where, "updated_at", created)
    try:
        draft = EntryDraft.build(
            kind=kind,
            date=day,
            time=time,
            values=values,
            tags=tags,
            note=unneutralise(cells["note"]),
        )
    except InputError as error:
        column = _column_of(error.field)
        field_name = at(column) if column else f"{where}: {error.field}"
        raise InputError(field_name, error.value, error.allowed, error.problem) from None
    return ImportedEntry(
        uid=uid, draft=draft, version=int(version_text), created_at=created, updated_at=updated
    )


# -- writing ----------------------------------------------------------------------------------


def _row(item: ImportedEntry) -> dict[str, Any]:
    draft = item.draft
    return {
        "uid": item.uid,
        "kind": draft.kind.value,
        "date": draft.date,
        "time": draft.time.strftime("%H:%M") if draft.time else None,
        "note": draft.note,
        "tags": dict(draft.tags),
        "version": item.version,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "deleted_at": item.deleted_at,
    }


def _insert_entries(session: Session, fresh: Sequence[ImportedEntry]) -> None:
    """Bulk inserts (a chunk at a time, ids returned in order): fast, and light on memory."""
    for i in range(0, len(fresh), _CHUNK):
        chunk = fresh[i : i + _CHUNK]
        ids = list(
            session.scalars(
                insert(EntryRow).returning(EntryRow.id, sort_by_parameter_order=True),
                [_row(item) for item in chunk],
            )
        )
        values = [
            {"entry_id": entry_id, "metric": metric, "value": value}
            for entry_id, item in zip(ids, chunk, strict=True)
            for metric, value in item.draft.values.items()
        ]
        if values:
            session.execute(insert(ValueRow), values)
        versions = [
            {
                "entry_id": entry_id,
                "version": version,
                "data": draft.model_dump(mode="json"),
                "replaced_at": replaced,
            }
            for entry_id, item in zip(ids, chunk, strict=True)
            for version, draft, replaced in item.history
        ]
        if versions:
            session.execute(insert(VersionRow), versions)


def apply_import(journal: Journal, plan: ImportPlan) -> ImportResult:
    """Write a validated plan in one transaction, leaving alone what the journal already has."""
    existing = journal.uids([e.uid for e in plan.entries])
    fresh = [e for e in plan.entries if e.uid not in existing]
    now = now_utc()
    counts = {"skips": 0, "settings": 0, "overrides": 0}
    with journal.write() as session, session.begin():
        _insert_entries(session, fresh)
        have_days = set(session.scalars(select(SkipRow.date)))
        for skip in plan.skips:
            if skip.date not in have_days:
                session.add(
                    SkipRow(date=skip.date, reason=skip.reason, created_at=_naive(skip.created_at))
                )
                counts["skips"] += 1
        have_keys = set(session.scalars(select(SettingRow.key)))
        for setting in plan.settings:
            if setting.key not in have_keys:
                value: dict[str, Any] = dict(setting.value)
                session.add(
                    SettingRow(
                        key=setting.key, value=value, updated_at=_naive(setting.updated_at or now)
                    )
                )
                counts["settings"] += 1
        have_targets = set(session.scalars(select(TargetOverrideRow.target_id)))
        for override in plan.overrides:
            if override.target_id not in have_targets:
                session.add(
                    TargetOverrideRow(
                        target_id=override.target_id,
                        value=override.value,
                        note=override.note,
                        set_at=_naive(override.set_at),
                    )
                )
                counts["overrides"] += 1
    if plan.review_settings is not None:
        counts["settings"] += _apply_review_settings(plan.review_settings)
    return ImportResult(
        source=plan.source,
        added=len(fresh),
        already=len(plan.entries) - len(fresh),
        **counts,
    )


def _apply_review_settings(imported: ReviewSettings) -> int:
    """Take the exported review settings only where this machine still has the defaults."""
    from tracker.services.settings import load_settings, update_settings

    if load_settings() != ReviewSettings() or imported == ReviewSettings():
        return 0
    update_settings(**imported.model_dump(mode="json"))
    return 1


def import_file(journal: Journal, path: Path) -> ImportResult:
    """Validate ``path`` in full, then write what is new."""
    return apply_import(journal, read_import(path))
