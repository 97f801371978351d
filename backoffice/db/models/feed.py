"""Feed imports from the marketplace platform, for duplicate detection and idempotency."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from backoffice.db.base import Base, utcnow


class FeedImport(Base):
    __tablename__ = "feed_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    filename: Mapped[str | None] = mapped_column(sa.String(255))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    accepted: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)


class FeedRecord(Base):  # one record (type, external id) ever imported, with its content hash
    __tablename__ = "feed_records"
    __table_args__ = (sa.UniqueConstraint("type", "external_id", name="uq_feed_records_type_external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(sa.String(32))
    external_id: Mapped[str] = mapped_column(sa.String(64))
    content_sha256: Mapped[str] = mapped_column(sa.String(64))
    import_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feed_imports.id"), index=True)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
