"""Alembic environment: always run from code with a connection passed in ``attributes``."""

from __future__ import annotations

from alembic import context

from tracker.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app never runs Alembic from its own CLI
    raise RuntimeError("run migrations through tracker.store.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
