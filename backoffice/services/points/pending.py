"""What the nightly sweep would book if it ran now (read-only): the figures as of a date.

The sweep (``backoffice.services.points.sweep``) books lapses (須知七(三)) and expiries
(須知七(二)(四)) once a day. Between runs the stored budget and ledger still count points that the
policy already takes back: a grant unused past its lapse date holds no points and its 30,000
points are back in the budget from the next day, whether or not the sweep has run. This module
answers "what is pending on ``as_of``" with the sweep's own selection, so the dashboard and the
accounts screen can show the figures as the policy defines them (RULES §6) instead of the
booked ones. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import sqlalchemy as sa

from backoffice.db.enums import GrantStatus, LedgerKind
from backoffice.db.models import BudgetMovement, Grant, LedgerEntry, Order, PointLot
from backoffice.policy.results import JsonResult
from backoffice.services.authz import pure, query_helper
from backoffice.services.points.ledger import VOID_ORDER_STATES

SWEEP_NOTE_PREFIX = "sweep "  # the marker run_sweep writes on every movement it books


@dataclass(frozen=True)
class PendingSweep(JsonResult):
    """Due on ``as_of`` but not booked yet (all zero when the sweep is up to date)."""

    as_of: date
    lapses: int  # grants that have lapsed (or whose budget was never released)
    lapse_points: int  # points those grants still hold (taken back by the lapse)
    expired_lots: int  # lots past their validity with points left
    expiry_points: int  # points those lots still hold
    budget_release: int  # budget the sweep gives back (whole lapsed grants + expired rests)
    last_sweep_at: datetime | None  # when the sweep last booked anything (None: never)

    @property
    def points_recovered(self) -> int:
        return self.lapse_points + self.expiry_points

    @property
    def is_pending(self) -> bool:
        return bool(self.lapses or self.expired_lots or self.budget_release)


def _has_use(grants: Any) -> Any:
    """Same test as the sweep: an order with points, held by the lapse date, not voided."""
    e = cast(sa.Table, LedgerEntry.__table__).alias("pending_use_e")
    o = cast(sa.Table, Order.__table__).alias("pending_use_o")
    return sa.exists(
        sa.select(sa.literal(1))
        .select_from(e.join(o, o.c.id == e.c.order_id))
        .where(e.c.grant_id == grants.c.id, e.c.kind == LedgerKind.ORDER_HOLD.value,
               e.c.on_date <= grants.c.lapse_on, o.c.points > 0,
               o.c.status.not_in([s.value for s in VOID_ORDER_STATES]))
    )


@pure
def lapse_due_condition(grants: Any, as_of: date) -> Any:
    """SQL: the grant row lapses (or still owes its budget release) on ``as_of``."""
    d = sa.literal(as_of, sa.Date)
    return sa.or_(
        sa.and_(grants.c.status == GrantStatus.ACTIVE.value, grants.c.lapse_on < d, ~_has_use(grants)),
        sa.and_(grants.c.status == GrantStatus.LAPSED.value, ~grants.c.budget_released),
    )


@query_helper("programme figures as of a day for the dashboard (aggregates, no personal data)")
def pending_sweep(session: Any, as_of: date, applicant_ids: list[int] | None = None) -> PendingSweep:
    """What ``run_sweep(session, as_of)`` would book now, optionally for some applicants only."""
    g = cast(sa.Table, Grant.__table__)
    lots = cast(sa.Table, PointLot.__table__)
    le = cast(sa.Table, LedgerEntry.__table__)
    d = sa.literal(as_of, sa.Date)
    lapse_where = [lapse_due_condition(g, as_of)]
    if applicant_ids is not None:
        lapse_where.append(g.c.applicant_id.in_(applicant_ids))
    lapsing = sa.select(g.c.id).where(*lapse_where)
    n_lapses, lapse_budget = session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(g.c.points), 0)).where(*lapse_where)).one()
    lot_bal = (sa.select(le.c.lot_id, sa.func.sum(le.c.points).label("bal"))
               .where(le.c.grant_id.in_(lapsing), le.c.lot_id.is_not(None))
               .group_by(le.c.lot_id).having(sa.func.sum(le.c.points) > 0).subquery("pending_lapse_lots"))
    lapse_points = session.scalar(sa.select(sa.func.coalesce(sa.func.sum(lot_bal.c.bal), 0)))
    exp_where = [lots.c.valid_until < d, lots.c.grant_id.not_in(lapsing)]
    if applicant_ids is not None:
        exp_where.append(lots.c.grant_id.in_(sa.select(g.c.id).where(g.c.applicant_id.in_(applicant_ids))))
    expiry = (sa.select(lots.c.id, sa.func.sum(le.c.points).label("bal"))
              .select_from(lots.join(le, le.c.lot_id == lots.c.id))
              .where(*exp_where).group_by(lots.c.id).having(sa.func.sum(le.c.points) > 0)
              .subquery("pending_expiry"))
    n_expired, expiry_points = session.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(expiry.c.bal), 0))).one()
    last = session.scalar(sa.select(sa.func.max(BudgetMovement.at))
                          .where(BudgetMovement.note.like(SWEEP_NOTE_PREFIX + "%")))
    return PendingSweep(
        as_of=as_of, lapses=int(n_lapses), lapse_points=int(lapse_points or 0),
        expired_lots=int(n_expired), expiry_points=int(expiry_points or 0),
        budget_release=int(lapse_budget or 0) + int(expiry_points or 0), last_sweep_at=last,
    )


@query_helper("per-account pending figures for the accounts screen (not yet tied to a viewer)")
def pending_by_applicant(session: Any, as_of: date, applicant_ids: list[int]) -> dict[int, int]:
    """Points each applicant still holds on the books that the sweep would take back on ``as_of``."""
    if not applicant_ids:
        return {}
    g = cast(sa.Table, Grant.__table__)
    lots = cast(sa.Table, PointLot.__table__)
    le = cast(sa.Table, LedgerEntry.__table__)
    lapsing = sa.select(g.c.id).where(lapse_due_condition(g, as_of), g.c.applicant_id.in_(applicant_ids))
    due = sa.or_(le.c.grant_id.in_(lapsing), lots.c.valid_until < sa.literal(as_of, sa.Date))
    per_lot = (sa.select(le.c.applicant_id, le.c.lot_id, sa.func.sum(le.c.points).label("bal"))
               .select_from(le.join(lots, lots.c.id == le.c.lot_id))
               .where(le.c.applicant_id.in_(applicant_ids), due)
               .group_by(le.c.applicant_id, le.c.lot_id).having(sa.func.sum(le.c.points) > 0)
               .subquery("pending_per_lot"))
    rows = session.execute(sa.select(per_lot.c.applicant_id, sa.func.sum(per_lot.c.bal))
                           .group_by(per_lot.c.applicant_id))
    return {int(a): int(s) for a, s in rows}
