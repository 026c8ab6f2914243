"""The spreadsheet layout shared by the export and the import: sheets, columns, value kinds.

The words (sheet titles, column headers) are in `bot.reports.texts.sheets`: the export writes them
and the import recognises a file's sheets and columns by them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bot.core import args as parse
from bot.reports.texts import sheets as texts
from bot.reports.texts.sheets import SheetWords

ValueKind = Literal["text", "int", "year", "decimal", "date", "percent"]

AWARD_KINDS = ("collective", "individual", "household", "project")
KIND_HEADERS = texts.KIND_HEADERS
QUALIFIER_WORDS = texts.QUALIFIER_WORDS
CALENDAR_WORDS = texts.CALENDAR_WORDS
CATEGORY_WORDS = texts.CATEGORY_WORDS
COUNT_UNIT_WORDS = texts.COUNT_UNIT_WORDS


@dataclass(frozen=True)
class Column:
    """A column: the field it holds, its Vietnamese header, its value kind and width."""

    field: str
    header: str = ""
    """Set from the sheet's words (`bot.reports.texts.sheets`) by `sheet`."""
    kind: ValueKind = "text"
    width: int = 14
    info: bool = False
    """Written for people to read (names, labels); ignored by the import."""
    optional: bool = False
    """The import accepts a file without this column and then leaves the field unchanged."""


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook."""

    kind: str
    title: str
    what: str
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column:
        """The column holding `field`."""
        return next(c for c in self.columns if c.field == field)

    def by_header(self) -> dict[str, Column]:
        """Columns by folded header, for matching a file's header row."""
        return {header_key(c.header): c for c in self.columns}


def sheet(kind: str, words: SheetWords, *columns: Column) -> SheetSpec:
    """A sheet whose columns take their headers from its words."""
    headed = tuple(replace(c, header=words.headers[c.field]) for c in columns)
    return SheetSpec(kind, words.title, words.what, headed)


def header_key(text: str) -> str:
    """Headers match ignoring case, diacritics and spacing."""
    return " ".join(parse.fold(text).split())


def _award_count_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for kind in AWARD_KINDS:
        columns.append(Column(kind, kind="int", width=12))
        columns.append(Column(f"{kind}_ad_hoc", kind="int", width=12))
    return tuple(columns)


AWARDS = sheet(
    "awards",
    texts.AWARDS,
    Column("year", kind="year", width=8),
    Column("level", info=True, width=22),
    Column("form_name", info=True, width=44),
    *_award_count_columns(),
    Column("form", width=14),
    Column("key", width=18),
    Column("unit", width=14),
    Column("recipient_name", width=30),
    Column("occasion", width=40),
    Column("occasion_date", kind="date", width=14),
    Column("decision_number", width=16),
    Column("decision_date", kind="date", width=14),
    Column("source", optional=True, width=40),
    # Last, so the import's columns keep their letters in files made before these existed.
    Column("category", info=True, width=24),
    Column("count_unit", info=True, width=12),
)

TASKS = sheet(
    "tasks",
    texts.TASKS,
    Column("year", kind="year", width=8),
    Column("code", width=14),
    Column("title", width=60),
    Column("deadline", kind="date", width=12),
    Column("unit", width=14),
    Column("unit_name", info=True, width=34),
    Column("percent", kind="percent", width=12),
    Column("note", width=36),
    Column("updated_at", info=True, width=18),
    Column("updated_by", info=True, width=26),
    # Last, so the import's columns keep their letters in files made before it existed.
    Column("deadline_assumed", info=True, width=20),
)

INDICATORS = sheet(
    "indicators",
    texts.INDICATORS,
    Column("year", kind="year", width=8),
    Column("group", width=22),
    Column("code", width=20),
    Column("name", width=48),
    Column("measure", width=16),
    Column("qualifier", width=12),
    Column("plan", kind="decimal", width=14),
    Column("actual", kind="decimal", width=14),
    Column("percent", kind="decimal", width=14),
    Column("verdict", info=True, width=12),
    Column("unit", width=12),
    Column("note", width=40),
    Column("source", optional=True, width=40),
)

