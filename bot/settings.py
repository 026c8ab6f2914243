"""Typed settings from the environment and an optional `.env` file."""

from __future__ import annotations

import zoneinfo
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a wrong value; the message names it in one line."""


class Settings(BaseSettings):
    """Everything the bot reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///thidua.db"
    """SQLAlchemy async URL: sqlite+aiosqlite:///FILE or postgresql+asyncpg://..."""
    bot_timezone: str = "Asia/Ho_Chi_Minh"
    """IANA time zone for dates shown to users and for reminders by default."""
    bot_admin_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Comma-separated user ids who are administrators everywhere (any platform)."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """Logging threshold."""
    log_format: Literal["text", "json"] = "text"
    """`json` prints one JSON object per log line."""

    telegram_bot_token: SecretStr | None = None
    """Token from BotFather; Telegram starts when set."""
    telegram_api_url: str = "https://api.telegram.org"
    """Bot API server base URL (a self-hosted server or a test fake)."""
    zalo_bot_token: SecretStr | None = None
    """Token from Zalo Bot Creator; Zalo starts when set."""
    zalo_api_url: str = "https://bot-api.zaloplatforms.com"
    """Zalo Bot API base URL."""
    zalo_webhook_secret: SecretStr | None = None
    """Secret Zalo sends in X-Bot-Api-Secret-Token when webhooks are used."""
    zalo_messages_per_second: float = Field(default=1.0, gt=0, le=30)
    """Pace of reminder broadcasts on Zalo."""
    webhook_base_url: str | None = None
    """Public HTTPS base URL; when set, updates arrive by webhook instead of polling."""
    webhook_secret: SecretStr | None = None
    """Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token."""
    http_host: str = "0.0.0.0"
    """Address of the HTTP server (webhooks, health, metrics)."""
    http_port: int = Field(default=8080, ge=0, le=65535)
    """Port of the HTTP server; 0 picks a free one."""
    reminder_grace_hours: float = Field(default=24, ge=0, le=24 * 14)
    """Missed reminders younger than this are still sent (labelled late) after downtime."""
    claim_ttl_seconds: int = Field(default=300, ge=10)
    """How long a claimed delivery stays reserved before another process may take it over."""

    @field_validator("bot_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, int):
            return [str(value)]
        return value

    @field_validator("bot_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB")
        return value


def load_settings(**overrides: object) -> Settings:
    """Load settings, turning a validation error into one line that names the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "?"
        raise SettingsError(f"Cấu hình sai: {name} — {first['msg']}") from exc
