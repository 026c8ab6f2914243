"""Prometheus metrics of one bot process, on a registry of its own (never the global one)."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

OTHER = "other"
"""Label value for a command name outside the known set, so label cardinality stays bounded."""
REMINDER_STATUSES = ("sent", "failed", "skipped")
# Telegram and Zalo answer in tens to hundreds of milliseconds; retries after 429 take seconds.
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# From "on time" to "a day late after downtime" (REMINDER_GRACE_HOURS defaults to 24).
LAG_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 4 * 3600.0, 24 * 3600.0)


class Metrics:
    """The counters and histograms /metrics shows; create one per app so tests stay apart."""

    def __init__(
        self,
        *,
        platforms: Iterable[str] = (),
        reminder_kinds: Iterable[str] = (),
        known_commands: Iterable[str] | None = None,
    ) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.known_commands = frozenset(known_commands) if known_commands is not None else None
        self.updates = Counter(
            "thidua_updates_handled",
            "Updates handled, by command and platform.",
            ["command", "platform"],
            registry=self.registry,
        )
        self.reminders = Counter(
            "thidua_reminders",
            "Reminders by kind and outcome (sent, failed, skipped).",
            ["kind", "status"],
            registry=self.registry,
        )
        self.send_latency = Histogram(
            "thidua_send_latency_seconds",
            "Time a platform took to accept one outgoing message.",
            ["platform"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "thidua_rate_limited",
            "429 Too Many Requests answers, by platform.",
            ["platform"],
            registry=self.registry,
        )
        self.scheduler_lag = Histogram(
            "thidua_scheduler_lag_seconds",
            "Seconds between a reminder's due time and its send.",
            buckets=LAG_BUCKETS,
            registry=self.registry,
        )
        # Series that exist from the start read as 0 rather than missing on dashboards.
        for platform in platforms:
            self.rate_limited.labels(platform=platform)
            self.send_latency.labels(platform=platform)
        for kind in reminder_kinds:
            for status in REMINDER_STATUSES:
                self.reminders.labels(kind=kind, status=status)

    def count_update(self, platform: str, command: str) -> None:
        """One update handled; `command` is the canonical command name, or "text"/"unknown"."""
        if self.known_commands is not None and command not in self.known_commands:
            command = OTHER
        self.updates.labels(command=command, platform=platform).inc()

    def count_reminder(self, kind: str, status: str) -> None:
        """One reminder ended sent, failed or skipped."""
        self.reminders.labels(kind=kind, status=status).inc()

    def observe_send(self, platform: str, seconds: float) -> None:
        """How long one send call to a platform took."""
        self.send_latency.labels(platform=platform).observe(max(seconds, 0.0))

    def count_rate_limited(self, platform: str) -> None:
        """The platform answered 429."""
        self.rate_limited.labels(platform=platform).inc()

    def observe_lag(self, seconds: float) -> None:
        """A reminder went out `seconds` after its due time (negative values count as 0)."""
        self.scheduler_lag.observe(max(seconds, 0.0))

    def render(self) -> tuple[bytes, str]:
        """The registry in the Prometheus text format, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
