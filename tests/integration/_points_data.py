"""Small builders for ledger/sweep tests: a programme with a budget, applicants, orders."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, OrderStatus

TAIPEI = timezone(timedelta(hours=8))
_seq = itertools.count(1)


def programme(session: Session, total: int = 300_000, deadline: date | None = None,
              exhausted_on: date | None = None) -> m.Programme:
    p = m.Programme(code=f"P{next(_seq)}", name="雲市集 數位點數", subsidy_deadline=deadline,
                    budget_exhausted_on=exhausted_on)
    session.add(p)
    session.flush()
    session.add(m.Budget(programme_id=p.id, total=total, committed=0))
    session.flush()
    return p


def applicant(session: Session, programme_id: int) -> tuple[m.Applicant, m.Application]:
    n = next(_seq)
    a = m.Applicant(name=f"測試公司{n}", ubn=f"{n:08d}", applicant_type=ApplicantType.SME)
    session.add(a)
    session.flush()
    app = m.Application(external_id=f"APP{n}", programme_id=programme_id, applicant_id=a.id,
                        submitted_at=datetime(2026, 1, 2, tzinfo=UTC))
    session.add(app)
    session.flush()
    return a, app


def order(session: Session, applicant_id: int, points: int, submitted_on: date,
          status: OrderStatus = OrderStatus.SUBMITTED, total: int | None = None) -> m.Order:
    n = next(_seq)
    vendor = m.Vendor(external_id=f"V{n}", ubn="04595257", name=f"廠商{n}")
    session.add(vendor)
    session.flush()
    total = total if total is not None else 2 * points
    sol = m.Solution(external_id=f"S{n}", vendor_id=vendor.id, name="方案", price=total, term_months=12)
    session.add(sol)
    session.flush()
    o = m.Order(external_id=f"O{n}", applicant_id=applicant_id, vendor_id=vendor.id, solution_id=sol.id,
                total=total, points=points, self_pay=total - points, status=status, term_months=12,
                submitted_at=datetime.combine(submitted_on, time(10, 0), TAIPEI))
    session.add(o)
    session.flush()
    return o


def committed(session: Session, programme_id: int) -> int:
    return int(session.scalar(sa.select(m.Budget.committed).where(m.Budget.programme_id == programme_id)))


def entries(session: Session, grant_id: int) -> list[tuple[str, int, date]]:
    rows = session.execute(sa.select(m.LedgerEntry.kind, m.LedgerEntry.points, m.LedgerEntry.on_date)
                           .where(m.LedgerEntry.grant_id == grant_id).order_by(m.LedgerEntry.id))
    return [(k.value, p, d) for k, p, d in rows]


def released(session: Session, grant_id: int) -> int:
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.BudgetMovement.points), 0)).where(
        m.BudgetMovement.grant_id == grant_id, m.BudgetMovement.kind == "release")))
