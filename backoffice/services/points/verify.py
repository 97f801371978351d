"""The money verifier: the rules the database cannot check on every write, checked in one pass.

The database itself refuses a second live grant and a negative lot (migration 0005). Budget
committed = reservations - releases is checked here instead: the program changes
``Budget.committed`` and adds the movement in two statements of one transaction, so a per-row
trigger would see them disagree in between, and a deferred check at commit (PostgreSQL only)
would sum every movement of the budget on every approval. This pass sums them once.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db.enums import BudgetMovementKind, GrantStatus, LedgerKind
from backoffice.db.models import Budget, BudgetMovement, Grant, LedgerEntry, Order, PointLot
from backoffice.policy.results import JsonResult
from backoffice.services.authz import system_job
from backoffice.services.points.basics import VOID_ORDER_STATES

LIVE = (GrantStatus.ACTIVE, GrantStatus.EXHAUSTED)


@dataclass(frozen=True)
class MoneyCheck(JsonResult):
    """What breaks a money rule; every tuple empty when the books are right."""

    budgets_off: tuple[tuple[int, int, int], ...]  # (budget id, committed, reservations - releases)
    negative_lots: tuple[tuple[int, int], ...]  # (lot id, balance from the ledger)
    lots_off: tuple[tuple[int, int, int], ...]  # (lot id, stored balance, ledger balance)
    double_grants: tuple[tuple[int, int], ...]  # (applicant id, live grants)
    released_held: tuple[tuple[int, int], ...]  # (grant id, points held by live orders, budget released)

    @property
    def ok(self) -> bool:
        return not (self.budgets_off or self.negative_lots or self.lots_off or self.double_grants
                    or self.released_held)


@system_job("db verify, run by an administrator (backoffice-admin db verify)")
def check_money(session: Session, *, limit: int = 100) -> MoneyCheck:
    """Check every budget, lot and grant (at most ``limit`` rows reported per rule)."""
    signed = sa.case((BudgetMovement.kind == BudgetMovementKind.RESERVE, BudgetMovement.points),
                     else_=-BudgetMovement.points)
    moved = (sa.select(BudgetMovement.budget_id, sa.func.sum(signed).label("net"))
             .group_by(BudgetMovement.budget_id).subquery())
    net = sa.func.coalesce(moved.c.net, 0)
    budgets = session.execute(
        sa.select(Budget.id, Budget.committed, net).outerjoin(moved, moved.c.budget_id == Budget.id)
        .where(Budget.committed != net).order_by(Budget.id).limit(limit)).all()
    sums = (sa.select(LedgerEntry.lot_id, sa.func.sum(LedgerEntry.points).label("s"))
            .where(LedgerEntry.lot_id.is_not(None)).group_by(LedgerEntry.lot_id).subquery())
    ledger_bal = sa.func.coalesce(sums.c.s, 0)
    negative = session.execute(sa.select(sums.c.lot_id, sums.c.s).where(sums.c.s < 0)
                               .order_by(sums.c.lot_id).limit(limit)).all()
    lots_off = session.execute(
        sa.select(PointLot.id, PointLot.balance, ledger_bal).outerjoin(sums, sums.c.lot_id == PointLot.id)
        .where(PointLot.balance != ledger_bal).order_by(PointLot.id).limit(limit)).all()
    doubles = session.execute(
        sa.select(Grant.applicant_id, sa.func.count()).where(Grant.status.in_(LIVE))
        .group_by(Grant.applicant_id).having(sa.func.count() > 1).order_by(Grant.applicant_id).limit(limit)).all()
    held = sa.func.sum(LedgerEntry.points)
    released_held = session.execute(
        sa.select(Grant.id, -held)
        .join(LedgerEntry, LedgerEntry.grant_id == Grant.id).join(Order, Order.id == LedgerEntry.order_id)
        .where(Grant.budget_released.is_(True), Order.status.not_in(VOID_ORDER_STATES),
               LedgerEntry.kind.in_((LedgerKind.ORDER_HOLD, LedgerKind.ORDER_RELEASE)))
        .group_by(Grant.id).having(held < 0).order_by(Grant.id).limit(limit)).all()
    return MoneyCheck(
        tuple((int(a), int(b), int(c)) for a, b, c in budgets),
        tuple((int(a), int(b)) for a, b in negative),
        tuple((int(a), int(b), int(c)) for a, b, c in lots_off),
        tuple((int(a), int(b)) for a, b in doubles),
        tuple((int(a), int(b)) for a, b in released_held),
    )
