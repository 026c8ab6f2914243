"""Workbooks written XML by hand, fast at any size: office-sized files and hostile ones."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
SST_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

Cell = str | int | None


def _content_types(sheets: int) -> str:
    parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_CT}"/>'
        for i in range(1, sheets + 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_CT}"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_CT}"/>{parts}</Types>'
    )


def _workbook(titles: Sequence[str]) -> tuple[str, str]:
    sheets = "".join(
        f'<sheet name="{escape(t)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, t in enumerate(titles, start=1)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(titles) + 1)
    )
    n = len(titles) + 1
    rels += f'<Relationship Id="rId{n}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    return (
        book,
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}'
        "</Relationships>",
    )


def _sheet_chunks(rows: Iterable[Sequence[Cell]], index: dict[str, int]) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{get_column_letter(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                number = index.setdefault(value, len(index))
                cells.append(f'<c r="{ref}" t="s"><v>{number}</v></c>')
        yield f'<row r="{r}">{"".join(cells)}</row>'
    yield "</sheetData></worksheet>"


def _write(archive: zipfile.ZipFile, name: str, chunks: Iterable[str]) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        buffer: list[str] = []
        for chunk in chunks:
            buffer.append(chunk)
            if len(buffer) >= 4096:
                member.write("".join(buffer).encode())
                buffer = []
        member.write("".join(buffer).encode())


def workbook(
    sheets: dict[str, Iterable[Sequence[Cell]]], *, strings: Iterable[str] | None = None
) -> bytes:
    """An .xlsx of the given sheets; `strings`, when given, is the shared-strings XML as is."""
    out = io.BytesIO()
    index: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets)))
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        book, rels = _workbook(list(sheets))
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, rows in enumerate(sheets.values(), start=1):
            _write(archive, f"xl/worksheets/sheet{i}.xml", _sheet_chunks(rows, index))
        _write(archive, "xl/sharedStrings.xml", strings if strings is not None else _sst(index))
    return out.getvalue()


def _sst(strings: Iterable[str]) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
    for text in strings:
        yield f"<si><t>{escape(text)}</t></si>"
    yield "</sst>"


def shared_strings_bomb(count: int) -> bytes:
    """One tiny sheet and `count` one-letter shared strings: ~17 bytes each unzipped."""
    chunk = 100_000
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'

    def parts() -> Iterator[str]:
        yield head
        for start in range(0, count, chunk):
            yield "<si><t>a</t></si>" * min(chunk, count - start)
        yield "</sst>"

    return workbook({"Khen thưởng": [["Năm"]]}, strings=parts())
