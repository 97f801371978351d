"""Finance desk test data: two vendors, applicants, orders in every settlement situation, claims.

Plain functions so integration, CLI and GUI tests share them. ``scenario`` builds one claim per
state the check must reach (payable, each hold reason, over-claim, duplicate, a refund approved
after termination) and officers: two finance people, a supervisor, a case officer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import (
    ApplicantType,
    OrderStatus,
    Party,
    RefundStatus,
    Role,
    TerminationStatus,
)

AS_OF = date(2026, 3, 2)
VENDOR_UBNS = ("04595257", "22099131")
APPLICANT_UBNS = ("10458575", "10458574", "04595252", "62140097", "53212539", "12345675")
AT = datetime(2025, 1, 6, 2, 0, tzinfo=UTC)


@dataclass
class Scenario:
    vendor_ids: list[int]
    finance_id: int
    finance2_id: int
    supervisor_id: int
    officer_id: int
    claims: dict[str, int] = field(default_factory=dict)  # external id -> claim id
    orders: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)


def add_officer(s: Any, name: str, email: str, roles: list[Role], cert_der: bytes | None = None) -> m.Officer:
    officer = m.Officer(name=name, email=email, active=True, roles=[m.OfficerRole(role=r) for r in roles])
    if cert_der is not None:
        officer.cert_der = cert_der
        officer.cert_sha256 = hashlib.sha256(cert_der).hexdigest()
    s.add(officer)
    s.flush()
    return officer


def add_vendor(s: Any, index: int) -> m.Vendor:
    v = m.Vendor(external_id=f"V{index:03d}", ubn=VENDOR_UBNS[index], name=f"雲端廠商{index}股份有限公司",
                 address=f"臺北市內湖區瑞光路{index + 1}號")
    s.add(v)
    s.flush()
    s.add(m.Solution(external_id=f"S{index:03d}", vendor_id=v.id, name="雲端會計", price=60_000, term_months=12))
    s.flush()
    return v


def add_applicant(s: Any, index: int) -> m.Applicant:
    a = m.Applicant(name=f"好給力{index}有限公司", ubn=APPLICANT_UBNS[index], applicant_type=ApplicantType.SME,
                    address=f"新北市板橋區文化路{index + 1}號")
    s.add(a)
    s.flush()
    return a


def add_order(s: Any, key: str, vendor: m.Vendor, applicant: m.Applicant, *, points: int = 30_000,
              self_pay: int = 30_000, self_pay_paid: int | None = None, invoiced: bool = True,
              start: date = date(2025, 1, 1), ends: date | None = date(2025, 12, 31),
              status: OrderStatus = OrderStatus.COMPLETED) -> m.Order:
    solution_id = s.scalar(sa.select(m.Solution.id).where(m.Solution.vendor_id == vendor.id))
    o = m.Order(external_id=key, applicant_id=applicant.id, vendor_id=vendor.id, solution_id=solution_id,
                total=points + self_pay, points=points, self_pay=self_pay,
                self_pay_paid=self_pay if self_pay_paid is None else self_pay_paid, status=status, submitted_at=AT,
                invoiced_at=AT if invoiced else None, service_started_on=start, term_months=12)
    s.add(o)
    s.flush()
    s.add(m.Contract(order_id=o.id, start_on=start, term_months=12, ends_on=ends))
    s.flush()
    return o


def add_termination(s: Any, order: m.Order, *, case: RefundStatus | None, points_refund: int = 15_000,
                    status: TerminationStatus = TerminationStatus.REFUND_PENDING) -> int | None:
    t = m.Termination(external_id=f"T-{order.external_id}", order_id=order.id, filed_on=date(2025, 7, 1),
                      effective_on=date(2025, 6, 30), initiated_by=Party.APPLICANT, status=status)
    s.add(t)
    s.flush()
    if case is None:
        return None
    rc = m.RefundCase(termination_id=t.id, term_months=12, months_used=6, points_total=order.points,
                      points_used=order.points - points_refund, points_refund=points_refund,
                      self_pay_paid=order.self_pay_paid, self_pay_used=order.self_pay_paid, self_pay_refund=0,
                      status=case, window_ends_on=date(2025, 7, 15))
    s.add(rc)
    s.flush()
    return int(rc.id)


def add_claim(s: Any, key: str, order: m.Order, points: int, submitted_on: date) -> m.SettlementClaim:
    c = m.SettlementClaim(external_id=key, order_id=order.id, vendor_id=order.vendor_id, points_claimed=points,
                          submitted_on=submitted_on)
    s.add(c)
    s.flush()
    return c


def scenario(uow_factory: Any, *, approver_cert: bytes | None = None, demo: bool = False) -> Scenario:
    """Claims SC-PAY1/SC-PAY2 (vendor 0), SC-PAY3 (vendor 1) payable; one claim per hold reason."""
    with uow_factory() as uow:
        s = uow.session
        if demo:
            s.add(m.Programme(code="DEMO", name="示範", is_demo=True))
        v0, v1 = add_vendor(s, 0), add_vendor(s, 1)
        apps = [add_applicant(s, i) for i in range(6)]
        fin = add_officer(s, "會計李", "lee@finance.test", [Role.FINANCE])
        fin2 = add_officer(s, "會計王", "wang@finance.test", [Role.FINANCE], approver_cert)
        sup = add_officer(s, "主管張", "chang@finance.test", [Role.SUPERVISOR])
        off = add_officer(s, "承辦林", "lin@finance.test", [Role.OFFICER])
        sc = Scenario([v0.id, v1.id], fin.id, fin2.id, sup.id, off.id)
        d = date(2026, 1, 10)

        def claim(key: str, order: m.Order, points: int, on: date = d) -> None:
            sc.claims[key] = add_claim(s, key, order, points, on).id
            sc.orders[key] = order.id

        claim("SC-PAY1", add_order(s, "O-PAY1", v0, apps[0]), 30_000)
        claim("SC-PAY2", add_order(s, "O-PAY2", v0, apps[1], points=20_000), 20_000)
        claim("SC-PAY3", add_order(s, "O-PAY3", v1, apps[2]), 30_000)
        claim("SC-TERM", add_order(s, "O-TERM", v0, apps[3], ends=date(2026, 6, 30)), 30_000)
        claim("SC-NOINV", add_order(s, "O-NOINV", v0, apps[4], invoiced=False), 30_000)
        claim("SC-UNPAID", add_order(s, "O-UNPAID", v1, apps[5], self_pay_paid=10_000), 30_000)
        o_open = add_order(s, "O-OPEN", v1, apps[0], ends=date(2026, 6, 30))
        sc.cases["O-OPEN"] = add_termination(s, o_open, case=RefundStatus.AWAITING_CONFIRMATION) or 0
        claim("SC-OPEN", o_open, 15_000)
        o_over = add_order(s, "O-OVER", v0, apps[1], ends=date(2026, 6, 30))
        sc.cases["O-OVER"] = add_termination(s, o_over, case=RefundStatus.APPROVED,
                                             status=TerminationStatus.CLOSED) or 0
        claim("SC-OVER", o_over, 30_000)  # 15,000 were returned: at most 15,000 may be claimed
        o_dup = add_order(s, "O-DUP", v1, apps[3])
        claim("SC-DUP-B", o_dup, 30_000, date(2026, 1, 12))
        claim("SC-DUP-A", o_dup, 30_000, date(2026, 1, 11))  # later id, earlier date: the original
        uow.commit()
        return sc
