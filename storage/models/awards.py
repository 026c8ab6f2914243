"""Award forms, records and totals, and the dossiers proposing new awards."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import (
    DOSSIER_STATUSES,
    LEVELS,
    RECIPIENT_KINDS,
    Base,
    one_of,
)
from storage.types import UTCDateTime


class AwardForm(Base):
    """An emulation title or award form from the reference list."""

    __tablename__ = "award_forms"
    __table_args__ = (
        CheckConstraint(one_of("level", LEVELS), name="level"),
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
        CheckConstraint(one_of("recipient_kind", RECIPIENT_KINDS), name="recipient_kind"),
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


class Dossier(Base):
    """A unit's award proposal (hồ sơ đề nghị khen thưởng) and where the office has it."""

    __tablename__ = "dossiers"
    __table_args__ = (
        CheckConstraint(one_of("status", DOSSIER_STATUSES), name="status"),
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
    __table_args__ = (CheckConstraint(one_of("recipient_kind", RECIPIENT_KINDS), name="kind"),)

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
        CheckConstraint(one_of("status", DOSSIER_STATUSES), name="status"),
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
