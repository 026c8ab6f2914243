"""What the composition root hands a transport: the core's handle, a health reporter, settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.router import CommandCore
from bot.health import PlatformReporter
from bot.settings import Settings
from bot.shared_limits import SharedLimiter


@dataclass(frozen=True)
class TransportDeps:
    """Everything a transport uses, built by bot.runtime; never the whole assembled app."""

    settings: Settings
    """The platform's token, API address, webhook and pace settings."""
    core: CommandCore
    """The command core: `handle` for messages, the `chat_*` methods for membership changes."""
    health: PlatformReporter
    """Where the transport reports its platform's successful and failed calls (/readyz)."""
    count_rate_limited: Callable[[], None]
    """Counts one 429 answer of the platform (/metrics)."""
    shared: SharedLimiter | None = None
    """The platform's send limits shared with the other replicas (REDIS_URL), if any."""
