"""Refund cases for tests: a granted applicant, an order in service for 12 months, a termination
and its case computed by the policy, officers and two supervisors with card certificates."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from backoffice.db import models as m
from backoffice.db.enums import ApplicantType, OrderStatus, Party, RefundStatus, Role, TerminationStatus
from backoffice.policy import refunds as prefunds
from backoffice.services.points import ledger
from tests.support.review_seed import add_officer

D0 = date(2026, 1, 5)  # grant issued
START = date(2026, 1, 20)  # S, first day of service; 12 months
POINTS, SELF_PAY = 30_000, 40_000
_seq = itertools.count(1)


@dataclass(frozen=True)
class RefundWorld:
    programme_id: int
    officer_id: int  # 承辦人
    officer2_id: int
    supervisor_id: int  # 主管 A (card: supervisor_cert)
    supervisor2_id: int  # 主管 B (card: supervisor2_cert)


def world(session: Any, *, supervisor_cert: bytes | None, supervisor2_cert: bytes | None = None,
          deadline: date | None = date(2026, 12, 31)) -> RefundWorld:
    s = session
    p = m.Programme(code=f"RF{next(_seq)}", name="雲市集 數位點數", subsidy_deadline=deadline)
    s.add(p)
    s.flush()
    s.add(m.Budget(programme_id=p.id, total=3_000_000, committed=0))
    o1 = add_officer(s, "王承辦", "wang@example.gov.tw", [Role.OFFICER])
    o2 = add_officer(s, "陳承辦", "chen@example.gov.tw", [Role.OFFICER])
    sa_ = add_officer(s, "林主管", "lin@example.gov.tw", [Role.SUPERVISOR], supervisor_cert)
    sb = add_officer(s, "張主管", "chang@example.gov.tw", [Role.SUPERVISOR], supervisor2_cert)
    return RefundWorld(p.id, o1.id, o2.id, sa_.id, sb.id)


def add_case(session: Any, w: RefundWorld, *, filed_on: date, effective_on: date,
             status: RefundStatus = RefundStatus.AWAITING_CONFIRMATION,
             confirmations: tuple[tuple[Party, bool], ...] = ()) -> int:
    """A terminated order and its refund case (figures from the policy); returns the case id."""
    s = session
    n = next(_seq)
    a = m.Applicant(name=f"退款測試公司{n}", ubn=f"{n:08d}", applicant_type=ApplicantType.SME,
                    contact_email=f"boss{n}@example.com")
    s.add(a)
    s.flush()
    app = m.Application(external_id=f"RAPP{n}", programme_id=w.programme_id, applicant_id=a.id,
                        submitted_at=datetime(2026, 1, 2, tzinfo=UTC))
    s.add(app)
    s.flush()
    ledger.issue_grant(s, applicant_id=a.id, application_id=app.id, issued_on=D0)
    v = m.Vendor(external_id=f"RV{n}", ubn="04595257", name=f"雲端廠商{n}", contact_email=f"vendor{n}@example.com")
    s.add(v)
    s.flush()
    sol = m.Solution(external_id=f"RS{n}", vendor_id=v.id, name="雲端會計", price=POINTS + SELF_PAY, term_months=12)
    s.add(sol)
    s.flush()
    o = m.Order(external_id=f"RO{n}", applicant_id=a.id, vendor_id=v.id, solution_id=sol.id,
                total=POINTS + SELF_PAY, points=POINTS, self_pay=SELF_PAY, self_pay_paid=SELF_PAY,
                status=OrderStatus.IN_SERVICE, term_months=12, service_started_on=START,
                submitted_at=datetime(2026, 1, 10, 2, 0, tzinfo=UTC))
    s.add(o)
    s.flush()
    ledger.hold_order_points(s, o, date(2026, 1, 10))
    c = m.Contract(order_id=o.id, start_on=START, term_months=12)
    s.add(c)
    s.flush()
    o.status = OrderStatus.TERMINATED
    t = m.Termination(external_id=f"RT{n}", contract_id=c.id, order_id=o.id, filed_on=filed_on,
                      effective_on=effective_on, initiated_by=Party.APPLICANT, reason="公司歇業",
                      status=TerminationStatus.REFUND_PENDING)
    s.add(t)
    s.flush()
    q = prefunds.quote_refund(POINTS, SELF_PAY, START, 12, effective_on)
    case = m.RefundCase(termination_id=t.id, term_months=12, months_used=q.months_used, points_total=POINTS,
                        points_used=q.points_used, points_refund=q.points_refund, self_pay_paid=SELF_PAY,
                        self_pay_used=q.self_pay_used, self_pay_refund=q.self_pay_refund,
                        clauses="、".join(q.clauses), status=status,
                        window_ends_on=prefunds.confirmation_window_end(filed_on))
    s.add(case)
    s.flush()
    for party, agrees in confirmations:
        s.add(m.RefundConfirmation(case_id=case.id, party=party, agrees=agrees,
                                   at=datetime.combine(filed_on, datetime.min.time(), UTC),
                                   note=None if agrees else "服務紀錄顯示 6 月仍有使用"))
    s.flush()
    return case.id
