"""roles per unit: role_grants replaces access_grants; known users; audit unit and role

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

import storage.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _note(text: str) -> None:
    """A line for `thidua migrate` to print (see storage.migrate.upgrade)."""
    context.config.attributes.setdefault("notes", []).append(text)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "role_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=True),
        sa.Column("granted_by", sa.String(length=200), nullable=False),
        sa.Column("granted_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('office_admin', 'unit_admin', 'reporter')", name=op.f("ck_role_grants_role")
        ),
        sa.CheckConstraint(
            "platform IN ('telegram', 'zalo', 'console')", name=op.f("ck_role_grants_platform")
        ),
        sa.CheckConstraint(
            "(role = 'office_admin' AND unit_id IS NULL) OR (role <> 'office_admin' AND unit_id IS NOT NULL)",
            name=op.f("ck_role_grants_unit"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_role_grants_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_grants")),
    )
    op.create_index("ix_role_grants_user", "role_grants", ["platform", "user_id"])
    op.create_table(
        "known_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("seen_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_known_users")),
        sa.UniqueConstraint("platform", "user_id", name=op.f("uq_known_users_platform")),
    )
    op.create_index("ix_known_users_username", "known_users", ["platform", "username"])
    op.add_column("audit_log", sa.Column("unit_id", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("role", sa.String(length=20), nullable=True))
    op.create_index(op.f("ix_audit_log_unit_id"), "audit_log", ["unit_id"])
    # Before roles, a grant gave write access everywhere: keep what those users could do.
    moved = (
        op.get_bind()
        .execute(
            sa.text(
                "INSERT INTO role_grants (platform, user_id, role, unit_id, granted_by, granted_at) "
                "SELECT platform, user_id, 'office_admin', NULL, granted_by, granted_at "
                "FROM access_grants WHERE platform IN ('telegram', 'zalo', 'console')"
            )
        )
        .rowcount
    )
    op.drop_table("access_grants")
    if moved:
        _note(
            f"Đã chuyển {moved} quyền cấp bằng /quyen trước đây thành quyền quản trị chung "
            "(như trước: được thay đổi mọi dữ liệu). Xem và thu hẹp bằng lệnh /quyen."
        )


def downgrade() -> None:
    """Revert this revision: office administrators become the old all-or-nothing grants."""
    op.create_table(
        "access_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=False),
        sa.Column("granted_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grants")),
        sa.UniqueConstraint("platform", "user_id", name=op.f("uq_access_grants_platform")),
    )
    op.execute(
        "INSERT INTO access_grants (platform, user_id, granted_by, granted_at) "
        "SELECT platform, user_id, MIN(granted_by), MIN(granted_at) FROM role_grants "
        "WHERE role = 'office_admin' GROUP BY platform, user_id"
    )
    op.drop_index(op.f("ix_audit_log_unit_id"), table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("role")
        batch.drop_column("unit_id")
    op.drop_index("ix_known_users_username", table_name="known_users")
    op.drop_table("known_users")
    op.drop_index("ix_role_grants_user", table_name="role_grants")
    op.drop_table("role_grants")
