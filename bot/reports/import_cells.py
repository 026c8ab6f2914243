"""One uploaded row's cells read as typed values, every problem recorded with its cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from openpyxl.utils import get_column_letter

from bot.core import args as parse
from bot.domain import vn
from bot.reports.import_rows import Cells
from bot.reports.texts import import_fields as texts
from storage.seed_schema import CODE_PATTERN

MAX_COUNT = 1_000_000
YEARS = parse.YEAR_RANGE
NUMBER_FORMS = (
    (r"[-+]?\d+", "", "."),
    (r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", ".", ","),
    (r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", ",", "."),
    (r"[-+]?\d*,\d+", "", ","),
    (r"[-+]?\d*\.\d+", "", "."),
)
"""(pattern, thousands mark, decimal mark), tried in order."""
AMBIGUOUS = re.compile(r"[-+]?\d{1,3}\.\d{3}")
"""One dot before three digits: thousands in Vietnamese, a decimal point in English."""
DECIMAL_COMMA = re.compile(r"[-+]?\d{1,3},\d{3}")


class Reader:
    """Typed access to one row's cells; every problem is recorded with its cell."""

    def __init__(
        self,
        sheet: str,
        number: int,
        values: Sequence[object],
        columns: dict[str, int],
        problems: list[str],
    ) -> None:
        self.sheet = sheet
        self.line = number
        self.values = values
        self.columns = columns
        self.problems = problems
        self.start = len(problems)

    @property
    def ok(self) -> bool:
        """No problem found in this row so far."""
        return len(self.problems) == self.start

    def has(self, name: str) -> bool:
        """The file has this column."""
        return name in self.columns

    def where(self, name: str) -> str:
        """`sheet!D5` of a field in this row."""
        index = self.columns.get(name, 0)
        return f"{self.sheet}!{get_column_letter(index + 1)}{self.line}"

    def cells(self) -> Cells:
        """Every field's cell, for messages found later (unknown codes)."""
        return Cells(self.sheet, self.line, self.columns)

    def error(self, name: str, message: str) -> None:
        """Record a problem at a field's cell."""
        self.problems.append(f"{self.where(name)}: {message}")

    def raw(self, name: str) -> object:
        """The cell value; blank text is None."""
        index = self.columns.get(name)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        if isinstance(value, str):
            value = parse.visible(value).strip()
            return value or None
        return value

    def text(self, name: str, what: str, *, required: bool = False, limit: int = 300) -> str | None:
        """A text cell."""
        value = self.raw(name)
        if value is None:
            if required:
                self.error(name, texts.missing(what))
            return None
        if isinstance(value, dt.datetime | dt.date):
            return vn.date(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if len(text) > limit:
            self.error(name, texts.too_long(what, limit))
            return None
        return text

    def code(self, name: str, what: str, *, required: bool = False) -> str | None:
        """A code: ASCII letters, digits, '-', '_', '.'; stored upper-case."""
        text = self.text(name, what, required=required, limit=40)
        if text is None:
            return None
        if not re.fullmatch(CODE_PATTERN, text):
            self.error(name, texts.bad_code(what, text))
            return None
        return text.upper()

    def number(self, name: str, what: str, *, whole: bool = False) -> Decimal | None:
        """A number cell, or text written like one (2.054 · 4.670,8 · 4670.8).

        `whole`: the value must be an integer, so a lone mark before three digits is thousands;
        otherwise a lone comma there is the decimal mark and a lone dot is refused as ambiguous.
        """
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool | dt.date | dt.datetime | dt.time):
            self.error(name, texts.not_number(what, value))
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        text = str(value).removesuffix("%").strip()
        if not whole and DECIMAL_COMMA.fullmatch(text):
            # Where decimals are allowed, one comma is the Vietnamese decimal mark (742,042).
            return Decimal(text.replace(",", "."))
        number = number_text(text)
        if number is None:
            self.error(name, texts.text_not_number(what, value))
        elif not whole and AMBIGUOUS.fullmatch(text):
            # 742.042 is 742042 written the Vietnamese way and 742,042 written the English way;
            # guessing could store a figure a thousand times off, so the user says which.
            digits, decimal = text.replace(".", ""), text.replace(".", ",")
            self.error(name, texts.ambiguous(what, text, digits, decimal))
            return None
        return number

    def integer(self, name: str, what: str, *, low: int, high: int) -> int | None:
        """A whole number within [low, high]."""
        number = self.number(name, what, whole=True)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.error(name, texts.not_whole(what, vn.number(number)))
            return None
        value = int(number)
        if not low <= value <= high:
            shown = vn.number(high) if high > 9999 else str(high)
            self.error(name, texts.out_of_range(what, low, shown, value))
            return None
        return value

    def year(self, name: str, what: str = texts.YEAR, *, required: bool = True) -> int | None:
        """A year within the range the bot knows."""
        if self.raw(name) is None:
            if required:
                self.error(name, texts.missing(what))
            return None
        return self.integer(name, what.capitalize(), low=YEARS[0], high=YEARS[1])

    def date(self, name: str, what: str) -> dt.date | None:
        """A date cell, or text dd/mm/yyyy or yyyy-mm-dd."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value)
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(name, texts.not_date(what, text))
        return None


def number_text(text: str) -> Decimal | None:
    """Parse a number written by hand or by Excel in any locale; None if it is not one.

    `2.054` and `2,054` are thousands (2054), as are `4.670,8` and `4,670.8` (4670,8); a single
    mark followed by other than three digits is the decimal mark (`105.29`, `1,5`).
    """
    t = text.replace(" ", "").replace("\u00a0", "")
    for pattern, thousands, decimal in NUMBER_FORMS:
        if re.fullmatch(pattern, t):
            cleaned = (t.replace(thousands, "") if thousands else t).replace(decimal, ".")
            try:
                return Decimal(cleaned)
            except InvalidOperation:
                return None
    return None
