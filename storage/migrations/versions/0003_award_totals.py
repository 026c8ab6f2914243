"""award totals per unit and per year, kept in step with award records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "award_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("recipient_kind", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("ad_hoc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["award_forms.id"],
            name=op.f("fk_award_totals_form_id_award_forms"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_award_totals_unit_id_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_totals")),
    )
    with op.batch_alter_table("award_totals", schema=None) as batch_op:
        batch_op.create_index("ix_award_totals_unit", ["unit_id", "year"], unique=False)
        batch_op.create_index(
            "ix_award_totals_year", ["year", "form_id", "recipient_kind"], unique=False
        )

    op.create_table(
        "award_year_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("recipient_kind", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("ad_hoc", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["award_forms.id"],
            name=op.f("fk_award_year_totals_form_id_award_forms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_year_totals")),
        sa.UniqueConstraint(
            "year", "form_id", "recipient_kind", name=op.f("uq_award_year_totals_year")
        ),
    )
    # Fill the totals of records already stored, so statistics are right straight after upgrade.
    op.execute(
        "INSERT INTO award_totals (year, unit_id, form_id, recipient_kind, total, ad_hoc) "
        "SELECT year, unit_id, form_id, recipient_kind, SUM(count), "
        "SUM(CASE WHEN ad_hoc THEN count ELSE 0 END) FROM award_records "
        "WHERE occasion IS NULL GROUP BY year, unit_id, form_id, recipient_kind"
    )
    op.execute(
        "INSERT INTO award_year_totals (year, form_id, recipient_kind, total, ad_hoc) "
        "SELECT year, form_id, recipient_kind, SUM(total), SUM(ad_hoc) FROM award_totals "
        "GROUP BY year, form_id, recipient_kind"
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("award_year_totals")
    with op.batch_alter_table("award_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_award_totals_year")
        batch_op.drop_index("ix_award_totals_unit")

    op.drop_table("award_totals")
