"""Accounts and orders with known figures for the account/order screen tests (through the ledger service)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, OrderStatus
from backoffice.services.points import ledger

TAIPEI = timezone(timedelta(hours=8))
TODAY = date(2026, 3, 20)  # the screens' "today" in these tests (2026 office calendar not imported)
UBNS = ["04595257", "10458575", "10458574", "22099131", "04595252", "62140097"]
NAMES = ["晨光咖啡有限公司", "青山五金行", "海港水產合作社", "雲端會計顧問股份有限公司", "南風設計工作室",
         "北辰物流股份有限公司"]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), TAIPEI)


@dataclass
class PointsSeed:
    applicant_ids: list[int] = field(default_factory=list)
    orders: dict[str, int] = field(default_factory=dict)  # label -> order id
    vendor_names: list[str] = field(default_factory=list)


def seed_points(uow_factory: Any) -> PointsSeed:
    """Six applicants granted on different days; orders on time, late (breached) and rejected."""
    out = PointsSeed()
    with uow_factory() as uow:
        s = uow.session
        programme = m.Programme(code="T2026", name="測試計畫")
        s.add(programme)
        s.flush()
        s.add(m.Budget(programme_id=programme.id, total=9_000_000, committed=0))
        vendors = []
        for i, (name, ubn) in enumerate((("雲端軟體股份有限公司", "22099131"), ("數位行銷科技有限公司", "04595252"))):
            v = m.Vendor(external_id=f"V-{i}", ubn=ubn, name=name)
            s.add(v)
            s.flush()
            sol = m.Solution(external_id=f"S-{i}", vendor_id=v.id, name=("雲端進銷存", "社群行銷")[i],
                             price=60_000, term_months=12)
            s.add(sol)
            s.flush()
            vendors.append((v, sol))
            out.vendor_names.append(name)
        grants = []
        for i, (ubn, name) in enumerate(zip(UBNS, NAMES, strict=True)):
            a = m.Applicant(name=name, ubn=ubn, applicant_type=ApplicantType.SME)
            s.add(a)
            s.flush()
            app = m.Application(external_id=f"A-{i}", programme_id=programme.id, applicant_id=a.id,
                                submitted_at=at(date(2026, 1, 2)))
            s.add(app)
            s.flush()
            grants.append(ledger.issue_grant(s, applicant_id=a.id, application_id=app.id,
                                             issued_on=date(2026, 1, 5) + timedelta(days=7 * i)))
            out.applicant_ids.append(a.id)

        def order(label: str, who: int, vendor: int, total: int, points: int, submitted: date,
                  status: OrderStatus = OrderStatus.SUBMITTED, **events: Any) -> m.Order:
            v, sol = vendors[vendor]
            o = m.Order(external_id=f"ORD-2026-{len(out.orders) + 1:04d}", applicant_id=out.applicant_ids[who],
                        vendor_id=v.id, solution_id=sol.id, total=total, points=points, self_pay=total - points,
                        status=status, submitted_at=at(submitted), term_months=12,
                        self_pay_paid=total - points if events.get("paid_at") else 0, **events)
            s.add(o)
            s.flush()
            ledger.hold_order_points(s, o, submitted)
            s.add(m.OrderEvent(order_id=o.id, kind="submitted", at=at(submitted), payload=None))
            for kind, column in (("vendor_confirmed", "vendor_confirmed_at"), ("paid", "paid_at"),
                                 ("payment_confirmed", "payment_confirmed_at"), ("invoiced", "invoiced_at")):
                if events.get(column) is not None:
                    s.add(m.OrderEvent(order_id=o.id, kind=kind, at=events[column], payload=None))
            out.orders[label] = o.id
            return o

        # Applicant 0 spends everything on time (exhausted).
        order("exhausted", 0, 0, 60_000, 30_000, date(2026, 1, 12), OrderStatus.IN_SERVICE,
              vendor_confirmed_at=at(date(2026, 1, 13)), paid_at=at(date(2026, 1, 14)),
              payment_confirmed_at=at(date(2026, 1, 14)), invoiced_at=at(date(2026, 1, 15)),
              service_started_on=date(2026, 1, 16))
        # Applicant 1: the vendor confirmed a week late (breach on the provisional calendar = warning).
        order("late", 1, 1, 70_000, 30_000, date(2026, 2, 2), OrderStatus.VENDOR_CONFIRMED,
              vendor_confirmed_at=at(date(2026, 2, 9)))
        # Applicant 2: waiting on the vendor since well past the due day; then a fresh order on time.
        order("waiting", 2, 0, 20_000, 10_000, date(2026, 2, 16))
        order("fresh", 2, 1, 24_000, 12_000, date(2026, 3, 19))
        # Applicant 3: rejected on time; the points go back to the lot (the grant then lapses unused).
        rejected = order("rejected", 3, 1, 40_000, 20_000, date(2026, 2, 24), OrderStatus.REJECTED)
        rejected.closed_at = at(date(2026, 2, 25))
        ledger.release_order_points(s, rejected, date(2026, 2, 25))
        # Applicant 4: paid and confirmed on 03-03, service not started 7 days later: a breach.
        order("no_service", 4, 0, 50_000, 25_000, date(2026, 2, 27), OrderStatus.PAYMENT_CONFIRMED,
              vendor_confirmed_at=at(date(2026, 3, 2)), paid_at=at(date(2026, 3, 3)),
              payment_confirmed_at=at(date(2026, 3, 3)), invoiced_at=at(date(2026, 3, 4)))
        # Applicant 5 never used the grant: lapsed after its lapse date.
        uow.commit()
    return out
