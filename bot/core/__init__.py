"""The command core: a normalized `Incoming` in, a `Reply` out, one unit of work per command.

Router, context, messages, caches, access checks, argument parsing, Vietnamese formatting and
the calendar. Modules here import `bot.domain`, storage, `bot.metrics` and `bot.settings`;
never a transport, `jobs`, `bot.reports` or the composition root, nor `commands/` (the root
hands the core its commands).
"""
