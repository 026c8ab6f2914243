"""Commemorations, reminders people set, the delivery ledger and acknowledgements."""

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
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import (
    DELIVERY_STATUSES,
    Base,
    created_column,
    one_of,
)
from storage.types import UTCDateTime


class Commemoration(Base):
    """A yearly commemoration day, solar or Vietnamese lunar."""

    __tablename__ = "commemorations"
    __table_args__ = (
        CheckConstraint("calendar IN ('solar', 'lunar')", name="calendar"),
        CheckConstraint("day BETWEEN 1 AND 31 AND month BETWEEN 1 AND 12", name="day_month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    calendar: Mapped[str] = mapped_column(String(10))
    day: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    origin_year: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(40))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class Reminder(Base):
    """A reminder someone set with /nhac: one moment or a recurrence, in one chat (and topic)."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("chat_id", "code"),
        Index("ix_reminders_due", "active", "next_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    code: Mapped[int] = mapped_column(Integer)
    """The short number people type (/huynhac 3), counted per chat."""
    thread_id: Mapped[str | None] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(64))
    author_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(Text)
    """bot.domain.recurrence's storage form; None for a one-off reminder."""
    workdays: Mapped[bool] = mapped_column(Boolean, default=False)
    mentions: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    """[[user id, name], ...]: people the reminder notifies by a real mention (Telegram)."""
    next_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    """The earliest moment not yet settled in the deliveries; None once a one-off is done."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    snoozed_delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="SET NULL"), unique=True
    )
    """For a « Nhắc lại » reminder: the sent reminder it repeats (one snooze per message)."""
    created_at: Mapped[dt.datetime] = created_column()


class Delivery(Base):
    """One reminder for one chat, occasion, occurrence and lead: the ledger of what was sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "occasion_key", "occurrence", "lead_days"),
        CheckConstraint(one_of("status", DELIVERY_STATUSES), name="status"),
        Index("ix_deliveries_status_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    occasion_key: Mapped[str] = mapped_column(String(80))
    occurrence: Mapped[dt.date] = mapped_column(Date)
    lead_days: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(20))
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    platform_message_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = created_column()


class Acknowledgement(Base):
    """A user's "Đã nhận" on a delivered reminder, for a unit."""

    __tablename__ = "acknowledgements"
    __table_args__ = (UniqueConstraint("delivery_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(64))
    user_name: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    acked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
