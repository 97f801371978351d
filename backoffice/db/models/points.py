"""Grants (點數核發), point lots and the append-only points ledger (點數帳)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import GrantStatus, LedgerKind, LotSource


class Grant(Base):  # 點數核發
    __tablename__ = "grants"
    __table_args__ = (
        sa.CheckConstraint("points > 0", name="points_positive"),
        sa.Index("ix_grants_status_lapse_on", "status", "lapse_on"),
        sa.Index("ix_grants_status_valid_until", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    issued_on: Mapped[date] = mapped_column(index=True)  # D0 (獲發點數日)
    points: Mapped[int]
    status: Mapped[GrantStatus] = mapped_column(
        enum_column_type(GrantStatus, "status"), default=GrantStatus.ACTIVE
    )
    lapse_on: Mapped[date]  # last day of the 1-month "use or lapse" window (須知七(三))
    valid_until: Mapped[date]  # last valid day of the grant lot (須知七(二))
    reactivation_of_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    budget_released: Mapped[bool] = mapped_column(default=False)
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    lots: Mapped[list[PointLot]] = relationship(back_populates="grant", lazy="raise", order_by="PointLot.id")
    reactivation_of: Mapped[Grant | None] = relationship(remote_side=[id], lazy="raise")


class PointLot(Base):  # 點數批次: the grant, or one return of points, each with its validity
    __tablename__ = "point_lots"
    __table_args__ = (sa.CheckConstraint("points >= 0", name="points_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    source: Mapped[LotSource] = mapped_column(enum_column_type(LotSource, "source"))
    created_on: Mapped[date]
    valid_until: Mapped[date] = mapped_column(index=True)
    points: Mapped[int]  # initial points of the lot; the balance comes from the ledger

    grant: Mapped[Grant] = relationship(back_populates="lots", lazy="raise")


class LedgerEntry(Base):  # 點數異動 (append-only: enforced by triggers in the migration too)
    __tablename__ = "ledger_entries"
    __table_args__ = (sa.Index("ix_ledger_entries_grant_lot", "grant_id", "lot_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("grants.id"))
    lot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("point_lots.id"), index=True)
    kind: Mapped[LedgerKind] = mapped_column(enum_column_type(LedgerKind, "kind"), index=True)
    points: Mapped[int]  # signed: + credit, - debit
    on_date: Mapped[date] = mapped_column(index=True)  # Taipei calendar date the change takes effect
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    refund_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("refund_cases.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(sa.Text)


class AppendOnlyError(RuntimeError):
    """An attempt to edit or delete a row of an append-only table."""


def _refuse_change(mapper: Any, connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")


# The ORM refuses early; the database triggers catch everything else (raw SQL, other clients).
event.listen(LedgerEntry, "before_update", _refuse_change)
event.listen(LedgerEntry, "before_delete", _refuse_change)
