"""programme_overview: the dashboard's figures are SQL aggregates over what the database holds."""

from __future__ import annotations

from datetime import date

import pytest

from backoffice.db.enums import ApplicationStatus, GrantStatus, OrderStatus, RefundStatus
from backoffice.services.dashboard import programme_overview
from tests.gui.seed import seed_programme

pytestmark = pytest.mark.db


def test_empty_database_gives_zeros_and_no_programme(uow):
    with uow() as u:
        o = programme_overview(u)
    assert o.programme_code is None and not o.is_demo
    assert (o.budget_total, o.budget_committed, o.budget_remaining, o.points_outstanding) == (0, 0, 0, 0)
    assert set(o.applications_by_status) == {s.value for s in ApplicationStatus}
    assert set(o.grants_by_status) == {s.value for s in GrantStatus}
    assert set(o.orders_by_status) == {s.value for s in OrderStatus}
    assert set(o.refund_cases_by_status) == {s.value for s in RefundStatus}
    assert o.applications_total == o.orders_total == o.refund_cases_open == 0


def test_figures_match_the_rows(uow):
    seeded = seed_programme(uow, demo=True)
    with uow() as u:
        o = programme_overview(u, as_of=date(2026, 3, 1))
        undated = programme_overview(u)  # without a date, grant statuses are the recorded ones
    assert o.programme_code == "T2026" and o.is_demo
    assert o.budget_total == seeded.budget_total
    assert undated.budget_committed == o.budget_committed_booked == seeded.budget_committed
    assert undated.budget_remaining == seeded.budget_total - seeded.budget_committed
    assert undated.grants_possible == (seeded.budget_total - seeded.budget_committed) // 30_000
    # As of a date: less what the sweep has yet to release (both grants of the seed are unused).
    assert o.pending is not None and o.pending.budget_release == 60_000
    assert o.budget_remaining == seeded.budget_total and o.grants_possible == seeded.budget_total // 30_000
    assert {k: v for k, v in o.applications_by_status.items() if v} == dict(seeded.applications)
    assert {k: v for k, v in undated.grants_by_status.items() if v} == dict(seeded.grants)
    assert {k: v for k, v in o.orders_by_status.items() if v} == dict(seeded.orders)
    assert undated.points_outstanding == seeded.ledger_sum
    assert o.points_outstanding == seeded.ledger_sum - o.pending.points_recovered
    assert o.refund_cases_open == sum(seeded.refunds.values())
    doc = o.to_json()
    assert doc["budget"]["remaining"] == o.budget_remaining and doc["as_of"] == "2026-03-01"


def test_deadline_breaches_are_the_orders_services_count(uow):
    from backoffice.services.orders.orders_view import list_orders

    seed_programme(uow, demo=True)
    with uow() as u:
        o = programme_overview(u, as_of=date(2027, 3, 1))
        breached = list_orders(u, as_of=date(2027, 3, 1), breach="breached", limit=500)
        undated = programme_overview(u)
    assert o.deadline_breaches == breached.total == len(breached.rows)
    assert undated.deadline_breaches is None


def test_grant_statuses_are_shown_as_of_the_dashboard_date_like_the_accounts_screen(uow):
    from backoffice.services.points.accounts import list_accounts

    seed_programme(uow, demo=True)
    later = date(2027, 3, 1)  # every grant of the seed is past its validity by then
    with uow() as u:
        recorded = programme_overview(u).grants_by_status
        o = programme_overview(u, as_of=later)
        shown = {s.value: list_accounts(u, as_of=later, status=s.value, limit=1).total for s in GrantStatus}
    assert o.grants_by_status == shown
    assert sum(o.grants_by_status.values()) == sum(recorded.values())
    # The sweep has not run in the seed: recorded says active, the date says otherwise.
    assert recorded.get(GrantStatus.ACTIVE.value, 0) > o.grants_by_status[GrantStatus.ACTIVE.value]
