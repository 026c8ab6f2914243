"""Tests for the Zalo update decoder: bare and wrapped updates, names, ids, dates, photos, junk."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.zalo.updates import KNOWN_EVENTS, ZaloUpdate, parse_epoch, parse_update

# -- update decoding -----------------------------------------------------------------------------

BARE = {
    "event_name": "message.text.received",
    "message": {
        "message_id": "2d6f4c1b9a0e4f7c8b3a5d6e7f801234",
        "from": {"id": "6ede9afa66b88fe6d6a9", "display_name": "Nguyễn Văn A", "is_bot": False},
        "chat": {"id": "6ede9afa66b88fe6d6a9", "chat_type": "PRIVATE"},
        "date": 1750316131602,
        "text": "/dangky",
    },
}


def test_parse_bare_update() -> None:
    update = parse_update(BARE)
    assert update == ZaloUpdate(
        event_name="message.text.received",
        message_id="2d6f4c1b9a0e4f7c8b3a5d6e7f801234",
        chat_id="6ede9afa66b88fe6d6a9",
        chat_type="PRIVATE",
        user_id="6ede9afa66b88fe6d6a9",
        user_name="Nguyễn Văn A",
        is_bot=False,
        text="/dangky",
        date=datetime(2025, 6, 19, 6, 55, 31, 602000, tzinfo=UTC),
        photo_url=None,
        raw=BARE,
    )
    assert update.raw == BARE
    assert update.event_name in KNOWN_EVENTS


def test_parse_wrapped_update_and_json_text() -> None:
    wrapped = {"ok": True, "result": BARE}
    assert parse_update(wrapped) == parse_update(BARE)
    assert parse_update(json.dumps(wrapped)) == parse_update(BARE)
    assert parse_update(json.dumps(BARE).encode()) == parse_update(BARE)


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ({"id": "u", "name": "Trần Thị B"}, "Trần Thị B"),
        ({"id": "u", "first_name": "Lê", "last_name": "Văn C"}, "Lê Văn C"),
        ({"id": "u", "first_name": "Dũng"}, "Dũng"),
        ({"id": "u"}, ""),
    ],
)
def test_parse_name_variants(sender: dict[str, object], expected: str) -> None:
    payload = {
        "event_name": "message.text.received",
        "message": {"from": sender, "chat": {"id": "g", "chat_type": "GROUP"}, "text": "hi"},
    }
    update = parse_update(payload)
    assert update is not None
    assert (update.user_name, update.chat_type) == (expected, "GROUP")


def test_parse_numeric_ids_and_bot_flag() -> None:
    payload = {
        "event_name": "message.text.received",
        "message": {
            "message_id": 123456,
            "from": {"id": 987654321, "display_name": "Bot khác", "is_bot": True},
            "chat": {"id": 55501, "chat_type": "group"},
            "date": 1750316131602,
            "text": "x",
        },
    }
    update = parse_update(payload)
    assert update is not None
    assert (update.message_id, update.user_id, update.chat_id) == ("123456", "987654321", "55501")
    assert (update.is_bot, update.chat_type) == (True, "GROUP")


def test_parse_dates() -> None:
    expected = datetime(2025, 6, 19, 6, 55, 31, tzinfo=UTC)
    assert parse_epoch(1750316131000) == expected
    assert parse_epoch(1750316131) == expected  # clearly seconds
    assert parse_epoch("1750316131000") == expected
    assert parse_epoch(1750316131.0) == expected
    for bad in (None, True, "soon", -5, 0, float("nan"), float("inf"), 10**30, [1]):
        assert parse_epoch(bad) is None
    # A missing date must not cost the message: the receipt time stands in.
    no_date = {
        "event_name": "message.text.received",
        "message": {"chat": {"id": "c", "chat_type": "PRIVATE"}},
    }
    update = parse_update(no_date)
    assert update is not None
    assert update.date.tzinfo is UTC
    assert update.user_id == "c"  # private chat: the chat id is the user's id


def test_parse_photo_variants() -> None:
    for key, value in [
        ("photo", "https://e.org/a.jpg"),
        ("photo_url", "https://e.org/a.jpg"),
        ("photo", {"url": "https://e.org/a.jpg"}),
        ("photo", [{"url": "https://e.org/small.jpg"}, {"url": "https://e.org/a.jpg"}]),
    ]:
        payload = {
            "event_name": "message.image.received",
            "message": {"chat": {"id": "c"}, "from": {"id": "u"}, key: value},
        }
        update = parse_update(payload)
        assert update is not None and update.photo_url == "https://e.org/a.jpg", key


def test_parse_unknown_event_decodes() -> None:
    payload = {
        "event_name": "message.poll.received",
        "message": {"chat": {"id": "c", "chat_type": "PRIVATE"}},
    }
    update = parse_update(payload)
    assert update is not None
    assert update.event_name == "message.poll.received"
    assert update.event_name not in KNOWN_EVENTS
    assert update.text is None


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        42,
        "not json",
        b"\xff\xfe",
        "[1, 2]",
        [],
        {},
        {"ok": False, "error_code": 408, "description": "Request timeout"},
        {"ok": True, "result": None},
        {"ok": True, "result": "text"},
        {"event_name": "message.text.received"},
        {"event_name": 5, "message": {"chat": {"id": "c"}}},
        {"event_name": "message.text.received", "message": "hi"},
        {"event_name": "message.text.received", "message": {"text": "no chat"}},
        {"event_name": "message.text.received", "message": {"chat": {"id": True}}},
        {"event_name": "message.text.received", "message": {"chat": "c", "from": {"id": "u"}}},
        # A group message without a sender cannot be attributed to anyone.
        {
            "event_name": "message.text.received",
            "message": {"chat": {"id": "g", "chat_type": "GROUP"}},
        },
        "[" * 100_000,
    ],
)
def test_parse_garbage_returns_none(garbage: object) -> None:
    assert parse_update(garbage) is None


@pytest.mark.parametrize("kind", [None, "", "COMMUNITY", 5, "private ", "PRIVATE"])
def test_only_a_plainly_private_chat_is_private(kind: object) -> None:
    # A private chat gives its user rights over that chat: an unknown type fails closed.
    chat: dict[str, object] = {"id": "c"} if kind is None else {"id": "c", "chat_type": kind}
    message = {"from": {"id": "u"}, "chat": chat, "text": "hi"}
    update = parse_update({"event_name": "message.text.received", "message": message})
    assert update is not None
    private = isinstance(kind, str) and kind.strip().upper() == "PRIVATE"
    assert update.chat_type == ("PRIVATE" if private else "GROUP")
