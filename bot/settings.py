"""Typed settings from the environment and an optional `.env` file."""

from __future__ import annotations

import re
import zoneinfo
from typing import Annotated, Literal, get_args
from urllib.parse import unquote, urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.roles import USER_PLATFORMS, valid_user_id
from bot.texts import settings as texts

_TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


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
    """Office administrators, each as `platform:id`: `telegram:501,zalo:8412345`."""
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
    claim_lease_seconds: int = Field(default=30, ge=5, le=300)
    """How long a claim lasts unless its live process renews it (every third of this)."""
    request_overdue_days: int = Field(default=3, ge=0, le=60)
    """Days a unit that has not answered a request gets one overdue notice a day."""
    redis_url: str | None = None
    """Redis shared by every replica for the platforms' send limits; unset: one process alone."""
    dossier_stale_days: int = Field(default=14, ge=1, le=366)
    """An award dossier waiting longer than this many days in one step is reminded to the office."""
    dossier_office_unit: str | None = None
    """Code of the unit whose chats get dossier reminders (the office); unset: the top unit."""

    @field_validator("bot_admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("bot_admin_ids")
    @classmethod
    def _platform_ids(cls, value: list[str]) -> list[str]:
        # A bare id could match a user of the other platform who happens to have the same number.
        checked = []
        for item in value:
            platform, sep, user_id = item.partition(":")
            platform = platform.strip().lower()
            if not sep or platform not in USER_PLATFORMS:
                raise ValueError(texts.admin_without_platform(item))
            user_id = user_id.strip()
            if not valid_user_id(platform, user_id):
                raise ValueError(texts.admin_bad_id(item, platform))
            checked.append(f"{platform}:{user_id}")
        return checked

    @field_validator("bot_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(texts.unknown_zone(value)) from exc
        return value

    @field_validator(
        "telegram_bot_token",
        "zalo_bot_token",
        "zalo_webhook_secret",
        "webhook_secret",
        "webhook_base_url",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `TOKEN=` in a .env or compose file means "not set", not an empty token.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_api_url", "zalo_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError(texts.HTTP_URL)
        return value

    @field_validator("webhook_base_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        # Telegram and Zalo deliver webhooks only to HTTPS addresses.
        if value is not None and not value.startswith("https://"):
            raise ValueError(texts.HTTPS_URL)
        return value

    @field_validator("zalo_webhook_secret")
    @classmethod
    def _zalo_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not 8 <= len(value.get_secret_value()) <= 256:
            raise ValueError(texts.ZALO_SECRET_LENGTH)
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram's own rule for secret_token.
        if value is not None and not _TELEGRAM_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError(texts.TELEGRAM_SECRET_CHARS)
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError(texts.REDIS_URL)
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(texts.DATABASE_URL)
        return value

    def secret_values(self) -> list[str]:
        """Every secret held here (tokens, webhook secrets, URL passwords), for log redaction."""
        values = [
            secret.get_secret_value()
            for secret in (
                self.telegram_bot_token,
                self.zalo_bot_token,
                self.zalo_webhook_secret,
                self.webhook_secret,
            )
            if secret is not None
        ]
        for url in (self.database_url, self.redis_url):
            password = urlsplit(url).password if url else None
            if password:
                values.append(unquote(password))
        return values


def load_settings(**overrides: object) -> Settings:
    """Load settings, turning a validation error into one line that names the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        message = texts.WRONG_SETTING.format(field=field.upper(), problem=problem(first, field))
        raise SettingsError(message) from exc


def problem(error: ErrorDetails, field: str) -> str:
    """What is wrong with a setting, in Vietnamese (pydantic's own messages are English)."""
    ctx = error.get("ctx", {})
    kind = error["type"]
    if kind == "value_error":
        # Our validators raise ValueError with a Vietnamese message already.
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error" and field in Settings.model_fields:
        choices = get_args(Settings.model_fields[field].annotation)
        return texts.one_of([str(choice) for choice in choices])
    if kind in texts.BOUNDS:
        bound = next(iter(ctx.values()))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return texts.BOUNDS[kind].format(bound)
    # Never echo the input: it may be a token.
    return texts.KINDS.get(kind, texts.invalid_value(kind))
