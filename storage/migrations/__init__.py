"""Alembic migrations; `storage.migrate` runs them. They import `storage.models`/`types` only."""
