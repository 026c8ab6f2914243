"""What an uploaded .xlsx may cost, checked before openpyxl parses any of it.

A 245 KB file whose sharedStrings.xml held 6 million tiny strings once took 64 s of CPU and
537 MB to import: openpyxl keeps every shared string in a list before it reads the first row.
So the zip's directory is read first (member count, unzipped size), then a streaming count of
shared strings, rows and cells that stops at the first limit passed and keeps almost nothing.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib
from collections.abc import Callable
from xml.parsers import expat

from bot.domain import vn
from bot.reports.import_rows import ImportRejected
from bot.reports.texts import imports as texts

log = logging.getLogger(__name__)

MAX_UNZIPPED = 30 * 1024 * 1024
"""A real office file of MAX_ROWS award lines unzips to about 20 MB."""
MAX_MEMBERS = 500
MAX_ROWS = 20_000
"""Per sheet, header excluded."""
MAX_CELLS = 600_000
"""Over all sheets: the widest sheet (22 columns) full to MAX_ROWS is 440 000."""
MAX_SHARED_STRINGS = 200_000
"""Distinct texts of the workbook: ten different texts on each of MAX_ROWS rows."""
SHEET_MEMBER = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
CHUNK = 64 * 1024
STRINGS_MEMBER = re.compile(r"xl/sharedstrings\d*\.xml", re.IGNORECASE)

UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    OSError,
    # ElementTree.ParseError and lxml's XMLSyntaxError (openpyxl uses either) are SyntaxErrors.
    SyntaxError,
    expat.ExpatError,
)
"""What a damaged .xlsx raises while it is read: a bad zip, bad deflate data, XML cut short."""


def not_xlsx(filename: str) -> str:
    """The one line for a file that is not a readable workbook."""
    return texts.not_xlsx(filename)


def too_big(filename: str, what: str) -> ImportRejected:
    """A refusal for a file larger than any real office file."""
    return ImportRejected([texts.too_big(filename, what)])


def check_xlsx(filename: str, content: bytes) -> None:
    """Refuse a workbook that would cost more than a real office file, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_directory(filename, archive)
            _check_counts(filename, archive)
    except ImportRejected:
        raise
    except UNREADABLE as exc:
        log.debug("unreadable .xlsx %s: %r", filename, exc)
        raise ImportRejected([not_xlsx(filename)]) from None


def _check_directory(filename: str, archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise too_big(filename, texts.zip_parts(len(members)))
    # The sizes are the directory's, but zipfile never inflates a member past its stated size.
    inflated = sum(info.file_size for info in members)
    if inflated > MAX_UNZIPPED:
        mb = vn.number(round(inflated / 1024 / 1024, 1))
        raise too_big(filename, texts.unzipped(mb, MAX_UNZIPPED >> 20))


def _check_counts(filename: str, archive: zipfile.ZipFile) -> None:
    names = archive.namelist()
    counts = {"si": 0, "row": 0, "c": 0}

    def count(tag: str) -> None:
        counts[tag] += 1
        if counts["si"] > MAX_SHARED_STRINGS:
            raise too_big(filename, texts.shared_strings(MAX_SHARED_STRINGS))
        if counts["row"] > MAX_ROWS + 1:
            raise too_big(filename, texts.sheet_rows(MAX_ROWS))
        if counts["c"] > MAX_CELLS:
            raise too_big(filename, texts.cells(MAX_CELLS))

    for name in filter(STRINGS_MEMBER.fullmatch, names):
        _count_elements(archive, name, {"si"}, count)
    for name in filter(SHEET_MEMBER.fullmatch, names):
        counts["row"] = 0
        _count_elements(archive, name, {"row", "c"}, count)


def _count_elements(
    archive: zipfile.ZipFile, name: str, wanted: set[str], count: Callable[[str], None]
) -> None:
    """Call `count` for each `wanted` element as it opens; nothing is built, nothing kept.

    expat calls back from C, several times faster than iterparse's Python-level event loop.
    """
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(tag: str, attributes: object) -> None:
        del attributes
        local = tag.rpartition(" ")[2]
        if local in wanted:
            count(local)

    def doctype(*_: object) -> None:
        # Excel never writes a DTD; one can only be there to expand entities.
        raise ValueError(f"{name}: a DTD in a workbook part")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
