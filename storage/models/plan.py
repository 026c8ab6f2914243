"""The year's plan: tasks and their units, progress, closed years, indicators, requests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
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
    Base,
)
from storage.types import DecimalText, UTCDateTime


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
        ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True
    )

    # Unit first, then task: a unit's (or a district's) tasks are read from the index alone,
    # not by probing every task of the year for each of the units.
    __table_args__ = (Index("ix_task_units_unit_id_task_id", "unit_id", "task_id"),)


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


class UnitRequest(Base):
    """A request to units for a document (yêu cầu), with its deadline and who asked."""

    __tablename__ = "unit_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    deadline_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    """The requesting chat: it gets the files, and the summary at the deadline."""
    thread_id: Mapped[str | None] = mapped_column(String(32))
    """The forum topic the request was made in: the summary goes there."""
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    """The unit the request was checked against (None: office-wide)."""
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(200))


class RequestUnit(Base):
    """One target unit of a request and its answer: submitted, asked for more time, or not yet."""

    __tablename__ = "request_units"
    __table_args__ = (UniqueConstraint("request_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("unit_requests.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    file_name: Mapped[str | None] = mapped_column(String(255))
    extension_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    extension_by: Mapped[str | None] = mapped_column(String(200))
    extension_reason: Mapped[str | None] = mapped_column(Text)


class TaskNudge(Base):
    """One "Nhắc đơn vị chưa báo cáo" for one unit of a task, sent through the reminder ledger."""

    __tablename__ = "task_nudges"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
