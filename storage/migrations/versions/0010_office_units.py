"""seed marks, so seeding never overwrites an office's edit; unit kinds for any office; retired
and merged units

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ("province", "district", "commune", "ward", "agency", "sector", "organisation")
NEW_KINDS = (
    "province",
    "commune",
    "department",
    "section",
    "school",
    "agency",
    "enterprise",
    "residential_group",
    "other",
    "district",
)
UP = {"ward": "commune", "sector": "department", "organisation": "other"}
DOWN = {
    "commune": "ward",
    "department": "sector",
    "section": "agency",
    "school": "organisation",
    "enterprise": "organisation",
    "residential_group": "organisation",
    "other": "organisation",
}


def _check(kinds: tuple[str, ...]) -> str:
    return f"kind IN ({', '.join(repr(k) for k in kinds)})"


def _set_kind_check(old: tuple[str, ...], new: tuple[str, ...], mapping: dict[str, str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Recreating `units` on SQLite would fire the ON DELETE actions of every table that
        # references it (chats' links would be cleared). A CHECK lives only in the schema text,
        # so it is rewritten there, as SQLite's own documentation describes for such changes.
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'units'"
        ).scalar_one()
        if _check(old) not in sql:
            raise RuntimeError("units.kind CHECK is not the one this migration expects")
        schema_version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
        bind.exec_driver_sql("PRAGMA writable_schema = ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'units'",
            (sql.replace(_check(old), _check(tuple(sorted(set(old) | set(new))))),),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
        for before, after in mapping.items():
            op.execute(sa.text(f"UPDATE units SET kind = '{after}' WHERE kind = '{before}'"))
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'units'"
        ).scalar_one()
        schema_version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
        bind.exec_driver_sql("PRAGMA writable_schema = ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'units'",
            (sql.replace(_check(tuple(sorted(set(old) | set(new)))), _check(new)),),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
        return
    op.drop_constraint(op.f("ck_units_kind"), "units", type_="check")
    for before, after in mapping.items():
        op.execute(sa.text(f"UPDATE units SET kind = '{after}' WHERE kind = '{before}'"))
    op.create_check_constraint(op.f("ck_units_kind"), "units", _check(new))


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "seed_marks",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_key", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_key", name=op.f("pk_seed_marks")),
    )
    _set_kind_check(OLD_KINDS, NEW_KINDS, UP)
    op.execute("ALTER TABLE units ADD COLUMN retired_on DATE")
    op.execute("ALTER TABLE units ADD COLUMN merged_into_id INTEGER")


def downgrade() -> None:
    """Revert this revision."""
    op.execute("ALTER TABLE units DROP COLUMN merged_into_id")
    op.execute("ALTER TABLE units DROP COLUMN retired_on")
    _set_kind_check(NEW_KINDS, OLD_KINDS, DOWN)
    op.drop_table("seed_marks")
