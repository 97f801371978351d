"""Settlement (請撥核銷): vendor claims and the batches finance pays."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import ClaimStatus


class SettlementBatch(Base):  # 撥款批次 (one vendor, one payment date)
    __tablename__ = "settlement_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"), index=True)
    paid_on: Mapped[date] = mapped_column(index=True)  # its year is the 95A tax year
    total: Mapped[int] = mapped_column(sa.BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    claims: Mapped[list[SettlementClaim]] = relationship(back_populates="batch", lazy="raise")


class SettlementClaim(Base):  # 請撥核銷申請
    __tablename__ = "settlement_claims"
    __table_args__ = (sa.CheckConstraint("points_claimed >= 0", name="points_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"), index=True)
    points_claimed: Mapped[int] = mapped_column(sa.BigInteger)
    submitted_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[ClaimStatus] = mapped_column(
        enum_column_type(ClaimStatus, "status"), default=ClaimStatus.SUBMITTED, index=True
    )
    hold_reason: Mapped[str | None] = mapped_column(sa.Text)
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("settlement_batches.id"), index=True)

    batch: Mapped[SettlementBatch | None] = relationship(back_populates="claims", lazy="raise")
