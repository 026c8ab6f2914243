"""watch the award totals tables: cached commands read them, so their writes bump the version

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rebuilt with every award write, which already bumps the version through award_records; a write
# to them alone (a repair, a restore of one table) must not leave cached statistics stale.
TOTALS = ("award_totals", "award_year_totals")
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    """Apply this revision (same triggers as 0004's, which a migration must not import)."""
    for table in TOTALS:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(
                f"CREATE TRIGGER bump_version_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
            )
            continue
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER bump_version_{table}_{event.lower()} AFTER {event} "
                f"ON {table} BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    """Revert this revision."""
    for table in TOTALS:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table} ON {table}")
            continue
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table}_{event}")
