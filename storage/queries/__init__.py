"""Queries and writes by feature; none of them commits (the use case owns the transaction)."""
