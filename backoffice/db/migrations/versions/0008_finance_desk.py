"""Finance desk: claim checks, batch approval/export/reconciliation lines, 95A statements issued.

- ``settlement_claims``: what may be claimed as last checked, when, and finance's rejection.
- ``settlement_batches``: status, the signed approval (four eyes) and the payment files' SHA-256.
- ``settlement_batch_lines``: one line per claim per batch with its unique bank reference and the
  reconciled result; a failed claim can go into a later batch (a new line).
- ``withholding_statements``: 95A statements as issued; a correction points at the original.

Revision ID: 0008
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(*values: str) -> sa.Enum:
    return sa.Enum(*values, name="status", native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table("settlement_claims") as b:
        b.add_column(sa.Column("claimable", sa.BigInteger(), nullable=True))
        b.add_column(sa.Column("checked_on", sa.Date(), nullable=True))
        b.add_column(sa.Column("rejected_reason", sa.Text(), nullable=True))
        b.add_column(sa.Column("rejected_by_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True))
        b.create_foreign_key(op.f("fk_settlement_claims_rejected_by_id_officers"), "officers",
                             ["rejected_by_id"], ["id"])
        b.create_index(op.f("ix_settlement_claims_rejected_by_id"), ["rejected_by_id"])
    with op.batch_alter_table("settlement_batches") as b:
        b.add_column(sa.Column("status", _enum("prepared", "approved", "closed"), nullable=False,
                               server_default="prepared"))
        b.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        b.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        b.add_column(sa.Column("approval_payload", sa.Text(), nullable=True))
        b.add_column(sa.Column("approval_signature", sa.LargeBinary(), nullable=True))
        b.add_column(sa.Column("approval_cert_der", sa.LargeBinary(), nullable=True))
        b.add_column(sa.Column("approval_cert_sha256", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("export_csv_sha256", sa.String(length=64), nullable=True))
        b.add_column(sa.Column("export_xlsx_sha256", sa.String(length=64), nullable=True))
        b.create_foreign_key(op.f("fk_settlement_batches_approved_by_id_officers"), "officers",
                             ["approved_by_id"], ["id"])
        b.create_index(op.f("ix_settlement_batches_approved_by_id"), ["approved_by_id"])
        b.create_index(op.f("ix_settlement_batches_status"), ["status"])

    op.create_table(
        "settlement_batch_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("status", _enum("pending", "paid", "failed"), nullable=False),
        sa.Column("paid_amount", sa.BigInteger(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("mismatch_amount", sa.BigInteger(), nullable=True),
        sa.Column("reconciled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_settlement_batch_lines_amount_not_negative")),
        sa.ForeignKeyConstraint(["batch_id"], ["settlement_batches.id"],
                                name=op.f("fk_settlement_batch_lines_batch_id_settlement_batches")),
        sa.ForeignKeyConstraint(["claim_id"], ["settlement_claims.id"],
                                name=op.f("fk_settlement_batch_lines_claim_id_settlement_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_settlement_batch_lines")),
        sa.UniqueConstraint("reference", name=op.f("uq_settlement_batch_lines_reference")),
        sa.UniqueConstraint("batch_id", "claim_id", name="uq_settlement_batch_lines_batch_claim"),
    )
    op.create_index(op.f("ix_settlement_batch_lines_claim_id"), "settlement_batch_lines", ["claim_id"])
    op.create_index(op.f("ix_settlement_batch_lines_status"), "settlement_batch_lines", ["status"])
    op.create_index(op.f("ix_settlement_batch_lines_paid_on"), "settlement_batch_lines", ["paid_on"])

    op.create_table(
        "withholding_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_year", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=16), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("withheld", sa.BigInteger(), nullable=False),
        sa.Column("payments", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["vendor_id"], ["vendors.id"], name=op.f("fk_withholding_statements_vendor_id_vendors")),
        sa.ForeignKeyConstraint(["applicant_id"], ["applicants.id"],
                                name=op.f("fk_withholding_statements_applicant_id_applicants")),
        sa.ForeignKeyConstraint(["issued_by_id"], ["officers.id"],
                                name=op.f("fk_withholding_statements_issued_by_id_officers")),
        sa.ForeignKeyConstraint(["corrects_id"], ["withholding_statements.id"],
                                name=op.f("fk_withholding_statements_corrects_id_withholding_statements")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_withholding_statements")),
        sa.UniqueConstraint("vendor_id", "serial", name="uq_withholding_statements_vendor_serial"),
    )
    op.create_index(op.f("ix_withholding_statements_applicant_id"), "withholding_statements", ["applicant_id"])
    op.create_index(op.f("ix_withholding_statements_issued_by_id"), "withholding_statements", ["issued_by_id"])
    op.create_index(op.f("ix_withholding_statements_corrects_id"), "withholding_statements", ["corrects_id"])
    op.create_index("ix_withholding_statements_year_vendor", "withholding_statements", ["tax_year", "vendor_id"])


def downgrade() -> None:
    op.drop_table("withholding_statements")
    op.drop_table("settlement_batch_lines")
    with op.batch_alter_table("settlement_batches") as b:
        b.drop_index(op.f("ix_settlement_batches_status"))
        b.drop_index(op.f("ix_settlement_batches_approved_by_id"))
        b.drop_constraint(op.f("fk_settlement_batches_approved_by_id_officers"), type_="foreignkey")
        b.drop_constraint(op.f("ck_settlement_batches_status"), type_="check")
        for col in ("export_xlsx_sha256", "export_csv_sha256", "approval_cert_sha256", "approval_cert_der",
                    "approval_signature", "approval_payload", "approved_at", "approved_by_id", "status"):
            b.drop_column(col)
    with op.batch_alter_table("settlement_claims") as b:
        b.drop_index(op.f("ix_settlement_claims_rejected_by_id"))
        b.drop_constraint(op.f("fk_settlement_claims_rejected_by_id_officers"), type_="foreignkey")
        for col in ("rejected_at", "rejected_by_id", "rejected_reason", "checked_on", "claimable"):
            b.drop_column(col)
