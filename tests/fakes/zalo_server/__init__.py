"""The fake Zalo Bot Platform API on 127.0.0.1, behaving as the API notes document, by concern.

- `records.py`: the token, text limit and parse modes; recorded calls and injected answers.
- `updates.py`: builders of bare updates (text, image, any other event).
- `state.py`: what the fake knows and records, and the calls to feed it and wait on it.
- `faults.py`: injected error envelopes, proxy pages and stalled calls.
- `methods.py`: the Bot API methods the bot calls, with the real API's checks.
- `server.py`: FakeZaloServer, serving it all over HTTP.

Each layer subclasses the one before it (state → faults → methods → server), so tests script
and inspect one object. Tests import everything from this package, not from its modules.
"""

from tests.fakes.zalo_server.records import DEFAULT_TOKEN, PARSE_MODES, TEXT_LIMIT, ReceivedCall
from tests.fakes.zalo_server.server import FakeZaloServer
from tests.fakes.zalo_server.updates import (
    event_update,
    image_update,
    new_message_id,
    now_ms,
    text_update,
)

__all__ = [
    "DEFAULT_TOKEN",
    "PARSE_MODES",
    "TEXT_LIMIT",
    "FakeZaloServer",
    "ReceivedCall",
    "event_update",
    "image_update",
    "new_message_id",
    "now_ms",
    "text_update",
]
