"""Orders list/detail on SQLite and PostgreSQL: split, §7 deadlines (breach vs provisional warning), filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest

from backoffice.db import models as m
from backoffice.db.enums import OrderStatus
from backoffice.policy import clauses as C
from backoffice.services.admin import calendar as calendar_service
from backoffice.services.orders import orders_view
from tests.integration import _points_data as data

TAIPEI = timezone(timedelta(hours=8))


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), TAIPEI)


def _import_2026(u: Any) -> None:
    """Import the office calendar of 2026 (ROC 115) in the official CSV form: Mon-Fri working,
    2026-01-01 off. Built here so the test does not depend on a sample file's exact holidays."""
    lines = ["西元日期,星期,是否放假,備註"]
    d = date(2026, 1, 1)
    while d.year == 2026:
        off = d.weekday() >= 5 or d == date(2026, 1, 1)
        lines.append(f"{d:%Y%m%d},{'一二三四五六日'[d.weekday()]},{2 if off else 0},")
        d += timedelta(days=1)
    calendar_service.import_office_calendar_csv(u.session, "\r\n".join(lines).encode("big5"), "test.csv")


def _orders(u: Any) -> dict[str, m.Order]:
    p = data.programme(u.session)
    a, _ = data.applicant(u.session, p.id)
    made: dict[str, m.Order] = {}
    # Submitted Monday 2026-03-02: the vendor must confirm by Wednesday 03-04 (2 working days).
    made["late_confirm"] = data.order(u.session, a.id, 10_000, date(2026, 3, 2))
    made["late_confirm"].vendor_confirmed_at = at(date(2026, 3, 5))  # Thursday: one day late
    made["late_confirm"].status = OrderStatus.VENDOR_CONFIRMED
    made["on_time"] = data.order(u.session, a.id, 15_000, date(2026, 3, 2), total=40_000)
    made["on_time"].vendor_confirmed_at = at(date(2026, 3, 4))
    made["on_time"].paid_at = at(date(2026, 3, 5))
    made["on_time"].status = OrderStatus.PAID
    # Still waiting on the vendor, but only since Friday 03-06: due Tuesday 03-10.
    made["pending"] = data.order(u.session, a.id, 5_000, date(2026, 3, 6))
    # Rejected on time: its confirm clock stops on the rejection day.
    made["rejected"] = data.order(u.session, a.id, 5_000, date(2026, 3, 2), status=OrderStatus.REJECTED)
    made["rejected"].closed_at = at(date(2026, 3, 3))
    # 2027 is not imported: its deadlines come from the provisional fallback calendar.
    made["provisional"] = data.order(u.session, a.id, 5_000, date(2027, 3, 1))
    u.session.flush()
    return made


AS_OF = date(2026, 3, 9)


