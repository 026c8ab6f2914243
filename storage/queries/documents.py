"""Documents (văn bản) the data cites: directives, plans, the report itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Document


async def all_documents(session: AsyncSession) -> list[Document]:
    """Every document, oldest first; undated ones last, by code."""
    stmt = select(Document).order_by(Document.issued_on.asc().nulls_last(), Document.code)
    return list((await session.scalars(stmt)).all())


async def documents_issued_in(session: AsyncSession, year: int) -> list[Document]:
    """The documents issued in `year`, oldest first."""
    stmt = (
        select(Document)
        .where(
            Document.issued_on >= dt.date(year, 1, 1), Document.issued_on <= dt.date(year, 12, 31)
        )
        .order_by(Document.issued_on, Document.code)
    )
    return list((await session.scalars(stmt)).all())
