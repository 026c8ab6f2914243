"""Settings validation and the command line, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import parser
from bot.settings import SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url.startswith("sqlite+aiosqlite://") or "DATABASE_URL" in os.environ
    assert settings.bot_timezone == "Asia/Ho_Chi_Minh"


def test_admin_ids_are_split_and_name_their_platform() -> None:
    ids = load_settings(bot_admin_ids="telegram:1, Zalo:abc2 ,telegram:30").bot_admin_ids
    assert ids == ["telegram:1", "zalo:abc2", "telegram:30"]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("501", "'501' thiếu tên nền tảng; viết telegram:<mã> hoặc zalo:<mã>"),
        ("viber:501", "'viber:501' thiếu tên nền tảng"),
        ("telegram:abc", "'telegram:abc' không phải mã người dùng telegram hợp lệ"),
        ("telegram:-5", "'telegram:-5' không phải mã người dùng telegram hợp lệ"),
    ],
)
def test_admin_ids_without_a_platform_are_refused(value: str, said: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(bot_admin_ids=value)
    assert "BOT_ADMIN_IDS" in str(err.value)
    assert said in str(err.value)


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        (
            "bot_timezone",
            "Mars/Olympus",
            "BOT_TIMEZONE — không có múi giờ 'Mars/Olympus'; viết theo tên IANA, "
            "ví dụ Asia/Ho_Chi_Minh",
        ),
        (
            "database_url",
            "mysql://x",
            "DATABASE_URL — viết sqlite+aiosqlite:///TỆP hoặc "
            "postgresql+asyncpg://NGƯỜI_DÙNG@MÁY/CSDL",
        ),
        ("log_level", "LOUD", "LOG_LEVEL — phải là một trong: DEBUG, INFO, WARNING, ERROR"),
        ("http_port", "70000", "HTTP_PORT — không được vượt quá 65535"),
        ("http_port", "tám", "HTTP_PORT — phải là một số nguyên"),
        ("zalo_messages_per_second", "0", "ZALO_MESSAGES_PER_SECOND — phải lớn hơn 0"),
        ("claim_ttl_seconds", "5", "CLAIM_TTL_SECONDS — phải từ 10 trở lên"),
        ("zalo_webhook_secret", "short", "ZALO_WEBHOOK_SECRET — phải dài từ 8 đến 256 ký tự"),
        (
            "webhook_secret",
            "có dấu",
            "WEBHOOK_SECRET — chỉ gồm chữ cái không dấu, chữ số, _ và -, dài từ 1 đến 256 ký tự",
        ),
        (
            "webhook_base_url",
            "http://thidua.example.vn",
            "WEBHOOK_BASE_URL — phải là địa chỉ https://, ví dụ https://thidua.example.vn",
        ),
    ],
)
def test_wrong_value_names_the_setting_in_vietnamese(field: str, value: str, line: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(**{field: value})
    assert str(caught.value) == f"Cấu hình sai: {line}"


def test_an_empty_value_is_unset() -> None:
    settings = load_settings(telegram_bot_token="", zalo_bot_token=" ", webhook_base_url="")
    assert (settings.telegram_bot_token, settings.zalo_bot_token) == (None, None)
    assert settings.webhook_base_url is None


def test_a_platform_url_must_be_http() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(telegram_api_url="api.telegram.org")
    assert str(caught.value) == (
        "Cấu hình sai: TELEGRAM_API_URL — phải là địa chỉ http:// hoặc https://, "
        "ví dụ https://api.telegram.org"
    )


def test_a_wrong_token_is_never_echoed() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(telegram_bot_token=["123:secret-part"])
    assert str(caught.value).startswith("Cấu hình sai: TELEGRAM_BOT_TOKEN — ")
    assert "secret-part" not in str(caught.value)


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
    assert "• Chiến sỹ thi đua cơ sở: 323 cá nhân" in result.stdout
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
    assert f"{bad}:2: units[1].name: thiếu trường bắt buộc" in result.stderr
    again = _thidua(["seed"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Đã nạp 4 tệp: thêm")


def test_version() -> None:
    result = _thidua(["--version"], Path.cwd())
    assert result.stdout.strip() == "thidua 0.1.0"


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["chart", "--help"]):
        with pytest.raises(SystemExit) as stopped:
            parser().parse_args(argv)
        assert stopped.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("cách dùng: thidua")
        assert "tùy chọn:\n  -h, --help " in out and "xem hướng dẫn này rồi thoát" in out
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in out


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["xyz"], "thidua: lỗi: LỆNH: không có 'xyz'; chọn một trong: 'migrate', "),
        (["chart"], "thidua chart: lỗi: thiếu tham số bắt buộc: LOẠI, -o/--output"),
        (["export", "a.xlsx", "--year", "abc"], "thidua export: lỗi: --year: 'abc' không phải"),
        (["chat", "extra"], "thidua: lỗi: không hiểu tham số: extra"),
    ],
)
def test_argument_errors_are_vietnamese(
    argv: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(argv)
    assert stopped.value.code == 2
    usage, message = capsys.readouterr().err.strip().splitlines()
    assert usage.startswith("cách dùng: thidua")
    assert message.startswith(error)
