"""The government office calendar (政府行政機關辦公日曆表) and its imports."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from backoffice.db.base import Base, enum_column_type
from backoffice.db.enums import CalendarSource


class CalendarDay(Base):  # 辦公日曆 one day; a closure row replaces the official one
    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_off: Mapped[bool]
    note: Mapped[str | None] = mapped_column(sa.String(200))
    source: Mapped[CalendarSource] = mapped_column(
        enum_column_type(CalendarSource, "source"), default=CalendarSource.OFFICIAL
    )


class CalendarYear(Base):  # one imported year; years without a row fall back to `holidays`
    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    imported_at: Mapped[datetime]
    source_sha256: Mapped[str] = mapped_column(sa.String(64))
    rows: Mapped[int]
