"""The office command line (export, import, chart) and the expiring chart links for Zalo."""

from __future__ import annotations

import struct
from pathlib import Path

import aiohttp
import pytest

from bot.app import App
from bot.http import HttpServer
from bot.reports import cli
from bot.reports.images import ImageStore

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


async def test_export_import_and_chart_from_the_command_line(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "thidua.xlsx"
    assert await cli.export_file(app, book, 2022) == 0
    out = capsys.readouterr().out
    assert "Đã xuất số liệu năm 2022 ra" in out
    assert "8 văn bản; bản in: khen thưởng năm 2022, chỉ tiêu năm 2022." in out
    assert book.read_bytes()[:2] == b"PK"

    assert await cli.import_file(app, book) == 0
    assert "không có gì thay đổi" in capsys.readouterr().out

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    assert await cli.import_file(app, broken) == 1
    err = capsys.readouterr().err
    assert "hong.xlsx: không phải tệp Excel .xlsx hợp lệ" in err

    assert await cli.import_file(app, tmp_path / "khong-co.xlsx") == 1
    assert "Không đọc được tệp" in capsys.readouterr().err

    picture = tmp_path / "bieudo.png"
    assert await cli.chart_file(app, "chitieu", 2022, picture) == 0
    out = capsys.readouterr().out
    assert "Chỉ tiêu năm 2022: trong 10 chỉ tiêu đánh giá được so với kế hoạch: 7 vượt" in out
    png = picture.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", png[16:20])[0] == 1200

    assert await cli.chart_file(app, "banh", None, picture) == 1
    assert "Không có biểu đồ 'banh'." in capsys.readouterr().err


def test_image_store_expires_and_stays_bounded() -> None:
    now = [0.0]
    store = ImageStore(ttl=60, max_items=2, max_bytes=10_000, clock=lambda: now[0])
    first = store.put(PNG)
    assert len(first) >= 40 and store.get(first) == PNG
    second, third = store.put(PNG), store.put(PNG)
    assert store.get(first) is None and len(store) == 2
    now[0] = 61
    assert store.get(second) is None and store.get(third) is None
    assert store.publish(PNG, "https://bot.example.vn/").startswith(
        "https://bot.example.vn/charts/"
    )


async def test_chart_links_are_served_then_expire() -> None:
    now = [0.0]
    store = ImageStore(ttl=60, clock=lambda: now[0])
    server = HttpServer("127.0.0.1", 0)
    store.mount(server)
    await server.start()
    try:
        url = store.publish(PNG, f"http://127.0.0.1:{server.port}")
        async with aiohttp.ClientSession() as http:
            async with http.get(url) as response:
                assert response.status == 200
                assert response.content_type == "image/png"
                assert await response.read() == PNG
            async with http.get(url.replace("/charts/", "/charts/x")) as response:
                assert response.status == 404
            now[0] = 61
            async with http.get(url) as response:
                assert response.status == 404
                assert "đã hết hạn" in await response.text()
    finally:
        await server.stop()
