"""Settlement (請撥核銷): vendor claims, the batches finance pays, their lines and 95A statements."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import BatchLineStatus, BatchStatus, ClaimStatus


class SettlementBatch(Base):  # 撥款批次 (one vendor, one payment date)
    __tablename__ = "settlement_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"), index=True)
    paid_on: Mapped[date] = mapped_column(index=True)  # its year is the 95A tax year
    total: Mapped[int] = mapped_column(sa.BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[BatchStatus] = mapped_column(
        enum_column_type(BatchStatus, "status"), default=BatchStatus.PREPARED, server_default="prepared",
        index=True,
    )
    # Four eyes: the approver is never the preparer; the approval is a signed canonical payload.
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    approved_at: Mapped[datetime | None]
    approval_payload: Mapped[str | None] = mapped_column(sa.Text)
    approval_signature: Mapped[bytes | None]
    approval_cert_der: Mapped[bytes | None]
    approval_cert_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    # The payment file's SHA-256 per format (the bytes are reproducible: same batch, same file).
    export_csv_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    export_xlsx_sha256: Mapped[str | None] = mapped_column(sa.String(64))

    claims: Mapped[list[SettlementClaim]] = relationship(back_populates="batch", lazy="raise")
    lines: Mapped[list[SettlementBatchLine]] = relationship(
        back_populates="batch", lazy="raise", order_by="SettlementBatchLine.id"
    )


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
    hold_reason: Mapped[str | None] = mapped_column(sa.Text)  # stable codes, comma-separated, sorted
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("settlement_batches.id"), index=True)
    claimable: Mapped[int | None] = mapped_column(sa.BigInteger)  # what may be claimed, as last checked
    checked_on: Mapped[date | None]
    rejected_reason: Mapped[str | None] = mapped_column(sa.Text)  # finance's words, required to reject
    rejected_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    rejected_at: Mapped[datetime | None]

    batch: Mapped[SettlementBatch | None] = relationship(back_populates="claims", lazy="raise")


class SettlementBatchLine(Base):  # 撥款明細: one claim in one batch, with the bank's result
    __tablename__ = "settlement_batch_lines"
    __table_args__ = (
        sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
        sa.UniqueConstraint("batch_id", "claim_id", name="uq_settlement_batch_lines_batch_claim"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("settlement_batches.id"))
    claim_id: Mapped[int] = mapped_column(sa.ForeignKey("settlement_claims.id"), index=True)
    reference: Mapped[str] = mapped_column(sa.String(32), unique=True)  # what the bank echoes back
    amount: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[BatchLineStatus] = mapped_column(
        enum_column_type(BatchLineStatus, "status"), default=BatchLineStatus.PENDING, index=True
    )
    paid_amount: Mapped[int | None] = mapped_column(sa.BigInteger)
    paid_on: Mapped[date | None] = mapped_column(index=True)  # the bank's date: the 95A tax year
    failure_reason: Mapped[str | None] = mapped_column(sa.Text)
    mismatch_amount: Mapped[int | None] = mapped_column(sa.BigInteger)  # a flagged, unaccepted amount
    reconciled_at: Mapped[datetime | None]

    batch: Mapped[SettlementBatch] = relationship(back_populates="lines", lazy="raise")


class WithholdingStatement(Base):  # 扣繳憑單 95A as issued (a correction keeps the original)
    __tablename__ = "withholding_statements"
    __table_args__ = (
        sa.UniqueConstraint("vendor_id", "serial", name="uq_withholding_statements_vendor_serial"),
        sa.Index("ix_withholding_statements_year_vendor", "tax_year", "vendor_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tax_year: Mapped[int]  # AD year of the payment dates
    vendor_id: Mapped[int] = mapped_column(sa.ForeignKey("vendors.id"))  # 扣繳單位
    applicant_id: Mapped[int] = mapped_column(sa.ForeignKey("applicants.id"), index=True)  # 所得人
    serial: Mapped[str] = mapped_column(sa.String(16))  # 製單編號
    gross: Mapped[int] = mapped_column(sa.BigInteger)
    withheld: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    payments: Mapped[int] = mapped_column(default=0)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("withholding_statements.id"), index=True)
    note: Mapped[str | None] = mapped_column(sa.Text)
