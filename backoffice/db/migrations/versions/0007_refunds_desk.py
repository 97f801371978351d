"""Refunds desk: submitted/returned states, the case history, evidence, the officer's E, the vendor's
self-pay refund due date and the order's returned points.

Revision ID: 0007
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = ("awaiting_confirmation", "confirmed", "disputed", "escalated", "resolved", "approved", "rejected")
_NEW = (*_OLD, "submitted", "returned")


def _status(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name="status", native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table("refund_cases") as batch:
        batch.alter_column("status", existing_type=_status(_OLD), type_=_status(_NEW), existing_nullable=False)
        batch.add_column(sa.Column("effective_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("submitted_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("self_pay_refund_due_on", sa.Date(), nullable=True))
        batch.create_foreign_key(op.f("fk_refund_cases_submitted_by_id_officers"), "officers",
                                 ["submitted_by_id"], ["id"])
        batch.create_index("ix_refund_cases_submitted_by_id", ["submitted_by_id"])
    op.add_column("orders", sa.Column("points_returned", sa.BigInteger(), server_default="0", nullable=False))
    op.create_table(
        "refund_case_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=True),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("cert_der", sa.LargeBinary(), nullable=True),
        sa.Column("cert_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["refund_cases.id"],
                                name=op.f("fk_refund_case_events_case_id_refund_cases")),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"],
                                name=op.f("fk_refund_case_events_officer_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_case_events")),
    )
    op.create_index("ix_refund_case_events_case_id", "refund_case_events", ["case_id"])
    op.create_table(
        "refund_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["refund_cases.id"],
                                name=op.f("fk_refund_evidence_case_id_refund_cases")),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["officers.id"],
                                name=op.f("fk_refund_evidence_uploaded_by_id_officers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_evidence")),
    )
    op.create_index("ix_refund_evidence_case_id", "refund_evidence", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_refund_evidence_case_id", table_name="refund_evidence")
    op.drop_table("refund_evidence")
    op.drop_index("ix_refund_case_events_case_id", table_name="refund_case_events")
    op.drop_table("refund_case_events")
    op.drop_column("orders", "points_returned")
    # Cases in the new states go back to the nearest old one before the constraint narrows.
    op.execute("UPDATE refund_cases SET status = 'resolved' WHERE status IN ('submitted', 'returned')")
    with op.batch_alter_table("refund_cases") as batch:
        batch.drop_index("ix_refund_cases_submitted_by_id")
        batch.drop_constraint(op.f("fk_refund_cases_submitted_by_id_officers"), type_="foreignkey")
        batch.drop_column("self_pay_refund_due_on")
        batch.drop_column("submitted_at")
        batch.drop_column("submitted_by_id")
        batch.drop_column("effective_on")
        batch.alter_column("status", existing_type=_status(_NEW), type_=_status(_OLD), existing_nullable=False)
