"""named award records (person, position, decision) and award proposal dossiers

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "'submitted', 'received', 'reviewing', 'council', 'decided', 'returned'"
KINDS = "'collective', 'individual', 'household', 'project'"
# /hoso is cached: its tables bump the version like 0004's.
WATCHED = ("dossiers", "dossier_nominees", "dossier_files", "dossier_events")
BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
RECORD_COLUMNS = (
    ("position", sa.String(length=200)),
    ("decision_level", sa.String(length=200)),
    ("award_occasion", sa.String(length=300)),
    ("name_folded", sa.String(length=300)),
)


def _fold(text: str) -> str:
    """The same folding as bot.core.args.fold (a migration must not import the app)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _created(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        _created("status_at"),
        sa.Column("chat_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        _created("created_at"),
        sa.Column("decision_number", sa.String(length=60), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decision_level", sa.String(length=200), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_dossiers_status")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_dossiers_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["award_forms.id"],
            name=op.f("fk_dossiers_form_id_award_forms"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_dossiers_chat_id_chats"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
    )
    op.create_index("ix_dossiers_unit_status", "dossiers", ["unit_id", "status"])
    op.create_table(
        "dossier_nominees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("recipient_kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"recipient_kind IN ({KINDS})", name=op.f("ck_dossier_nominees_kind")),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_dossier_nominees_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["units.id"],
            name=op.f("fk_dossier_nominees_unit_id_units"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_nominees")),
    )
    op.create_index(op.f("ix_dossier_nominees_dossier_id"), "dossier_nominees", ["dossier_id"])
    op.create_table(
        "dossier_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        _created("added_at"),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_dossier_files_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_files")),
    )
    op.create_index(op.f("ix_dossier_files_dossier_id"), "dossier_files", ["dossier_id"])
    op.create_table(
        "dossier_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        _created("at"),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_dossier_events_status")),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
            name=op.f("fk_dossier_events_dossier_id_dossiers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_events")),
    )
    op.create_index(op.f("ix_dossier_events_dossier_id"), "dossier_events", ["dossier_id"])
    op.create_index("ix_dossier_events_at", "dossier_events", ["at"])
    for name, kind in RECORD_COLUMNS:
        op.add_column("award_records", sa.Column(name, kind, nullable=True))
    # SQLite adds a column with a reference in place; batch mode would recreate award_records.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE award_records ADD COLUMN dossier_id INTEGER CONSTRAINT "
            "fk_award_records_dossier_id_dossiers REFERENCES dossiers (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("award_records", sa.Column("dossier_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_award_records_dossier_id_dossiers"),
            "award_records",
            "dossiers",
            ["dossier_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index(op.f("ix_award_records_name_folded"), "award_records", ["name_folded"])
    op.create_index(op.f("ix_award_records_dossier_id"), "award_records", ["dossier_id"])
    bind = op.get_bind()
    named = bind.execute(
        sa.text("SELECT id, recipient_name FROM award_records WHERE recipient_name IS NOT NULL")
    ).all()
    for record_id, name in named:
        bind.execute(
            sa.text("UPDATE award_records SET name_folded = :f WHERE id = :i"),
            {"f": _fold(name), "i": record_id},
        )
    for table in WATCHED:
        if bind.dialect.name == "postgresql":
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
    for table in WATCHED:
        if op.get_bind().dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table} ON {table}")
            continue
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bump_version_{table}_{event}")
    op.drop_index(op.f("ix_award_records_dossier_id"), table_name="award_records")
    op.drop_index(op.f("ix_award_records_name_folded"), table_name="award_records")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_award_records_dossier_id_dossiers"), "award_records", type_="foreignkey"
        )
    for name in ("dossier_id", *(n for n, _ in RECORD_COLUMNS)):
        op.execute(f"ALTER TABLE award_records DROP COLUMN {name}")
    op.drop_table("dossier_events")
    op.drop_table("dossier_files")
    op.drop_table("dossier_nominees")
    op.drop_table("dossiers")
