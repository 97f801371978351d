"""Holding and releasing an order's points, at their boundaries: found by mutation testing of
services/points/ledger.py (docs/mutation/ledger-survivors.txt). SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, OrderStatus
from backoffice.services.points import ledger
from backoffice.services.points.basics import LedgerError
from tests.integration import _points_data as data
from tests.integration.test_sweep import _invariants, _setup, _status, held_order

pytestmark = pytest.mark.db
AFTER_LAPSE = date(2026, 2, 20)  # the grants of _setup lapse after 2026-02-15


def test_an_order_rejected_after_the_lapse_date_lapses_an_otherwise_unused_grant_at_once(
        uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g), (_b, other)] = _setup(u, n=2)
        o = held_order(u, a.id, 10_000, date(2026, 2, 1))
        o.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, o, AFTER_LAPSE)
        u.commit()
    with uow() as u:
        grant = u.session.get(m.Grant, g.id)
        assert grant is not None and grant.status is GrantStatus.LAPSED and grant.budget_released
        assert data.entries(u.session, g.id)[1:] == [
            ("order_hold", -10_000, date(2026, 2, 1)), ("order_release", 10_000, AFTER_LAPSE),
            ("lapse", -30_000, AFTER_LAPSE)]
        assert data.released(u.session, g.id) == 30_000  # the whole reservation, once
        assert data.committed(u.session, p.id) == 30_000  # only the other applicant's grant
        assert _status(u, other.id) is GrantStatus.ACTIVE
        assert ledger.balance(u.session, a.id, AFTER_LAPSE) == 0
        o = u.session.get(m.Order, o.id)
        ledger.release_order_points(u.session, o, date(2026, 2, 21))  # again: nothing left to release
        u.commit()
    with uow() as u:
        assert len(data.entries(u.session, g.id)) == 4 and data.released(u.session, g.id) == 30_000
        _invariants(u, p)


def test_a_one_point_order_is_held_and_counts_as_use(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        tiny = held_order(u, a.id, 1, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        assert tiny.grant_id == g.id
        other = held_order(u, a.id, 5_000, date(2026, 2, 2))
        other.status = OrderStatus.CANCELLED
        ledger.release_order_points(u.session, other, AFTER_LAPSE)
        u.commit()
    with uow() as u:
        assert _status(u, g.id) is GrantStatus.ACTIVE  # the 1-point order is use (須知七(三))
        assert ("order_hold", -1, date(2026, 2, 1)) in data.entries(u.session, g.id)
        assert ledger.balance(u.session, a.id, AFTER_LAPSE) == 29_999
        _invariants(u, p)


def test_an_order_holds_its_points_once(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _p, [(a, g)] = _setup(u)
        o = held_order(u, a.id, 2_000, date(2026, 2, 1))
        with pytest.raises(LedgerError, match="already holds"):
            ledger.hold_order_points(u.session, o, date(2026, 2, 2))
        free = data.order(u.session, a.id, 0, date(2026, 2, 3), total=8_000)  # self-pay only
        ledger.hold_order_points(u.session, free, date(2026, 2, 3))
        holds = u.session.scalar(sa.select(sa.func.count()).select_from(m.LedgerEntry)
                                 .where(m.LedgerEntry.kind == "order_hold"))
        assert holds == 1 and free.grant_id is None
        assert ledger.balance(u.session, a.id, date(2026, 2, 3)) == 28_000


def test_one_point_released_after_its_lot_expired_is_recovered_at_once(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p, [(a, g)] = _setup(u)
        held_order(u, a.id, 20_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
        tiny = data.order(u.session, a.id, 1, date(2026, 4, 10))  # pending over the expiry (04-15)
        ledger.hold_order_points(u.session, tiny, date(2026, 4, 10))
        tiny.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, tiny, date(2026, 4, 20))
        u.commit()
    with uow() as u:
        assert data.entries(u.session, g.id)[-2:] == [("order_release", 1, date(2026, 4, 20)),
                                                       ("expiry_recovery", -1, date(2026, 4, 20))]
        assert data.released(u.session, g.id) == 1
        assert ledger.balance(u.session, a.id, date(2026, 4, 20)) == 0
        _invariants(u, p)


def test_the_order_being_released_is_never_its_grants_use(uow: Callable[[], Any]) -> None:
    """Whatever its status still says while its points come back, the released order does not keep
    the grant alive after the lapse date."""
    with uow() as u:
        _p, [(a, g)] = _setup(u)
        o = held_order(u, a.id, 10_000, date(2026, 2, 1))
        ledger.release_order_points(u.session, o, AFTER_LAPSE)  # status not yet changed by the caller
        assert _status(u, g.id) is GrantStatus.LAPSED


def test_a_lapsed_grant_is_reactivated_only_for_its_own_applicant(uow: Callable[[], Any]) -> None:
    from backoffice.services.points.sweep import run_sweep

    with uow() as u:
        _p, [(a, g), (b, _h)] = _setup(u, n=2)
        run_sweep(u.session, AFTER_LAPSE)
        assert _status(u, g.id) is GrantStatus.LAPSED
        with pytest.raises(LedgerError, match="does not belong"):
            ledger.issue_grant(u.session, applicant_id=b.id, application_id=None, issued_on=date(2026, 3, 2),
                               reactivation_of=g)
        again = ledger.issue_grant(u.session, applicant_id=a.id, application_id=None,
                                   issued_on=date(2026, 3, 2), reactivation_of=g)
        assert again.applicant_id == a.id and _status(u, g.id) is GrantStatus.REACTIVATED


def test_an_applicant_without_entries_has_a_ledger_total_of_zero(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session)
        a, _app = data.applicant(u.session, p.id)
        assert ledger.ledger_total(u.session, a.id) == 0


def test_a_lot_balance_is_an_immutable_value(uow: Callable[[], Any]) -> None:
    import dataclasses

    with uow() as u:
        _p, [(a, _g)] = _setup(u)
        [lot] = ledger.lot_balances(u.session, a.id)
    assert lot.balance == 30_000
    with pytest.raises(dataclasses.FrozenInstanceError):
        lot.balance = 1  # type: ignore[misc]


def test_a_lot_of_one_point_lapses_too_at_a_release_and_in_the_sweep(uow: Callable[[], Any]) -> None:
    """A programme that grants 1 point (a parameter) gives lots of exactly 1 point; their lapse
    must book -1 whether the release or the nightly sweep finds it."""
    from backoffice.services.points.sweep import run_sweep

    with uow() as u:
        p = data.programme(u.session)
        u.session.add(m.ProgrammeParameter(programme_id=p.id, name="grant_points", int_value=1,
                                           effective_from=date(2026, 1, 1)))
        u.session.flush()
        grants = []
        for _ in range(2):
            a, app = data.applicant(u.session, p.id)
            grants.append((a, ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id,
                                                 issued_on=date(2026, 1, 15))))
        (a, g), (_b, h) = grants
        assert g.points == 1
        o = held_order(u, a.id, 1, date(2026, 2, 1))
        o.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, o, AFTER_LAPSE)  # the release lapses g
        r = run_sweep(u.session, AFTER_LAPSE)  # the sweep lapses h
        u.commit()
    assert (r.lapsed, r.points_recovered) == (1, 1)
    with uow() as u:
        assert data.entries(u.session, g.id)[-1] == ("lapse", -1, AFTER_LAPSE)
        assert data.entries(u.session, h.id)[-1] == ("lapse", -1, date(2026, 2, 16))  # the day after the lapse date
        assert data.committed(u.session, p.id) == 0
        _invariants(u, p)
