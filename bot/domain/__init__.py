"""Domain rules below the command core: what commands, reports, jobs and transports share.

Modules here import only the standard library, well-kept libraries and `storage`; never
`bot.core`, `bot.reports`, `jobs` or a transport.
"""
