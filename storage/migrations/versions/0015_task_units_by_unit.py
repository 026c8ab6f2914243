"""task_units indexed by unit then task, so a unit's tasks are read from the index alone

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_task_units_unit_id_task_id", "task_units", ["unit_id", "task_id"])
    # The new index starts with unit_id, so it serves every lookup the old one did.
    op.drop_index("ix_task_units_unit_id", table_name="task_units")


def downgrade() -> None:
    """Revert this revision."""
    op.create_index("ix_task_units_unit_id", "task_units", ["unit_id"])
    op.drop_index("ix_task_units_unit_id_task_id", table_name="task_units")
