"""Termination and refunds (RULES §8; 須知七(六), 八(三); 手冊 點數與自付款退還機制)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import clauses as C
from .dates import contract_month_start
from .money import pro_rata
from .params import DEFAULT_PARAMS, ProgrammeParams
from .results import JsonResult


def months_used(start: date, term_months: int, effective_end: date) -> int:
    """Contract months k in 1..m that began on or before E (a started month counts in full)."""
    if term_months < 1:
        raise ValueError("term_months must be >= 1")
    if effective_end < start:
        return 0
    used = 0
    for k in range(1, term_months + 1):
        if contract_month_start(start, k) > effective_end:
            break
        used = k
    return used


@dataclass(frozen=True)
class RefundQuote(JsonResult):
    """Pro-rata split of points P and self-pay C into used and refunded parts."""

    term_months: int
    months_used: int
    half_or_more: bool
    points_used: int
    points_refund: int
    self_pay_used: int
    self_pay_refund: int
    clauses: tuple[str, ...]


def quote_refund_for_months(points: int, self_pay: int, term_months: int, used: int) -> RefundQuote:
    """Refund figures for ``used`` of ``term_months`` months (C = self-pay actually paid)."""
    if points < 0 or self_pay < 0:
        raise ValueError("points and self_pay must not be negative")
    if term_months < 1 or not 0 <= used <= term_months:
        raise ValueError("need 0 <= months used <= term_months and term_months >= 1")
    half_or_more = 2 * used >= term_months
    p_used = pro_rata(points, used, term_months)
    cl: tuple[str, ...] = (C.MONTH_UNIT, C.BROCHURE_REFUND, C.DECISION_ROUNDING)
    if half_or_more:
        c_used = self_pay  # 含二分之一: the vendor keeps the self-pay
        cl = (C.REFUND_HALF_OR_MORE, *cl)
    else:
        c_used = pro_rata(self_pay, used, term_months)
        cl = (C.REFUND_UNDER_HALF, *cl)
    return RefundQuote(term_months, used, half_or_more, p_used, points - p_used,
                       c_used, self_pay - c_used, cl)


def quote_refund(points: int, self_pay: int, start: date, term_months: int, end: date) -> RefundQuote:
    """Refund for a contract starting on ``start`` (first day of service) and ending on ``end``
    (the termination's effective date, the last day of service)."""
    return quote_refund_for_months(points, self_pay, term_months, months_used(start, term_months, end))


@dataclass(frozen=True)
class ConfirmationWindow(JsonResult):
    filed_on: date
    ends_on: date
    clauses: tuple[str, ...]


def confirmation_window_end(filed_on: date, params: ProgrammeParams = DEFAULT_PARAMS) -> date:
    """Last day (F + 14) on which applicant and vendor confirm the computed figures."""
    return filed_on + timedelta(days=params.refund_window_days)


def confirmation_window(filed_on: date, params: ProgrammeParams = DEFAULT_PARAMS) -> ConfirmationWindow:
    """``confirmation_window_end`` with its clauses, for display."""
    return ConfirmationWindow(filed_on, confirmation_window_end(filed_on, params),
                              (C.BROCHURE_REFUND, C.DECISION_DATES))


def window_expired(filed_on: date, today: date, params: ProgrammeParams = DEFAULT_PARAMS) -> bool:
    """True once the window has passed (the case then goes to a case officer)."""
    return today > confirmation_window_end(filed_on, params)