def test_a_late_confirmation_is_breached_and_on_time_orders_are_not(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _import_2026(u)
        made = _orders(u)
        u.commit()
    with uow() as u:
        page = orders_view.list_orders(u, as_of=AS_OF)
    rows = {r.order_id: r for r in page.rows}
    late = rows[made["late_confirm"].id]
    confirm = late.deadlines[0]
    assert (confirm.name, confirm.due, confirm.done_on, confirm.status, confirm.provisional) == (
        "vendor_confirm", date(2026, 3, 4), date(2026, 3, 5), "breached", False)
    assert C.ORDER_DEADLINES in confirm.clauses
    assert late.worst == "breached" and late.breached
    on_time = rows[made["on_time"].id]
    assert [d.status for d in on_time.deadlines] == ["met", "met", "pending", "pending"]
    assert on_time.deadlines[2].due == date(2026, 3, 9)  # paid Thu 03-05 -> invoice by Mon 03-09
    assert (on_time.total, on_time.points, on_time.self_pay) == (40_000, 15_000, 25_000)
    assert C.COPAY_RATIO in on_time.split_clauses
    assert rows[made["pending"].id].worst == "pending"
    assert rows[made["rejected"].id].worst == "pending"  # rejected on 03-03, before the due day


def test_a_breach_on_the_provisional_calendar_is_only_a_warning(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _import_2026(u)
        made = _orders(u)
        u.commit()
    with uow() as u:
        page = orders_view.list_orders(u, as_of=date(2027, 3, 20))
    row = next(r for r in page.rows if r.order_id == made["provisional"].id)
    confirm = row.deadlines[0]
    assert confirm.provisional and confirm.status == "warning"
    assert C.PROVISIONAL_CALENDAR in confirm.clauses
    assert row.worst == "warning" and not row.breached
    assert page.provisional_calendar


def test_breach_filter_counts_exactly_and_pages(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _import_2026(u)
        made = _orders(u)
        u.commit()
    as_of = date(2027, 3, 20)  # every 2026 order still open is breached by now; the 2027 one warns
    with uow() as u:
        breached = orders_view.list_orders(u, as_of=as_of, breach="breached")
        warned = orders_view.list_orders(u, as_of=as_of, breach="warning")
        either = orders_view.list_orders(u, as_of=as_of, breach="any", limit=2)
        either_p2 = orders_view.list_orders(u, as_of=as_of, breach="any", offset=2, limit=2)
        clean = orders_view.list_orders(u, as_of=as_of, breach="clean")
        assert orders_view.count_deadline_breaches(u, as_of=as_of) == breached.total
    want_breached = {made[k].id for k in ("late_confirm", "on_time", "pending")}
    assert {r.order_id for r in breached.rows} == want_breached and breached.total == 3
    assert [r.order_id for r in warned.rows] == [made["provisional"].id]
    assert either.total == 4 and len(either.rows) == 2 and len(either_p2.rows) == 2
    assert {r.order_id for r in either.rows + either_p2.rows} == want_breached | {made["provisional"].id}
    assert [r.order_id for r in clean.rows] == [made["rejected"].id]


def test_filters_by_status_vendor_and_search_and_sql_paging(uow: Callable[[], Any]) -> None:
    with uow() as u:
        made = _orders(u)
        u.commit()
    with uow() as u:
        by_status = orders_view.list_orders(u, as_of=AS_OF, status="paid")
        vendor = made["pending"].vendor_id
        by_vendor = orders_view.list_orders(u, as_of=AS_OF, vendor_id=vendor)
        by_ext = orders_view.list_orders(u, as_of=AS_OF, search=made["rejected"].external_id)
        page1 = orders_view.list_orders(u, as_of=AS_OF, limit=2)
        page3 = orders_view.list_orders(u, as_of=AS_OF, offset=4, limit=2)
        vendors = orders_view.list_vendors(u)
    assert [r.order_id for r in by_status.rows] == [made["on_time"].id]
    assert [r.order_id for r in by_vendor.rows] == [made["pending"].id]
    assert [r.order_id for r in by_ext.rows] == [made["rejected"].id]
    assert page1.total == 5 and len(page1.rows) == 2 and len(page3.rows) == 1
    assert page1.rows[0].order_id == made["provisional"].id  # newest submission first
    assert len(vendors) == 5 and vendor in {v.vendor_id for v in vendors}


def test_detail_lists_the_events_in_time_order(uow: Callable[[], Any]) -> None:
    with uow() as u:
        made = _orders(u)
        o = made["on_time"]
        for kind, day in (("paid", date(2026, 3, 5)), ("submitted", date(2026, 3, 2)),
                          ("vendor_confirmed", date(2026, 3, 4))):
            u.session.add(m.OrderEvent(order_id=o.id, kind=kind, at=at(day, 23), payload={"k": kind}))
        u.commit()
    with uow() as u:
        d = orders_view.order_detail(u, o.id, as_of=AS_OF)
    assert [e.kind for e in d.events] == ["submitted", "vendor_confirmed", "paid"]
    # 23:00 Taipei is 15:00 UTC the same day: the Taipei date is kept.
    assert [e.on_date for e in d.events] == [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 5)]
    assert d.row.order_id == o.id and d.solution_price == 40_000
    with uow() as u:
        # Without a "submitted" event (the feed's order record is the submission) it is shown first.
        bare = orders_view.order_detail(u, made["pending"].id, as_of=AS_OF)
    assert [(e.kind, e.on_date) for e in bare.events] == [("submitted", date(2026, 3, 6))]
    with uow() as u, pytest.raises(orders_view.OrderNotFound):
        orders_view.order_detail(u, 424_242, as_of=AS_OF)


def test_a_late_evening_event_counts_on_its_taipei_date() -> None:
    # 2026-03-04 17:00 UTC is 2026-03-05 01:00 in Taipei: the clock uses the Taipei date.
    assert orders_view.taipei_date(datetime(2026, 3, 4, 17, 0, tzinfo=UTC)) == date(2026, 3, 5)


def test_the_dashboards_overdue_count_leaves_out_closed_orders(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _import_2026(u)
        made = _orders(u)
        applicant_id = made["late_confirm"].applicant_id
        for status in (OrderStatus.COMPLETED, OrderStatus.CANCELLED):  # late once, done now
            late = data.order(u.session, applicant_id, 1_000, date(2026, 3, 2))
            late.vendor_confirmed_at = at(date(2026, 3, 5))
            late.status = status
            late.closed_at = at(date(2026, 3, 6))
        u.commit()
    with uow() as u:
        assert orders_view.list_orders(u, as_of=AS_OF, breach="breached").total == 3
        assert orders_view.count_deadline_breaches(u, as_of=AS_OF) == 1  # 逾期未辦: only late_confirm
