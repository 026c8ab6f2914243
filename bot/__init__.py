"""Thi Đua Bot. Its subfolders are the layers; the modules directly here are the entry points.

Entry points: the composition root (`app.py`: settings → database → core; `runtime.py`: HTTP
server, chart links, transports, senders, reminders; `feed_http.py`, the /lich routes it
mounts), `cli.py`, `console.py`, `runner.py`. They may import every layer, and no layer imports
them. Beside them are small services the layers share (`settings`, `metrics`, `health`, `http`,
`logs`, `shared_limits`, and `transport`, what a transport is handed); these import only each
other, `bot.core` and `bot.domain`. `texts/` holds what these entry points and the transports
say; it imports only the standard library.
"""

__version__ = "0.1.0"
