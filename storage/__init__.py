"""Storage: SQLAlchemy models, queries, migrations, seeds, backups; nothing above it.

Modules here import only the standard library, SQLAlchemy, Alembic and the other well-kept
libraries; never `bot` or `jobs`. SQL lives here (queries under `queries/`).
"""
