"""Alembic migrations; `storage.migrate` runs them."""
