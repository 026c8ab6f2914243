"""Logging setup: one line per event, text or JSON, with bot tokens redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import TextIO

TOKEN_PATTERN = re.compile(r"(/bot)[^/\s]+")
BARE_TOKEN = re.compile(r"\b\d{6,}:[A-Za-z0-9_-]{20,}\b")


def redact(text: str) -> str:
    """Hide bot tokens in URLs (`/bot<token>/`) and bare `digits:secret` tokens."""
    return BARE_TOKEN.sub("***", TOKEN_PATTERN.sub(r"\1***", text))


class RedactingFilter(logging.Filter):
    """Rewrites every record's message so no token reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            data["exception"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)


def setup_logging(
    level: str | int = "INFO", fmt: str = "text", *, stream: TextIO | None = None
) -> None:
    """Configure the root logger to write one line per event to `stream` (default stderr)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, and Telegram URLs carry the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Alembic narrates every migration step at INFO; the app logs one line instead.
    logging.getLogger("alembic").setLevel(max(root.level, logging.WARNING))
