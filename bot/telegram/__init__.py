"""Telegram transport: python-telegram-bot application, rendering and reminder sender.

Modules here import `bot.core` (messages; the core itself arrives in `bot.transport`'s
`TransportDeps`), `bot.http`, `bot.shared_limits`, `bot.texts` and `jobs.sender`; never the
commands, Zalo, or the composition root.
"""
