"""award totals indexed by year then unit, covering the statistics columns

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["year", "unit_id", "form_id", "recipient_kind", "total", "ad_hoc"]


def upgrade() -> None:
    """Apply this revision."""
    # SQLite chose the old (year, form, kind) index for unit-filtered sums and visited every row
    # of the year; the new one answers them from the index alone on both databases.
    with op.batch_alter_table("award_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_award_totals_year")
        batch_op.create_index("ix_award_totals_year_unit", COLUMNS, unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("award_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_award_totals_year_unit")
        batch_op.create_index(
            "ix_award_totals_year", ["year", "form_id", "recipient_kind"], unique=False
        )
