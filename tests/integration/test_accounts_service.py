"""Points accounts on SQLite and PostgreSQL: list paging/search, running balance, lots, statuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backoffice.db import models as m
from backoffice.db.enums import GrantStatus, OrderStatus
from backoffice.policy import clauses as C
from backoffice.services.points import accounts, ledger
from tests.integration import _points_data as data

D0 = date(2026, 1, 15)  # lapse date 2026-02-15, valid through 2026-04-15


def _granted(u: Any, p: m.Programme, issued_on: date = D0) -> tuple[m.Applicant, m.Grant]:
    a, app = data.applicant(u.session, p.id)
    g = ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=issued_on)
    return a, g


def test_detail_shows_every_entry_with_a_running_balance_and_its_clause(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session)
        a, g = _granted(u, p)
        o1 = data.order(u.session, a.id, 12_000, date(2026, 1, 20), status=OrderStatus.VENDOR_CONFIRMED)
        ledger.hold_order_points(u.session, o1, date(2026, 1, 20))
        o2 = data.order(u.session, a.id, 5_000, date(2026, 1, 25))
        ledger.hold_order_points(u.session, o2, date(2026, 1, 25))
        o2.status = OrderStatus.REJECTED
        ledger.release_order_points(u.session, o2, date(2026, 1, 27))
        u.commit()
    with uow() as u:
        d = accounts.account_detail(u, a.id, as_of=date(2026, 2, 1))
    assert [(e.kind, e.points, e.running_balance) for e in d.entries] == [
        ("grant", 30_000, 30_000), ("order_hold", -12_000, 18_000), ("order_hold", -5_000, 13_000),
        ("order_release", 5_000, 18_000)]
    assert [e.order_external_id for e in d.entries] == [None, o1.external_id, o2.external_id, o2.external_id]
    assert all(e.clauses for e in d.entries)
    assert C.POINT_VALUE in d.entries[0].clauses
    assert (d.balance, d.ledger_total, d.status) == (18_000, 18_000, "active")
    (grant,) = d.grants
    assert (grant.lapse_on, grant.valid_until, grant.lapse_state) == (date(2026, 2, 15), date(2026, 4, 15), "used")
    assert C.LAPSE in grant.lapse_clauses and C.VALIDITY in grant.validity_clauses
    (lot,) = d.lots
    assert (lot.source, lot.initial, lot.balance, lot.usable) == ("grant", 30_000, 18_000, True)
    assert C.VALIDITY in lot.clauses


def test_an_unused_grant_shows_lapsed_after_its_lapse_date_before_the_sweep(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session)
        a, g = _granted(u, p)
        u.commit()
    with uow() as u:
        before = accounts.account_detail(u, a.id, as_of=date(2026, 2, 15))
        after = accounts.account_detail(u, a.id, as_of=date(2026, 2, 16))
    assert (before.status, before.grants[0].lapse_state, before.balance) == ("active", "open", 30_000)
    assert (after.status, after.grants[0].lapse_state, after.balance) == ("lapsed", "lapsed", 0)
    assert after.grants[0].stored_status == "active"  # the sweep has not booked it: shown, not written
    assert after.grants[0].lapsed_on == date(2026, 2, 16)


def test_exhausted_and_expired_accounts(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session)
        spent, g1 = _granted(u, p)
        o = data.order(u.session, spent.id, 30_000, date(2026, 1, 20), status=OrderStatus.VENDOR_CONFIRMED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        left, g2 = _granted(u, p)
        o2 = data.order(u.session, left.id, 1_000, date(2026, 1, 20), status=OrderStatus.VENDOR_CONFIRMED)
        ledger.hold_order_points(u.session, o2, date(2026, 1, 20))
        u.commit()
    with uow() as u:
        assert accounts.account_detail(u, spent.id, as_of=date(2026, 3, 1)).status == "exhausted"
        assert accounts.account_detail(u, left.id, as_of=date(2026, 3, 1)).status == "active"
        expired = accounts.account_detail(u, left.id, as_of=date(2026, 4, 16))
    assert (expired.status, expired.balance, expired.ledger_total) == ("expired", 0, 29_000)
    assert expired.lots[0].usable is False


def test_list_pages_searches_and_filters(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session, total=3_000_000)
        made = [_granted(u, p, issued_on=date(2026, 1, 1 + i)) for i in range(7)]
        made[0][1].status = GrantStatus.LAPSED
        u.commit()
    as_of = date(2026, 1, 10)
    with uow() as u:
        first = accounts.list_accounts(u, as_of=as_of, limit=3)
        second = accounts.list_accounts(u, as_of=as_of, offset=3, limit=3)
        third = accounts.list_accounts(u, as_of=as_of, offset=6, limit=3)
        by_ubn = accounts.list_accounts(u, as_of=as_of, search=made[4][0].ubn)
        by_name = accounts.list_accounts(u, as_of=as_of, search=made[5][0].name)
        lapsed = accounts.list_accounts(u, as_of=as_of, status="lapsed")
        shown_lapsed = accounts.list_accounts(u, as_of=date(2026, 3, 1), status="lapsed")
        oldest_first = accounts.list_accounts(u, as_of=as_of, limit=1, descending=False)
    assert (first.total, len(first.rows), len(second.rows), len(third.rows)) == (7, 3, 3, 1)
    ids = [r.applicant_id for page in (first, second, third) for r in page.rows]
    assert ids == [a.id for a, _ in reversed(made)]  # newest grant first, no row twice
    assert [r.applicant_id for r in by_ubn.rows] == [made[4][0].id]
    assert [r.applicant_id for r in by_name.rows] == [made[5][0].id]
    assert [r.applicant_id for r in lapsed.rows] == [made[0][0].id] and lapsed.total == 1
    assert lapsed.rows[0].status == "lapsed"
    # On 2026-03-01 the grants of 01-01..01-07 are past their lapse date unused: shown (and filtered) lapsed.
    assert shown_lapsed.total == 7 and {r.status for r in shown_lapsed.rows} == {"lapsed"}
    assert oldest_first.rows[0].applicant_id == made[0][0].id
    row = first.rows[0]
    assert (row.granted, row.balance, row.valid_until) == (30_000, 30_000, date(2026, 4, 7))
    assert C.VALIDITY in row.clauses


def test_a_returned_lot_explains_its_validity(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session)
        a, g = _granted(u, p)
        o = data.order(u.session, a.id, 30_000, date(2026, 1, 20), status=OrderStatus.TERMINATED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        late = m.PointLot(grant_id=g.id, source="return", created_on=date(2026, 4, 10),
                          valid_until=date(2026, 4, 17), points=4_000)
        u.session.add(late)
        u.session.flush()
        u.session.add(m.LedgerEntry(applicant_id=a.id, grant_id=g.id, lot_id=late.id, kind="refund_return",
                                    points=4_000, on_date=date(2026, 4, 10)))
        u.commit()
    with uow() as u:
        d = accounts.account_detail(u, a.id, as_of=date(2026, 4, 16))
    returned = next(lot for lot in d.lots if lot.source == "return")
    assert C.RETURN_VALIDITY_EXTENSION in returned.clauses
    assert returned.usable and d.balance == 4_000  # the grant lot expired, the returned one has not


def test_unknown_account_is_an_error_with_data(uow: Callable[[], Any]) -> None:
    with uow() as u, pytest.raises(accounts.AccountNotFound) as exc:
        accounts.account_detail(u, 987_654, as_of=D0)
    assert exc.value.applicant_id == 987_654


def test_list_balances_equal_the_ledger_service_balance(uow: Callable[[], Any]) -> None:
    with uow() as u:
        p = data.programme(u.session, total=3_000_000)
        spender, _ = _granted(u, p)
        o = data.order(u.session, spender.id, 7_000, date(2026, 1, 20), status=OrderStatus.VENDOR_CONFIRMED)
        ledger.hold_order_points(u.session, o, date(2026, 1, 20))
        _granted(u, p, issued_on=date(2026, 1, 10))  # never used: lapses after 2026-02-10
        u.commit()
    for as_of in (date(2026, 1, 20), date(2026, 2, 11), date(2026, 4, 16)):
        with uow() as u:
            page = accounts.list_accounts(u, as_of=as_of)
            assert [r.balance for r in page.rows] == [ledger.balance(u.session, r.applicant_id, as_of)
                                                      for r in page.rows], as_of
