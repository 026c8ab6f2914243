"""Reminders: planning, the dispatcher that claims and sends them, the scheduler that wakes it.

Modules here import the core's base (`bot.core.messages`, `context`, `calendar`, `vn`, `args`),
`bot.health`, `bot.metrics` and storage; never a transport (they send through `jobs.sender`'s
interface), the commands or the composition root.
"""
