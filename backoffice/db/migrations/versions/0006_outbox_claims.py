"""Outbox claims: a sender takes an e-mail (status ``sending``) before it talks SMTP.

Two ``outbox send`` at once delivered one e-mail twice on SQLite (issue 7). Each e-mail now
carries its claim: ``status`` (pending | sending | sent), the sender that holds it and since
when (``claimed_by``, ``claimed_at``; a stale claim is taken over after a timeout), and
``next_attempt_at`` for the retry backoff. Rows already sent become ``sent``.

Revision ID: 0006
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_emails") as batch:
        batch.add_column(sa.Column(
            "status", sa.Enum("pending", "sending", "sent", name="status", native_enum=False,
                              create_constraint=True, length=32),
            server_default="pending", nullable=False))
        batch.add_column(sa.Column("claimed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE outbox_emails SET status = 'sent' WHERE sent_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("outbox_emails") as batch:
        # The CHECK names the column: drop it first, or SQLite's table copy would still carry it.
        batch.drop_constraint(op.f("ck_outbox_emails_status"), type_="check")
        batch.drop_column("next_attempt_at")
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_by")
        batch.drop_column("status")
