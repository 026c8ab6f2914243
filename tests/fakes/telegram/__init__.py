"""The fake Telegram Bot API: only the methods and checks the bot relies on, by concern.

- `records.py`: chats, messages, files, the API error, ChatMember JSON.
- `html.py`: HTML parse_mode as Telegram parses and refuses it (entities in UTF-16 units).
- `checks.py`: what Telegram checks in a send: lengths, inline keyboards, menu, images.
- `limits.py`: flood limits (30 sends/s, 20/min per group) and injected failures.
- `state.py`: what the fake knows, and the scripting calls (add_chat, kick_bot, migrate_chat…).
- `updates.py`: builders of user updates, the getUpdates long poll, webhook delivery.
- `methods.py`: the Bot API methods the bot calls.
- `server.py`: FakeTelegramServer, serving it all over HTTP and recording the calls.

Each layer subclasses the one before it (state → updates → methods → server), so tests script
and inspect one object.
"""

from tests.fakes.telegram.html import HtmlParseError, parse_html
from tests.fakes.telegram.records import JsonDict, StoredFile, StoredMessage
from tests.fakes.telegram.server import FakeTelegramServer

__all__ = [
    "FakeTelegramServer",
    "HtmlParseError",
    "JsonDict",
    "StoredFile",
    "StoredMessage",
    "parse_html",
]
