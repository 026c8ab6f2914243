"""Reports: charts (/bieudo), Excel export (/xuat), spreadsheet import (/nhap), chart links.

Modules here import `bot.core` (formatting, errors), `bot.domain`, storage, `bot.http` and
`bot.settings`; never the commands, `jobs`, a transport or the composition root.
"""
