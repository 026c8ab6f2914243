"""Queries and writes by feature; none of them commits (the use case owns the transaction).

Modules here import `storage.models` only; never `bot` or `jobs`.
"""
