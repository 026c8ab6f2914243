"""Fake Telegram and Zalo Bot API servers on 127.0.0.1, driven by the real client libraries.

`telegram/` is the Bot API python-telegram-bot talks to (one module per concern, see its
docstring); `zalo_server/` is the Zalo Bot Platform the bot's own Zalo client talks to.
"""
