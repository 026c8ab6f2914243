"""Zalo transport: Bot API client, updates by polling or webhook, replies and reminder sender.

Modules here import `bot.core` (messages; the core itself arrives in `bot.transport`'s
`TransportDeps`), `bot.reports.images` (chart links), `bot.http`, `bot.settings`,
`bot.shared_limits`, `bot.texts` and `jobs.sender`; never the commands, Telegram, or the
composition root.
"""
