"""Atomic budget reservation: the budget can never be over-committed (RULES §6).

The check and the increment are one UPDATE statement with the condition in its WHERE clause.
On PostgreSQL a concurrent transaction waits for the row lock and then re-evaluates the WHERE
against the committed row (READ COMMITTED), so two approvals can never both take the last
30,000 points; on SQLite writers are serialised. A CHECK constraint (committed <= total) backs
it up in the schema.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from backoffice.db.enums import BudgetMovementKind
from backoffice.db.models import Budget, BudgetMovement


def try_reserve(
    session: Session,
    budget_id: int,
    points: int,
    *,
    grant_id: int | None = None,
    officer_id: int | None = None,
    note: str | None = None,
    record: bool = True,
) -> bool:
    """Reserve ``points`` if that much remains; record the movement. False if not enough left.

    Call inside the unit of work that creates the grant, so both commit or roll back together.
    ``record=False``: the caller adds the ``BudgetMovement`` itself (once it knows the grant id).
    """
    if points <= 0:
        raise ValueError("points to reserve must be positive")
    result = session.execute(
        update(Budget)
        .where(Budget.id == budget_id, Budget.total - Budget.committed >= points)
        .values(committed=Budget.committed + points)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if record:
        session.add(BudgetMovement(budget_id=budget_id, kind=BudgetMovementKind.RESERVE, points=points,
                                   grant_id=grant_id, officer_id=officer_id, note=note))
    return True


def release(
    session: Session,
    budget_id: int,
    points: int,
    *,
    grant_id: int | None = None,
    officer_id: int | None = None,
    note: str | None = None,
) -> None:
    """Give ``points`` back to the budget (lapse, expiry recovery, forfeit); record the movement."""
    if points <= 0:
        raise ValueError("points to release must be positive")
    result = session.execute(
        update(Budget)
        .where(Budget.id == budget_id, Budget.committed >= points)
        .values(committed=Budget.committed - points)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ValueError(f"budget {budget_id} has fewer than {points} committed points to release")
    session.add(BudgetMovement(budget_id=budget_id, kind=BudgetMovementKind.RELEASE, points=points,
                               grant_id=grant_id, officer_id=officer_id, note=note))


def remaining(session: Session, budget_id: int) -> int:
    budget = session.get(Budget, budget_id, populate_existing=True)
    if budget is None:
        raise LookupError(f"no budget {budget_id}")
    return budget.total - budget.committed
