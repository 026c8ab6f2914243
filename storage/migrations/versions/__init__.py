"""Alembic revisions, oldest first; each imports only Alembic, SQLAlchemy and `storage.types`."""
