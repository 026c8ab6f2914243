"""Parsed rows of an imported spreadsheet, the rejection that lists its problems, the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from bot.domain import vn
from bot.reports import sheets
from bot.reports.texts import imports as texts

MAX_SHOWN = 30


class Cells(Mapping[str, str]):
    """Where each field of one row is (`sheet!D5`), worked out only when a message needs it.

    A dict of addresses per row cost 45 MB for 20 000 rows; this shares the sheet's columns.
    """

    __slots__ = ("_columns", "_line", "_sheet")

    def __init__(self, sheet: str, line: int, columns: Mapping[str, int]) -> None:
        self._sheet, self._line, self._columns = sheet, line, columns

    def __getitem__(self, name: str) -> str:
        return f"{self._sheet}!{get_column_letter(self._columns[name] + 1)}{self._line}"

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def text(self, filename: str) -> str:
        """A Vietnamese message listing the problems, at most MAX_SHOWN of them.

        One problem (an unreadable or oversized file, most often) is one line.
        """
        if len(self.problems) == 1:
            return texts.rejected_one(filename, self.problems[0])
        shown = self.problems[:MAX_SHOWN]
        lines = [texts.rejected_many(filename, len(self.problems))]
        lines.extend(f"• {p}" for p in shown)
        if len(self.problems) > len(shown):
            lines.append(vn.left_out(len(self.problems) - len(shown), texts.PROBLEMS))
        return "\n".join(lines)


@dataclass
class AwardLine:
    """One row of the awards sheet: an award line with counts per recipient kind."""

    cells: Mapping[str, str]
    key: str
    year: int
    form: str
    counts: dict[str, int]
    ad_hoc: dict[str, int]
    unit: str | None
    recipient_name: str | None
    occasion: str | None
    occasion_date: dt.date | None
    decision_number: str | None
    decision_date: dt.date | None
    source: str | None
    has_source: bool


@dataclass
class RecordRow:
    """One row of the records sheet: a named person or collective and the decision."""

    cells: Mapping[str, str]
    key: str | None
    year: int
    form: str
    kind: str
    name: str
    position: str | None
    unit: str
    occasion: str | None
    decision_number: str | None
    decision_date: dt.date | None
    decision_level: str | None


@dataclass
class DossierRow:
    """One row of the dossiers sheet: a nominee of a proposal."""

    cells: Mapping[str, str]
    code: str | None
    year: int
    form: str
    unit: str
    reason: str
    kind: str
    name: str
    position: str | None
    nominee_unit: str | None


@dataclass
class TaskRow:
    """One row of the tasks sheet: a task, optionally one responsible unit and its progress."""

    cells: Mapping[str, str]
    code: str
    year: int
    title: str
    deadline: dt.date | None
    unit: str | None
    percent: int | None
    note: str | None


@dataclass
class IndicatorRow:
    """One row of the indicators sheet."""

    cells: Mapping[str, str]
    year: int
    code: str
    group: str
    name: str
    measure: str | None
    qualifier: str | None
    plan: Decimal | None
    actual: Decimal | None
    percent: Decimal | None
    unit: str | None
    note: str | None
    source: str | None
    has_source: bool


@dataclass
class DayRow:
    """One row of the commemorations sheet."""

    cells: Mapping[str, str]
    code: str
    title: str
    calendar: str
    day: int
    month: int
    origin_year: int | None
    category: str
    unit: str | None
    description: str | None
    source: str | None
    has_source: bool


@dataclass
class UnitRow:
    """One row of the unit sheet: a unit as the office has it."""

    cells: Mapping[str, str]
    code: str
    name: str
    kind: str
    parent: str | None
    retired_on: dt.date | None
    merged_into: str | None
    has_state: bool
    """The file has the "Ngừng từ ngày" column, so an empty cell means the unit is active."""


@dataclass
class ParsedFile:
    """Every row of a file, typed and checked cell by cell."""

    filename: str
    units: list[UnitRow] = field(default_factory=list)
    awards: list[AwardLine] = field(default_factory=list)
    records: list[RecordRow] = field(default_factory=list)
    dossiers: list[DossierRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    days: list[DayRow] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """How many data rows the file has."""
        return (
            len(self.units)
            + len(self.awards)
            + len(self.records)
            + len(self.dossiers)
            + len(self.tasks)
            + len(self.indicators)
            + len(self.days)
        )


@dataclass
class Counts:
    """Added, updated and unchanged rows of one sheet."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """What an import did, per sheet."""

    filename: str
    sheets: dict[str, Counts] = field(default_factory=dict)
    progress: int = 0
    """Progress updates recorded (each one also appended to the history)."""
    changed: list[str] = field(default_factory=list)

    def counts(self, kind: str) -> Counts:
        """The counts of a sheet kind, created on first use."""
        return self.sheets.setdefault(kind, Counts())

    @property
    def added(self) -> int:
        """Rows added over all sheets."""
        return sum(c.added for c in self.sheets.values())

    @property
    def updated(self) -> int:
        """Rows updated over all sheets, progress updates included."""
        return sum(c.updated for c in self.sheets.values()) + self.progress

    def text(self) -> str:
        """A Vietnamese summary: one line per sheet."""
        head = texts.imported(self.filename, self.added, self.updated)
        if not self.added and not self.updated:
            head = texts.unchanged(self.filename)
        lines = [head]
        for spec in sheets.IMPORT_SHEETS:
            c = self.sheets.get(spec.kind)
            if c is None:
                continue
            line = texts.sheet_counts(spec.title, c.added, c.updated, c.unchanged)
            if spec.kind == "tasks":
                line += texts.progress_counts(self.progress)
            lines.append(line + ".")
        return "\n".join(lines)
