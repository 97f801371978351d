"""Programme overview for the dashboard (Qt-free): budget, applications, grants, points, orders, refunds.

Every figure is one SQL aggregate; nothing is loaded row by row, so the dashboard stays fast on
a queue of a million applications.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import ApplicationStatus, GrantStatus, OrderStatus, RefundStatus
from backoffice.db.session import UnitOfWork
from backoffice.services.authz import query_helper
from backoffice.services.orders.orders_view import count_deadline_breaches
from backoffice.services.points.accounts import shown_status_expr
from backoffice.services.points.pending import PendingSweep, pending_sweep
from backoffice.services.refunds.queries import counts as refund_counts

# Refund cases still needing someone's action (RULES §8): not yet approved or rejected by a supervisor.
OPEN_REFUND_STATUSES = frozenset(
    {
        RefundStatus.AWAITING_CONFIRMATION,
        RefundStatus.CONFIRMED,
        RefundStatus.DISPUTED,
        RefundStatus.ESCALATED,
        RefundStatus.RESOLVED,
        RefundStatus.SUBMITTED,
        RefundStatus.RETURNED,
    }
)
GRANT_PER_APPLICANT = 30_000  # 須知二(一); the stored parameter wins when the parameter service exists


@dataclass(frozen=True)
class Overview:
    """The programme at a glance. Counts by status include every enum value (0 when none)."""

    programme_code: str | None
    programme_name: str | None
    is_demo: bool
    budget_total: int
    budget_committed: int  # as of ``as_of``: booked reservations less what the sweep has yet to release
    applications_by_status: dict[str, int]
    grants_by_status: dict[str, int]  # as shown on ``as_of`` (the accounts screen's status), else as recorded
    points_outstanding: int  # the ledger's sum less the points the sweep has yet to take back (RULES §6)
    orders_by_status: dict[str, int]
    refund_cases_open: int
    refund_cases_by_status: dict[str, int] = field(default_factory=dict)
    deadline_breaches: int | None = None  # None: deadline tracking not available in this database
    as_of: date | None = None
    refund_self_pay_overdue: int | None = None  # approved cases whose vendor is late with the self-pay refund
    # Due on ``as_of`` but not booked by the sweep yet (None without a date: booked figures only).
    pending: PendingSweep | None = None

    @property
    def budget_committed_booked(self) -> int:
        """``Budget.committed`` as stored (what the figures were before the pending sweep)."""
        return self.budget_committed + (self.pending.budget_release if self.pending else 0)

    @property
    def budget_remaining(self) -> int:
        return self.budget_total - self.budget_committed

    @property
    def grants_possible(self) -> int:
        """How many more full grants the remaining budget allows (RULES §6 [decision])."""
        return max(self.budget_remaining, 0) // GRANT_PER_APPLICANT

    @property
    def applications_total(self) -> int:
        return sum(self.applications_by_status.values())

    @property
    def orders_total(self) -> int:
        return sum(self.orders_by_status.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "programme_code": self.programme_code,
            "programme_name": self.programme_name,
            "is_demo": self.is_demo,
            "budget": {
                "total": self.budget_total,
                "committed": self.budget_committed,
                "remaining": self.budget_remaining,
            },
            "applications_by_status": dict(self.applications_by_status),
            "grants_by_status": dict(self.grants_by_status),
            "points_outstanding": self.points_outstanding,
            "orders_by_status": dict(self.orders_by_status),
            "refund_cases_open": self.refund_cases_open,
            "deadline_breaches": self.deadline_breaches,
            "refund_self_pay_overdue": self.refund_self_pay_overdue,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "pending_sweep": self.pending.to_json() if self.pending else None,
        }


def _counts(session: Any, column: Any, values: list[str], *where: Any) -> dict[str, int]:
    rows = session.execute(sa.select(column, sa.func.count()).where(*where).group_by(column)).all()
    counts = {value: 0 for value in values}
    for value, n in rows:
        key = str(getattr(value, "value", value))
        counts[key] = counts.get(key, 0) + int(n)
    return counts


@query_helper("the programme name and dates for the window title")
def current_programme(uow: UnitOfWork) -> Any | None:
    """The programme this database runs (the most recently created one), or None."""
    return uow.session.scalars(sa.select(m.Programme).order_by(m.Programme.id.desc()).limit(1)).first()


@query_helper("the dashboard: programme totals, no personal data")
def programme_overview(uow: UnitOfWork, as_of: date | None = None) -> Overview:
    """Aggregate figures for the dashboard. ``uow`` is an open ``UnitOfWork``; nothing is written.

    With ``as_of`` the budget and points are the policy's figures on that day whether or not the
    nightly sweep has run (須知二(三): whether the budget is used up is judged on true figures);
    ``Overview.pending`` says what the sweep has yet to book and when it last booked anything.
    """
    session = uow.session
    programme = current_programme(uow)
    total = committed = 0
    if programme is not None:
        row = session.execute(
            sa.select(m.Budget.total, m.Budget.committed).where(m.Budget.programme_id == programme.id)
        ).first()
        if row is not None:
            total, committed = int(row[0]), int(row[1])
    outstanding = session.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0)))
    refunds = _counts(session, m.RefundCase.status, [s.value for s in RefundStatus])
    # Applications and grants are the programme's (a database runs one programme at a time; last
    # year's closed one stays beside it); orders and refund cases are work, whichever programme.
    of_programme = programme.id if programme is not None else None
    pending = pending_sweep(session, as_of) if as_of is not None else None
    if pending is not None:
        committed -= pending.budget_release
        outstanding = int(outstanding or 0) - pending.points_recovered
    return Overview(
        programme_code=programme.code if programme else None,
        programme_name=programme.name if programme else None,
        is_demo=bool(programme.is_demo) if programme else False,
        budget_total=total,
        budget_committed=committed,
        applications_by_status=_counts(session, m.Application.status, [s.value for s in ApplicationStatus],
                                       sa.or_(m.Application.programme_id == of_programme,
                                              m.Application.programme_id.is_(None))),
        # Shown as of the dashboard date the way the accounts screen shows them: a grant past its
        # validity reads 已逾期 even before the nightly sweep has recorded it.
        grants_by_status=_counts(session, shown_status_expr(as_of) if as_of is not None else m.Grant.status,
                                 [s.value for s in GrantStatus], m.Grant.programme_id == of_programme),
        points_outstanding=int(outstanding or 0),
        orders_by_status=_counts(session, m.Order.status, [s.value for s in OrderStatus]),
        refund_cases_open=sum(n for status, n in refunds.items() if status in OPEN_REFUND_STATUSES),
        refund_cases_by_status=refunds,
        # Working-day deadlines need the office calendar per order: the orders service judges them.
        deadline_breaches=count_deadline_breaches(uow, as_of=as_of) if as_of is not None else None,
        as_of=as_of,
        refund_self_pay_overdue=refund_counts(uow, today=as_of).self_pay_overdue if as_of is not None else None,
        pending=pending,
    )
