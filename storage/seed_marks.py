"""Fingerprints of seeded values: what tells the seed loader a record is still its own."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from storage.models import Base


def fingerprint(values: dict[str, Any]) -> str:
    """sha256 of field values in a form that survives a database round trip and a restore."""
    canonical = {name: _canonical(value) for name, value in values.items()}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        # 4427 and 4427.0 are the same figure; PostgreSQL and SQLite may give either.
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def current_values(row: Base, fields: list[str], pseudo: dict[str, Any]) -> dict[str, Any]:
    """A row's values of `fields`, `pseudo` standing for fields that are not columns."""
    return {name: pseudo[name] if name in pseudo else getattr(row, name, None) for name in fields}
