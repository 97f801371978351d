"""The daily sweep: lapses (須知七(三)) and expiries (須知七(二)(四)) due before a date, set-based.

Everything is a handful of ``INSERT ... SELECT`` and ``UPDATE ... WHERE`` statements run inside
the caller's transaction: no Python loop over grants or lots, so a million grants take seconds.
``as_of`` D means "the state at the start of day D": a grant whose lapse date (the last day to
use points) is before D lapses, a lot whose last valid day is before D is recovered. The ledger
entries are dated the day after that last day (the first day the points are gone).

Idempotent by construction: a lapse only touches grants still ``active``, a recovery only lots
whose balance is still positive, and the budget is released from the movements this run wrote
(and, for lapses, guarded by ``Grant.budget_released``); a second run finds nothing to do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db.base import UtcDateTime
from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind
from backoffice.db.models import Budget, BudgetMovement, Grant, LedgerEntry, Order, PointLot
from backoffice.policy.results import JsonResult
from backoffice.services.ledger import VOID_ORDER_STATES

# pg_advisory_xact_lock key: two sweeps on PostgreSQL never run at the same time.
_PG_LOCK_KEY = 0x5357_4545_50  # "SWEEP"
_SQLITE_CACHE_KIB = 256 * 1024


@dataclass(frozen=True)
class SweepResult(JsonResult):
    as_of: date
    lapsed: int  # grants that lapsed (須知七(三))
    expired_lots: int  # lots whose remaining points were recovered (須知七(四))
    expired_grants: int  # grants with no valid lot left
    points_recovered: int  # lapse + expiry
    budget_released: int  # points given back to the programme budget
    clauses: tuple[str, ...] = ("須知七(二)", "須知七(三)", "須知七(四)", "RULES §6 [decision: pending order]")


def _enum(column: Any, value: Any) -> Any:
    return sa.literal(value, column.type)


def _next_day(column: Any, dialect: str) -> Any:
    """``column + 1 day`` as an SQL date expression on either backend."""
    if dialect == "sqlite":
        return sa.func.date(column, "+1 day", type_=sa.Date)
    return column + 1  # PostgreSQL: date + integer -> date


def _has_use(grants: Any) -> Any:
    """EXISTS an order with points, held on or before the lapse date, not rejected/cancelled."""
    e = cast(sa.Table, LedgerEntry.__table__).alias("use_e")
    o = cast(sa.Table, Order.__table__).alias("use_o")
    return sa.exists(
        sa.select(sa.literal(1))
        .select_from(e.join(o, o.c.id == e.c.order_id))
        .where(e.c.grant_id == grants.c.id, e.c.kind == LedgerKind.ORDER_HOLD.value,
               e.c.on_date <= grants.c.lapse_on, o.c.points > 0,
               o.c.status.not_in([s.value for s in VOID_ORDER_STATES]))
    )


def run_sweep(session: Session, as_of: date) -> SweepResult:
    """Apply every lapse and expiry due before ``as_of``; the caller commits."""
    conn = session.connection()
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    elif dialect == "sqlite":
        # The sweep touches every index of the ledger once per recovered lot; SQLite's default
        # 2 MB page cache makes that random I/O. A larger cache for this connection only.
        conn.exec_driver_sql(f"PRAGMA cache_size=-{_SQLITE_CACHE_KIB}")
    session.flush()
    now = datetime.now(UTC)
    marker = f"sweep {as_of.isoformat()} {uuid.uuid4().hex[:12]}"
    g = cast(sa.Table, Grant.__table__)
    lots = cast(sa.Table, PointLot.__table__)
    le = cast(sa.Table, LedgerEntry.__table__)
    bm = cast(sa.Table, BudgetMovement.__table__)
    bu = cast(sa.Table, Budget.__table__)
    start_entry = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(le.c.id), 0))).scalar_one())
    start_move = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(bm.c.id), 0))).scalar_one())
    d = sa.literal(as_of, sa.Date)
    ts = sa.literal(now, UtcDateTime())
    note = sa.literal(marker, sa.Text)

    # 1. Lapse: active grants past their lapse date with no qualifying use.
    lapsed = conn.execute(
        sa.update(g).where(g.c.status == GrantStatus.ACTIVE.value, g.c.lapse_on < d, ~_has_use(g))
        .values(status=GrantStatus.LAPSED.value)
    ).rowcount
    fresh = sa.and_(g.c.status == GrantStatus.LAPSED.value, g.c.budget_released == sa.false())
    fresh_ids = sa.select(g.c.id).where(fresh)
    lot_bal = (
        sa.select(le.c.lot_id, sa.func.sum(le.c.points).label("bal"))
        .where(le.c.grant_id.in_(fresh_ids), le.c.lot_id.is_not(None))
        .group_by(le.c.lot_id).subquery("lapse_bal")
    )
    conn.execute(le.insert().from_select(
        ["applicant_id", "grant_id", "lot_id", "kind", "points", "on_date", "created_at", "note"],
        sa.select(g.c.applicant_id, g.c.id, lot_bal.c.lot_id, _enum(le.c.kind, LedgerKind.LAPSE),
                  -lot_bal.c.bal, _next_day(g.c.lapse_on, dialect), ts, note)
        .select_from(lot_bal.join(lots, lots.c.id == lot_bal.c.lot_id).join(g, g.c.id == lots.c.grant_id))
        .where(lot_bal.c.bal > 0),
    ))
    # The whole reservation of a lapsed grant goes back (RULES §6: all points return).
    conn.execute(bm.insert().from_select(
        ["budget_id", "kind", "points", "grant_id", "at", "note"],
        sa.select(bu.c.id, _enum(bm.c.kind, BudgetMovementKind.RELEASE), g.c.points, g.c.id, ts, note)
        .select_from(g.join(bu, bu.c.programme_id == g.c.programme_id)).where(fresh),
    ))
    conn.execute(sa.update(g).where(fresh).values(budget_released=True))

    # 2. Expiry: lots past their validity with points left (pending orders keep what they hold).
    exp_bal = (
        sa.select(le.c.lot_id, sa.func.sum(le.c.points).label("bal"))
        .where(le.c.lot_id.in_(sa.select(lots.c.id).where(lots.c.valid_until < d)))
        .group_by(le.c.lot_id).having(sa.func.sum(le.c.points) > 0).subquery("expiry_bal")
    )
    conn.execute(le.insert().from_select(
        ["applicant_id", "grant_id", "lot_id", "kind", "points", "on_date", "created_at", "note"],
        sa.select(g.c.applicant_id, g.c.id, exp_bal.c.lot_id, _enum(le.c.kind, LedgerKind.EXPIRY_RECOVERY),
                  -exp_bal.c.bal, _next_day(lots.c.valid_until, dialect), ts, note)
        .select_from(exp_bal.join(lots, lots.c.id == exp_bal.c.lot_id).join(g, g.c.id == lots.c.grant_id)),
    ))
    this_run = sa.and_(le.c.id > start_entry, le.c.note == marker)
    # Counted from the rows themselves: INSERT ... SELECT row counts differ between drivers.
    expired_lots = conn.execute(sa.select(sa.func.count()).where(
        this_run, le.c.kind == LedgerKind.EXPIRY_RECOVERY.value)).scalar_one()
    conn.execute(bm.insert().from_select(
        ["budget_id", "kind", "points", "grant_id", "at", "note"],
        sa.select(bu.c.id, _enum(bm.c.kind, BudgetMovementKind.RELEASE), -sa.func.sum(le.c.points),
                  le.c.grant_id, ts, note)
        .select_from(le.join(g, g.c.id == le.c.grant_id).join(bu, bu.c.programme_id == g.c.programme_id))
        .where(this_run, le.c.kind == LedgerKind.EXPIRY_RECOVERY.value)
        .group_by(bu.c.id, le.c.grant_id),
    ))
    expired_grants = conn.execute(
        sa.update(g).where(
            g.c.status == GrantStatus.ACTIVE.value, g.c.valid_until < d,
            ~sa.exists(sa.select(sa.literal(1)).where(lots.c.grant_id == g.c.id, lots.c.valid_until >= d)),
        ).values(status=GrantStatus.EXPIRED.value)
    ).rowcount

    # 3. Budget: subtract exactly what this run's movements released.
    moves = sa.and_(bm.c.id > start_move, bm.c.note == marker)
    released_by_budget = (
        sa.select(sa.func.coalesce(sa.func.sum(bm.c.points), 0))
        .where(moves, bm.c.budget_id == bu.c.id).scalar_subquery()
    )
    conn.execute(sa.update(bu).where(bu.c.id.in_(sa.select(bm.c.budget_id).where(moves)))
                 .values(committed=bu.c.committed - released_by_budget))

    recovered = conn.execute(sa.select(sa.func.coalesce(-sa.func.sum(le.c.points), 0)).where(this_run)).scalar_one()
    released = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(bm.c.points), 0)).where(moves)).scalar_one()
    # The ORM must not serve stale statuses/budgets after these Core statements; only the columns
    # the sweep changes are expired, so loaded objects keep their ids after the session closes.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Grant):
            session.expire(obj, ["status", "budget_released"])
        elif isinstance(obj, Budget):
            session.expire(obj, ["committed"])
    return SweepResult(as_of, int(lapsed or 0), int(expired_lots or 0), int(expired_grants or 0),
                       int(recovered), int(released))
