"""award forms say whether the source counts them in lượt; award lines keep the source's name;
documents are watched, since /chitieu (a cached command) now cites them

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "count_unit IN ('recipient', 'turn')"
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    """Apply this revision."""
    # Existing forms count recipients until the seed (run at every start) says otherwise.
    if op.get_bind().dialect.name == "sqlite":
        # Batch mode would recreate award_forms, which rows of other tables reference; SQLite
        # adds a column with its own CHECK in place.
        op.execute(
            "ALTER TABLE award_forms ADD COLUMN count_unit VARCHAR(10) DEFAULT 'recipient' "
            f"NOT NULL CONSTRAINT ck_award_forms_count_unit CHECK ({CHECK})"
        )
    else:
        op.add_column(
            "award_forms",
            sa.Column(
                "count_unit", sa.String(length=10), server_default="recipient", nullable=False
            ),
        )
        op.create_check_constraint(op.f("ck_award_forms_count_unit"), "award_forms", CHECK)
    op.execute("ALTER TABLE award_records ADD COLUMN label VARCHAR(200)")
    # The same trigger as 0004's for the other tables cached replies read.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER bump_version_documents AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON documents FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
        )
    else:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER bump_version_documents_{event.lower()} AFTER {event} "
                f"ON documents BEGIN {BUMP}; END"
            )


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS bump_version_documents ON documents")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_documents_{event}")
    # SQLite drops a column whose CHECK is its own in place, without recreating the table.
    op.execute("ALTER TABLE award_records DROP COLUMN label")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_award_forms_count_unit"), "award_forms", type_="check")
    op.execute("ALTER TABLE award_forms DROP COLUMN count_unit")
