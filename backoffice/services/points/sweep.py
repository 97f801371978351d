"""The daily sweep: lapses (須知七(三)) and expiries (須知七(二)(四)) due before a date, set-based.

Everything is a handful of ``INSERT ... SELECT`` and ``UPDATE ... WHERE`` statements run inside
the caller's transaction: no Python loop over grants or lots, so a million grants take seconds.
``as_of`` D means "the state at the start of day D": a grant whose lapse date (the last day to
use points) is before D lapses, a lot whose last valid day is before D is recovered. The ledger
entries are dated the day after that last day (the first day the points are gone).

The work list is computed once into two temporary tables (the grants that lapse, the lots whose
rest is recovered, with their balances); every write then reads those tables instead of joining
the ledger again, and each grant row is updated once for its lapse (status and budget flag).

Idempotent by construction: a lapse only touches grants still ``active`` (or lapsed with the
budget not yet released, ``Grant.budget_released``), a recovery only lots whose balance is still
positive, and the budget is released from the rows this run wrote; a second run finds nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from backoffice.db.base import UtcDateTime
from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind
from backoffice.db.models import Budget, BudgetMovement, Grant, LedgerEntry, Order, PointLot
from backoffice.policy.results import JsonResult
from backoffice.services.authz import system_job
from backoffice.services.points.ledger import VOID_ORDER_STATES
from backoffice.services.points.locks import programmes_write_lock

# pg_advisory_xact_lock key: two sweeps on PostgreSQL never run at the same time (the programme
# locks of ``locks.py`` below also exclude the import and the other ledger writers).
_PG_LOCK_KEY = 0x5357_4545_50  # "SWEEP"
# SQLite page caches for the sweep's connection (KiB), restored afterwards: the catch-up touches
# every index of the ledger and grants once per row; the default 2 MB makes that random I/O.
_SQLITE_CACHE_KIB = 256 * 1024
_SQLITE_TEMP_CACHE_KIB = 64 * 1024

# The work list. Temporary: private to this connection, dropped at the end (and at commit on
# PostgreSQL). A name of our own so a leftover from a crashed run is recognisable.
_tmp = sa.MetaData()
_LAPSE = sa.Table(
    "sweep_tmp_lapse", _tmp,
    sa.Column("grant_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applicant_id", sa.Integer, nullable=False),
    sa.Column("programme_id", sa.Integer, nullable=False),
    sa.Column("points", sa.BigInteger, nullable=False),  # the whole reservation, released
    sa.Column("on_date", sa.Date, nullable=False),  # the day after the lapse date
    sa.Column("newly", sa.Boolean, nullable=False),  # lapses now (else: lapsed, budget not released)
    prefixes=["TEMPORARY"], postgresql_on_commit="DROP",
)
_LOTS = sa.Table(
    "sweep_tmp_lots", _tmp,
    sa.Column("lot_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("grant_id", sa.Integer, nullable=False),
    sa.Column("applicant_id", sa.Integer, nullable=False),
    sa.Column("programme_id", sa.Integer, nullable=False),
    sa.Column("lapse", sa.Boolean, nullable=False),  # recovered by the lapse (else: expiry)
    sa.Column("bal", sa.BigInteger, nullable=False),  # positive balance recovered
    sa.Column("on_date", sa.Date, nullable=False),
    prefixes=["TEMPORARY"], postgresql_on_commit="DROP",
)


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


def _drop_work_tables(conn: Connection) -> None:
    for t in (_LOTS, _LAPSE):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {t.name}")


def _sqlite_pragma(conn: Connection, name: str, value: int | None = None) -> int:
    if value is not None:
        conn.exec_driver_sql(f"PRAGMA {name}={int(value)}")
    return int(conn.exec_driver_sql(f"PRAGMA {name}").scalar_one())


@system_job("backoffice-admin sweep (daily timer)")
def run_sweep(session: Session, as_of: date) -> SweepResult:
    """Apply every lapse and expiry due before ``as_of``; the caller commits."""
    conn = session.connection()
    dialect = conn.dialect.name
    restore: dict[str, int] = {}
    if dialect == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    # Every programme's ledger lock before the first read: an import, an order hold or release
    # or a refund return of the same grants waits for this sweep's commit, or it for theirs.
    programmes_write_lock(session)
    if dialect == "sqlite":
        # Larger caches for this connection only (temp_store cannot change inside a transaction;
        # the temp database's own cache keeps the work tables in memory instead).
        for name, kib in (("cache_size", _SQLITE_CACHE_KIB), ("temp.cache_size", _SQLITE_TEMP_CACHE_KIB)):
            restore[name] = _sqlite_pragma(conn, name)
            _sqlite_pragma(conn, name, -kib)
    try:
        session.flush()
        return _sweep(session, conn, dialect, as_of)
    finally:
        for name, old in restore.items():
            _sqlite_pragma(conn, name, old)


def _sweep(session: Session, conn: Connection, dialect: str, as_of: date) -> SweepResult:
    now = datetime.now(UTC)
    marker = f"sweep {as_of.isoformat()} {uuid.uuid4().hex[:12]}"
    g = cast(sa.Table, Grant.__table__)
    lots = cast(sa.Table, PointLot.__table__)
    le = cast(sa.Table, LedgerEntry.__table__)
    bm = cast(sa.Table, BudgetMovement.__table__)
    bu = cast(sa.Table, Budget.__table__)
    t, s = _LAPSE, _LOTS
    d = sa.literal(as_of, sa.Date)
    ts = sa.literal(now, UtcDateTime())
    note = sa.literal(marker, sa.Text)
    _drop_work_tables(conn)  # a leftover of a failed run on this connection (SQLite DDL autocommits)
    t.create(conn)
    s.create(conn)

    # 1. The grants to lapse: active, past their lapse date, no qualifying use; plus lapsed
    #    grants whose budget was never released (RULES §6: all points return).
    lapse_cols = [t.c.grant_id, t.c.applicant_id, t.c.programme_id, t.c.points, t.c.on_date, t.c.newly]

    def lapse_rows(where: Any, newly: bool) -> Any:
        return sa.select(g.c.id, g.c.applicant_id, g.c.programme_id, g.c.points,
                         _next_day(g.c.lapse_on, dialect), sa.literal(newly)).where(where)

    # In grant order: the work table fills sequentially and later passes read grants in order.
    conn.execute(t.insert().from_select([c.name for c in lapse_cols], sa.union_all(
        lapse_rows(sa.and_(g.c.status == GrantStatus.ACTIVE.value, g.c.lapse_on < d, ~_has_use(g)), True),
        lapse_rows(sa.and_(g.c.status == GrantStatus.LAPSED.value, ~g.c.budget_released), False),
    ).order_by(sa.literal_column("1"))))
    # Their lots with a positive balance (a lot's entries carry the lot's grant, see ledger.py).
    conn.execute(s.insert().from_select(
        ["lot_id", "grant_id", "applicant_id", "programme_id", "lapse", "bal", "on_date"],
        sa.select(le.c.lot_id, t.c.grant_id, t.c.applicant_id, t.c.programme_id, sa.literal(True),
                  sa.func.sum(le.c.points), t.c.on_date)
        .select_from(t.join(le, le.c.grant_id == t.c.grant_id))
        .where(le.c.lot_id.is_not(None))
        .group_by(t.c.grant_id, le.c.lot_id).having(sa.func.sum(le.c.points) > 0),
    ))
    # 2. Expiry: lots past their validity with points left (pending orders keep what they hold).
    #    A lot the lapse recovers is at zero afterwards, so it is left out here.
    bal = (
        sa.select(lots.c.id.label("lot_id"), lots.c.grant_id, lots.c.valid_until,
                  sa.func.sum(le.c.points).label("bal"))
        .select_from(lots.join(le, le.c.lot_id == lots.c.id))
        .where(lots.c.valid_until < d, lots.c.id.not_in(sa.select(s.c.lot_id)))
        .group_by(lots.c.id).having(sa.func.sum(le.c.points) > 0)
        .subquery("expiry_bal")
    )
    conn.execute(s.insert().from_select(
        ["lot_id", "grant_id", "applicant_id", "programme_id", "lapse", "bal", "on_date"],
        sa.select(bal.c.lot_id, bal.c.grant_id, g.c.applicant_id, g.c.programme_id, sa.literal(False),
                  bal.c.bal, _next_day(bal.c.valid_until, dialect))
        .select_from(bal.join(g, g.c.id == bal.c.grant_id)),
    ))
    if dialect == "postgresql":
        conn.exec_driver_sql(f"ANALYZE {t.name}, {s.name}")  # no autovacuum statistics on temp tables

    # 3. The writes, each from the work list.
    conn.execute(le.insert().from_select(
        ["applicant_id", "grant_id", "lot_id", "kind", "points", "on_date", "created_at", "note"],
        sa.select(s.c.applicant_id, s.c.grant_id, s.c.lot_id,
                  sa.case((s.c.lapse, _enum(le.c.kind, LedgerKind.LAPSE)),
                          else_=_enum(le.c.kind, LedgerKind.EXPIRY_RECOVERY)),
                  -s.c.bal, s.c.on_date, ts, note),
    ))
    lapse_release = (
        sa.select(bu.c.id.label("budget_id"), t.c.points, t.c.grant_id)
        .select_from(t.join(bu, bu.c.programme_id == t.c.programme_id))
    )
    expiry_release = (
        sa.select(bu.c.id.label("budget_id"), sa.func.sum(s.c.bal).label("points"), s.c.grant_id)
        .select_from(s.join(bu, bu.c.programme_id == s.c.programme_id))
        .where(s.c.lapse == sa.false()).group_by(bu.c.id, s.c.grant_id)
    )
    for release in (lapse_release, expiry_release):
        r = release.subquery()
        conn.execute(bm.insert().from_select(
            ["budget_id", "kind", "points", "grant_id", "at", "note"],
            sa.select(r.c.budget_id, _enum(bm.c.kind, BudgetMovementKind.RELEASE), r.c.points, r.c.grant_id,
                      ts, note),
        ))
    conn.execute(sa.update(g).where(g.c.id.in_(sa.select(t.c.grant_id)))
                 .values(status=GrantStatus.LAPSED.value, budget_released=True))
    expired_grants = conn.execute(
        sa.update(g).where(
            g.c.status == GrantStatus.ACTIVE.value, g.c.valid_until < d,
            ~sa.exists(sa.select(sa.literal(1)).where(lots.c.grant_id == g.c.id, lots.c.valid_until >= d)),
        ).values(status=GrantStatus.EXPIRED.value)
    ).rowcount

    # 4. Budget: subtract exactly what this run's movements released (one movement per grant and
    #    budget of its programme, as inserted above), summed per programme from the work list.
    by_programme: dict[int, int] = {}
    for rows in (sa.select(t.c.programme_id, sa.func.sum(t.c.points)).group_by(t.c.programme_id),
                 sa.select(s.c.programme_id, sa.func.sum(s.c.bal)).where(s.c.lapse == sa.false())
                 .group_by(s.c.programme_id)):
        for programme_id, points in conn.execute(rows).all():
            by_programme[programme_id] = by_programme.get(programme_id, 0) + int(points)
    released = 0
    budgets = conn.execute(sa.select(bu.c.id, bu.c.programme_id).where(bu.c.programme_id.in_(list(by_programme))))
    for budget_id, programme_id in budgets.all():
        points = by_programme[programme_id]
        conn.execute(sa.update(bu).where(bu.c.id == budget_id).values(committed=bu.c.committed - points))
        released += points

    lapsed = conn.execute(sa.select(sa.func.count()).where(t.c.newly == sa.true())).scalar_one()
    expired_lots = conn.execute(sa.select(sa.func.count()).where(s.c.lapse == sa.false())).scalar_one()
    recovered = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(s.c.bal), 0))).scalar_one()
    _drop_work_tables(conn)
    # The ORM must not serve stale statuses/budgets after these Core statements; only the columns
    # the sweep changes are expired, so loaded objects keep their ids after the session closes.
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Grant):
            session.expire(obj, ["status", "budget_released"])
        elif isinstance(obj, Budget):
            session.expire(obj, ["committed"])
    return SweepResult(as_of, int(lapsed), int(expired_lots), int(expired_grants or 0),
                       int(recovered), released)
