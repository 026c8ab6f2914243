"""Units, chats and who may do what: the office's directory, rights and audit trail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import (
    PLATFORMS,
    ROLES,
    SUBSCRIPTION_KINDS,
    UNIT_KINDS,
    Base,
    created_column,
    one_of,
)
from storage.types import UTCDateTime


class Unit(Base):
    """A node of the administrative tree (province, district, ward, agency...)."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint(one_of("kind", UNIT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    source: Mapped[str | None] = mapped_column(Text)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)
    """From this day the unit takes no new data; its history stays in every statistic."""
    merged_into_id: Mapped[int | None] = mapped_column(Integer)
    """The unit this one was merged into (also its parent since then, so statistics of the new
    unit include this one's history). No foreign key: SQLite cannot drop such a column."""

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", lazy="raise")


class SeedMark(Base):
    """What the seed loader last wrote into one record, so it never overwrites an office's edit.

    One table for every seeded table, so their schemas stay untouched.
    """

    __tablename__ = "seed_marks"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fields: Mapped[str] = mapped_column(Text)
    """The seeded fields, comma-separated: a later release may seed more of them."""
    fingerprint: Mapped[str] = mapped_column(String(64))
    """sha256 of the seeded fields' values as the seed wrote them."""


class Chat(Base):
    """A chat the bot is in, with its unit and reminder settings."""

    __tablename__ = "chats"
    __table_args__ = (
        UniqueConstraint("platform", "platform_chat_id"),
        CheckConstraint(one_of("platform", PLATFORMS), name="platform"),
        CheckConstraint("jubilee_lead_days BETWEEN 0 AND 366", name="jubilee_lead"),
        Index("ix_chats_feed_token", "feed_token", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    platform_chat_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(255))
    chat_type: Mapped[str] = mapped_column(String(20), default="group")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    remind_at: Mapped[str] = mapped_column(String(5), default="08:00")
    lead_days: Mapped[str] = mapped_column(String(100), default="30,7,1,0")
    jubilee_lead_days: Mapped[int] = mapped_column(Integer, default=180)
    feed_token: Mapped[str | None] = mapped_column(String(64))
    """The secret of the chat's /lich calendar link; None until asked for, or after revoking."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = created_column()

    unit: Mapped[Unit | None] = relationship(lazy="raise")


class Subscription(Base):
    """A chat's subscription to one kind of reminder."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("chat_id", "kind"),
        CheckConstraint(one_of("kind", SUBSCRIPTION_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = created_column()
    thread_id: Mapped[str | None] = mapped_column(String(32))
    """The forum topic (Telegram message_thread_id) it was made in: reminders go there."""


class RoleGrant(Base):
    """A role given to a platform user: office administrator (no unit), or a role on one unit."""

    __tablename__ = "role_grants"
    __table_args__ = (
        CheckConstraint(one_of("role", ROLES), name="role"),
        CheckConstraint(one_of("platform", PLATFORMS), name="platform"),
        # Office administrators hold everything; every other role belongs to one unit.
        CheckConstraint(
            "(role = 'office_admin' AND unit_id IS NULL) OR (role <> 'office_admin' AND "
            "unit_id IS NOT NULL)",
            name="unit",
        ),
        Index("ix_role_grants_user", "platform", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    user_name: Mapped[str | None] = mapped_column(String(200))
    granted_by: Mapped[str] = mapped_column(String(200))
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class KnownUser(Base):
    """A user seen sending a command: lets `/quyen` find `@username` and show names."""

    __tablename__ = "known_users"
    __table_args__ = (
        UniqueConstraint("platform", "user_id"),
        Index("ix_known_users_username", "platform", "username"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    """The platform handle without `@`, lower case (Telegram usernames ignore case)."""
    display_name: Mapped[str | None] = mapped_column(String(200))
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """One write made through a command: who, where, what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(64))
    user_name: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str] = mapped_column(String(120))
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    unit_id: Mapped[int | None] = mapped_column(Integer, index=True)
    """The unit whose data the write touched (None: office-wide), for `/nhatky` scopes."""
    role: Mapped[str | None] = mapped_column(String(20))
    """The role the write was checked against."""
