"""Insert a small, varied programme through the models (shared by the GUI and dashboard tests)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from backoffice.db import models as m
from backoffice.db.enums import (
    ApplicantType,
    ApplicationStatus,
    GrantStatus,
    LedgerKind,
    OrderStatus,
    Party,
    RefundStatus,
)

# Valid UBNs (RULES §10 examples and more valid under the divisible-by-5 rule).
UBNS = ["04595257", "10458575", "10458574", "22099131", "04595252", "62140097"]


@dataclass
class Seeded:
    budget_total: int
    budget_committed: int
    applications: Counter[str] = field(default_factory=Counter)
    grants: Counter[str] = field(default_factory=Counter)
    orders: Counter[str] = field(default_factory=Counter)
    refunds: Counter[str] = field(default_factory=Counter)
    ledger_sum: int = 0


def seed_programme(uow_factory: Any, *, demo: bool = False) -> Seeded:
    d0 = date(2026, 1, 15)
    at = datetime(2026, 1, 10, 2, 0, tzinfo=UTC)
    app_statuses = [ApplicationStatus.SUBMITTED, ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW,
                    ApplicationStatus.APPROVED, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED]
    grant_statuses = [GrantStatus.ACTIVE, GrantStatus.LAPSED]
    order_statuses = [OrderStatus.SUBMITTED, OrderStatus.TERMINATED]
    refund_statuses = [RefundStatus.DISPUTED]
    seeded = Seeded(budget_total=900_000, budget_committed=30_000 * len(grant_statuses))
    with uow_factory() as uow:
        s = uow.session
        programme = m.Programme(code="T2026", name="測試計畫", is_demo=demo)
        s.add(programme)
        s.flush()
        s.add(m.Budget(programme_id=programme.id, total=seeded.budget_total, committed=seeded.budget_committed))
        applicants = []
        for i, status in enumerate(app_statuses):
            applicant = m.Applicant(name=f"測試公司{i}", ubn=UBNS[i], applicant_type=ApplicantType.SME)
            s.add(applicant)
            s.flush()
            applicants.append(applicant)
            s.add(m.Application(external_id=f"A-{i}", applicant_id=applicant.id,
                                submitted_at=at + timedelta(hours=i), status=status))
            seeded.applications[status.value] += 1
        vendor = m.Vendor(external_id="V-1", ubn="22099131", name="測試雲端公司")
        s.add(vendor)
        s.flush()
        solution = m.Solution(external_id="S-1", vendor_id=vendor.id, name="雲端會計", price=60_000, term_months=12)
        s.add(solution)
        s.flush()
        grants = []
        for i, status in enumerate(grant_statuses):
            grant = m.Grant(programme_id=programme.id, applicant_id=applicants[3 + i].id, issued_on=d0,
                            points=30_000, lapse_on=date(2026, 2, 15), valid_until=date(2026, 4, 15), status=status)
            s.add(grant)
            s.flush()
            grants.append(grant)
            seeded.grants[status.value] += 1
            entries = [(LedgerKind.GRANT, 30_000)]
            if status is GrantStatus.LAPSED:
                entries.append((LedgerKind.LAPSE, -30_000))
            for kind, points in entries:
                s.add(m.LedgerEntry(applicant_id=grant.applicant_id, grant_id=grant.id, kind=kind,
                                    points=points, on_date=d0))
                seeded.ledger_sum += points
        for i, status in enumerate(order_statuses):
            order = m.Order(external_id=f"O-{i}", applicant_id=applicants[3].id, vendor_id=vendor.id,
                            solution_id=solution.id, grant_id=grants[0].id, total=20_000, points=10_000,
                            self_pay=10_000, submitted_at=at + timedelta(days=10 + i), term_months=12,
                            status=status)
            s.add(order)
            s.flush()
            seeded.orders[status.value] += 1
            s.add(m.LedgerEntry(applicant_id=order.applicant_id, grant_id=grants[0].id,
                                kind=LedgerKind.ORDER_HOLD, points=-10_000, on_date=d0 + timedelta(days=10)))
            seeded.ledger_sum -= 10_000
            if status is OrderStatus.TERMINATED:
                termination = m.Termination(external_id=f"T-{i}", order_id=order.id, filed_on=date(2026, 3, 1),
                                            effective_on=date(2026, 3, 1), initiated_by=Party.APPLICANT)
                s.add(termination)
                s.flush()
                for rs in refund_statuses:
                    s.add(m.RefundCase(termination_id=termination.id, term_months=12, months_used=1,
                                       points_total=10_000, points_used=833, points_refund=9_167,
                                       self_pay_paid=10_000, self_pay_used=833, self_pay_refund=9_167,
                                       window_ends_on=date(2026, 3, 15), status=rs))
                    seeded.refunds[rs.value] += 1
        uow.commit()
    return seeded
