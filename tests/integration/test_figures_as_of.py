"""Dashboard and accounts figures as of a date are the policy's, whether or not the sweep has run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backoffice.db.enums import OrderStatus
from backoffice.services.dashboard import programme_overview
from backoffice.services.points import ledger
from backoffice.services.points.accounts import account_detail, list_accounts
from backoffice.services.points.pending import pending_sweep
from backoffice.services.points.sweep import run_sweep
from tests.integration import _points_data as data

pytestmark = pytest.mark.db

D0 = date(2026, 1, 15)  # lapse date 2026-02-15, valid through 2026-04-15
AFTER_EXPIRY = date(2026, 4, 16)


def _seed(u: Any) -> dict[str, int]:
    """Three grants: one never used (lapses), one partly used (its rest expires), one used later."""
    p = data.programme(u.session, total=300_000)
    ids: dict[str, int] = {}
    for key in ("unused", "partly", "late"):
        a, app = data.applicant(u.session, p.id)
        ledger.issue_grant(u.session, applicant_id=a.id, application_id=app.id, issued_on=D0)
        ids[key] = a.id
    o = data.order(u.session, ids["partly"], 12_000, date(2026, 2, 1), OrderStatus.IN_SERVICE)
    ledger.hold_order_points(u.session, o, date(2026, 2, 1))
    held = data.order(u.session, ids["partly"], 3_000, date(2026, 4, 14))  # pending at expiry: kept
    ledger.hold_order_points(u.session, held, date(2026, 4, 14))
    o2 = data.order(u.session, ids["late"], 1_000, date(2026, 2, 10), OrderStatus.IN_SERVICE)
    ledger.hold_order_points(u.session, o2, date(2026, 2, 10))
    return ids


def _figures(u: Any, ids: dict[str, int], on: date) -> tuple[Any, ...]:
    o = programme_overview(u, as_of=on)
    rows = {r.applicant_id: r for r in list_accounts(u, as_of=on, limit=10).rows}
    held = tuple((rows[a].points_held, rows[a].balance, account_detail(u, a, as_of=on).points_held)
                 for a in ids.values())
    return o.budget_committed, o.budget_remaining, o.grants_possible, o.points_outstanding, held


def test_figures_before_the_sweep_equal_the_figures_after_it(uow: Callable[[], Any]) -> None:
    with uow() as u:
        ids = _seed(u)
        u.commit()
    with uow() as u:
        before = _figures(u, ids, AFTER_EXPIRY)
        o = programme_overview(u, as_of=AFTER_EXPIRY)
        pending = o.pending
        unused = next(r for r in list_accounts(u, as_of=AFTER_EXPIRY, limit=10).rows
                      if r.applicant_id == ids["unused"])
    # Booked: 90,000 reserved. True on 04-16: the unused grant is back (30,000), the partly used
    # grant's unspent 15,000 expired (the pending 3,000 stays held), the late one's 29,000 expired.
    assert pending is not None and pending.is_pending and pending.last_sweep_at is None
    assert (pending.lapses, pending.lapse_points, pending.expired_lots, pending.expiry_points) == (
        1, 30_000, 2, 15_000 + 29_000)
    assert o.budget_committed_booked == 90_000
    assert o.budget_committed == 90_000 - 30_000 - 44_000
    assert o.budget_remaining == 300_000 - 16_000
    assert (unused.ledger_total, unused.pending_recovery, unused.points_held, unused.balance) == (
        30_000, 30_000, 0, 0)
    with uow() as u:
        run_sweep(u.session, AFTER_EXPIRY)
        u.commit()
    with uow() as u:
        after = _figures(u, ids, AFTER_EXPIRY)
        rest = pending_sweep(u.session, AFTER_EXPIRY)
    assert after == before
    assert not rest.is_pending and rest.last_sweep_at is not None


def test_without_a_date_the_figures_are_the_booked_ones(uow: Callable[[], Any]) -> None:
    with uow() as u:
        _seed(u)
        u.commit()
    with uow() as u:
        o = programme_overview(u)
    assert o.pending is None and o.budget_committed == o.budget_committed_booked == 90_000
    assert o.to_json()["pending_sweep"] is None
