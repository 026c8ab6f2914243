"""Imports refuse what would cost more than a real office file, before parsing it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import App
from bot.reports import importer, sheets, xlsx_limits
from storage.models import AwardRecord
from tests import databases
from tests.test_reports_excel import counts, send_file
from tests.xlsx_files import Cell, shared_strings_bomb, workbook

AWARDS = next(s for s in sheets.DATA_SHEETS if s.kind == "awards")
MEMORY_LIMIT_MB = 300


def award_rows(count: int, *, source_chars: int = 0) -> Iterator[Sequence[Cell]]:
    """The awards sheet: its headers, then `count` valid lines, each with its own texts."""
    yield [c.header for c in AWARDS.columns]
    phrase = "Quyết định khen thưởng của Ủy ban nhân dân quận Hoàng Mai, "
    for i in range(count):
        values: dict[str, Cell] = {
            "year": 2023,
            "level": f"Cấp Quận {i}",
            "form_name": f"Lao động tiên tiến {i}",
            "individual": 1 + i % 50,
            "form": "LDTT",
            "key": f"HM-GH-{i:06d}",
            "unit": "P-DAIKIM",
            "recipient_name": f"Nguyễn Văn Thi Đua số {i}",
            "occasion": f"Tổng kết năm học lần {i}",
            "decision_number": f"{i}/QĐ-UBND",
            "source": (f"{i} " + phrase * (source_chars // len(phrase) + 1))[:source_chars]
            if source_chars
            else None,
            "category": f"Thường xuyên {i}",
            "count_unit": f"người {i}",
        }
        yield [values.get(c.field) for c in AWARDS.columns]


def worst_accepted() -> bytes:
    """An awards sheet full to every limit that a real file could reach, accepted whole."""
    return workbook({"Khen thưởng": award_rows(xlsx_limits.MAX_ROWS, source_chars=600)})


async def test_the_shared_strings_bomb_is_refused_quickly(app: App) -> None:
    # The file of the issue: 6 million one-letter strings, ~100 MB unzipped from ~250 KB.
    bomb = shared_strings_bomb(6_000_000)
    assert len(bomb) < 300 * 1024
    before = await counts(app)

    started = time.perf_counter()
    reply = await send_file(app, "bom.xlsx", bomb)
    elapsed = time.perf_counter() - started

    assert elapsed < 2.0, elapsed
    assert "bom.xlsx: tệp có 97,3 MB dữ liệu khi giải nén (giới hạn 30 MB)" in reply.text
    assert reply.text.startswith("Tệp bom.xlsx có 1 lỗi nên chưa ghi gì")
    assert await counts(app) == before


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("chu.xlsx", lambda: shared_strings_bomb(1_000_000), "hơn 200.000 đoạn chữ khác nhau"),
        (
            "dong.xlsx",
            lambda: workbook({"Khen thưởng": ([i] for i in range(xlsx_limits.MAX_ROWS + 2))}),
            "một trang hơn 20.000 dòng",
        ),
        (
            "o.xlsx",
            lambda: workbook({f"T{n}": ([1] * 40 for _ in range(10_000)) for n in range(2)}),
            "hơn 600.000 ô",
        ),
    ],
)
async def test_a_file_under_the_size_cap_is_refused_by_its_counts(
    app: App, name: str, content: object, said: str
) -> None:
    assert callable(content)
    data = content()
    before = await counts(app)

    started = time.perf_counter()
    reply = await send_file(app, name, data)
    elapsed = time.perf_counter() - started

    # A few seconds at most on a loaded 2-CPU machine; the bomb of the issue took 64 s.
    assert elapsed < 8.0, elapsed
    assert f"{name}: tệp có {said}, nhiều hơn một tệp số liệu thật" in reply.text
    assert await counts(app) == before


async def test_one_import_at_a_time_and_the_others_are_told_to_wait(app: App) -> None:
    data = workbook({"Khen thưởng": award_rows(3)})
    before = await counts(app)
    with importer.one_at_a_time("dang-nhap.xlsx"):
        busy = await send_file(app, "thu.xlsx", data)
    assert busy.text.startswith("Thi Đua Bot đang nhập một tệp khác.")
    assert "Chưa có gì từ tệp thu.xlsx được ghi; hãy đợi ít phút rồi gửi lại." in busy.text
    assert await counts(app) == before

    done = await send_file(app, "thu.xlsx", data)
    assert done.title == "Nhập dữ liệu từ tệp", done.text


def test_the_worst_accepted_file_is_imported_under_300_mb(
    sqlite_template: Path, tmp_path: Path
) -> None:
    content = worst_accepted()
    assert len(content) <= 5 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    # At each limit: the rows, and within 1 MB of the unzipped size.
    assert xlsx_limits.MAX_UNZIPPED - 1024 * 1024 < unzipped <= xlsx_limits.MAX_UNZIPPED
    file = tmp_path / "lon.xlsx"
    file.write_bytes(content)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": databases.sqlite_copy(sqlite_template, tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    # The real `thidua import` in a fresh process that reports its own peak resident size:
    # the file added, then imported again (every line compared with its stored records).
    # VmHWM, not getrusage: Linux carries ru_maxrss over fork and exec, so a child of this
    # pytest process would report at least the parent's size at the fork.
    script = (
        "import re, sys\n"
        "from bot.cli import main\n"
        "status = main(['import', sys.argv[1]]) or main(['import', sys.argv[1]])\n"
        "status_text = open('/proc/self/status').read()\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+) kB', status_text).group(1)\n"
        "print('peak-kb', peak, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "Khen thưởng: thêm 20.000, cập nhật 0" in done.stdout, done.stdout
    assert "Khen thưởng: thêm 0, cập nhật 0, không đổi 20.000" in done.stdout, done.stdout
    peak_mb = int(done.stderr.split("peak-kb")[1].split()[0]) / 1024
    print(f"peak RSS of the worst accepted import: {peak_mb:.0f} MB")
    assert peak_mb < MEMORY_LIMIT_MB


async def test_invisible_characters_are_stripped_from_imported_texts(app: App) -> None:
    rows = list(award_rows(1))
    header = list(rows[0])
    line = list(rows[1])
    line[header.index("Người, tập thể được khen")] = "\u202eTrường Mầm non\u200b Hoa Sen\ufeff"
    reply = await send_file(app, "an.xlsx", workbook({"Khen thưởng": [header, line]}))
    assert reply.title == "Nhập dữ liệu từ tệp", reply.text
    async with app.sessions() as session:
        names = set(await session.scalars(select(AwardRecord.recipient_name)))
    assert "Trường Mầm non Hoa Sen" in names
    assert not any("\u202e" in n or "\u200b" in n for n in names if n)
