"""Orders (訂單) for the officer's screen: the points/self-pay split and the order deadlines (RULES §7).

Read-only. The deadlines come from ``policy.orders.order_deadlines`` with the office calendar of
``services.calendar.load_office_calendar``: each is ``met``, ``pending``, ``breached`` or, when it
was computed with the provisional (not imported) calendar, ``warning`` instead of ``breached``.

Paging: without a deadline filter, rows are paged in SQL (count + offset/limit). Deadlines depend
on working days, which SQL cannot count, so the ``breach`` filter walks the filtered orders in
id order reading only the date columns, judges each in Python and keeps the requested page
(the count is exact). Orders are a few per applicant, so this stays far below the queue's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import OrderStatus
from backoffice.db.session import UnitOfWork
from backoffice.policy import clauses as C
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.orders import Deadline, OrderEvents, order_deadlines
from backoffice.policy.results import JsonResult
from backoffice.services.admin.calendar import load_office_calendar
from backoffice.services.authz import pure, query_helper

TAIPEI = ZoneInfo("Asia/Taipei")
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
SCAN_CHUNK = 2000

BreachFilter = Literal["breached", "warning", "any", "clean"]
# Closed orders stop their clocks on the day they closed (a rejection answers the order too).
CLOSED = (OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.COMPLETED, OrderStatus.TERMINATED)
SPLIT_CLAUSES = (C.COPAY_RATIO, C.SHORTFALL, C.BROCHURE_PURCHASE, C.POINT_VALUE)
_RANK = {"met": 0, "pending": 1, "warning": 2, "breached": 3}


@pure
def taipei_date(value: datetime) -> date:
    """The Asia/Taipei calendar date of an instant (RULES §7: each clock starts from it)."""
    if value.tzinfo is None:  # stored instants are UTC; a naive one came from a test or old row
        value = value.replace(tzinfo=UTC)
    return value.astimezone(TAIPEI).date()


def _d(value: datetime | None) -> date | None:
    return taipei_date(value) if value is not None else None


@dataclass(frozen=True)
class OrderRow(JsonResult):
    order_id: int
    external_id: str
    applicant_id: int
    applicant_ubn: str
    applicant_name: str
    vendor_id: int
    vendor_name: str
    solution_name: str
    total: int
    points: int
    self_pay: int
    self_pay_paid: int
    status: str
    submitted_on: date
    term_months: int
    deadlines: tuple[Deadline, ...]
    worst: str  # the worst deadline status: breached > warning > pending > met
    split_clauses: tuple[str, ...]
    closed: bool = False  # rejected / cancelled / completed / terminated: open clocks stopped

    @property
    def breached(self) -> bool:
        return self.worst == "breached"

    @property
    def warned(self) -> bool:
        return self.worst == "warning"


@dataclass(frozen=True)
class OrderPage(JsonResult):
    rows: tuple[OrderRow, ...]
    total: int
    offset: int
    limit: int
    provisional_calendar: bool  # some deadline on the page used the fallback calendar


@dataclass(frozen=True)
class EventView(JsonResult):
    kind: str
    at: datetime
    on_date: date
    payload: dict[str, Any] | None


@dataclass(frozen=True)
class OrderDetail(JsonResult):
    row: OrderRow
    solution_price: int
    in_subsidy_zone: bool
    existing_customer_renewal: bool
    vendor_ubn: str
    grant_id: int | None
    events: tuple[EventView, ...]
    service_started_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class VendorOption(JsonResult):
    vendor_id: int
    name: str
    ubn: str


class OrderNotFound(LookupError):
    def __init__(self, order_id: int) -> None:
        super().__init__(f"order {order_id} not found")
        self.order_id = order_id


@pure
def judge_deadlines(order: Any, calendar: OfficeCalendar, as_of: date) -> tuple[Deadline, ...]:
    """The four deadlines of one order (any object with the Order date columns and status)."""
    events = OrderEvents(
        submitted=taipei_date(order.submitted_at),
        vendor_confirmed=_d(order.vendor_confirmed_at),
        paid=_d(order.paid_at),
        payment_confirmed=_d(order.payment_confirmed_at),
        invoiced=_d(order.invoiced_at),
        service_started=order.service_started_on,
    )
    judge_on = as_of
    if OrderStatus(order.status) in CLOSED and order.closed_at is not None:
        judge_on = min(as_of, taipei_date(order.closed_at))
    return order_deadlines(events, calendar, judge_on)


@pure
def worst_status(deadlines: Iterable[Deadline]) -> str:
    return max((d.status for d in deadlines), key=lambda s: _RANK[s], default="met")


def _matches(worst: str, breach: BreachFilter | None) -> bool:
    if breach is None:
        return True
    if breach == "any":
        return worst in ("breached", "warning")
    if breach == "clean":
        return worst in ("met", "pending")
    return worst == breach


_COLUMNS = (
    m.Order.id, m.Order.external_id, m.Order.applicant_id, m.Applicant.ubn.label("applicant_ubn"),
    m.Applicant.name.label("applicant_name"), m.Order.vendor_id, m.Vendor.name.label("vendor_name"),
    m.Solution.name.label("solution_name"), m.Order.total, m.Order.points, m.Order.self_pay,
    m.Order.self_pay_paid, m.Order.status, m.Order.submitted_at, m.Order.vendor_confirmed_at,
    m.Order.paid_at, m.Order.payment_confirmed_at, m.Order.invoiced_at, m.Order.service_started_on,
    m.Order.closed_at, m.Order.term_months,
)


def _select(columns: Iterable[Any] = _COLUMNS) -> Any:
    return (sa.select(*columns)
            .join(m.Applicant, m.Applicant.id == m.Order.applicant_id)
            .join(m.Vendor, m.Vendor.id == m.Order.vendor_id)
            .join(m.Solution, m.Solution.id == m.Order.solution_id))


def _filters(status: str | None, vendor_id: int | None, search: str | None,
             applicant_id: int | None) -> list[Any]:
    where: list[Any] = []
    if status:
        where.append(m.Order.status == OrderStatus(status))
    if vendor_id is not None:
        where.append(m.Order.vendor_id == vendor_id)
    if applicant_id is not None:
        where.append(m.Order.applicant_id == applicant_id)
    text = (search or "").strip()
    if text:
        if text.isdigit():
            where.append(sa.or_(m.Applicant.ubn.startswith(text), m.Vendor.ubn.startswith(text)))
        else:
            like = f"%{text.replace('%', '').replace('_', '')}%"
            where.append(sa.or_(m.Applicant.name.like(like), m.Order.external_id.like(like),
                                m.Vendor.name.like(like)))
    return where


def _row(r: Any, calendar: OfficeCalendar, as_of: date) -> OrderRow:
    deadlines = judge_deadlines(r, calendar, as_of)
    return OrderRow(
        order_id=int(r.id), external_id=r.external_id, applicant_id=int(r.applicant_id), applicant_ubn=r.applicant_ubn,
        applicant_name=r.applicant_name, vendor_id=int(r.vendor_id), vendor_name=r.vendor_name,
        solution_name=r.solution_name,
        total=int(r.total), points=int(r.points), self_pay=int(r.self_pay), self_pay_paid=int(r.self_pay_paid),
        status=OrderStatus(r.status).value, submitted_on=taipei_date(r.submitted_at),
        term_months=int(r.term_months), deadlines=deadlines, worst=worst_status(deadlines),
        split_clauses=SPLIT_CLAUSES, closed=OrderStatus(r.status) in CLOSED,
    )


@query_helper("a screen read with no viewer check yet (orders/points desks); totals and business data, no national IDs")
def list_orders(uow: UnitOfWork, *, as_of: date, status: str | None = None, vendor_id: int | None = None,
                search: str | None = None, breach: BreachFilter | None = None,
                applicant_id: int | None = None, offset: int = 0, limit: int = DEFAULT_PAGE_SIZE,
                descending: bool = True, calendar: OfficeCalendar | None = None,
                open_only: bool = False, max_id: int | None = None) -> OrderPage:
    """A page of orders, newest submission first (``descending``), with deadlines judged on ``as_of``.

    ``search``: digits = applicant or vendor UBN prefix, text = applicant/vendor name or order id.
    ``breach``: ``breached``, ``warning`` (provisional breach), ``any`` (either), ``clean``.
    ``open_only``: leave out closed orders (completed, cancelled, rejected, terminated).
    """
    session = uow.session
    cal = calendar or load_office_calendar(session)
    limit = max(1, min(int(limit), MAX_PAGE_SIZE))
    offset = max(0, int(offset))
    where = _filters(status, vendor_id, search, applicant_id)
    if open_only:  # not yet closed (CLOSED)
        where.append(m.Order.status.notin_(CLOSED))
    if max_id is not None:  # a snapshot's upper bound: later orders cannot shift the pages
        where.append(m.Order.id <= max_id)
    order_by = (m.Order.submitted_at.desc(), m.Order.id.desc()) if descending else (
        m.Order.submitted_at.asc(), m.Order.id.asc())
    rows: list[OrderRow] = []
    if breach is None:
        total = int(session.scalar(sa.select(sa.func.count()).select_from(
            _select((m.Order.id,)).where(*where).subquery())) or 0)
        result = session.execute(_select().where(*where).order_by(*order_by).offset(offset).limit(limit))
        rows = [_row(r, cal, as_of) for r in result]
    else:
        total = 0
        last_key: Any = None
        # Keyset walk over the date columns only; full rows are built for the page alone.
        while True:
            q = _select((m.Order.id, m.Order.submitted_at, m.Order.vendor_confirmed_at, m.Order.paid_at,
                         m.Order.payment_confirmed_at, m.Order.invoiced_at, m.Order.service_started_on,
                         m.Order.closed_at, m.Order.status)).where(*where)
            if last_key is not None:
                q = q.where(m.Order.id < last_key if descending else m.Order.id > last_key)
            chunk = session.execute(
                q.order_by(m.Order.id.desc() if descending else m.Order.id.asc()).limit(SCAN_CHUNK)).all()
            if not chunk:
                break
            wanted: list[int] = []
            for r in chunk:
                if _matches(worst_status(judge_deadlines(r, cal, as_of)), breach):
                    if offset <= total < offset + limit:
                        wanted.append(int(r.id))
                    total += 1
            if wanted:
                full = session.execute(_select().where(m.Order.id.in_(wanted))).all()
                rows.extend(_row(r, cal, as_of) for r in full)
            last_key = chunk[-1].id
        rows.sort(key=lambda o: o.order_id, reverse=descending)
    provisional = any(d.provisional for row in rows for d in row.deadlines)
    return OrderPage(tuple(rows), total, offset, limit, provisional)


@query_helper("a count for the dashboard")
def count_deadline_breaches(uow: UnitOfWork, *, as_of: date) -> int:
    """Open orders (逾期未辦) with at least one breached (not merely provisional) deadline on ``as_of``:
    a completed, cancelled, rejected or terminated order has nothing left to do, whatever it missed."""
    return list_orders(uow, as_of=as_of, breach="breached", open_only=True, limit=1).total


@query_helper("a screen read with no viewer check yet (orders/points desks); totals and business data, no national IDs")
def order_detail(uow: UnitOfWork, order_id: int, *, as_of: date) -> OrderDetail:
    """One order with its deadlines and its event history. Raises ``OrderNotFound``."""
    session = uow.session
    r = session.execute(_select((*_COLUMNS, m.Solution.price, m.Solution.in_subsidy_zone,
                                 m.Order.existing_customer_renewal, m.Vendor.ubn.label("vendor_ubn"),
                                 m.Order.grant_id))
                        .where(m.Order.id == order_id)).first()
    if r is None:
        raise OrderNotFound(order_id)
    cal = load_office_calendar(session)
    events = session.execute(sa.select(m.OrderEvent.kind, m.OrderEvent.at, m.OrderEvent.payload)
                             .where(m.OrderEvent.order_id == order_id)
                             .order_by(m.OrderEvent.at, m.OrderEvent.id)).all()
    views = [EventView(kind, at, taipei_date(at), payload) for kind, at, payload in events]
    if not any(v.kind == "submitted" for v in views):
        # The feed's order record is the submission: show it as the first event.
        views.insert(0, EventView("submitted", r.submitted_at, taipei_date(r.submitted_at), None))
    return OrderDetail(
        row=_row(r, cal, as_of), solution_price=int(r.price), in_subsidy_zone=bool(r.in_subsidy_zone),
        existing_customer_renewal=bool(r.existing_customer_renewal), vendor_ubn=r.vendor_ubn,
        grant_id=r.grant_id, service_started_on=r.service_started_on, closed_on=_d(r.closed_at),
        events=tuple(views),
    )


@query_helper("vendor names for the orders filter")
def list_vendors(uow: UnitOfWork) -> list[VendorOption]:
    """Vendors that have orders, for the vendor filter (by name)."""
    q = (sa.select(m.Vendor.id, m.Vendor.name, m.Vendor.ubn)
         .where(sa.exists().where(m.Order.vendor_id == m.Vendor.id))
         .order_by(m.Vendor.name, m.Vendor.id))
    return [VendorOption(int(i), n, u) for i, n, u in uow.session.execute(q)]
