"""Demo finance data (示範請撥資料): claims in every state, paid batches, a 95A year with content.

Runs after the demo feed (``demo.ensure_demo_data``). The feed only carries well-formed claims on
completed orders; finance must also see what the check holds, so this adds, on orders the feed
made: duplicates, over-claims, claims on orders still in service, unpaid or uninvoiced, and on
terminated orders with an open refund case. Then, through the finance services as a desk would:
a check, batches paid and reconciled (2025 and 2026 dates) (one line failed and payable again), one
claim rejected by finance, and the 95A statements issued. Kept apart from demo.py and
demo_feed.py so that other demo additions merge cleanly.

Two tax years: the previous programme's claims (``demo_previous``) submitted by 11/30 of its year
are paid in a batch on 12/11 of that year (tax year 2025, its statements issued the next January);
its later claims are paid with this year's (tax year 2026).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.enums import OrderStatus, Role
from backoffice.services.authz import system_job
from backoffice.services.finance import batches, reconcile, settlement, tax95a


def _officer(session: Any, role: Role) -> int | None:
    found: int | None = session.scalar(sa.select(m.OfficerRole.officer_id).where(m.OfficerRole.role == role)
                                       .order_by(m.OfficerRole.officer_id))
    return found


def _extra_claims(session: Any, today: date) -> None:
    """Claims the feed would refuse but vendors do send: one or two per hold reason."""
    o, c = m.Order, m.SettlementClaim
    seq = 0

    def add(order: m.Order, points: int, on: date) -> None:
        nonlocal seq
        seq += 1
        session.add(c(external_id=f"SC-DEMO-{seq:03d}", order_id=order.id, vendor_id=order.vendor_id,
                      points_claimed=points, submitted_on=min(on, today)))

    claimed = sa.select(c.order_id)
    completed = list(session.scalars(sa.select(o).where(o.status == OrderStatus.COMPLETED, o.id.in_(claimed))
                                     .order_by(o.id).limit(2)))
    for order in completed:  # the same order claimed again: a duplicate
        add(order, order.points, today - timedelta(days=3))
    unclaimed = list(session.scalars(sa.select(o).where(o.status == OrderStatus.COMPLETED, o.id.not_in(claimed))
                                     .order_by(o.id).limit(1)))
    for order in unclaimed:  # more than the points used
        add(order, order.points + 5_000, today - timedelta(days=5))
    for status in (OrderStatus.IN_SERVICE, OrderStatus.PAYMENT_CONFIRMED, OrderStatus.VENDOR_CONFIRMED,
                   OrderStatus.TERMINATED):
        for order in session.scalars(sa.select(o).where(o.status == status).order_by(o.id).limit(1)):
            add(order, order.points, today - timedelta(days=2))
    session.flush()


def _pay(uow_factory: Callable[[], Any], preparer: int, approver: int, paid_on: date, submitted_to: date,
         fail_one: bool) -> None:
    at = datetime.combine(paid_on, time(2, 0), UTC)
    with uow_factory() as uow:
        try:
            made = batches.create_batches(uow, preparer, paid_on=paid_on, as_of=paid_on, now=at,
                                          filters=batches.ClaimFilter(submitted_to=submitted_to))
        except batches.NothingToBatch:
            return
    rows: list[str] = []
    for b in made:
        with uow_factory() as uow:
            batches.approve_batch(uow, b.id, approver, signer=None, now=at)  # demo database: no card
        with uow_factory() as uow:
            for line in batches.batch_lines(uow, b.id):
                if fail_one and not any(",failed," in r for r in rows):
                    rows.append(f"{line.reference},0,{paid_on},failed,帳號錯誤（示範）")
                else:
                    rows.append(f"{line.reference},{line.amount},{paid_on},paid,")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bank.csv"
        path.write_text("reference,amount,paid_on,status,reason\n" + "\n".join(rows) + "\n", encoding="utf-8")
        with uow_factory() as uow:
            reconcile.reconcile_file(uow, path, now=at + timedelta(days=2))


@system_job("demo data")
def seed_finance_demo(uow_factory: Callable[[], Any], today: date) -> None:
    """Add the finance desk's demo state to a freshly loaded demo database."""
    with uow_factory() as uow:
        s = uow.session
        preparer, approver = _officer(s, Role.FINANCE), _officer(s, Role.SUPERVISOR)
        if preparer is None or approver is None:
            return
        _extra_claims(s, today)
        uow.commit()
    last = today.year - 1  # the previous programme's claims (demo_previous): a 95A year of its own
    _pay(uow_factory, preparer, approver, date(last, 12, 11), date(last, 11, 30), fail_one=False)
    _pay(uow_factory, preparer, approver, date(2026, 8, 14), date(2026, 7, 31), fail_one=False)
    _pay(uow_factory, preparer, approver, date(2026, 10, 16), date(2026, 9, 30), fail_one=True)
    with uow_factory() as uow:
        result = settlement.check_claims(uow, as_of=today)
    with uow_factory() as uow:
        held = {h.claim: h for h in result.held}
        victim = next((h.claim for h in result.held if "duplicate" in h.reasons), None) or next(iter(held), None)
        if victim is not None:
            claim_id = uow.session.scalar(sa.select(m.SettlementClaim.id).where(m.SettlementClaim.external_id == victim))
            settlement.reject_claim(uow, claim_id, preparer, reason="廠商來函撤回重複請撥（示範）")
    with uow_factory() as uow:
        tax95a.issue(uow, last, datetime.combine(date(today.year, 1, 20), time(2, 0), UTC))  # filed in January
    with uow_factory() as uow:
        tax95a.issue(uow, today.year, datetime.combine(today, time(2, 0), UTC))
