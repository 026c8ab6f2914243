"""The fake's records (chats, messages, files), its API error, and ChatMember JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional response parameters."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad_request(reason: str, parameters: JsonDict | None = None) -> ApiError:
    """Telegram's 400, worded as Telegram words it."""
    return ApiError(400, f"Bad Request: {reason}", parameters)


def forbidden(reason: str) -> ApiError:
    """Telegram's 403, worded as Telegram words it."""
    return ApiError(403, f"Forbidden: {reason}")


@dataclass(slots=True)
class Upload:
    """A file that arrived in a multipart request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(slots=True)
class StoredFile:
    """A photo or document; data is None for a user's file whose bytes the test did not give."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None
    filename: str | None = None
    mime_type: str | None = None
    width: int = 1
    height: int = 1

    @property
    def file_path(self) -> str:
        """Path under the file URL, as getFile reports it."""
        return f"{self.kind}s/{self.file_unique_id}"

    def json(self) -> JsonDict:
        """The PhotoSize or Document object of this file."""
        result: JsonDict = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.data is not None:
            result["file_size"] = len(self.data)
        if self.kind == "photo":
            return {**result, "width": self.width, "height": self.height}
        if self.filename:
            result["file_name"] = self.filename
        if self.mime_type:
            result["mime_type"] = self.mime_type
        return result


@dataclass(slots=True)
class StoredMessage:
    """A message the fake knows: sent by the bot, or pushed to it in a user update."""

    chat_id: int
    message_id: int
    from_bot: bool
    date: int
    method: str
    sender: JsonDict
    raw_text: str | None = None
    text: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    parse_mode: str | None = None
    caption: str | None = None
    caption_entities: list[JsonDict] = field(default_factory=list)
    reply_markup: JsonDict | None = None
    file: StoredFile | None = None
    reply_to_message_id: int | None = None
    message_thread_id: int | None = None
    edit_date: int | None = None
    edits: int = 0
    payload: JsonDict | None = None
    """A pushed user message exactly as the bot saw it; bot messages are rendered instead."""


@dataclass(slots=True)
class FakeChat:
    """A chat the fake knows: the bot's standing in it, its admins and its forum topics."""

    id: int
    type: str
    title: str | None = None
    bot_status: str = "member"
    migrated_to: int | None = None
    admin_ids: list[int] = field(default_factory=list)
    creator_id: int | None = None
    topics: set[int] = field(default_factory=set)
    """Topics of a forum supergroup; a chat without topics is no forum."""


@dataclass(slots=True)
class WebhookState:
    """What the last setWebhook call configured."""

    url: str = ""
    secret_token: str | None = None
    allowed_updates: list[str] | None = None


def chat_type_for(chat_id: int) -> str:
    """Guess a chat type from the id shape Telegram uses."""
    if chat_id > 0:
        return "private"
    return "supergroup" if str(chat_id).startswith("-100") else "group"


_ADMIN_RIGHTS = [
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
]
_RESTRICTED_FLAGS = [
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_edit_tag",
    "can_react_to_messages",
]


def member_json(user: JsonDict, status: str) -> JsonDict:
    """A ChatMember object with every field PTB requires for the given status."""
    if status == "creator":
        return {"status": status, "user": user, "is_anonymous": False}
    if status == "administrator":
        return {
            "status": status,
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_promote_members": False,
            **dict.fromkeys(_ADMIN_RIGHTS, True),
        }
    if status == "restricted":
        return {
            "status": status,
            "user": user,
            "is_member": True,
            "until_date": 0,
            **dict.fromkeys(_RESTRICTED_FLAGS, False),
        }
    if status == "kicked":
        return {"status": status, "user": user, "until_date": 0}
    if status in ("member", "left"):
        return {"status": status, "user": user}
    raise ValueError(f"unknown chat member status {status!r}")
