"""Posting an approved refund (RULES §8, 須知七(七)(八), 八(五)), inside the approval's transaction.

On R (the Taipei date of the supervisor's approval) the points refund becomes a new lot through
the points ledger (validity: the better of the two rules, office calendar, provisional on the
fallback calendar; or forfeited / cut to the subsidy deadline), the order's claimable points drop
by the points returned, the self-pay refund is recorded as owed by the vendor, the termination is
closed and both parties get an e-mail with the figures and their clauses (outbox).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from backoffice.db import models as m
from backoffice.db.enums import TerminationStatus
from backoffice.policy.clauses import describe
from backoffice.policy.dates import roc_short
from backoffice.services.admin.calendar import load_office_calendar
from backoffice.services.authz import query_helper
from backoffice.services.points import ledger
from backoffice.services.points.locks import programme_write_lock
from backoffice.services.refunds.signed import split_clauses

# [decision, not in RULES] The vendor owes the self-pay refund within 30 days of the approval; the
# queue flags it as overdue afterwards (the date is data, so the rule can change without a migration).
SELF_PAY_REFUND_DAYS = 30


@query_helper("posting step called by approve inside its transaction")
def post_approval(session: Session, case: m.RefundCase, returned_on: date) -> dict[str, Any]:
    """Book the approved case; returns what was posted (for the history and the audit)."""
    term = session.get(m.Termination, case.termination_id)
    assert term is not None
    order = session.get(m.Order, term.order_id)
    assert order is not None
    programme_id = session.scalar(sa.select(m.Grant.programme_id).where(m.Grant.id == order.grant_id)) \
        if order.grant_id is not None else None
    if programme_id is not None:
        programme_write_lock(session, programme_id)  # THE one place the refunds desk takes it
    calendar = load_office_calendar(session, (returned_on.year, returned_on.year + 1))
    outcome = ledger.return_refund_points(session, case, returned_on, calendar)  # no points: sets R only
    # The vendor may claim only the points used net of those returned (須知八(五)).
    session.execute(sa.update(m.Order).where(m.Order.id == order.id)
                    .values(points_returned=m.Order.points_returned + case.points_refund)
                    .execution_options(synchronize_session=False))
    if case.self_pay_refund > 0:
        case.self_pay_refund_due_on = returned_on + timedelta(days=SELF_PAY_REFUND_DAYS)
    term.status = TerminationStatus.CLOSED
    session.flush()
    posted = {"returned_on": returned_on.isoformat(), "points": case.points_refund,
              "returned": outcome.returned, "forfeited": outcome.forfeited, "lot_id": outcome.lot_id,
              "valid_until": outcome.valid_until.isoformat() if outcome.valid_until else None,
              "provisional": outcome.provisional, "validity_clauses": list(outcome.clauses),
              "self_pay_refund_owed": case.self_pay_refund,
              "self_pay_refund_due_on": case.self_pay_refund_due_on.isoformat()
              if case.self_pay_refund_due_on else None}
    _emails(session, case, term, order, posted)
    return posted


def _clause_lines(codes: list[str]) -> str:
    """Published clauses only (須知, 手冊, 民法...): people never see our internal RULES references."""
    lines = []
    for code in dict.fromkeys(codes):
        if code.startswith("RULES"):
            continue
        title = describe(code).title_zh
        lines.append(f"・{code}{('：' + title) if title != code else ''}")
    return "\n".join(lines)


def _emails(session: Session, case: m.RefundCase, term: m.Termination, order: m.Order,
            posted: dict[str, Any]) -> None:
    """The applicant's and the vendor's notices, written in the approval's transaction."""
    applicant = session.get(m.Applicant, order.applicant_id)
    vendor = session.get(m.Vendor, order.vendor_id)
    assert applicant is not None and vendor is not None
    r = date.fromisoformat(posted["returned_on"])
    figures = (f"訂單 {order.external_id}（契約終止 {term.external_id}）\n"
               f"契約期程 {case.term_months} 個月，已使用 {case.months_used} 個月"
               f"（未滿 1 個月以 1 個月計算）。\n"
               f"點數：使用 {case.points_used:,} 點，返還 {case.points_refund:,} 點。\n"
               f"自付款：實付 {case.self_pay_paid:,} 元，退還 {case.self_pay_refund:,} 元。\n")
    if posted["forfeited"]:
        points = f"返還之 {case.points_refund:,} 點因已逾補助期限或補助額度用罄，不予返還（須知七(八)）。\n"
    elif posted["lot_id"] is not None:
        points = (f"返還點數 {case.points_refund:,} 點已於 {roc_short(r)} 入帳，"
                  f"有效期限至 {roc_short(date.fromisoformat(posted['valid_until']))}（須知七(七)）"
                  f"{'，依暫定行事曆計算' if posted['provisional'] else ''}。\n")
    else:
        points = "本案無點數返還。\n"
    selfpay = ""
    if case.self_pay_refund > 0:
        selfpay = (f"自付款退還 {case.self_pay_refund:,} 元由供應商 {vendor.name} 退還申請單位，"
                   f"請於 {roc_short(case.self_pay_refund_due_on)} 前完成（須知七(六)1）。\n"
                   if case.self_pay_refund_due_on else "")
    clauses = "依據：\n" + _clause_lines(split_clauses(case.clauses) + posted["validity_clauses"])
    footer = "\n\n臺灣雲市集 數位點數補助 執行單位 敬啟\n（本信件由系統自動發送，請勿直接回覆）"
    subject = "【臺灣雲市集】契約終止點數與自付款退還核定通知"
    for to, name in ((applicant.contact_email, applicant.name), (vendor.contact_email, vendor.name)):
        if to:
            body = f"{name} 您好：\n\n{figures}{points}{selfpay}{clauses}{footer}"
            session.add(m.OutboxEmail(to_address=to, subject=subject, body=body))
