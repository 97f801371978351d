"""The ledger service on SQLite and PostgreSQL: grants, holds, releases, returns, balances."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, OrderStatus, Party, RefundStatus
from backoffice.policy.calendar import OfficeCalendar
from backoffice.policy.points import InsufficientPoints
from backoffice.services.points import ledger
from tests.integration import _points_data as data

D0 = date(2026, 1, 15)  # valid through 2026-04-15, lapse date 2026-02-15


def _grant(u: Any, total: int = 300_000, **kw: Any) -> tuple[m.Programme, m.Applicant, m.Grant]:
    p = data.programme(u.session, total=total, **kw)
    a, app = data.applicant(u.session, p.id)
    g = ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)
    return p, a, g


def test_a_grant_reserves_budget_and_creates_one_lot_and_one_entry(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, a, g = _grant(u)
        u.commit()
    with uow() as u:
        g = u.session.get(m.Grant, g.id)
        assert (g.points, g.valid_until, g.lapse_on, g.status) == (30_000, date(2026, 4, 15),
                                                                   date(2026, 2, 15), GrantStatus.ACTIVE)
        (lot,) = u.session.scalars(sa.select(m.PointLot).where(m.PointLot.grant_id == g.id)).all()
        assert (lot.points, lot.valid_until) == (30_000, date(2026, 4, 15))
        assert data.entries(u.session, g.id) == [("grant", 30_000, D0)]
        assert data.committed(u.session, p.id) == 30_000
        assert ledger.balance(u.session, a.id, D0) == 30_000
        assert ledger.balance(u.session, a.id, date(2026, 4, 16)) == 0  # past its validity


def test_no_grant_when_less_than_one_grant_of_budget_remains(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session, total=59_999)
        a1, app1 = data.applicant(u.session, p.id)
        a2, app2 = data.applicant(u.session, p.id)
        ledger.issue_grant(u.session, applicant_id=a1.id, application_id=app1.id, issued_on=D0)
        with pytest.raises(ledger.BudgetExhausted) as exc:
            ledger.issue_grant(u.session, applicant_id=a2.id, application_id=app2.id, issued_on=D0)
        assert exc.value.remaining == 29_999
        assert data.committed(u.session, p.id) == 30_000


def test_a_second_active_grant_for_the_same_applicant_is_refused(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _, a, _ = _grant(u)
        with pytest.raises(ledger.LedgerError):
            ledger.issue_grant(u.session, applicant_id=a.id, application_id=None, issued_on=D0)


def test_orders_spend_the_lot_that_expires_first_and_cannot_overdraw(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _, a, g = _grant(u)
        # A returned lot that expires before the grant lot.
        early = m.PointLot(grant_id=g.id, source="return", created_on=D0, valid_until=date(2026, 3, 1),
                           points=5_000)
        u.session.add(early)
        u.session.flush()
        u.session.add(m.LedgerEntry(applicant_id=a.id, grant_id=g.id, lot_id=early.id, kind="refund_return",
                                    points=5_000, on_date=D0))
        o = data.order(u.session, a.id, 8_000, date(2026, 2, 1))
        ledger.hold_order_points(u.session, o, date(2026, 2, 1))
        holds = u.session.execute(sa.select(m.LedgerEntry.lot_id, m.LedgerEntry.points).where(
            m.LedgerEntry.order_id == o.id).order_by(m.LedgerEntry.id)).all()
        grant_lot = u.session.scalar(sa.select(m.PointLot.id).where(m.PointLot.grant_id == g.id,
                                                                     m.PointLot.source == "grant"))
        assert [tuple(h) for h in holds] == [(early.id, -5_000), (grant_lot, -3_000)]
        assert o.grant_id == g.id
        assert ledger.balance(u.session, a.id, date(2026, 2, 1)) == 27_000
        big = data.order(u.session, a.id, 27_001, date(2026, 2, 2))
        with pytest.raises(InsufficientPoints) as exc:
            ledger.hold_order_points(u.session, big, date(2026, 2, 2))
        assert exc.value.available == 27_000


def test_a_rejected_order_gives_the_points_back_to_the_same_lots(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, a, g = _grant(u)
        o = data.order(u.session, a.id, 10_000, date(2026, 2, 1))
        ledger.hold_order_points(u.session, o, date(2026, 2, 1))
        o.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, o, date(2026, 2, 3))
        assert ledger.balance(u.session, a.id, date(2026, 2, 3)) == 30_000
        assert [k for k, _, _ in data.entries(u.session, g.id)] == ["grant", "order_hold", "order_release"]
        ledger.release_order_points(u.session, o, date(2026, 2, 4))  # nothing left to release
        assert len(data.entries(u.session, g.id)) == 3
        assert data.committed(u.session, p.id) == 30_000


def test_points_released_after_expiry_are_recovered_at_once(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, a, g = _grant(u)
        used = data.order(u.session, a.id, 10_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        ledger.hold_order_points(u.session, used, date(2026, 2, 1))
        pending = data.order(u.session, a.id, 5_000, date(2026, 4, 10))
        ledger.hold_order_points(u.session, pending, date(2026, 4, 10))
        pending.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, pending, date(2026, 4, 20))  # lot expired 04-15
        assert data.entries(u.session, g.id)[-2:] == [("order_release", 5_000, date(2026, 4, 20)),
                                                      ("expiry_recovery", -5_000, date(2026, 4, 20))]
        assert data.committed(u.session, p.id) == 25_000
        assert data.released(u.session, g.id) == 5_000


def test_returned_points_form_a_new_lot_with_the_later_validity(uow: Callable[[], Any]) -> None:
    cal = OfficeCalendar(fallback=None)
    with uow() as u:
        p, a, g = _grant(u)
        o = data.order(u.session, a.id, 30_000, date(2026, 1, 20), OrderStatus.TERMINATED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        case = _refund_case(u.session, o, points_refund=17_500)
        out = ledger.return_refund_points(u.session, case, date(2026, 4, 10), cal)
        # period_end(D0+1, 3) = 04-15; 5th working day after Fri 04-10 = Fri 04-17 (later wins).
        assert (out.returned, out.valid_until, out.points) == (True, date(2026, 4, 17), 17_500)
        assert case.return_lot_id == out.lot_id and case.returned_on == date(2026, 4, 10)
        assert ledger.balance(u.session, a.id, date(2026, 4, 16)) == 17_500
        assert ledger.balance(u.session, a.id, date(2026, 4, 18)) == 0
        assert data.committed(u.session, p.id) == 30_000
        with pytest.raises(ledger.LedgerError):
            ledger.return_refund_points(u.session, case, date(2026, 4, 11), cal)


@pytest.mark.parametrize("points_refund", [0, 1])
def test_a_refund_of_no_points_books_nothing_and_one_point_comes_back_as_a_lot(
        uow: Callable[[], Any], points_refund: int) -> None:
    cal = OfficeCalendar(fallback=None)
    with uow() as u:
        p, a, g = _grant(u)
        o = data.order(u.session, a.id, 30_000, date(2026, 1, 20), OrderStatus.TERMINATED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        before = data.entries(u.session, g.id)
        case = _refund_case(u.session, o, points_refund=points_refund)
        out = ledger.return_refund_points(u.session, case, date(2026, 4, 10), cal)
        assert case.returned_on == date(2026, 4, 10)
        if points_refund == 0:
            assert out == ledger.ReturnOutcome(0, False, False, None, None, False, ())
            assert data.entries(u.session, g.id) == before and case.return_lot_id is None
        else:
            assert (out.points, out.returned, out.forfeited) == (1, True, False)
            assert case.return_lot_id == out.lot_id is not None
            assert ledger.balance(u.session, a.id, date(2026, 4, 16)) == 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            out.points = 5  # type: ignore[misc]


def test_returned_points_find_their_grant_through_the_hold_when_the_order_does_not_name_it(
        uow: Callable[[], Any]) -> None:
    # An order row without its grant id (written before orders recorded it) still returns its
    # points to the grant its hold entries name.
    cal = OfficeCalendar(fallback=None)
    with uow() as u:
        p, a, g = _grant(u)
        # Another applicant's order, held first, on another grant.
        b, b_app = data.applicant(u.session, p.id)
        ledger.issue_grant(u.session, applicant_id=b.id, application_id=b_app.id, issued_on=D0)
        other = data.order(u.session, b.id, 1_000, date(2026, 1, 19), OrderStatus.IN_SERVICE)
        ledger.hold_order_points(u.session, other, date(2026, 1, 19))
        o = data.order(u.session, a.id, 20_000, date(2026, 1, 20), OrderStatus.TERMINATED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        o.grant_id = None
        u.session.flush()
        case = _refund_case(u.session, o, points_refund=5_000)
        out = ledger.return_refund_points(u.session, case, date(2026, 4, 10), cal)
        assert (out.points, out.returned) == (5_000, True)
        assert data.entries(u.session, g.id)[-1] == ("refund_return", 5_000, date(2026, 4, 10))


def test_points_returned_after_the_subsidy_deadline_are_forfeited(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, a, g = _grant(u, deadline=date(2026, 3, 31))
        o = data.order(u.session, a.id, 30_000, date(2026, 1, 20), OrderStatus.TERMINATED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        case = _refund_case(u.session, o, points_refund=12_000)
        out = ledger.return_refund_points(u.session, case, date(2026, 4, 1), OfficeCalendar())
        assert (out.returned, out.forfeited, out.lot_id) == (False, True, None)
        assert case.forfeited
        assert data.entries(u.session, g.id)[-2:] == [("refund_return", 12_000, date(2026, 4, 1)),
                                                      ("forfeit", -12_000, date(2026, 4, 1))]
        assert data.committed(u.session, p.id) == 18_000
        assert ledger.ledger_total(u.session, a.id) == 0


def test_a_lapsed_grant_can_be_reactivated_with_a_new_reservation(uow: Callable[[], Any]) -> None:
    from backoffice.services.points.sweep import run_sweep

    with uow() as u:
        p, a, g = _grant(u)
        run_sweep(u.session, date(2026, 2, 16))
        assert u.session.get(m.Grant, g.id).status is GrantStatus.LAPSED
        assert data.committed(u.session, p.id) == 0
        g2 = ledger.issue_grant(u.session, applicant_id=a.id, application_id=None, issued_on=date(2026, 3, 2),
                                reactivation_of=g.id)
        assert u.session.get(m.Grant, g.id).status is GrantStatus.REACTIVATED
        assert (g2.reactivation_of_id, g2.valid_until) == (g.id, date(2026, 6, 2))
        assert data.entries(u.session, g2.id) == [("reactivation", 30_000, date(2026, 3, 2))]
        assert data.committed(u.session, p.id) == 30_000
        with pytest.raises(ledger.LedgerError):  # only a lapsed grant can be reactivated
            ledger.issue_grant(u.session, applicant_id=a.id, application_id=None, issued_on=date(2026, 3, 3),
                               reactivation_of=g2.id)


def test_the_ledger_balance_is_the_sum_of_its_entries(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _, a, g = _grant(u)
        for i, pts in enumerate((3_000, 4_000, 5_000)):
            o = data.order(u.session, a.id, pts, date(2026, 2, 1 + i))
            ledger.hold_order_points(u.session, o, date(2026, 2, 1 + i))
            if pts == 4_000:
                o.status = OrderStatus.CANCELLED
                ledger.release_order_points(u.session, o, date(2026, 2, 5))
        u.commit()
    with uow() as u:
        total = u.session.scalar(sa.select(sa.func.sum(m.LedgerEntry.points))
                                 .where(m.LedgerEntry.applicant_id == a.id))
        lots = ledger.lot_balances(u.session, a.id)
        assert total == ledger.ledger_total(u.session, a.id) == sum(lb.balance for lb in lots) == 22_000
        assert ledger.balance(u.session, a.id, date(2026, 2, 10)) == 22_000


def _refund_case(session: Any, order: m.Order, points_refund: int) -> m.RefundCase:
    t = m.Termination(external_id=f"T{order.id}", order_id=order.id, filed_on=date(2026, 3, 20),
                      effective_on=date(2026, 3, 31), initiated_by=Party.APPLICANT)
    session.add(t)
    session.flush()
    case = m.RefundCase(termination_id=t.id, term_months=12, months_used=1, points_total=order.points,
                        points_used=order.points - points_refund, points_refund=points_refund,
                        self_pay_paid=0, self_pay_used=0, self_pay_refund=0, status=RefundStatus.APPROVED,
                        window_ends_on=date(2026, 4, 3))
    session.add(case)
    session.flush()
    return case
