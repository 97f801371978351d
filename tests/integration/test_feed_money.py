"""Money paths of the feed import: the last grant of a budget, an approval beyond it (also on the
replay path, when someone else took the budget between the check and the write), and the refund
quote computed from the self-pay actually paid."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.db.budget import try_reserve
from backoffice.policy.refunds import quote_refund
from backoffice.services.admin.demo_feed import dumps
from backoffice.services.feed import import_lines
from backoffice.services.feed.importer import FeedImporter, RejectedLine
from tests.integration.feed_rejection_support import base_feed, fresh_applications, load, mutated, snapshot

GRANT = 30_000
EXHAUSTED = "programme budget exhausted: no grant can be issued"


def _programme(budget: int) -> dict:
    prog = dict(base_feed().of("programme")[0], budget=budget)
    return prog


def _grants(session_factory) -> tuple[int, int]:
    with session_factory() as s:
        grants = int(s.scalar(sa.select(sa.func.count()).select_from(m.Grant)) or 0)
        committed = int(s.scalar(sa.select(m.Budget.committed)) or 0)
    return grants, committed


def test_the_last_grant_of_a_budget_is_issued_and_the_next_is_refused(session_factory) -> None:
    apps = fresh_applications(base_feed())[:3]
    assert len(apps) == 3
    lines = [dumps(_programme(2 * GRANT))] + [dumps(a) for a in apps]
    report = import_lines(session_factory, lines)
    # Exactly 30,000 points are left for the second approval: it is issued.
    assert report.rejected == [RejectedLine(4, f"application {apps[2]['id']}: {EXHAUSTED}")]
    assert report.accepted == 3
    assert _grants(session_factory) == (2, 2 * GRANT)
    with session_factory() as s:
        ubns = set(s.scalars(sa.select(m.Applicant.ubn)))
    assert ubns == {apps[0]["ubn"], apps[1]["ubn"]}  # the refused one left no applicant behind


def test_a_budget_taken_meanwhile_sends_the_batch_to_the_replay_and_rejects_only_that_line(
        session_factory) -> None:
    apps = fresh_applications(base_feed())[:2]
    importer = FeedImporter(session_factory)
    first = importer.run([dumps(_programme(2 * GRANT)), dumps(apps[0])])
    assert first.rejected == [] and first.accepted == 2
    # Another desk approves a case now: it takes the last 30,000 points (the importer's cached
    # budget still says 30,000 are left, so the handler lets the next approval through).
    with session_factory() as s, s.begin():
        budget_id = s.scalar(sa.select(m.Budget.id))
        assert try_reserve(s, budget_id, GRANT, note="another desk")
    before = snapshot(session_factory)
    vendor = dict(base_feed().of("vendor")[0])
    lines = [dumps(vendor), dumps(apps[1])]
    report = importer.run(lines)
    # The batch was refused by the ledger, then replayed record by record: the vendor is in,
    # the approval is rejected with the handler's reason, and nothing else was written.
    assert report.rejected == [RejectedLine(2, f"application {apps[1]['id']}: {EXHAUSTED}")]
    assert report.accepted == 2 + 1
    after = snapshot(session_factory)
    assert {k: after[k] - before[k] for k in after if after[k] != before[k]} == {"vendors": 1, "feed_records": 1}
    assert _grants(session_factory) == (1, 2 * GRANT)


def test_the_refund_is_quoted_on_the_self_pay_actually_paid(session_factory) -> None:
    feed = base_feed()
    load(session_factory, feed)
    o = next(x for x in feed.of("order") if feed.last_event(x["id"]) == "vendor_confirmed")
    paid = o["self_pay"] // 2
    assert 0 < paid < o["self_pay"] and o["points"] > 0
    day = date.fromisoformat(feed.events(o["id"])[-1]["at"][:10]) + timedelta(days=1)
    start = day + timedelta(days=2)
    at = f"{day.isoformat()}T10:00:00+08:00"
    ev = {"type": "order_event", "order": o["id"], "at": at}
    lines = [dumps(dict(ev, id="OEP1", event="paid", amount=paid)),
             dumps(dict(ev, id="OEP2", event="payment_confirmed")),
             dumps(dict(ev, id="OEP3", event="service_started", at=f"{start}T10:00:00+08:00",
                        service_start=str(start))),
             mutated(feed.of("termination")[0], id="TP1", order=o["id"], filed_on=str(start),
                     effective_on=str(start + timedelta(days=10)))]
    report = import_lines(session_factory, lines)
    assert report.rejected == [] and report.accepted == 4
    expected = quote_refund(o["points"], paid, start, o["term_months"], start + timedelta(days=10))
    # One month used of at least six: under half, so the self-pay is refunded pro rata.
    assert not expected.half_or_more and expected.self_pay_refund > 0
    with session_factory() as s:
        case = s.scalars(sa.select(m.RefundCase).join(m.Termination).where(m.Termination.external_id == "TP1")).one()
        assert (case.self_pay_paid, case.self_pay_used, case.self_pay_refund) == (
            paid, expected.self_pay_used, expected.self_pay_refund)
        assert (case.points_used, case.points_refund) == (expected.points_used, expected.points_refund)
