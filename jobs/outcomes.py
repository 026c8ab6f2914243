"""What a dispatch pass sends, records and reports: the message, statuses, outcomes, work items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bot.core.messages import Button, Reply
from bot.domain.reminder_chats import ChatPlan, PlannedReminder
from bot.domain.reminder_texts import LATE_LABEL
from jobs import custom
from jobs.texts.reminders import ACK_BUTTON


class Status(StrEnum):
    """A delivery's status; the values are stored in `deliveries.status`, never change them."""

    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    DRY_RUN = "dry_run"
    """Reported only: a dry run records nothing."""
    RELEASED = "released"
    """Never stored: a message given back unsent because the dispatcher is stopping."""


MISSED = "missed: older than the grace window"
SUPERSEDED = "superseded: a nearer reminder of the same day was due in the same pass"


@dataclass(frozen=True)
class Outcome:
    """What happened to one reminder in a pass."""

    chat: str
    """`platform:chat id`."""
    title: str
    status: str
    """A Status: sent, failed, skipped or dry_run."""
    late: bool = False
    error: str | None = None
    text: str = ""


@dataclass
class DispatchReport:
    """Counts of one pass, and every reminder it acted on."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    late: int = 0
    already_done: int = 0
    taken_over: int = 0
    held: int = 0
    """Due but left unclaimed for a later pass (stopping, no sender, token refused)."""
    no_sender: set[str] = field(default_factory=set)
    """Platforms of subscribed chats that this process cannot send to (no token set)."""
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """Dry run: the texts that would be sent."""
        return [o.text for o in self.outcomes if o.status == Status.DRY_RUN]


@dataclass
class Existing:
    """A deliveries row already in the ledger for a planned key."""

    id: int
    chat_id: int
    status: str
    claimed_until: dt.datetime | None


@dataclass
class Job:
    """A reminder to claim and send in this pass (taking over an expired claim, maybe)."""

    reminder: PlannedReminder
    late: bool
    takeover_id: int | None = None


Skip = tuple[ChatPlan, PlannedReminder, str]
"""A reminder recorded as skipped, never sent, and why (MISSED or SUPERSEDED)."""


@dataclass
class Target:
    """Where a chat's messages go; a migration changes it mid-pass."""

    chat: ChatPlan
    platform_chat_id: str
    gone: bool = False

    @property
    def label(self) -> str:
        """`platform:chat id`, as logs and outcomes name the chat."""
        return f"{self.chat.platform}:{self.platform_chat_id}"


@dataclass(frozen=True)
class Sent:
    """How one send ended: its status, the platform's message id, the error, the attempts."""

    status: Status
    message_id: str | None
    error: str | None
    attempts: int


def reminder_reply(reminder: PlannedReminder, *, delivery_id: int | None, late: bool) -> Reply:
    """The message of a reminder, labelled when late, with its "Đã nhận" button."""
    text = f"{LATE_LABEL}\n{reminder.text}" if late else reminder.text
    buttons = [[Button(ACK_BUTTON, f"/danhan {delivery_id}")]] if delivery_id is not None else []
    if delivery_id is not None and reminder.kind == custom.KIND:
        buttons = custom.buttons(delivery_id)
    if reminder.buttons is not None:
        # Requests carry their own answers (« Đã nộp », « Cần gia hạn ») instead of "Đã nhận".
        buttons = [[Button(label, command) for label, command in reminder.buttons]]
        buttons = [row for row in buttons if row]
    return Reply(text, title=reminder.title, buttons=buttons, mentions=reminder.mentions)
