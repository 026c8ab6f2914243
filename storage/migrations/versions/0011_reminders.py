"""custom reminders (/nhac), forum topics of subscriptions, calendar links, a 180-day jubilee lead

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.String(length=32), nullable=True),
        sa.Column("author_id", sa.String(length=64), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("workdays", sa.Boolean(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("next_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("snoozed_delivery_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            storage.types.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_reminders_chat_id_chats"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["snoozed_delivery_id"],
            ["deliveries.id"],
            name=op.f("fk_reminders_snoozed_delivery_id_deliveries"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("chat_id", "code", name=op.f("uq_reminders_chat_id")),
        sa.UniqueConstraint("snoozed_delivery_id", name=op.f("uq_reminders_snoozed_delivery_id")),
    )
    # A dispatch pass asks only for due reminders: nothing due reads no rows.
    op.create_index("ix_reminders_due", "reminders", ["active", "next_at"])
    # Plain ADD COLUMN and a unique index: batch mode would recreate tables others reference.
    op.add_column("subscriptions", sa.Column("thread_id", sa.String(length=32), nullable=True))
    op.add_column("chats", sa.Column("feed_token", sa.String(length=64), nullable=True))
    op.create_index("ix_chats_feed_token", "chats", ["feed_token"], unique=True)
    # No command could change the early warning before: every 90 is the old default.
    op.execute("UPDATE chats SET jubilee_lead_days = 180 WHERE jubilee_lead_days = 90")


def downgrade() -> None:
    """Revert this revision."""
    op.execute("UPDATE chats SET jubilee_lead_days = 90 WHERE jubilee_lead_days = 180")
    op.drop_index("ix_chats_feed_token", table_name="chats")
    op.execute("ALTER TABLE chats DROP COLUMN feed_token")
    op.execute("ALTER TABLE subscriptions DROP COLUMN thread_id")
    op.drop_index("ix_reminders_due", table_name="reminders")
    op.drop_table("reminders")
