"""Sweep at a million grants: fewer index writes on the ledger, grants, lots and budget movements.

The catch-up sweep writes one ledger entry per recovered lot, one budget movement per grant and
changes the status of every due grant; its time is index maintenance. This revision keeps every
index a query uses and makes the rest cheaper:

- ``ledger_entries``: the indexes on ``kind`` (six values) and ``on_date`` are dropped: no query
  searches by them alone (by applicant, grant or lot first). The lot index also carries
  ``points`` so lot balances are read from the index. ``order_id``, ``refund_case_id`` and
  ``officer_id`` are NULL on most entries: partial indexes (``IS NOT NULL``) still answer
  ``col = ?`` and foreign-key checks, and a sweep entry writes none of them.
- ``grants``: the sweep's two ``(status, date)`` indexes become partial indexes on active grants,
  so a lapse or expiry only removes entries; lapsed grants whose budget is not yet released get
  their own (normally empty) partial index. A count by status reads the table (0.25 s at 1M).
- ``point_lots``: ``(grant_id, valid_until)`` replaces ``(grant_id)``, "does a grant have a
  valid lot" is answered from the index.
- ``budget_movements.officer_id``: partial, as on the ledger.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SPARSE = (("ledger_entries", "order_id"), ("ledger_entries", "refund_case_id"),
           ("ledger_entries", "officer_id"), ("budget_movements", "officer_id"))


def _where(sql: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(sql), "postgresql_where": sa.text(sql)}


def upgrade() -> None:
    op.drop_index("ix_ledger_entries_kind", table_name="ledger_entries")
    op.drop_index("ix_ledger_entries_on_date", table_name="ledger_entries")
    op.drop_index("ix_ledger_entries_lot_id", table_name="ledger_entries")
    op.create_index("ix_ledger_entries_lot_points", "ledger_entries", ["lot_id", "points"])
    for table, col in _SPARSE:
        op.drop_index(f"ix_{table}_{col}", table_name=table)
        op.create_index(f"ix_{table}_{col}", table, [col], **_where(f"{col} IS NOT NULL"))
    op.drop_index("ix_grants_status_lapse_on", table_name="grants")
    op.drop_index("ix_grants_status_valid_until", table_name="grants")
    op.create_index("ix_grants_active_lapse_on", "grants", ["lapse_on"], **_where("status = 'active'"))
    op.create_index("ix_grants_active_valid_until", "grants", ["valid_until"], **_where("status = 'active'"))
    op.create_index("ix_grants_lapsed_unreleased", "grants", ["id"],
                    **_where("status = 'lapsed' AND NOT budget_released"))
    op.drop_index("ix_point_lots_grant_id", table_name="point_lots")
    op.create_index("ix_point_lots_grant_valid", "point_lots", ["grant_id", "valid_until"])


def downgrade() -> None:
    op.drop_index("ix_point_lots_grant_valid", table_name="point_lots")
    op.create_index("ix_point_lots_grant_id", "point_lots", ["grant_id"])
    op.drop_index("ix_grants_lapsed_unreleased", table_name="grants")
    op.drop_index("ix_grants_active_valid_until", table_name="grants")
    op.drop_index("ix_grants_active_lapse_on", table_name="grants")
    op.create_index("ix_grants_status_valid_until", "grants", ["status", "valid_until"])
    op.create_index("ix_grants_status_lapse_on", "grants", ["status", "lapse_on"])
    for table, col in _SPARSE:
        op.drop_index(f"ix_{table}_{col}", table_name=table)
        op.create_index(f"ix_{table}_{col}", table, [col])
    op.drop_index("ix_ledger_entries_lot_points", table_name="ledger_entries")
    op.create_index("ix_ledger_entries_lot_id", "ledger_entries", ["lot_id"])
    op.create_index("ix_ledger_entries_on_date", "ledger_entries", ["on_date"])
    op.create_index("ix_ledger_entries_kind", "ledger_entries", ["kind"])
