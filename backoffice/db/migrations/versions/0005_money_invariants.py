"""Money rules the database enforces itself (issue 7): one live grant, lots never negative.

1. ``uq_grants_one_live_per_applicant``: a partial unique index on ``grants(applicant_id)`` where
   the status is ``active`` or ``exhausted``. Two approvals of one applicant's applications at the
   same moment both passed the program's ``SELECT count(*)``; now the second INSERT waits for the
   first to commit and is refused (PostgreSQL: unique violation; SQLite: writers are serialised).
   Lapsed, expired, revoked and reactivated grants are outside the index, so a reactivation (a new
   active grant, the lapsed one turned ``reactivated``) fits.
2. ``point_lots.balance``: the sum of the lot's ledger entries, kept by a trigger on every insert
   into ``ledger_entries`` (PostgreSQL: one statement-level trigger with a transition table, so
   the sweep's bulk INSERT ... SELECT updates each lot once; SQLite: a row trigger), with
   ``CHECK (balance >= 0)``. A trigger that only *checked* the sum would let two concurrent
   transactions each see the other's spending as not yet there; an UPDATE of a stored balance
   takes the lot's row lock, so the second writer re-reads the committed balance and the CHECK
   refuses it.

The upgrade refuses to run on a database that already breaks either rule (it says which rows):
such data has to be repaired by hand first, the migration cannot guess which grant is the wrong one.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "status IN ('active', 'exhausted')"
INDEX = "uq_grants_one_live_per_applicant"
CHECK = "ck_point_lots_balance_not_negative"
TRIGGER = "ledger_entries_lot_balance"
_SUMS = "SELECT lot_id, SUM(points) AS s FROM ledger_entries WHERE lot_id IS NOT NULL GROUP BY lot_id"


def _refuse_broken_data(bind: sa.Connection) -> None:
    dup = bind.execute(sa.text(
        f"SELECT applicant_id FROM grants WHERE {LIVE} GROUP BY applicant_id HAVING COUNT(*) > 1 "  # noqa: S608
        "ORDER BY applicant_id LIMIT 20")).scalars().all()
    neg = bind.execute(sa.text(f"SELECT lot_id FROM ({_SUMS}) b WHERE s < 0 ORDER BY lot_id LIMIT 20")).scalars().all()  # noqa: S608
    if dup or neg:
        raise RuntimeError(
            "migration 0005 refuses to run: repair these rows first "
            f"(applicants with two live grants: {list(dup)}; lots with a negative balance: {list(neg)})")


def upgrade() -> None:
    bind = op.get_bind()
    _refuse_broken_data(bind)
    op.create_index(INDEX, "grants", ["applicant_id"], unique=True,
                    sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    if bind.dialect.name == "sqlite":
        # ADD COLUMN with a column CHECK: no table copy (a batch copy of point_lots would fight the
        # ledger's foreign keys), and DROP COLUMN can remove it again.
        op.execute(f"ALTER TABLE point_lots ADD COLUMN balance INTEGER NOT NULL DEFAULT 0 "
                   f"CONSTRAINT {CHECK} CHECK (balance >= 0)")
        op.execute("UPDATE point_lots SET balance = COALESCE((SELECT SUM(e.points) FROM ledger_entries e "
                   "WHERE e.lot_id = point_lots.id), 0)")
        op.execute(f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON ledger_entries WHEN NEW.lot_id IS NOT NULL "  # noqa: S608
                   "BEGIN UPDATE point_lots SET balance = balance + NEW.points WHERE id = NEW.lot_id; END")
    else:
        op.add_column("point_lots", sa.Column("balance", sa.Integer(), server_default=sa.text("0"), nullable=False))
        op.execute(f"UPDATE point_lots l SET balance = b.s FROM ({_SUMS}) b WHERE l.id = b.lot_id")  # noqa: S608
        op.create_check_constraint(CHECK, "point_lots", "balance >= 0")
        op.execute(
            "CREATE FUNCTION backoffice_lot_balance() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "UPDATE point_lots l SET balance = l.balance + n.s FROM (SELECT lot_id, SUM(points) AS s "
            "FROM new_entries WHERE lot_id IS NOT NULL GROUP BY lot_id) n WHERE l.id = n.lot_id; "
            "RETURN NULL; END $$")
        op.execute(f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_entries "
                   "FOR EACH STATEMENT EXECUTE FUNCTION backoffice_lot_balance()")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
        op.execute("ALTER TABLE point_lots DROP COLUMN balance")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON ledger_entries")
        op.execute("DROP FUNCTION IF EXISTS backoffice_lot_balance()")
        op.drop_constraint(CHECK, "point_lots", type_="check")
        op.drop_column("point_lots", "balance")
    op.drop_index(INDEX, table_name="grants")
