"""Hash-chained audit log, its head row, and append-only signed decisions.

- ``audit_events`` gains ``seq`` (unique, gap-free), ``prev_hash`` and ``hash``
  (``backoffice.db.audit`` documents the encoding); existing events are chained in their
  order of (at, id), while the append-only triggers are briefly lifted by the owner.
- ``audit_chain_head``: the single row every append locks (serialises desks).
- ``decisions`` refuse UPDATE and DELETE by trigger, like the ledger.

Revision ID: 0011
Revises: 0004
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _triggers(table: str, create: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        if create:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION backoffice_refuse_change()")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    else:
        for event in ("update", "delete"):
            if create:
                op.execute(f"CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
            else:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def _backfill() -> None:
    """Chain the events written before this revision (same encoding as backoffice.db.audit)."""
    from backoffice.db.audit import GENESIS_HASH, at_text, canonical_json_text, event_hash, record_text

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, officer_id, action, entity_type, entity_id, details "
                                "FROM audit_events ORDER BY at, id")).all()
    prev, seq = GENESIS_HASH, 0
    # Details rewritten in canonical form, so the verifier hashes them as stored.
    cast = "CAST(:d AS json)" if conn.dialect.name == "postgresql" else ":d"
    for row in rows:
        seq += 1
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
        details = json.loads(row.details) if isinstance(row.details, str) else row.details
        text = canonical_json_text(details)
        digest = event_hash(record_text(seq, at_text(at), row.officer_id, row.action, row.entity_type,
                                        row.entity_id, text, prev))
        sql = f"UPDATE audit_events SET seq = :s, prev_hash = :p, hash = :h, details = {cast} WHERE id = :id"  # noqa: S608
        conn.execute(sa.text(sql), {"s": seq, "p": prev, "h": digest, "d": text, "id": row.id})
        prev = digest
    conn.execute(sa.text("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, :s, :h)"), {"s": seq, "h": prev})


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    _triggers("audit_events", create=False)
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _backfill()
    with op.batch_alter_table("audit_events") as batch:
        batch.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint(batch.f("uq_audit_events_seq"), ["seq"])
    _triggers("audit_events", create=True)
    _triggers("decisions", create=True)


def downgrade() -> None:
    _triggers("decisions", create=False)
    _triggers("audit_events", create=False)
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_constraint(batch.f("uq_audit_events_seq"), type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    _triggers("audit_events", create=True)
    op.drop_table("audit_chain_head")
