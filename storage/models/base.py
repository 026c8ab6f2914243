"""The declarative base, its naming convention, the stored code lists and the data version."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    MetaData,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UNIT_KINDS = (
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
"""Stored codes of unit kinds (Vietnamese labels in bot.domain.unit_kinds); `district` is the
level abolished on 1/7/2025, kept so historic data keeps its place in the tree."""
LEVELS = ("state", "government", "province", "district", "grassroots")
RECIPIENT_KINDS = ("collective", "individual", "household", "project")
PLATFORMS = ("telegram", "zalo", "console")
SUBSCRIPTION_KINDS = ("sukien", "hanchot", "tuan")
ROLES = ("office_admin", "unit_admin", "reporter")
DELIVERY_STATUSES = ("claimed", "sent", "failed", "skipped", "dry_run")
DOSSIER_STATUSES = ("submitted", "received", "reviewing", "council", "decided", "returned")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK constraint: the column holds one of the stored codes."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints the same way."""

    metadata = MetaData(naming_convention=NAMING)


def created_column() -> Mapped[dt.datetime]:
    """A `created_at` column the database fills in."""
    return mapped_column(UTCDateTime(), server_default=func.now(), nullable=False)


class DataVersion(Base):
    """Version counters that database triggers bump: row 1 on every write to the data commands
    show, row 2 only on writes to units and chats.

    Bot processes cache read replies per row 1 and the unit tree and chats per row 2, so a write
    from any process (a command, the seed loader, an import, a reminder) makes them miss.
    """

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
