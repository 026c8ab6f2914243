"""Reminders: loading what planning reads, the dispatcher that claims and sends, the scheduler.

What a chat should receive and what it says is domain (`bot.domain.reminder_plan`,
`reminder_chats`, `reminder_texts`). Modules here import the domain, the core's base
(`bot.core.messages`, `context`, `args`), `bot.health`, `bot.metrics` and storage; never a
transport (they send through `jobs.sender`'s interface), the commands or the composition root.
"""
