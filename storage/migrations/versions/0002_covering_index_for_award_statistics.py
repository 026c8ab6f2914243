"""covering index for award statistics

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("award_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_records_year_form"))
        batch_op.drop_index(batch_op.f("ix_award_records_unit_year"))
        batch_op.create_index(
            "ix_award_records_stats",
            ["year", "occasion", "form_id", "recipient_kind", "ad_hoc", "count"],
            unique=False,
        )
        batch_op.create_index(
            "ix_award_records_unit_stats",
            ["unit_id", "year", "occasion", "form_id", "recipient_kind", "ad_hoc", "count"],
            unique=False,
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("award_records", schema=None) as batch_op:
        batch_op.drop_index("ix_award_records_stats")
        batch_op.drop_index("ix_award_records_unit_stats")
        batch_op.create_index(
            batch_op.f("ix_award_records_unit_year"), ["unit_id", "year"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_award_records_year_form"),
            ["year", "form_id", "recipient_kind"],
            unique=False,
        )
