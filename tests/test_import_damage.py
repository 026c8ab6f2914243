"""Every malformed spreadsheet is one Vietnamese line (exit status 1, or a reply); none written."""

from __future__ import annotations

import asyncio
import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot import cli
from bot.app import App
from tests import databases
from tests.test_import_limits import award_rows
from tests.test_reports_excel import counts, exported, send_file
from tests.xlsx_files import workbook

Damage = Callable[[bytes], bytes]
UNREADABLE = "không phải tệp Excel .xlsx hợp lệ (không mở được như bảng tính)."


def rezip(content: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """The workbook with each member passed through `change` (None drops it), zipped validly."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return out.getvalue()


def cut_member(member: str) -> Damage:
    """One XML part cut in half, as a copy stopped midway inside Excel would leave it."""
    return lambda content: rezip(content, lambda n, d: d[: len(d) // 2] if n == member else d)


def drop_member(member: str) -> Damage:
    return lambda content: rezip(content, lambda n, d: None if n == member else d)


def flip_in_member(member: str) -> Damage:
    """One byte of a member's compressed data inverted: bad deflate data or a CRC mismatch."""

    def damage(content: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo(member)
        # The local header is 30 bytes plus the name and extra field; data follows.
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        at = start + info.compress_size // 2
        return content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1 :]

    return damage


VARIANTS: dict[str, Damage] = {
    "sheet-cut": cut_member("xl/worksheets/sheet1.xml"),
    # The bot's export writes its strings inline; Excel writes them in a shared table.
    "strings-cut": lambda _: cut_member("xl/sharedStrings.xml")(
        workbook({"Khen thưởng": award_rows(3)})
    ),
    "styles-cut": cut_member("xl/styles.xml"),
    "workbook-cut": cut_member("xl/workbook.xml"),
    "workbook-missing": drop_member("xl/workbook.xml"),
    "sheet-flipped": flip_in_member("xl/worksheets/sheet1.xml"),
    "zip-cut": lambda content: content[: len(content) // 2],
    "not-a-zip": lambda content: b"%PDF-1.4 " + content[:100],
}


@pytest.fixture
async def good(app: App) -> bytes:
    """The bot's own export of 2022, the file an office would edit and send back."""
    return await exported(app, "/xuat 2022")


@pytest.mark.parametrize("variant", list(VARIANTS))
async def test_a_malformed_spreadsheet_sent_with_nhap_is_one_line(
    app: App, good: bytes, variant: str
) -> None:
    before = await counts(app)

    reply = await send_file(app, f"{variant}.xlsx", VARIANTS[variant](good))

    assert reply.text == (
        f"Tệp {variant}.xlsx có 1 lỗi nên chưa ghi gì vào cơ sở dữ liệu: {variant}.xlsx: "
        + UNREADABLE
    )
    assert await counts(app) == before


@pytest.fixture
def cli_env(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """`thidua` as an operator runs it: a folder without a .env, a copy of the seeded database."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", databases.sqlite_copy(sqlite_template, tmp_path))
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


async def thidua_import(path: Path) -> int:
    """The console script's own entry point (it runs its own event loop, hence the thread)."""
    return await asyncio.to_thread(cli.main, ["import", str(path)])


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.usefixtures("cli_env")
async def test_thidua_import_of_a_malformed_spreadsheet_prints_one_line(
    good: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: str
) -> None:
    file = tmp_path / f"{variant}.xlsx"
    file.write_bytes(VARIANTS[variant](good))
    capsys.readouterr()

    status = await thidua_import(file)

    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"Tệp {file.name} có 1 lỗi nên chưa ghi gì vào cơ sở dữ liệu: {file.name}: " + UNREADABLE
    ]


@pytest.mark.usefixtures("cli_env")
async def test_the_raw_parser_error_goes_to_the_log_at_debug_only(
    good: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "styles.xlsx"
    file.write_bytes(VARIANTS["styles-cut"](good))
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    capsys.readouterr()

    assert await thidua_import(file) == 1

    err = capsys.readouterr().err
    # openpyxl's own ParseError, past the counting pass (which does not read styles).
    assert "DEBUG bot.reports.import_parse: openpyxl could not read styles.xlsx" in err
    assert "ParseError" in err
    assert any(line.endswith(UNREADABLE) for line in err.splitlines())
