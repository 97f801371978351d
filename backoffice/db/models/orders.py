"""Vendors (雲端服務供應商), solutions, orders, contracts, terminations and refund cases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import OrderStatus, Party, RefundStatus, TerminationStatus


class Vendor(Base):  # 雲端服務供應商
    __tablename__ = "vendors"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    ubn: Mapped[str] = mapped_column(sa.String(8), index=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    address: Mapped[str | None] = mapped_column(sa.Text)
    contact_name: Mapped[str | None] = mapped_column(sa.String(100))
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(32))

    solutions: Mapped[list[Solution]] = relationship(back_populates="vendor", lazy="raise")


class Solution(Base):  # 雲端解決方案 (listed in 補助專區 or not)
    __tablename__ = "solutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    category: Mapped[str | None] = mapped_column(sa.String(100), index=True)
    price: Mapped[int] = mapped_column(sa.BigInteger)  # NT$, tax included
    term_months: Mapped[int]
    in_subsidy_zone: Mapped[bool] = mapped_column(default=True, index=True)

    vendor: Mapped[Vendor] = relationship(back_populates="solutions", lazy="raise")


class Order(Base):  # 訂單
    __tablename__ = "orders"
    __table_args__ = (
        sa.CheckConstraint("points >= 0", name="points_not_negative"),
        sa.CheckConstraint("points + self_pay = total", name="points_plus_self_pay_is_total"),
        sa.Index("ix_orders_status_submitted_at", "status", "submitted_at"),
        sa.Index("ix_orders_applicant_status", "applicant_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"))
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"), index=True)
    solution_id: Mapped[int] = mapped_column(sa.ForeignKey("solutions.id"), index=True)
    grant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    total: Mapped[int] = mapped_column(sa.BigInteger)  # T, tax included
    points: Mapped[int]  # P
    self_pay: Mapped[int] = mapped_column(sa.BigInteger)  # C = T - P
    self_pay_paid: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # actually paid (RULES §8)
    status: Mapped[OrderStatus] = mapped_column(
        enum_column_type(OrderStatus, "status"), default=OrderStatus.SUBMITTED
    )
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    vendor_confirmed_at: Mapped[datetime | None]  # 接單
    paid_at: Mapped[datetime | None]
    payment_confirmed_at: Mapped[datetime | None]  # 訂單確認
    invoiced_at: Mapped[datetime | None]  # 全額電子發票
    service_started_on: Mapped[date | None]
    closed_at: Mapped[datetime | None]  # rejected / cancelled / completed / terminated
    term_months: Mapped[int]
    existing_customer_renewal: Mapped[bool] = mapped_column(default=False)  # 須知八(二)
    # Points given back by approved refund cases: claimable = points - points_returned (須知八(五)).
    points_returned: Mapped[int] = mapped_column(sa.BigInteger, default=0, server_default="0")

    vendor: Mapped[Vendor] = relationship(lazy="raise")
    solution: Mapped[Solution] = relationship(lazy="raise")
    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", lazy="raise", order_by="OrderEvent.at"
    )
    contract: Mapped[Contract | None] = relationship(back_populates="order", lazy="raise")


class OrderEvent(Base):  # one event of the order feed
    __tablename__ = "order_events"
    __table_args__ = (sa.Index("ix_order_events_order_at", "order_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"))
    kind: Mapped[str] = mapped_column(sa.String(32), index=True)
    at: Mapped[datetime]
    payload: Mapped[dict[str, Any] | None]

    order: Mapped[Order] = relationship(back_populates="events", lazy="raise")


class Contract(Base):  # 服務契約
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    start_on: Mapped[date]  # S, the first day of service
    term_months: Mapped[int]  # m
    ends_on: Mapped[date | None] = mapped_column(index=True)  # period_end(S, m)
    signed_at: Mapped[datetime | None]

    order: Mapped[Order] = relationship(back_populates="contract", lazy="raise")


class Termination(Base):  # 契約終止
    __tablename__ = "terminations"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    contract_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contracts.id"), index=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    filed_on: Mapped[date] = mapped_column(index=True)  # F
    effective_on: Mapped[date]  # E, the last day of service
    initiated_by: Mapped[Party] = mapped_column(enum_column_type(Party, "initiated_by"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[TerminationStatus] = mapped_column(
        enum_column_type(TerminationStatus, "status"), default=TerminationStatus.FILED, index=True
    )

    order: Mapped[Order] = relationship(lazy="raise")
    refund_case: Mapped[RefundCase | None] = relationship(back_populates="termination", lazy="raise")


class RefundCase(Base):  # 點數與自付款退還案件 (須知七(六)(七)(八))
    __tablename__ = "refund_cases"
    __table_args__ = (
        sa.Index("ix_refund_cases_status_window_ends_on", "status", "window_ends_on"),
        sa.CheckConstraint("points_used + points_refund = points_total", name="points_add_up"),
        sa.CheckConstraint("self_pay_used + self_pay_refund = self_pay_paid", name="self_pay_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    termination_id: Mapped[int] = mapped_column(sa.ForeignKey("terminations.id"), unique=True)
    term_months: Mapped[int]  # m
    months_used: Mapped[int]  # u
    points_total: Mapped[int]  # P
    points_used: Mapped[int]
    points_refund: Mapped[int]
    self_pay_paid: Mapped[int] = mapped_column(sa.BigInteger)  # C
    self_pay_used: Mapped[int] = mapped_column(sa.BigInteger)
    self_pay_refund: Mapped[int] = mapped_column(sa.BigInteger)
    clauses: Mapped[str | None] = mapped_column(sa.Text)  # explanation with the clauses applied
    status: Mapped[RefundStatus] = mapped_column(
        enum_column_type(RefundStatus, "status"), default=RefundStatus.AWAITING_CONFIRMATION
    )
    window_ends_on: Mapped[date]  # F + 14
    prepared_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    prepared_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    resolved_at: Mapped[datetime | None]
    resolution_note: Mapped[str | None] = mapped_column(sa.Text)
    evidence: Mapped[str | None] = mapped_column(sa.Text)
    effective_on: Mapped[date | None]  # E found by the officer (None: the termination's E)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    submitted_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    approved_at: Mapped[datetime | None]
    approval_payload: Mapped[str | None] = mapped_column(sa.Text)  # canonical JSON that was signed
    approval_signature: Mapped[bytes | None]
    approval_cert_der: Mapped[bytes | None]
    approval_cert_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    returned_on: Mapped[date | None]  # R
    return_lot_id: Mapped[int | None] = mapped_column(sa.ForeignKey("point_lots.id"), index=True)
    forfeited: Mapped[bool] = mapped_column(default=False)  # 須知七(八)
    self_pay_refund_proof: Mapped[str | None] = mapped_column(sa.Text)
    self_pay_refunded_on: Mapped[date | None]
    self_pay_refund_due_on: Mapped[date | None]  # owed by the vendor from approval

    termination: Mapped[Termination] = relationship(back_populates="refund_case", lazy="raise")
    confirmations: Mapped[list[RefundConfirmation]] = relationship(
        back_populates="case", lazy="raise", order_by="RefundConfirmation.id"
    )
    events: Mapped[list[RefundCaseEvent]] = relationship(
        back_populates="case", lazy="raise", order_by="RefundCaseEvent.id"
    )


class RefundCaseEvent(Base):  # 案件歷程: one transition of a refund case (append-only)
    __tablename__ = "refund_case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("refund_cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    action: Mapped[str] = mapped_column(sa.String(32))
    from_status: Mapped[str | None] = mapped_column(sa.String(32))
    to_status: Mapped[str] = mapped_column(sa.String(32))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    details: Mapped[dict[str, Any] | None]
    # A supervisor's approval or return: the canonical JSON signed, the signature, the certificate.
    payload: Mapped[str | None] = mapped_column(sa.Text)
    signature: Mapped[bytes | None]
    cert_der: Mapped[bytes | None]
    cert_sha256: Mapped[str | None] = mapped_column(sa.String(64))

    case: Mapped[RefundCase] = relationship(back_populates="events", lazy="raise")


class RefundEvidence(Base):  # 佐證資料 (the vendor's service log, letters...)
    __tablename__ = "refund_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("refund_cases.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    media_type: Mapped[str] = mapped_column(sa.String(100))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))


class RefundConfirmation(Base):  # 雙方確認
    __tablename__ = "refund_confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("refund_cases.id"), index=True)
    party: Mapped[Party] = mapped_column(enum_column_type(Party, "party"))
    agrees: Mapped[bool]
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(sa.Text)
    external_id: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    case: Mapped[RefundCase] = relationship(back_populates="confirmations", lazy="raise")


# The history is a record: never edited nor deleted (the ORM refuses; like the audit log).
def _install_append_only() -> None:
    from sqlalchemy import event

    from backoffice.db.models.points import _refuse_change

    event.listen(RefundCaseEvent, "before_update", _refuse_change)
    event.listen(RefundCaseEvent, "before_delete", _refuse_change)


_install_append_only()
