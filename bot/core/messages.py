"""Normalized messages between transports and the command core."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.core.texts import messages as texts
from bot.domain.text import UserRef as UserRef
from bot.domain.text import utf16_len as utf16_len
from storage.db import is_unavailable

AdminProbe = Callable[[], Awaitable[bool]]
"""Asks the platform whether the sender administers the chat (only when a write needs it)."""


@dataclass(frozen=True)
class Attachment:
    """A file the user sent with the command (e.g. an .xlsx for /nhap)."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Incoming:
    """A chat message as every transport hands it to the core."""

    platform: str
    chat_id: str
    user_id: str
    text: str
    user_name: str | None = None
    chat_title: str | None = None
    chat_type: str = "group"
    is_platform_admin: bool = False
    """Known at once to administer the chat: the console's operator, Telegram's anonymous admin."""
    admin_probe: AdminProbe | None = None
    """Asks whether the user administers this group (Telegram), for the writes that need it."""
    addressed: bool = True
    """The message was meant for the bot (private chat, mention, reply); stray group text is not."""
    attachment: Attachment | None = None
    """A file sent with the command, when the platform delivers files."""
    username: str | None = None
    """The sender's handle without `@` (Telegram usernames), if any."""
    mentions: tuple[UserRef, ...] = ()
    """Users the message points at: the replied-to author, then text mentions carrying a user."""
    button_owner: str | None = None
    """For a pressed button bound to one user (a confirmation): that user's id."""
    thread_id: str | None = None
    """The forum topic the message was written in (Telegram message_thread_id), if any."""


@dataclass(frozen=True)
class Button:
    """A button that runs `command` as if the user had typed it."""

    text: str
    command: str
    owner: str | None = None
    """Only this user may press it (a confirmation belongs to whoever asked for it)."""


@dataclass(frozen=True)
class Image:
    """A picture to send with a caption."""

    png: bytes
    caption: str


@dataclass(frozen=True)
class Document:
    """A file to send."""

    filename: str
    content: bytes
    caption: str


PHOTO_COMMANDS = frozenset({"nop"})
"""Commands a captioned photo runs, on a platform (Zalo) that hands bots photos but no files."""


@dataclass(frozen=True)
class Forward:
    """Copy the incoming message (with its file) to another chat of the same platform."""

    chat_id: str
    caption: str


@dataclass(frozen=True)
class Reply:
    """What the core answers: a bold title, plain text, and optional buttons or attachments."""

    text: str
    title: str | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    image: Image | None = None
    document: Document | None = None
    notice: str | None = None
    """A short toast for a button press (Telegram's answerCallbackQuery)."""
    refused: bool = False
    """The user may not do this: a button press shows it as an alert, the message stays."""
    forwards: tuple[Forward, ...] = ()
    """Where the transport copies the user's message (a file answering a request)."""
    mentions: tuple[UserRef, ...] = ()
    """People to notify: a last line naming them, a real mention where the platform has one."""

    def plain(self) -> str:
        """Title and text as one plain string (console and plain-text transports)."""
        text = f"{self.title}\n{self.text}" if self.title else self.text
        if self.mentions:
            text += "\n" + MENTION_LEAD + ", ".join(f"@{mention_name(m)}" for m in self.mentions)
        return text


MENTION_LEAD = texts.MENTION_LEAD


def mention_name(user: UserRef) -> str:
    """The name a mention shows: the person's name, else their user id."""
    return user.name or user.user_id


ERROR_TEXT = texts.ERROR_TEXT
"""What every transport answers when a command fails unexpectedly (the error is logged)."""

DATABASE_DOWN_TEXT = texts.DATABASE_DOWN_TEXT
"""What every transport answers when the database is down, hung or locked past its deadline."""


def failure_text(exc: BaseException | None) -> str:
    """The one sentence a user gets for a failed command: the database's state, or generic."""
    return DATABASE_DOWN_TEXT if exc is not None and is_unavailable(exc) else ERROR_TEXT


def split_text(text: str, limit: int) -> list[str]:
    """Split at line boundaries into chunks of at most `limit` characters."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks
