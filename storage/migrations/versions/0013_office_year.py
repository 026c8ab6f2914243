"""the office's year: assumed deadlines are flagged, closed years are remembered

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN on both: a boolean with a constant default needs no table rebuild.
    op.execute("ALTER TABLE tasks ADD COLUMN deadline_assumed BOOLEAN DEFAULT false NOT NULL")
    # The shipped seed says so in the description of each task whose deadline it assumed; marking
    # them here gives existing rows the values the seed now writes, so seeding still owns them.
    op.execute("UPDATE tasks SET deadline_assumed = true WHERE description LIKE '%(giả định)%'")
    op.create_table(
        "closed_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_closed_years")),
    )
    # /tiendo and /nhiemvu (cached) read it: the same trigger as 0004's.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER bump_version_closed_years AFTER INSERT OR UPDATE OR DELETE OR "
            "TRUNCATE ON closed_years FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        )
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER bump_version_closed_years_{event.lower()} AFTER {event} "
                f"ON closed_years BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS bump_version_closed_years ON closed_years")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_closed_years_{event}")
    op.drop_table("closed_years")
    op.execute("ALTER TABLE tasks DROP COLUMN deadline_assumed")
