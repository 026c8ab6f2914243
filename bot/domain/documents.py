"""How a report cites a document (văn bản) the data refers to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from storage.models import Document


def citation(doc: Document, *, date: Callable[[dt.date], str]) -> str:
    """`377/KH-UBND (09/10/2022, UBND quận Hoàng Mai): Kế hoạch về việc …`.

    `date` formats the issue date (the caller's dd/mm/yyyy).
    """
    issued = f"{date(doc.issued_on)}, " if doc.issued_on else ""
    where = f"{doc.number} ({issued}{doc.issuer})" if doc.number else f"{issued}{doc.issuer}"
    return f"{where}: {doc.title}"
