"""The set-based sweep on SQLite and PostgreSQL: lapses, expiries, idempotence, budget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, OrderStatus
from backoffice.policy.calendar import OfficeCalendar
from backoffice.services.points import ledger
from backoffice.services.points.sweep import run_sweep
from tests.integration import _points_data as data

D0 = date(2026, 1, 15)  # lapse date 2026-02-15, valid through 2026-04-15
AFTER_LAPSE = date(2026, 2, 16)
AFTER_EXPIRY = date(2026, 4, 16)


def _setup(u: Any, n: int = 1, total: int = 300_000) -> tuple[m.Programme, list[tuple[m.Applicant, m.Grant]]]:
    p = data.programme(u.session, total=total)
    out = []
    for _ in range(n):
        a, app = data.applicant(u.session, p.id)
        out.append((a, ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)))
    return p, out


def held_order(u: Any, applicant_id: int, points: int, on: date,
               status: OrderStatus = OrderStatus.SUBMITTED) -> m.Order:
    """An order submitted on ``on`` whose points are held from that day."""
    o = data.order(u.session, applicant_id, points, on, status)
    ledger.hold_order_points(u.session, o, on)
    return o


def _terminated_with_8000_returned_on_04_10(u: Any, applicant_id: int) -> Any:
    """A 20,000-point order from 01-20, terminated; 8,000 points returned on 04-10 (valid to 04-17)."""
    from tests.integration.test_ledger import _refund_case

    o = held_order(u, applicant_id, 20_000, date(2026, 1, 20), OrderStatus.TERMINATED)
    case = _refund_case(u.session, o, points_refund=8_000)
    return ledger.return_refund_points(u.session, case, date(2026, 4, 10), OfficeCalendar())


def _status(u: Any, grant_id: int) -> GrantStatus:
    return u.session.scalar(sa.select(m.Grant.status).where(m.Grant.id == grant_id))


def _invariants(u: Any, p: m.Programme) -> None:
    """Ledger total = sum of lot balances; committed = reserved - released = grants - recovered."""
    s = u.session
    ledger_sum = s.scalar(sa.select(sa.func.coalesce(sa.func.sum(m.LedgerEntry.points), 0)))
    lot_sum = sum(lb.balance for a in s.scalars(sa.select(m.Applicant.id)) for lb in ledger.lot_balances(s, a))
    assert ledger_sum == lot_sum
    moves = dict(s.execute(sa.select(m.BudgetMovement.kind, sa.func.sum(m.BudgetMovement.points))
                           .group_by(m.BudgetMovement.kind)).all())
    assert data.committed(s, p.id) == moves.get("reserve", 0) - moves.get("release", 0)
    assert s.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry).where(
        m.LedgerEntry.kind.in_(("lapse", "expiry_recovery")), m.LedgerEntry.points >= 0)) == 0


def test_a_grant_with_no_use_lapses_the_day_after_its_lapse_date(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        assert run_sweep(u.session, date(2026, 2, 15)).lapsed == 0  # the last day still counts
        r = run_sweep(u.session, AFTER_LAPSE)
        u.commit()
    assert (r.lapsed, r.points_recovered, r.budget_released) == (1, 30_000, 30_000)
    with uow() as u:
        assert _status(u, g.id) is GrantStatus.LAPSED
        assert data.entries(u.session, g.id)[-1] == ("lapse", -30_000, AFTER_LAPSE)
        assert data.committed(u.session, p.id) == 0
        assert ledger.balance(u.session, a.id, AFTER_LAPSE) == 0
        _invariants(u, p)


def test_a_pending_order_holds_off_the_lapse(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        o = data.order(u.session, a.id, 10_000, date(2026, 2, 15))  # submitted on the last day
        ledger.hold_order_points(u.session, o, date(2026, 2, 15))
        r = run_sweep(u.session, date(2026, 3, 1))
        assert r.lapsed == 0 and _status(u, g.id) is GrantStatus.ACTIVE
        assert data.committed(u.session, p.id) == 30_000


def test_an_order_submitted_after_the_lapse_date_does_not_count_as_use(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        o = data.order(u.session, a.id, 1_000, AFTER_LAPSE)
        try:
            ledger.hold_order_points(u.session, o, AFTER_LAPSE)
        except ledger.InsufficientPoints:
            pass  # the grant is due to lapse: its points are no longer usable
        else:  # pragma: no cover
            raise AssertionError("points of a grant due to lapse were spent")
        assert run_sweep(u.session, AFTER_LAPSE).lapsed == 1


def test_the_grant_lapses_when_every_pending_order_is_rejected(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g), (a2, g2)] = _setup(u, n=2)
        # Grant 1: its only order is rejected after the lapse date -> lapses at once, that day.
        o = held_order(u, a.id, 10_000, date(2026, 2, 10))
        # Grant 2: two orders, both rejected before the lapse date -> the sweep lapses it.
        o2 = data.order(u.session, a2.id, 5_000, date(2026, 2, 1))
        o3 = data.order(u.session, a2.id, 6_000, date(2026, 2, 2))
        for x in (o2, o3):
            ledger.hold_order_points(u.session, x, x.submitted_at.date())
        assert run_sweep(u.session, date(2026, 3, 1)).lapsed == 0  # all pending
        for x in (o2, o3):
            x.status = OrderStatus.REJECTED
            ledger.release_order_points(u.session, x, date(2026, 3, 2))
            if x is o2:
                assert _status(u, g2.id) is GrantStatus.ACTIVE  # o3 still pending
        assert _status(u, g2.id) is GrantStatus.LAPSED
        assert data.entries(u.session, g2.id)[-1] == ("lapse", -30_000, date(2026, 3, 2))
        o.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, o, date(2026, 3, 5))
        assert _status(u, g.id) is GrantStatus.LAPSED
        assert data.entries(u.session, g.id)[-1] == ("lapse", -30_000, date(2026, 3, 5))
        assert data.committed(u.session, p.id) == 0
        r = run_sweep(u.session, date(2026, 3, 6))
        assert (r.lapsed, r.points_recovered, r.budget_released) == (0, 0, 0)  # already booked
        assert data.released(u.session, g.id) == data.released(u.session, g2.id) == 30_000
        _invariants(u, p)


def test_a_rejection_before_the_lapse_date_leaves_the_lapse_to_the_sweep(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        o = held_order(u, a.id, 10_000, date(2026, 2, 1))
        o.status = OrderStatus.CANCELLED
        ledger.release_order_points(u.session, o, date(2026, 2, 3))
        assert _status(u, g.id) is GrantStatus.ACTIVE  # the applicant may still order until 02-15
        r = run_sweep(u.session, AFTER_LAPSE)
        assert (r.lapsed, r.points_recovered) == (1, 30_000)
        assert data.entries(u.session, g.id)[-1] == ("lapse", -30_000, AFTER_LAPSE)


def test_expiry_recovers_the_unused_rest_of_a_lot(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        held_order(u, a.id, 12_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        pending = data.order(u.session, a.id, 3_000, date(2026, 4, 14))  # pending at expiry
        ledger.hold_order_points(u.session, pending, date(2026, 4, 14))
        assert run_sweep(u.session, date(2026, 4, 15)).expired_lots == 0  # valid through 04-15
        r = run_sweep(u.session, AFTER_EXPIRY)
        u.commit()
    assert (r.lapsed, r.expired_lots, r.expired_grants, r.points_recovered, r.budget_released) == (
        0, 1, 1, 15_000, 15_000)
    with uow() as u:
        assert _status(u, g.id) is GrantStatus.EXPIRED
        assert data.entries(u.session, g.id)[-1] == ("expiry_recovery", -15_000, AFTER_EXPIRY)
        assert data.committed(u.session, p.id) == 15_000  # 12,000 used + 3,000 still held
        # The pending order is rejected afterwards: its points are recovered at once.
        pending = u.session.get(m.Order, pending.id)
        pending.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, pending, date(2026, 4, 20))
        assert data.committed(u.session, p.id) == 12_000
        assert ledger.balance(u.session, a.id, date(2026, 4, 20)) == 0
        _invariants(u, p)


def test_a_returned_lot_keeps_its_own_validity_through_the_sweep(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        out = _terminated_with_8000_returned_on_04_10(u, a.id)
        assert out.valid_until == date(2026, 4, 17)
        r1 = run_sweep(u.session, AFTER_EXPIRY)  # the grant lot (10,000 left) expires, not the return
        assert (r1.expired_lots, r1.points_recovered, r1.expired_grants) == (1, 10_000, 0)
        assert _status(u, g.id) is GrantStatus.ACTIVE
        assert ledger.balance(u.session, a.id, AFTER_EXPIRY) == 8_000
        r2 = run_sweep(u.session, date(2026, 4, 18))
        assert (r2.expired_lots, r2.points_recovered, r2.expired_grants) == (1, 8_000, 1)
        assert data.entries(u.session, g.id)[-1] == ("expiry_recovery", -8_000, date(2026, 4, 18))
        assert data.committed(u.session, p.id) == 12_000
        _invariants(u, p)


def test_a_second_run_changes_nothing_and_budget_is_released_exactly_once(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, grants = _setup(u, n=4)
        (a1, _), (a2, _) = grants[0], grants[1]
        held_order(u, a1.id, 10_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        held_order(u, a2.id, 30_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        u.commit()
    with uow() as u:
        first = run_sweep(u.session, date(2026, 5, 1))
        u.commit()
    assert (first.lapsed, first.expired_lots, first.points_recovered, first.budget_released) == (
        2, 1, 80_000, 80_000)
    with uow() as u:
        counts = [u.session.scalar(sa.select(sa.func.count()).select_from(t))
                  for t in (m.LedgerEntry, m.BudgetMovement)]
        second = run_sweep(u.session, date(2026, 5, 1))
        later = run_sweep(u.session, date(2026, 12, 31))
        u.commit()
    assert (second.lapsed, second.expired_lots, second.points_recovered, second.budget_released) == (0, 0, 0, 0)
    assert (later.lapsed, later.expired_lots, later.points_recovered, later.budget_released) == (0, 0, 0, 0)
    with uow() as u:
        assert [u.session.scalar(sa.select(sa.func.count()).select_from(t))
                for t in (m.LedgerEntry, m.BudgetMovement)] == counts
        assert data.committed(u.session, p.id) == 40_000  # the two used orders
        # a1: 20,000 left in its lot expired; a2: spent everything; a3, a4: lapsed whole.
        assert [data.released(u.session, g.id) for _, g in grants] == [20_000, 0, 30_000, 30_000]
        _invariants(u, p)


# --- boundaries found by mutation testing of sweep.py (docs/mutation/sweep-survivors.txt) --------

def test_grants_of_two_programmes_lapsing_in_one_run_release_both_budgets(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(_a, g)] = _setup(u)
        q = data.programme(u.session, total=300_000)
        b, app = data.applicant(u.session, q.id)
        h = ledger.issue_grant(u.session, applicant_id=b.id, application_id=app.id, issued_on=D0)
        r = run_sweep(u.session, AFTER_LAPSE)
        u.commit()
    assert (r.lapsed, r.points_recovered, r.budget_released) == (2, 60_000, 60_000)
    with uow() as u:
        assert [_status(u, g.id), _status(u, h.id)] == [GrantStatus.LAPSED, GrantStatus.LAPSED]
        assert (data.committed(u.session, p.id), data.committed(u.session, q.id)) == (0, 0)
        _invariants(u, p)


def test_a_lot_with_one_point_left_expires_too(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        o = data.order(u.session, a.id, 29_999, date(2026, 2, 1), OrderStatus.IN_SERVICE, total=59_998)
        ledger.hold_order_points(u.session, o, date(2026, 2, 1))
        r = run_sweep(u.session, AFTER_EXPIRY)
        u.commit()
    assert (r.expired_lots, r.points_recovered, r.budget_released) == (1, 1, 1)
    with uow() as u:
        assert _status(u, g.id) is GrantStatus.EXPIRED
        assert data.entries(u.session, g.id)[-1] == ("expiry_recovery", -1, AFTER_EXPIRY)
        _invariants(u, p)


def test_an_order_without_points_is_not_use_and_the_grant_lapses(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        data.order(u.session, a.id, 0, date(2026, 2, 1), OrderStatus.IN_SERVICE, total=10_000)
        r = run_sweep(u.session, AFTER_LAPSE)
        u.commit()
    assert r.lapsed == 1
    with uow() as u:
        assert _status(u, g.id) is GrantStatus.LAPSED


def test_a_grant_stays_active_through_the_last_day_of_a_returned_lot(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        out = _terminated_with_8000_returned_on_04_10(u, a.id)
        assert out.valid_until == date(2026, 4, 17)  # the grant's own validity ended on 04-15
        r = run_sweep(u.session, date(2026, 4, 17))
        assert (r.expired_grants, _status(u, g.id)) == (0, GrantStatus.ACTIVE)  # the return is usable that day
        assert ledger.balance(u.session, a.id, date(2026, 4, 17)) == 8_000
        _invariants(u, p)


def test_a_one_point_order_before_the_lapse_date_keeps_the_grant(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _p, [(a, g)] = _setup(u)
        o = data.order(u.session, a.id, 1, date(2026, 2, 15), OrderStatus.IN_SERVICE)  # the lapse date itself
        ledger.hold_order_points(u.session, o, date(2026, 2, 15))
        r = run_sweep(u.session, AFTER_LAPSE)
        assert (r.lapsed, _status(u, g.id)) == (0, GrantStatus.ACTIVE)


def test_a_grant_lapsed_elsewhere_has_its_budget_released_but_is_not_counted_as_lapsing(
        uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(_a, g)] = _setup(u)
        g.status = GrantStatus.LAPSED  # e.g. booked by a feed import, the reservation still held
        u.session.flush()
        r = run_sweep(u.session, AFTER_LAPSE)
        u.commit()
    assert (r.lapsed, r.budget_released) == (0, 30_000)
    with uow() as u:
        assert data.committed(u.session, p.id) == 0
        assert u.session.get(m.Grant, g.id).budget_released  # type: ignore[union-attr]


def test_each_run_marks_what_it_booked_and_reports_an_immutable_result(uow: Callable[[], Any]) -> None:
    import dataclasses
    import re

    with uow() as u:
        _p, [(_a, g)] = _setup(u)
        r = run_sweep(u.session, AFTER_LAPSE)
        notes = set(u.session.scalars(sa.select(m.LedgerEntry.note).where(
            m.LedgerEntry.grant_id == g.id, m.LedgerEntry.kind == "lapse")))
        moves = set(u.session.scalars(sa.select(m.BudgetMovement.note).where(
            m.BudgetMovement.grant_id == g.id, m.BudgetMovement.kind == "release")))
    [note] = notes
    assert re.fullmatch(r"sweep 2026-02-16 [0-9a-f]{12}", note) and moves == {note}  # one run, one marker
    assert r.clauses == ("須知七(二)", "須知七(三)", "須知七(四)", "RULES §6 [decision: pending order]")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.lapsed = 0  # type: ignore[misc]
