"""Orders (RULES §7): the points/self-pay split, order checks and the four order deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from . import clauses as C
from .calendar import DeadlineAnswer, OfficeCalendar
from .params import DEFAULT_PARAMS, ProgrammeParams, ProgrammeStatus
from .results import JsonResult

DeadlineStatus = Literal["pending", "met", "breached", "warning"]


@dataclass(frozen=True)
class OrderQuote(JsonResult):
    """Order total T split into points P and self-pay C = T - P."""

    total: int
    points: int
    self_pay: int
    clauses: tuple[str, ...]


def max_points_for(total: int, params: ProgrammeParams = DEFAULT_PARAMS) -> int:
    """floor(T * points_part / (points_part + self_pay_part)): floor(T/2) at 1:1."""
    p, s = params.copay_points_part, params.copay_self_pay_part
    return total * p // (p + s)


def quote_order(total: int, balance: int, params: ProgrammeParams = DEFAULT_PARAMS) -> OrderQuote:
    """P = min(available balance, floor(T/2)), C = T - P (須知二(二), 七(五); 手冊 步驟3)."""
    if isinstance(total, bool) or not isinstance(total, int) or isinstance(balance, bool) \
            or not isinstance(balance, int):
        raise TypeError("total and balance are whole NT$ / points (int)")
    if total < 0 or balance < 0:
        raise ValueError("total and balance must not be negative")
    cap = max_points_for(total, params)
    points = min(balance, cap)
    cl: tuple[str, ...] = (C.COPAY_RATIO, C.BROCHURE_PURCHASE)
    if balance < cap:
        cl += (C.SHORTFALL,)
    return OrderQuote(total, points, total - points, cl)


@dataclass(frozen=True)
class OrderCheck(JsonResult):
    """May this order use points? ``problems`` are (code, zh-TW, English) triples."""

    ok: bool
    problems: tuple[tuple[str, str, str], ...]
    clauses: tuple[str, ...]


def check_order(
    term_months: int,
    *,
    listed_in_subsidy_zone: bool = True,
    existing_customer_same_solution: bool = False,
    submitted_on: date | None = None,
    status: ProgrammeStatus | None = None,
    params: ProgrammeParams = DEFAULT_PARAMS,
) -> OrderCheck:
    """Checks before points are used: listed solution, minimum term, no renewal, programme state."""
    problems: list[tuple[str, str, str]] = []
    cl: list[str] = [C.SUBSIDY_ZONE_ONLY, C.MIN_TERM, C.NO_RENEWAL, C.MONTH_UNIT]
    if not listed_in_subsidy_zone:
        problems.append(("not_listed", "方案未列於補助專區", "solution not listed in the subsidy zone"))
    if term_months < params.min_term_months:
        problems.append(("term_too_short", f"方案期程未滿 {params.min_term_months} 個月",
                         f"term shorter than {params.min_term_months} months"))
    if existing_customer_same_solution:
        problems.append(("renewal", "既有客戶不得以點數續購原方案",
                         "existing customer may not renew the same solution with points"))
    if status is not None and submitted_on is not None:
        cl.append(C.STOP_ANNOUNCEMENT)
        if not status.points_usable(submitted_on):
            problems.append(("use_stopped", "已公告停止使用點數", "use of points stopped by announcement"))
    return OrderCheck(not problems, tuple(problems), tuple(cl))


@dataclass(frozen=True)
class OrderEvents:
    """Taipei calendar dates of an order's events (None = not happened yet)."""

    submitted: date
    vendor_confirmed: date | None = None  # 確認接單
    paid: date | None = None  # 付清自付款
    payment_confirmed: date | None = None  # 訂單確認 (vendor confirms receipt of self-pay)
    invoiced: date | None = None  # 全額電子發票
    service_started: date | None = None


@dataclass(frozen=True)
class Deadline(JsonResult):
    """One tracked deadline. ``due`` is None while its clock has not started."""

    name: str  # vendor_confirm | pay | invoice | service_start
    label_zh: str
    label_en: str
    started_on: date | None
    due: date | None
    done_on: date | None
    provisional: bool
    status: DeadlineStatus
    clauses: tuple[str, ...]


def _status(due: DeadlineAnswer | None, done: date | None, as_of: date) -> DeadlineStatus:
    if due is None:
        return "pending"
    late = (done > due.due) if done is not None else (as_of > due.due)
    if late:
        return "warning" if due.provisional else "breached"
    return "met" if done is not None else "pending"


def order_deadlines(
    events: OrderEvents,
    calendar: OfficeCalendar,
    as_of: date,
    params: ProgrammeParams = DEFAULT_PARAMS,
) -> tuple[Deadline, ...]:
    """The four deadlines of 須知八(四) and 手冊 步驟4, each judged as of ``as_of``."""
    specs = (
        ("vendor_confirm", "廠商確認接單", "vendor confirms the order", events.submitted,
         events.vendor_confirmed, params.vendor_confirm_working_days, True, (C.ORDER_DEADLINES,)),
        ("pay", "申請單位付清自付款", "applicant pays the self-pay", events.vendor_confirmed,
         events.paid, params.pay_working_days, True, (C.ORDER_DEADLINES,)),
        ("invoice", "廠商開立全額電子發票", "vendor issues the full e-invoice", events.paid,
         events.invoiced, params.invoice_working_days, True, (C.ORDER_DEADLINES,)),
        ("service_start", "廠商開始提供服務", "service starts", events.payment_confirmed,
         events.service_started, params.service_start_days, False, (C.BROCHURE_PAYMENT,)),
    )
    out: list[Deadline] = []
    for name, zh, en, start, done, n, working, base in specs:
        ans: DeadlineAnswer | None = None
        if start is not None:
            ans = calendar.add_working_days(start, n) if working else calendar.add_days(start, n)
        out.append(Deadline(
            name, zh, en, start, ans.due if ans else None, done,
            ans.provisional if ans else False, _status(ans, done, as_of),
            base + (ans.clauses if ans else ()),
        ))
    return tuple(out)
