"""`thidua chat`: what it says it sends, it saves; operator log lines only when asked."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.app import App
from bot.console import free_path, run_console

ROOT = Path(__file__).resolve().parent.parent


def listing(folder: Path) -> list[str]:
    """The names in a folder, sorted."""
    return sorted(p.name for p in folder.iterdir())


async def test_export_and_chart_are_saved_where_the_console_says(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "bieudo-khenthuong-2022.png").write_bytes(b"someone else's")
    out = io.StringIO()

    await run_console(
        app.core,
        io.StringIO("/xuat 2022\n/bieudo khenthuong 2022\n/khenthuong 2022\n"),
        out,
        folder=folder,
    )

    said = out.getvalue()
    book, chart = folder / "thidua-2022.xlsx", folder / "bieudo-khenthuong-2022-2.png"
    assert f"Đã lưu tệp vào {book}" in said
    assert f"Đã lưu ảnh vào tệp {chart}" in said
    assert book.read_bytes()[:2] == b"PK"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (folder / "bieudo-khenthuong-2022.png").read_bytes() == b"someone else's"
    assert "Khen thưởng năm 2022" in said and "[Tệp:" not in said and "[Ảnh:" not in said
    assert listing(folder) == [
        "bieudo-khenthuong-2022-2.png",
        "bieudo-khenthuong-2022.png",
        "thidua-2022.xlsx",
    ]


def test_a_saved_name_stays_in_the_folder(tmp_path: Path) -> None:
    assert free_path(tmp_path, "../../etc/Báo cáo.xlsx") == tmp_path / "bao-cao.xlsx"
    assert free_path(tmp_path, "..") == tmp_path / "tep"


def _chat(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_BOT_TOKEN")}
    env |= {"PYTHONPATH": str(ROOT), "LOG_LEVEL": "INFO"}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{folder / 'thidua.db'}"
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *options],
        input="/donvi\n",
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_operator_lines_only_with_verbose(tmp_path: Path) -> None:
    # Both on a fresh folder, where the first start migrates and seeds (INFO lines).
    (tmp_path / "quiet").mkdir()
    (tmp_path / "verbose").mkdir()
    quiet = _chat(tmp_path / "quiet")
    verbose = _chat(tmp_path / "verbose", "--verbose")

    assert quiet.returncode == verbose.returncode == 0, quiet.stderr + verbose.stderr
    assert quiet.stdout.startswith("Mã đơn vị") and quiet.stderr == ""
    assert " INFO " in verbose.stderr and "seeded an empty database" in verbose.stderr
