"""Index the undo log, so that 'undo' finds the last change without scanning it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_actions_undone_at_id", "actions", ["undone_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_actions_undone_at_id", table_name="actions")
