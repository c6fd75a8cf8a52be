"""The profile: read and change it. Stored as JSON in the ``settings`` table under ``profile``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tracker.domain.errors import InputError
from tracker.domain.profile import Profile
from tracker.services.clock import now_utc, today
from tracker.services.journal import PROFILE_KEY, Journal, record_action
from tracker.store.models import SettingRow

PROFILE_FIELDS = tuple(Profile.model_fields)


def _load(session: Session) -> Profile:
    row = session.get(SettingRow, PROFILE_KEY)
    if row is None:
        return Profile()
    return Profile.model_validate(row.value)


def get_profile(journal: Journal) -> Profile:
    """The stored profile, or the cautious defaults when none was set."""
    with journal.read() as session:
        return _load(session)


def set_profile(journal: Journal, **fields: Any) -> Profile:
    """Change the given fields (``None`` leaves a field as it is). Undo puts the old one back.

    Every value is validated before anything is written; a bad one raises ``InputError``.
    """
    unknown = [name for name in fields if name not in PROFILE_FIELDS]
    if unknown:
        raise InputError("profile", unknown[0], "fields " + ", ".join(PROFILE_FIELDS), "is unknown")
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise InputError("profile", None, "at least one field to set: " + ", ".join(PROFILE_FIELDS))
    current = get_profile(journal)
    # Validate the whole new profile before the write session opens.
    merged = Profile.build(today().year, **{**current.model_dump(mode="json"), **changes})
    now = now_utc()
    with journal.write() as session, session.begin():
        row = session.get(SettingRow, PROFILE_KEY)
        previous = dict(row.value) if row is not None else None
        value: dict[str, object] = merged.model_dump(mode="json")
        if row is None:
            session.add(SettingRow(key=PROFILE_KEY, value=value, updated_at=now))
        else:
            row.value = value
            row.updated_at = now
        record_action(session, "profile", {"previous": previous}, now)
    return merged
