"""Logging setup: one line per event, text or JSON, with bot tokens and secrets redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO
from urllib.parse import quote, quote_plus

TOKEN_PATTERN = re.compile(r"(/bot)[^/\s]+")
BARE_TOKEN = re.compile(r"\b\d{6,}:[A-Za-z0-9_-]{20,}\b")
MIN_SECRET = 6
"""Shorter settings are not hidden: replacing every 'abc' would garble the log, not protect it."""
HIDDEN = "***"


def redact(text: str) -> str:
    """Hide bot tokens in URLs (`/bot<token>/`) and bare `digits:secret` tokens."""
    return BARE_TOKEN.sub(HIDDEN, TOKEN_PATTERN.sub(r"\1" + HIDDEN, text))


class RedactingFilter(logging.Filter):
    """Rewrites every record's message so no token or known secret reaches a handler."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if len(secret) >= MIN_SECRET:
                # As written, and as it appears inside a URL or a form-encoded request body.
                forms |= {secret, quote(secret, safe=""), quote_plus(secret, safe="")}
        # Longest first, so a secret containing another is hidden whole.
        self._secrets = sorted(forms, key=len, reverse=True)

    def clean(self, text: str) -> str:
        """The text with every known secret and every token-like string hidden."""
        for secret in self._secrets:
            text = text.replace(secret, HIDDEN)
        return redact(text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.clean(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self.clean(record.stack_info)
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
    level: str | int = "INFO",
    fmt: str = "text",
    *,
    stream: TextIO | None = None,
    secrets: Iterable[str] = (),
) -> None:
    """Configure the root logger to write one line per event to `stream` (default stderr).

    `secrets` (Settings.secret_values) are hidden from every line at every level.
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactingFilter(secrets))
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
