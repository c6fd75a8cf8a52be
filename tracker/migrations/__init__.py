"""Alembic environment and versions for the journal (run from code, see tracker.store.migrate)."""
