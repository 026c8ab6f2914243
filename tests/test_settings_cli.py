"""Settings validation and the command line, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url.startswith("sqlite+aiosqlite://") or "DATABASE_URL" in os.environ
    assert settings.bot_timezone == "Asia/Ho_Chi_Minh"


def test_admin_ids_are_split() -> None:
    assert load_settings(bot_admin_ids="1, 2,abc").bot_admin_ids == ["1", "2", "abc"]


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("bot_timezone", "Mars/Olympus", "BOT_TIMEZONE"),
        ("database_url", "mysql://x", "DATABASE_URL"),
        ("log_level", "LOUD", "LOG_LEVEL"),
    ],
)
def test_wrong_value_names_the_setting(field: str, value: str, name: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(**{field: value})
    assert str(caught.value).startswith(f"Cấu hình sai: {name} — ")


def _thidua(
    args: list[str], cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "BOT_"))}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def test_piped_chat_on_a_fresh_folder(tmp_path: Path) -> None:
    result = _thidua(["chat"], tmp_path, "/khenthuong 2022\n/sukien 2023\n/khong-co\n")
    assert result.returncode == 0, result.stderr
    assert "• Chiến sĩ thi đua cơ sở: 323 cá nhân" in result.stdout
    assert "Các ngày kỷ niệm năm 2023" in result.stdout
    assert "Không có lệnh /khong-co." in result.stdout
    assert (tmp_path / "thidua.db").exists()


def test_wrong_setting_stops_with_one_line(tmp_path: Path) -> None:
    result = _thidua(["chat"], tmp_path, BOT_TIMEZONE="Nowhere/City")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        result.stderr.strip()
    ] and result.stderr.startswith("Cấu hình sai: BOT_TIMEZONE")


def test_seed_command_refuses_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("units:\n  - code: X\n", encoding="utf-8")
    result = _thidua(["seed", str(bad)], tmp_path)
    assert result.returncode == 1
    assert f"{bad}:2: units.0.name: thiếu trường bắt buộc" in result.stderr
    again = _thidua(["seed"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Đã nạp 4 tệp: thêm")


def test_version() -> None:
    result = _thidua(["--version"], Path.cwd())
    assert result.stdout.strip() == "thidua 0.1.0"
