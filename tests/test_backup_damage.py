"""Every damaged backup is refused in one Vietnamese line, exit status 1, with nothing restored."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import os
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot import cli
from bot.app import App, build_app
from bot.settings import load_settings
from storage.backup import BackupError, current_revision, data_tables, restore
from tests.test_backup import contents, template_backup

Damage = Callable[[bytes], bytes]
DAMAGED = "bị hỏng hoặc bị cắt cụt, không khôi phục gì cả."
MISMATCHED = "có dữ liệu không khớp nhau ở bảng"


def flip(at: float) -> Damage:
    """Invert one byte of the compressed stream, past the gzip header."""

    def damage(data: bytes) -> bytes:
        return flip_at(data, max(20, int(len(data) * at)))

    return damage


def bad_deflate(data: bytes) -> bytes:
    """A flipped byte that zlib itself rejects (`invalid distance too far back` and the like)."""
    for i in range(len(data) // 3, len(data) - 8, 7):
        damaged = flip_at(data, i)
        try:
            gzip.decompress(damaged)
        except zlib.error:
            return damaged
        except (OSError, EOFError):
            continue
    raise AssertionError("no flip broke the deflate stream")


def flip_at(data: bytes, i: int) -> bytes:
    """`data` with byte i inverted."""
    return data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]


def truncate(data: bytes) -> bytes:
    """The first half of the gzip stream, as a copy stopped midway leaves it."""
    return data[: len(data) // 2]


def _edit(data: bytes, change: Callable[[list[object], int], None]) -> bytes:
    """Decompress, let `change` edit the parsed lines at a chosen table, compress again."""
    items: list[object] = [json.loads(line) for line in gzip.decompress(data).splitlines()]
    change(items, 0)
    text = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    return gzip.compress(text.encode())


def _sections(items: list[object]) -> dict[str, int]:
    """Each table's header line index."""
    return {
        str(item["table"]): i
        for i, item in enumerate(items)
        if isinstance(item, dict) and "table" in item
    }


def broken_reference(data: bytes) -> bytes:
    """A row pointing at a parent row the file does not have."""

    def change(items: list[object], _: int) -> None:
        at = _sections(items)
        for table in data_tables():
            for fk in table.foreign_keys:
                if fk.column.table is table:
                    continue
                head = items[at[table.name]]
                assert isinstance(head, dict)
                index = list(head["columns"]).index(fk.parent.name)
                for row in items[at[table.name] + 1 : at[table.name] + 1 + head["rows"]]:
                    assert isinstance(row, list)
                    if row[index] is not None:
                        row[index] = 987_654_321
                        return
        raise AssertionError("no row with a reference to break")

    return _edit(data, change)


def duplicated_row(data: bytes) -> bytes:
    """The first row of the first non-empty table written twice."""

    def change(items: list[object], _: int) -> None:
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("rows"):
                item["rows"] += 1
                items.insert(i + 1, items[i + 1])
                return

    return _edit(data, change)


VARIANTS: dict[str, tuple[Damage, str]] = {
    "flipped-early": (flip(0.2), DAMAGED),
    "flipped-middle": (flip(0.5), DAMAGED),
    "flipped-late": (flip(0.9), DAMAGED),
    "flipped-crc": (flip(0.999), DAMAGED),
    "flipped-deflate": (bad_deflate, DAMAGED),
    "truncated": (truncate, DAMAGED),
    "broken-reference": (broken_reference, MISMATCHED),
    "duplicated-row": (duplicated_row, MISMATCHED),
}


async def restored_rows(app: App) -> int:
    """Rows in the target: none when the refusal came before the schema was even made."""
    async with app.engine.connect() as conn:
        if await current_revision(conn) is None:
            return 0
    return sum(len(rows) for rows in (await contents(app)).values())


async def damaged_file(sqlite_template: Path, folder: Path, variant: str) -> Path:
    """A good backup of the seeded template, then damaged one way."""
    good = await template_backup(sqlite_template, folder)
    bad = folder / f"{variant}.jsonl.gz"
    bad.write_bytes(VARIANTS[variant][0](good.read_bytes()))
    return bad


@pytest.mark.parametrize("variant", list(VARIANTS))
async def test_a_damaged_backup_is_refused_and_restores_nothing(
    sqlite_template: Path, empty_db_url: str, tmp_path: Path, variant: str
) -> None:
    bad = await damaged_file(sqlite_template, tmp_path, variant)
    target = build_app(load_settings(database_url=empty_db_url))
    try:
        with pytest.raises(BackupError) as refused:
            await restore(target.engine, bad)
        left = await restored_rows(target)
    finally:
        await target.close()

    message = str(refused.value)
    assert message.startswith(f"Tệp {bad} ") and VARIANTS[variant][1] in message
    assert "\n" not in message
    assert left == 0


def thidua(folder: Path, *args: str, level: str = "INFO") -> subprocess.CompletedProcess[str]:
    """The real `thidua` command line, in a folder without a .env, on a fresh SQLite file."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(folder),
        "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'target.db'}",
        "LOG_LEVEL": level,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """`thidua` as an operator runs it: a folder without a .env, a fresh SQLite target."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'target.db'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield url
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.parametrize("variant", list(VARIANTS))
async def test_thidua_restore_of_a_damaged_backup_prints_one_line(
    sqlite_template: Path,
    tmp_path: Path,
    cli_env: str,
    capsys: pytest.CaptureFixture[str],
    variant: str,
) -> None:
    bad = await damaged_file(sqlite_template, tmp_path, variant)
    capsys.readouterr()

    # The console script's own entry point (it runs its own event loop, hence the thread).
    status = await asyncio.to_thread(cli.main, ["restore", str(bad)])

    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(f"Tệp {bad} ") and VARIANTS[variant][1] in line
    target = build_app(load_settings(database_url=cli_env))
    try:
        assert await restored_rows(target) == 0
    finally:
        await target.close()


async def test_the_raw_error_goes_to_the_log_at_debug_only(
    sqlite_template: Path, tmp_path: Path
) -> None:
    bad = await damaged_file(sqlite_template, tmp_path, "duplicated-row")

    done = thidua(tmp_path, "restore", str(bad), level="DEBUG")

    assert done.returncode == 1
    # The real process: its exit status, the raw error in the DEBUG log, the line for the operator.
    assert "IntegrityError" in done.stderr and "restore of" in done.stderr
    assert any(line.startswith(f"Tệp {bad} ") for line in done.stderr.splitlines())


async def test_a_backup_never_replaces_a_file_unasked(
    tmp_path: Path, cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = tmp_path / "sao-luu.jsonl.gz"
    earlier.write_bytes(b"the office's only copy")
    status = await asyncio.to_thread(cli.main, ["backup", str(earlier)])
    assert status == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line == f"Tệp {earlier} đã có; chọn tên khác, hoặc thêm --force để ghi đè."
    assert earlier.read_bytes() == b"the office's only copy"
    assert await asyncio.to_thread(cli.main, ["seed"]) == 0
    assert await asyncio.to_thread(cli.main, ["backup", "--force", str(earlier)]) == 0
    assert earlier.read_bytes()[:2] == b"\x1f\x8b", "replaced by a gzip backup when asked"
