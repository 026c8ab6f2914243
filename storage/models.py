"""SQLAlchemy models: units, chats, tasks, indicators, commemorations, awards, reminders, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import DecimalText, UTCDateTime

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


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints the same way."""

    metadata = MetaData(naming_convention=NAMING)


def _created() -> Mapped[dt.datetime]:
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


class Unit(Base):
    """A node of the administrative tree (province, district, ward, agency...)."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint(_in("kind", UNIT_KINDS), name="kind"),)

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
        CheckConstraint(_in("platform", PLATFORMS), name="platform"),
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
    created_at: Mapped[dt.datetime] = _created()

    unit: Mapped[Unit | None] = relationship(lazy="raise")


class Subscription(Base):
    """A chat's subscription to one kind of reminder."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("chat_id", "kind"),
        CheckConstraint(_in("kind", SUBSCRIPTION_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = _created()
    thread_id: Mapped[str | None] = mapped_column(String(32))
    """The forum topic (Telegram message_thread_id) it was made in: reminders go there."""


class Task(Base):
    """An emulation task of a year."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    deadline_assumed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    """The source gave no deadline and the seed assumed one: shown as assumed, never as fact."""
    source: Mapped[str | None] = mapped_column(Text)


class ClosedYear(Base):
    """A year the office closed: its unfinished tasks no longer count as overdue anywhere."""

    __tablename__ = "closed_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    closed_by: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    """The closing summary as it was told, so asking again tells the same."""


class TaskUnit(Base):
    """A unit responsible for a task."""

    __tablename__ = "task_units"

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class TaskProgress(Base):
    """The current progress of a task in one unit; history lives in task_progress_history."""

    __tablename__ = "task_progress"
    __table_args__ = (
        UniqueConstraint("task_id", "unit_id"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    percent: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class TaskProgressHistory(Base):
    """Every progress update ever made, oldest first."""

    __tablename__ = "task_progress_history"
    __table_args__ = (CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    percent: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Indicator(Base):
    """A socio-economic indicator (chỉ tiêu) of a year."""

    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("year", "code"),
        CheckConstraint("percent IS NULL OR CAST(percent AS FLOAT) >= 0", name="percent"),
        CheckConstraint(
            "qualifier IS NULL OR qualifier IN ('over', 'under', 'about')", name="qualifier"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    group: Mapped[str] = mapped_column("group_name", String(100))
    name: Mapped[str] = mapped_column(String(300))
    measure: Mapped[str | None] = mapped_column(String(50))
    plan: Mapped[Decimal | None] = mapped_column(DecimalText())
    actual: Mapped[Decimal | None] = mapped_column(DecimalText())
    percent: Mapped[Decimal | None] = mapped_column(DecimalText())
    qualifier: Mapped[str | None] = mapped_column(String(10))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class Scorecard(Base):
    """The reported count of targets met by a unit in a year."""

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("year", "unit_id"),
        CheckConstraint("targets_met >= 0 AND targets_met <= targets_total", name="met"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    targets_total: Mapped[int] = mapped_column(Integer)
    targets_met: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)


class Document(Base):
    """A legal or planning document cited by the data."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    number: Mapped[str | None] = mapped_column(String(60))
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


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


class AwardForm(Base):
    """An emulation title or award form from the reference list."""

    __tablename__ = "award_forms"
    __table_args__ = (
        CheckConstraint(_in("level", LEVELS), name="level"),
        CheckConstraint("category IN ('title', 'award', 'recognition')", name="category"),
        CheckConstraint("count_unit IN ('recipient', 'turn')", name="count_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    recipient_kinds: Mapped[str] = mapped_column(String(100))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    count_unit: Mapped[str] = mapped_column(
        String(10), default="recipient", server_default="recipient"
    )
    """How the source counts the form: recipients, or times conferred (lượt)."""
    source: Mapped[str | None] = mapped_column(Text)


class AwardRecord(Base):
    """A count of awards (or one named award) of a form, year and recipient kind."""

    __tablename__ = "award_records"
    __table_args__ = (
        CheckConstraint("count > 0", name="count"),
        CheckConstraint(_in("recipient_kind", RECIPIENT_KINDS), name="recipient_kind"),
        # Covers the yearly statistics query, so it reads the index alone, not the rows.
        Index(
            "ix_award_records_stats",
            "year",
            "occasion",
            "form_id",
            "recipient_kind",
            "ad_hoc",
            "count",
        ),
        # The same for one unit's statistics.
        Index(
            "ix_award_records_unit_stats",
            "unit_id",
            "year",
            "occasion",
            "form_id",
            "recipient_kind",
            "ad_hoc",
            "count",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id", ondelete="RESTRICT"))
    recipient_kind: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)
    recipient_name: Mapped[str | None] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    ad_hoc: Mapped[bool] = mapped_column(Boolean, default=False)
    label: Mapped[str | None] = mapped_column(String(200))
    """The award as the source names it on this line, when that differs from the form's name."""
    occasion: Mapped[str | None] = mapped_column(String(300))
    occasion_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(Text)
    position: Mapped[str | None] = mapped_column(String(200))
    """A named person's position (chức vụ) when the award was conferred."""
    decision_level: Mapped[str | None] = mapped_column(String(200))
    """Who signed the decision (cấp quyết định), e.g. "Chủ tịch UBND quận"."""
    award_occasion: Mapped[str | None] = mapped_column(String(300))
    """What a named record was conferred for (tổng kết năm 2023, đột xuất…); unlike `occasion`,
    which lists a line apart from the year's table, it leaves the record in the statistics."""
    name_folded: Mapped[str | None] = mapped_column(String(300), index=True)
    """`recipient_name` lower case without diacritics, so /tim finds it on any database."""
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="SET NULL"), index=True
    )
    """The dossier whose decision created this record."""


class AwardTotal(Base):
    """Award counts summed per year, unit, form and kind: rebuilt in the same transaction as every
    award write, so statistics read a few hundred rows instead of every record."""

    __tablename__ = "award_totals"
    __table_args__ = (
        # Covering, year then unit: a unit's or a district's statistics probe (year, unit) pairs
        # and never visit the table.
        Index(
            "ix_award_totals_year_unit",
            "year",
            "unit_id",
            "form_id",
            "recipient_kind",
            "total",
            "ad_hoc",
        ),
        Index("ix_award_totals_unit", "unit_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id", ondelete="CASCADE"))
    recipient_kind: Mapped[str] = mapped_column(String(20))
    total: Mapped[int] = mapped_column(Integer)
    ad_hoc: Mapped[int] = mapped_column(Integer)


class AwardYearTotal(Base):
    """Award counts summed per year, form and kind over all units: the office-wide table."""

    __tablename__ = "award_year_totals"
    __table_args__ = (UniqueConstraint("year", "form_id", "recipient_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id", ondelete="CASCADE"))
    recipient_kind: Mapped[str] = mapped_column(String(20))
    total: Mapped[int] = mapped_column(Integer)
    ad_hoc: Mapped[int] = mapped_column(Integer)


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
    created_at: Mapped[dt.datetime] = _created()


class Delivery(Base):
    """One reminder for one chat, occasion, occurrence and lead: the ledger of what was sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("chat_id", "occasion_key", "occurrence", "lead_days"),
        CheckConstraint(_in("status", DELIVERY_STATUSES), name="status"),
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
    created_at: Mapped[dt.datetime] = _created()


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


class RoleGrant(Base):
    """A role given to a platform user: office administrator (no unit), or a role on one unit."""

    __tablename__ = "role_grants"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("platform", PLATFORMS), name="platform"),
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


class Dossier(Base):
    """A unit's award proposal (hồ sơ đề nghị khen thưởng) and where the office has it."""

    __tablename__ = "dossiers"
    __table_args__ = (
        CheckConstraint(_in("status", DOSSIER_STATUSES), name="status"),
        Index("ix_dossiers_unit_status", "unit_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    """The proposing unit."""
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    status_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    """When the dossier entered its current status (the stale reminder counts from it)."""
    chat_id: Mapped[int | None] = mapped_column(ForeignKey("chats.id", ondelete="SET NULL"))
    """The chat it was proposed from: every step is told there."""
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_level: Mapped[str | None] = mapped_column(String(200))
    return_reason: Mapped[str | None] = mapped_column(Text)


class DossierNominee(Base):
    """A person or collective a dossier proposes."""

    __tablename__ = "dossier_nominees"
    __table_args__ = (CheckConstraint(_in("recipient_kind", RECIPIENT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    recipient_kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))


class DossierFile(Base):
    """A file attached to a dossier (kept in the database, so every replica serves it)."""

    __tablename__ = "dossier_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class DossierEvent(Base):
    """One step of a dossier: the status it entered, by whom, with the note told to the unit."""

    __tablename__ = "dossier_events"
    __table_args__ = (
        CheckConstraint(_in("status", DOSSIER_STATUSES), name="status"),
        Index("ix_dossier_events_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
