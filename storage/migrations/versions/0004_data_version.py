"""data version bumped by triggers on every write, for the reply cache

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every table whose rows a read command shows (directly or through totals and summaries).
WATCHED = (
    "units",
    "chats",
    "tasks",
    "task_units",
    "task_progress",
    "indicators",
    "scorecards",
    "commemorations",
    "award_forms",
    "award_records",
    "deliveries",
    "acknowledgements",
)
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        # Once per transaction: updating one row many times in a transaction makes PostgreSQL
        # walk an ever longer chain of its versions (quadratic for a large import or seed).
        # The transaction-local setting remembers that this transaction already bumped it.
        op.execute(
            "CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF current_setting('thidua.version_bumped', true) IS DISTINCT FROM 'yes' THEN "
            f"{BUMP}; PERFORM set_config('thidua.version_bumped', 'yes', true); "
            "END IF; RETURN NULL; END $$"
        )
        for table in WATCHED:
            # Once per statement: a bulk insert bumps the version once, not once per row.
            op.execute(
                f"CREATE TRIGGER bump_version_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()"
            )
    else:
        for table in WATCHED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER bump_version_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN {BUMP}; END"
                )


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS bump_data_version()")
    else:
        for table in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table}_{event}")
    op.drop_table("data_version")
