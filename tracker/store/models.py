"""SQLAlchemy 2 typed tables of the journal. Changing them needs a migration."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class EntryRow(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    values: Mapped[list[ValueRow]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (
        Index("ix_entries_date_kind", "date", "kind"),
        Index("ix_entries_kind_date", "kind", "date"),
    )


class ValueRow(Base):
    __tablename__ = "entry_values"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[float] = mapped_column(Float)

    entry: Mapped[EntryRow] = relationship(back_populates="values")

    __table_args__ = (Index("ix_entry_values_metric", "metric", "entry_id"),)


class VersionRow(Base):
    """A previous version of an edited entry (the draft as it was, as JSON)."""

    __tablename__ = "entry_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, object]] = mapped_column(JSON)
    replaced_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ActionRow(Base):
    """One change the user made, so that ``undo`` can reverse the last one."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (Index("ix_actions_undone_at_id", "undone_at", "id"),)


class SkipRow(Base):
    """A day left out of the weekly review (ill, in hospital, travelling)."""

    __tablename__ = "skips"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SettingRow(Base):
    """Journal-level settings as JSON values (the profile lives under key ``profile``)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, object]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TargetOverrideRow(Base):
    """A threshold the user set for a target, with their note."""

    __tablename__ = "target_overrides"

    target_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    set_at: Mapped[dt.datetime] = mapped_column(DateTime)
