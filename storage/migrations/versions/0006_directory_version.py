"""directory version: a second counter bumped only by writes to units and chats

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIRECTORY = ("units", "chats")
"""Rarely written tables every command reads: caching them needs a counter of their own."""
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 2"


def upgrade() -> None:
    """Apply this revision."""
    op.execute("INSERT INTO data_version (id, version) VALUES (2, 0)")
    if op.get_bind().dialect.name == "postgresql":
        # Once per transaction, as the data version's function does (see 0004).
        op.execute(
            "CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF current_setting('thidua.directory_bumped', true) IS DISTINCT FROM 'yes' THEN "
            f"{BUMP}; PERFORM set_config('thidua.directory_bumped', 'yes', true); "
            "END IF; RETURN NULL; END $$"
        )
        for table in DIRECTORY:
            op.execute(
                f"CREATE TRIGGER bump_directory_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version()"
            )
    else:
        for table in DIRECTORY:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER bump_directory_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN {BUMP}; END"
                )


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for table in DIRECTORY:
            op.execute(f"DROP TRIGGER IF EXISTS bump_directory_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS bump_directory_version()")
    else:
        for table in DIRECTORY:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS bump_directory_{table}_{event}")
    op.execute("DELETE FROM data_version WHERE id = 2")
