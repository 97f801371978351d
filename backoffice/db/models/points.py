"""Grants (點數核發), point lots and the append-only points ledger (點數帳)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import GrantStatus, LedgerKind, LotSource


def _where(sql: str) -> dict[str, Any]:
    """A partial index's condition, the same on SQLite and PostgreSQL."""
    return {"sqlite_where": sa.text(sql), "postgresql_where": sa.text(sql)}


class Grant(Base):  # 點數核發
    __tablename__ = "grants"
    __table_args__ = (
        sa.CheckConstraint("points > 0", name="points_positive"),
        # Partial: the sweep's candidates; a lapse or expiry only removes entries (migration 0004).
        sa.Index("ix_grants_active_lapse_on", "lapse_on", **_where("status = 'active'")),
        sa.Index("ix_grants_active_valid_until", "valid_until", **_where("status = 'active'")),
        sa.Index("ix_grants_lapsed_unreleased", "id", **_where("status = 'lapsed' AND NOT budget_released")),
        # At most one live grant per applicant (須知八(一)), held by the database under any race
        # (migration 0005). A lapsed grant is not live: its reactivation is a new grant, and the
        # old one turns 'reactivated'; expired, revoked and reactivated grants never count.
        sa.Index("uq_grants_one_live_per_applicant", "applicant_id", unique=True,
                 **_where("status IN ('active', 'exhausted')")),
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
    __table_args__ = (
        sa.CheckConstraint("points >= 0", name="points_not_negative"),
        sa.CheckConstraint("balance >= 0", name="balance_not_negative"),
        sa.Index("ix_point_lots_grant_valid", "grant_id", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("grants.id"))
    source: Mapped[LotSource] = mapped_column(enum_column_type(LotSource, "source"))
    created_on: Mapped[date]
    valid_until: Mapped[date] = mapped_column(index=True)
    points: Mapped[int]  # initial points of the lot; the balance comes from the ledger
    # The sum of the lot's ledger entries, kept by a database trigger on every ledger insert
    # (migration 0005) and never written by the program: the CHECK refuses a negative balance
    # even when two transactions spend the same lot at once (the row lock orders them).
    balance: Mapped[int] = mapped_column(server_default=sa.text("0"))

    grant: Mapped[Grant] = relationship(back_populates="lots", lazy="raise")


class LedgerEntry(Base):  # 點數異動 (append-only: enforced by triggers in the migration too)
    __tablename__ = "ledger_entries"
    # No index on kind or on_date (searched by applicant, grant or lot first); lot balances come
    # from the (lot_id, points) index; sparse references get partial indexes (migration 0004).
    __table_args__ = (
        sa.Index("ix_ledger_entries_grant_lot", "grant_id", "lot_id"),
        sa.Index("ix_ledger_entries_lot_points", "lot_id", "points"),
        sa.Index("ix_ledger_entries_order_id", "order_id", **_where("order_id IS NOT NULL")),
        sa.Index("ix_ledger_entries_refund_case_id", "refund_case_id", **_where("refund_case_id IS NOT NULL")),
        sa.Index("ix_ledger_entries_officer_id", "officer_id", **_where("officer_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)
    grant_id: Mapped[int] = mapped_column(sa.ForeignKey("grants.id"))
    lot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("point_lots.id"))
    kind: Mapped[LedgerKind] = mapped_column(enum_column_type(LedgerKind, "kind"))
    points: Mapped[int]  # signed: + credit, - debit
    on_date: Mapped[date]  # Taipei calendar date the change takes effect
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"))
    refund_case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("refund_cases.id"))
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(sa.Text)


class AppendOnlyError(RuntimeError):
    """An attempt to edit or delete a row of an append-only table."""


def _refuse_change(mapper: Any, connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"{type(target).__name__} rows are append-only")


# The ORM refuses early; the database triggers catch everything else (raw SQL, other clients).
event.listen(LedgerEntry, "before_update", _refuse_change)
event.listen(LedgerEntry, "before_delete", _refuse_change)