COMMEMORATIONS = sheet(
    "commemorations",
    texts.COMMEMORATIONS,
    Column("code", width=18),
    Column("title", width=50),
    Column("calendar", width=14),
    Column("day", kind="int", width=8),
    Column("month", kind="int", width=8),
    Column("origin_year", kind="year", width=10),
    Column("category", width=14),
    Column("unit", width=12),
    Column("description", width=50),
    Column("source", optional=True, width=40),
)

RECORDS = sheet(
    "records",
    texts.RECORDS,
    Column("year", kind="year", width=8),
    Column("form", width=14),
    Column("form_name", info=True, width=40),
    Column("kind", width=14),
    Column("name", width=30),
    Column("position", width=30),
    Column("unit", width=14),
    Column("unit_name", info=True, width=30),
    Column("occasion", width=30),
    Column("decision_number", width=16),
    Column("decision_date", kind="date", width=14),
    Column("decision_level", width=30),
    Column("key", optional=True, width=14),
)
"""Named records, one person or collective a row (the awards sheet has the counts)."""

DOSSIERS = sheet(
    "dossiers",
    texts.DOSSIERS,
    Column("code", optional=True, width=14),
    Column("year", kind="year", width=8),
    Column("form", width=14),
    Column("unit", width=16),
    Column("reason", width=40),
    Column("kind", width=14),
    Column("name", width=30),
    Column("position", width=30),
    Column("nominee_unit", width=16),
    Column("status", info=True, width=16),
    Column("decision", info=True, width=30),
)
"""One nominee a row; rows with the same code (or, without one, the same year, form, unit and
reason) make one dossier. Only new dossiers are imported: the office moves them with /xulyhoso."""

DATA_SHEETS = (AWARDS, TASKS, INDICATORS, COMMEMORATIONS, RECORDS, DOSSIERS)

DOCUMENTS = sheet(
    "documents",
    texts.DOCUMENTS,
    Column("code", width=18),
    Column("number", width=16),
    Column("issued_on", kind="date", width=14),
    Column("issuer", width=30),
    Column("title", width=60),
    Column("source", width=40),
)
"""The documents the data cites: written for reading, not imported."""

GUIDE = sheet("guide", texts.GUIDE, Column("sheet", width=16), Column("how", width=60))
"""The first sheet of an empty workbook (/xuat mau): written for people, not imported."""

REQUESTS = sheet(
    "requests",
    texts.REQUESTS,
    Column("code", width=12),
    Column("title", width=44),
    Column("deadline", width=18),
    Column("unit", width=14),
    Column("unit_name", width=34),
    Column("state", width=14),
    Column("at", width=18),
    Column("by", width=26),
    Column("file", width=24),
    Column("reason", width=36),
    Column("overdue", kind="int", width=10),
    Column("closed", width=18),
)
"""Each request unit by unit (/theodoi as a table): written for reading, not imported."""

UNITS_TITLE = texts.UNITS_TITLE
UNITS = sheet(
    "units",
    texts.UNITS,
    # The first four headers are those of earlier exports, so their files import too.
    Column("code", width=16),
    Column("name", width=44),
    Column("kind", width=18),
    Column("parent", width=16),
    Column("retired_on", kind="date", width=14, optional=True),
    Column("merged_into", width=16, optional=True),
)
"""The unit tree: imported first, so the other sheets' rows may name units it adds."""
IMPORT_SHEETS = (UNITS, *DATA_SHEETS)
FORMS_TITLE = texts.FORMS_TITLE
PRINT_AWARDS_TITLE = texts.PRINT_AWARDS_TITLE
PRINT_INDICATORS_TITLE = texts.PRINT_INDICATORS_TITLE
PRINT_TITLES = (PRINT_AWARDS_TITLE, PRINT_INDICATORS_TITLE)
REFERENCE_TITLES = (GUIDE.title, FORMS_TITLE, DOCUMENTS.title, REQUESTS.title, *PRINT_TITLES)
"""Sheets written for people (reference lists, documents, print layouts); the import skips them."""
