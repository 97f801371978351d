"""The feed's `programme` record: a fresh database gets its programme, budget and parameters
from the feed (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from backoffice.db import models as m
from backoffice.policy.params import ProgrammeParams
from backoffice.services.admin.demo_feed import demo_programme_code, dumps, generate_feed
from backoffice.services.feed import import_lines
from backoffice.services.feed.records import PARAMETER_NAMES
from backoffice.services.points import ledger
from backoffice.services.points.ledger import programme_params

PROGRAMME = {"type": "programme", "id": "P-115", "name": "臺灣雲市集數位點數補助 115 年度", "budget": 90_000,
             "subsidy_deadline": "2026-12-31", "opens_on": "2026-01-05"}


def test_programme_record_creates_programme_budget_and_default_parameters(session_factory) -> None:
    report = import_lines(session_factory, [json.dumps(PROGRAMME)])
    assert report.rejected == [] and report.accepted == 1
    with session_factory() as s:
        p = s.scalars(sa.select(m.Programme)).one()
        assert (p.code, p.name, p.subsidy_deadline, p.is_demo) == ("P-115", PROGRAMME["name"], date(2026, 12, 31), False)
        b = s.scalars(sa.select(m.Budget)).one()
        assert (b.programme_id, b.total, b.committed) == (p.id, 90_000, 0)
        names = set(s.scalars(sa.select(m.ProgrammeParameter.name).where(m.ProgrammeParameter.programme_id == p.id)))
        assert set(PARAMETER_NAMES) <= names
        # What the ledger reads back is the policy's defaults plus the programme's own figures.
        expected = replace(ProgrammeParams(), subsidy_deadline=date(2026, 12, 31), total_budget=90_000)
        assert programme_params(s, p.id, date(2026, 3, 1)) == expected


def test_overrides_apply_from_their_effective_date(session_factory) -> None:
    rec = dict(PROGRAMME, parameters=[{"effective_from": "2026-07-01", "grant_points": 20_000, "min_term_months": 6}])
    assert import_lines(session_factory, [json.dumps(rec)]).rejected == []
    with session_factory() as s:
        pid = s.scalar(sa.select(m.Programme.id))
        assert programme_params(s, pid, date(2026, 6, 30)).grant_points == ProgrammeParams().grant_points
        later = programme_params(s, pid, date(2026, 7, 1))
        assert (later.grant_points, later.min_term_months) == (20_000, 6)


def test_programme_record_is_idempotent_and_immutable(session_factory) -> None:
    line = json.dumps(PROGRAMME)
    import_lines(session_factory, [line])
    again = import_lines(session_factory, [line])
    assert (again.accepted, again.duplicates, again.rejected) == (0, 1, [])
    changed = import_lines(session_factory, [json.dumps(dict(PROGRAMME, budget=120_000))])
    assert [r.line for r in changed.rejected] == [1] and "content differs" in changed.rejected[0].reason
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Programme)) == 1
        assert s.scalar(sa.select(m.Budget.total)) == 90_000


def test_bad_programme_records_are_rejected_and_leave_nothing(session_factory) -> None:
    with session_factory() as s, s.begin():
        s.add(m.Programme(code="P-OLD", name="set up by hand"))
    lines = [
        json.dumps(dict(PROGRAMME, id="P-OLD")),  # code taken outside the feed
        json.dumps(dict(PROGRAMME, id="P-2", budget=-1)),
        json.dumps(dict(PROGRAMME, id="P-3", parameters=[{"effective_from": "2026-02-01", "grant_points": 0}])),
        json.dumps(dict(PROGRAMME, id="P-4", parameters=[{"effective_from": "2026-02-01"}])),
        json.dumps(dict(PROGRAMME, id="P-5", parameters=[{"effective_from": "2026-02-01", "colour": 1}])),
        json.dumps({k: v for k, v in PROGRAMME.items() if k != "subsidy_deadline"}),
    ]
    report = import_lines(session_factory, lines)
    reasons = {r.line: r.reason for r in report.rejected}
    assert sorted(reasons) == [1, 2, 3, 4, 5, 6], reasons
    assert "already exists" in reasons[1] and "negative" in reasons[2] and "grant_points" in reasons[3]
    assert "no parameter" in reasons[4] and "unknown field" in reasons[5] and "subsidy_deadline" in reasons[6]
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Programme)) == 1
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Budget)) == 0
        assert s.scalar(sa.select(sa.func.count()).select_from(m.ProgrammeParameter)) == 0


def test_approved_application_without_a_programme_says_why(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    assert recs[0]["type"] == "programme" and recs[0]["id"] == demo_programme_code()
    approved = next(i for i, r in enumerate(recs) if (r.get("decision") or {}).get("status") == "approved")
    report = import_lines(session_factory, [dumps(recs[approved])])
    assert [(r.line, r.reason) for r in report.rejected] == [(1, (
        f"application {recs[approved]['id']}: no programme to grant points from: the feed must start with a "
        "programme record (or the programme must be set up first)"))]


def test_grants_stop_from_the_announcement(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    approved = [r for r in recs if (r.get("decision") or {}).get("status") == "approved"]
    stop = min(date.fromisoformat(r["decision"]["issued_on"]) for r in approved[1:])
    recs[0] = dict(recs[0], applications_stopped_on=stop.isoformat())
    report = import_lines(session_factory, [dumps(r) for r in recs])
    refused = [r for r in report.rejected if "stopped granting" in r.reason]
    assert len(refused) == sum(1 for r in approved if r["decision"]["issued_on"] >= stop.isoformat()) > 0
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.max(m.Grant.issued_on))) < stop


def _approved(recs: list[dict], n: int, issued_on: str) -> list[dict]:
    """The first ``n`` approved applications of a generated feed, each decided and issued on
    ``issued_on`` (after its submission in the generated data)."""
    out = []
    for r in recs:
        if (r.get("decision") or {}).get("status") == "approved" and r["submitted_at"][:10] < issued_on:
            out.append(dict(r, decision=dict(r["decision"], decided_on=issued_on, issued_on=issued_on)))
    assert len(out) >= n, "the generated feed has too few approved applications for this test"
    return out[:n]


def test_overrides_listed_out_of_date_order_apply_by_date_within_the_same_import(session_factory) -> None:
    # The later override is listed first; a grant issued after both takes the later one's
    # figure, in the import that brings the programme (its parameters are then read from the
    # batch, not from the database). The budget holds 15,000 points: enough for the later
    # figure only.
    recs = list(generate_feed(30, seed=4))
    prog = dict(recs[0], budget=15_000, parameters=[{"effective_from": "2026-03-01", "grant_points": 10_000},
                                     {"effective_from": "2026-02-01", "grant_points": 20_000}])
    app = _approved(recs, 1, "2026-03-10")[0]
    report = import_lines(session_factory, [dumps(prog), dumps(app)])
    assert (report.accepted, report.rejected) == (2, [])
    with session_factory() as s:
        assert s.scalar(sa.select(m.Grant.points)) == 10_000
        assert s.scalar(sa.select(m.Budget.committed)) == 10_000
        pid = s.scalar(sa.select(m.Programme.id))
        # Every parameter row starts on the programme's opening day at the earliest.
        assert s.scalar(sa.select(sa.func.min(m.ProgrammeParameter.effective_from))) == date(2026, 1, 5)
        assert programme_params(s, pid, date(2026, 2, 15)).grant_points == 20_000


def test_without_an_opening_day_the_defaults_apply_from_always(session_factory) -> None:
    rec = {k: v for k, v in PROGRAMME.items() if k != "opens_on"}
    assert import_lines(session_factory, [json.dumps(rec)]).rejected == []
    with session_factory() as s:
        pid = s.scalar(sa.select(m.Programme.id))
        assert s.scalar(sa.select(sa.func.min(m.ProgrammeParameter.effective_from))) == date.min
        assert programme_params(s, pid, date(2000, 1, 1)).total_budget == 90_000


def test_a_later_import_grants_only_what_the_budget_has_left(session_factory) -> None:
    # The budget left is read from the database when the programme came in an earlier import.
    recs = list(generate_feed(30, seed=4))
    first, second, third = _approved(recs, 3, "2026-04-01")
    prog = dict(recs[0], budget=60_000)
    assert import_lines(session_factory, [dumps(prog), dumps(first)]).rejected == []
    report = import_lines(session_factory, [dumps(second), dumps(third)])
    assert report.accepted == 1
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, f"application {third['id']}: programme budget exhausted: no grant can be issued")]
    with session_factory() as s:
        assert s.scalar(sa.select(m.Budget.committed)) == 60_000
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Grant)) == 2


def test_registration_facts_follow_the_type_the_applicant_applies_as(session_factory) -> None:
    # 須知四: what the platform's applicant type (or the type applied as) says about registration.
    recs = list(generate_feed(60, seed=4))
    apps = [r for r in recs if r["type"] == "application"]
    company = next(r for r in apps if r["applicant_type"] == "sme" and r["applies_as"] is None and "公司" in r["name"])
    social = next(r for r in apps if r["applicant_type"] == "social_innovation_forprofit"
                  and r["applies_as"] == "tax_registered")
    coop = next(r for r in apps if r["applicant_type"] == "cooperative")
    report = import_lines(session_factory, [dumps(recs[0])] + [dumps(dict(r, decision=None))
                                                               for r in (company, social, coop)])
    assert (report.accepted, report.rejected) == (4, [])
    cols = (m.Applicant.has_company_registration, m.Applicant.has_business_registration,
            m.Applicant.has_tax_registration, m.Applicant.cooperative_registered, m.Applicant.social_innovation_listed)
    with session_factory() as s:
        facts = {ubn: tuple(rest) for ubn, *rest in s.execute(sa.select(m.Applicant.ubn, *cols))}
    assert facts[company["ubn"]] == (True, False, False, False, False)
    assert facts[social["ubn"]] == (False, False, True, False, True)
    assert facts[coop["ubn"]] == (False, False, True, True, False)


def test_an_imported_application_keeps_its_status_version_identity_proof_and_one_applicant_per_ubn(
        session_factory) -> None:
    recs = list(generate_feed(60, seed=4))
    apps = [r for r in recs if r["type"] == "application"]
    card = next(r for r in apps if r["identity"]["method"] == "moeaca_card")
    mobile = next(r for r in apps if r["identity"]["method"] == "moica_mobile"
                  and r["representative"]["national_id"])
    # The same UBN applies again in the same import (the first application was rejected).
    first = dict(card, id="A-FIRST", decision={"status": "rejected", "decided_on": "2026-02-10", "issued_on": None})
    again = dict(card, id="A-AGAIN", decision=None)
    # A tax-registered business whose name has 公司 in it has no company registration on record.
    taxed = dict(next(r for r in apps if r["applicant_type"] == "tax_registered" and r["applies_as"] is None),
                 name="測試小吃有限公司", decision=None)
    lines = [dumps(recs[0]), dumps(first), dumps(again), dumps(dict(mobile, decision=None)), dumps(taxed)]
    report = import_lines(session_factory, lines)
    assert (report.accepted, report.rejected) == (5, [])
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Applicant).where(m.Applicant.ubn == card["ubn"])) == 1
        rows = {ext: (str(st), v) for ext, st, v in s.execute(
            sa.select(m.Application.external_id, m.Application.status, m.Application.version))}
        assert rows["A-FIRST"] == ("rejected", 1) and rows["A-AGAIN"] == ("submitted", 1)
        proof = {ext: (ubn, last4) for ext, ubn, last4 in s.execute(
            sa.select(m.Application.external_id, m.IdentityProof.holder_ubn, m.IdentityProof.holder_id_last4)
            .join(m.IdentityProof, m.IdentityProof.application_id == m.Application.id))}
        assert proof["A-AGAIN"] == (card["ubn"], card["representative"]["national_id"][-4:])
        assert proof[mobile["id"]] == (None, mobile["representative"]["national_id"][-4:])
        assert s.scalar(sa.select(m.Applicant.has_company_registration).where(m.Applicant.ubn == taxed["ubn"])) is False


@pytest.mark.parametrize("later_import", [False, True], ids=["same-import", "later-import"])
def test_an_order_may_name_the_applicant_by_ubn_instead_of_the_application(session_factory, later_import: bool) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    order = recs[i]
    ubn = next(r["ubn"] for r in recs if r["type"] == "application" and r["id"] == order["application"])
    by_ubn = dict(order, application=None, ubn=ubn)
    if later_import:  # the applicant is then found in the database, among the others
        assert import_lines(session_factory, [dumps(r) for r in recs[:i]]).accepted == i
        report = import_lines(session_factory, [dumps(by_ubn)])
        assert report.rejected == [] and report.accepted == 1
    else:
        report = import_lines(session_factory, [dumps(r) for r in recs[:i]] + [dumps(by_ubn)])
        assert report.rejected == [] and report.accepted == i + 1
    with session_factory() as s:
        owner = s.scalar(sa.select(m.Applicant.ubn).join(m.Order, m.Order.applicant_id == m.Applicant.id)
                         .where(m.Order.external_id == order["id"]))
    assert owner == ubn


def test_an_order_on_the_day_use_stops_by_announcement_is_refused(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    order = recs[i]
    stopped = dict(recs[0], use_stopped_on=order["submitted_at"][:10])  # announced on the order's day
    report = import_lines(session_factory, [dumps(stopped)] + [dumps(r) for r in recs[1:i + 1]])
    assert [(r.line, r.reason) for r in report.rejected] == [
        (i + 1, f"order {order['id']}: use of points stopped by announcement")]
    with session_factory() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.Order)) == 0


def test_a_new_order_from_the_feed_has_nothing_paid_yet(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    assert import_lines(session_factory, [dumps(r) for r in recs[:i + 1]]).rejected == []
    with session_factory() as s:
        paid, status = s.execute(sa.select(m.Order.self_pay_paid, m.Order.status)
                                 .where(m.Order.external_id == recs[i]["id"])).one()
    assert (paid, str(status)) == (0, "submitted")


@pytest.mark.parametrize(("at", "refused"), [("2026-01-25T10:45:08+08:00", True), ("2026-01-25T10:45:09+08:00", False)],
                         ids=["a-second-before", "at-submission"])
def test_an_order_event_before_the_orders_submission_is_refused_and_one_at_it_accepted(
        session_factory, at: str, refused: bool) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order_event")
    event = recs[i]
    order = next(r for r in recs if r["type"] == "order" and r["id"] == event["order"])
    assert order["submitted_at"] == "2026-01-25T10:45:09+08:00"  # the generated data this test rests on
    report = import_lines(session_factory, [dumps(r) for r in recs[:i]] + [dumps(dict(event, at=at))])
    reasons = [(r.line, r.reason) for r in report.rejected]
    if refused:
        assert reasons == [(i + 1, f"order_event {event['id']}: event at 2026-01-25T10:45:08+08:00 is before the "
                                   "order's submission (2026-01-25T10:45:09+08:00)")]
    else:
        assert reasons == []


def test_each_order_event_stores_its_moment_on_the_order(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    column = {"vendor_confirmed": "vendor_confirmed_at", "paid": "paid_at", "payment_confirmed": "payment_confirmed_at",
              "invoiced": "invoiced_at", "completed": "closed_at", "cancelled": "closed_at", "rejected": "closed_at"}
    expected = {(r["order"], column[r["event"]]): datetime.fromisoformat(r["at"])
                for r in recs if r["type"] == "order_event" and r["event"] in column}
    assert {col for _, col in expected} == set(column.values())  # the feed has every kind of event

    def utc(v: datetime) -> datetime:  # SQLite gives back naive UTC, PostgreSQL aware
        return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)

    with session_factory() as s:
        orders = {o.external_id: o for o in s.scalars(sa.select(m.Order))}
        stored = {(ext, col): getattr(orders[ext], col) for ext, col in expected}
    assert {k: utc(v) for k, v in stored.items()} == {k: utc(v) for k, v in expected.items()}


def test_service_may_start_on_the_day_of_the_orders_previous_event(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order_event" and r["event"] == "service_started")
    started = recs[i]
    previous = [r for r in recs[:i] if r["type"] == "order_event" and r["order"] == started["order"]][-1]
    same_day = dict(started, service_start=previous["at"][:10])
    report = import_lines(session_factory, [dumps(r) for r in recs[:i]] + [dumps(same_day)])
    assert (report.accepted, report.rejected) == (i + 1, [])


def test_each_order_event_keeps_its_amount_invoice_number_service_start_and_note_and_nothing_else(
        session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    kept = ("note", "amount", "invoice_number", "service_start")
    expected = {r["id"]: ({k: r[k] for k in kept if r.get(k) is not None} or None)
                for r in recs if r["type"] == "order_event"}
    assert any(v is None for v in expected.values()) and any(v and "amount" in v for v in expected.values())
    assert any(v and "service_start" in v for v in expected.values())
    with session_factory() as s:
        stored = dict(s.execute(sa.select(m.OrderEvent.external_id, m.OrderEvent.payload)).all())
    assert stored == expected


def test_a_cancelled_order_gives_its_points_back_within_the_same_import(session_factory) -> None:
    # A000001 holds 30,000 points. Two orders are placed and cancelled (20,000 points and 1 point);
    # a third then takes all 30,000: only if both came back, in the batch's own books and in the ledger.
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    base = recs[i]
    assert base["application"] == "A000001"

    def order(oid: str, at: str, total: int, pts: int) -> dict:
        return dict(base, id=oid, submitted_at=at, total=total, points=pts, self_pay=total - pts)

    def cancel(eid: str, oid: str, at: str) -> dict:
        return {"type": "order_event", "id": eid, "order": oid, "event": "cancelled", "at": at}

    lines = recs[:i] + [
        order("O-BIG", "2026-01-25T10:00:00+08:00", 40_000, 20_000), cancel("E-BIG", "O-BIG", "2026-01-25T11:00:00+08:00"),
        order("O-ONE", "2026-01-25T12:00:00+08:00", 2, 1), cancel("E-ONE", "O-ONE", "2026-01-25T13:00:00+08:00"),
        order("O-ALL", "2026-01-25T14:00:00+08:00", 100_000, 30_000),
    ]
    report = import_lines(session_factory, [dumps(r) for r in lines])
    assert (report.accepted, report.rejected) == (len(lines), [])
    with session_factory() as s:
        applicant_id = s.scalar(sa.select(m.Order.applicant_id).where(m.Order.external_id == "O-ALL"))
        closed = dict(s.execute(sa.select(m.Order.external_id, m.Order.status)
                                .where(m.Order.external_id.in_(["O-BIG", "O-ONE"]))).all())
        assert {k: str(v) for k, v in closed.items()} == {"O-BIG": "cancelled", "O-ONE": "cancelled"}
        assert ledger.balance(s, applicant_id, date(2026, 1, 26)) == 0
        assert ledger.ledger_total(s, applicant_id) == 0


def _with_first_order(session_factory) -> dict:
    """Import the generated feed up to A000001's first order, as O-FIRST of 20,000 points placed on
    2026-01-25; return that order record as the pattern for the test's own orders."""
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    base = recs[i]
    first = dict(base, id="O-FIRST", submitted_at="2026-01-25T10:00:00+08:00", total=40_000, points=20_000,
                 self_pay=20_000)
    assert import_lines(session_factory, [dumps(r) for r in recs[:i]] + [dumps(first)]).rejected == []
    return base


def _cancel_first(at: str) -> dict:
    """The event that cancels ``_with_first_order``'s O-FIRST at ``at``."""
    return {"type": "order_event", "id": "E-FIRST", "order": "O-FIRST", "event": "cancelled", "at": at}


def test_an_order_cancelled_in_a_later_import_gives_its_points_back_there(session_factory) -> None:
    # The order comes from the database this time (not from the same batch).
    base = _with_first_order(session_factory)
    later = [_cancel_first("2026-01-26T09:00:00+08:00"),
             dict(base, id="O-ALL", submitted_at="2026-01-26T10:00:00+08:00", total=100_000, points=30_000,
                  self_pay=70_000)]
    report = import_lines(session_factory, [dumps(r) for r in later])
    assert (report.accepted, report.rejected) == (2, [])
    with session_factory() as s:
        applicant_id = s.scalar(sa.select(m.Order.applicant_id).where(m.Order.external_id == "O-ALL"))
        assert ledger.balance(s, applicant_id, date(2026, 1, 27)) == 0


def test_an_order_cancelled_after_the_lapse_date_in_a_later_import_lapses_the_unused_grant(session_factory) -> None:
    # A000001's grant of 2026-01-15 lapses unless used by 2026-02-15. Its only order, placed in time,
    # is cancelled on 02-20 in a later import: the grant was never used, so it lapses, and an order
    # after that in the same import finds no points.
    base = _with_first_order(session_factory)
    later = [_cancel_first("2026-02-20T09:00:00+08:00"),
             dict(base, id="O-LATE", submitted_at="2026-02-21T10:00:00+08:00", total=40_000, points=20_000,
                  self_pay=20_000)]
    report = import_lines(session_factory, [dumps(r) for r in later])
    # Refused by the batch's own books (which know the grant lapsed), not later by the database.
    assert report.accepted == 1 and [(r.line, r.reason) for r in report.rejected] == [
        (2, "order O-LATE: points/self_pay 20000/20000 differ from the quote 0/40000 (balance 0 on 2026-02-21)")]
    with session_factory() as s:
        status = s.scalar(sa.select(m.Grant.status).join(m.Order, m.Order.applicant_id == m.Grant.applicant_id)
                          .where(m.Order.external_id == "O-FIRST"))
    assert str(status) == "lapsed"


def test_within_one_import_terminations_confirmations_and_claims_see_what_came_before(session_factory) -> None:
    recs = list(generate_feed(60, seed=4))
    term = next(r for r in recs if r["type"] == "termination" and r["id"] == "T00003")
    k = next(i for i, r in enumerate(recs) if r["type"] == "settlement_claim")
    order_points = next(r["points"] for r in recs if r["type"] == "order" and r["id"] == recs[k]["order"])
    recs[k] = claim = dict(recs[k], points=order_points - 10)  # the first claim leaves 10 points
    extra = [
        # The same order terminated again in the same import.
        dict(term, id="T-AGAIN"),
        # The applicant answers once; the vendor disagrees on a case both sides must confirm.
        {"type": "confirmation", "id": "TC-AGAIN", "termination": "T00003", "party": "applicant", "agrees": True,
         "at": "2026-10-12T09:00:00+08:00"},
        # Two more claims (1 point, then what was left before it): together with the first they
        # exceed the points the order used by one.
        dict(claim, id="SC-ONE", points=1),
        dict(claim, id="SC-MORE", points=10),
    ]
    report = import_lines(session_factory, [dumps(r) for r in recs + extra])
    reasons = {r.reason.split(":")[0]: r.reason for r in report.rejected}
    assert set(reasons) == {"termination T-AGAIN", "confirmation TC-AGAIN", "settlement_claim SC-MORE"}, reasons
    assert reasons["termination T-AGAIN"] == "termination T-AGAIN: the order is already terminated"
    assert reasons["confirmation TC-AGAIN"].endswith("the applicant has already answered")
    assert reasons["settlement_claim SC-MORE"].endswith(
        f"claims of {order_points + 1} points exceed the {order_points} points used")
    with session_factory() as s:
        statuses = {str(st) for st in s.scalars(sa.select(m.RefundCase.status))}
        confirmed = s.scalar(sa.select(m.RefundCase.status).join(m.Termination)
                             .where(m.Termination.external_id == "T00003"))
    assert str(confirmed) == "confirmed" and "confirmed" in statuses


def test_an_order_of_one_point_holds_its_point(session_factory) -> None:
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    one = dict(recs[i], id="O-ONE", total=2, points=1, self_pay=1)
    assert import_lines(session_factory, [dumps(r) for r in recs[:i]] + [dumps(one)]).rejected == []
    with session_factory() as s:
        order_id, applicant_id = s.execute(sa.select(m.Order.id, m.Order.applicant_id)
                                           .where(m.Order.external_id == "O-ONE")).one()
        held = s.scalar(sa.select(sa.func.sum(m.LedgerEntry.points)).where(m.LedgerEntry.order_id == order_id))
        assert (held, ledger.balance(s, applicant_id, date(2026, 1, 26))) == (-1, 29_999)


def test_service_start_makes_the_orders_contract_and_a_termination_names_it(session_factory) -> None:
    recs = list(generate_feed(60, seed=4))
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    starts = {r["order"]: date.fromisoformat(r["service_start"])
              for r in recs if r["type"] == "order_event" and r["event"] == "service_started"}
    terms = {r["order"] for r in recs if r["type"] == "termination"}
    assert terms and terms <= set(starts)
    with session_factory() as s:
        contracts = {ext: (start, tm) for ext, start, tm in s.execute(
            sa.select(m.Order.external_id, m.Contract.start_on, m.Contract.term_months)
            .join(m.Contract, m.Contract.order_id == m.Order.id))}
        named = set(s.scalars(sa.select(m.Order.external_id).join(m.Termination, m.Termination.order_id == m.Order.id)
                              .join(m.Contract, m.Contract.id == m.Termination.contract_id)))
    assert {ext: start for ext, (start, _) in contracts.items()} == starts
    assert named == terms


def test_one_agreeing_answer_leaves_the_case_awaiting_the_other_party(session_factory) -> None:
    recs = [r for r in generate_feed(60, seed=4) if r.get("id") != "TC00002"]  # the vendor's answer to T00003
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    with session_factory() as s:
        status = s.scalar(sa.select(m.RefundCase.status).join(m.Termination)
                          .where(m.Termination.external_id == "T00003"))
    assert str(status) == "awaiting_confirmation"


def test_a_termination_gets_the_confirmation_window_of_its_programme(session_factory) -> None:
    from backoffice.policy import refunds as prefunds

    recs = list(generate_feed(60, seed=4))
    recs[0] = dict(recs[0], parameters=[{"effective_from": "2026-01-05", "refund_window_days": 20}])
    # Only the window is looked at here: the confirmations are left out.
    recs = [r for r in recs if r["type"] != "confirmation"]
    assert import_lines(session_factory, [dumps(r) for r in recs]).rejected == []
    t = next(r for r in recs if r["type"] == "termination")
    filed = date.fromisoformat(t["filed_on"])
    wider = prefunds.confirmation_window_end(filed, replace(ProgrammeParams(), refund_window_days=20))
    assert wider != prefunds.confirmation_window_end(filed, ProgrammeParams())
    with session_factory() as s:
        window = s.scalar(sa.select(m.RefundCase.window_ends_on).join(m.Termination)
                          .where(m.Termination.external_id == t["id"]))
    assert window == wider


@pytest.mark.parametrize("later_import", [False, True], ids=["same-import", "later-import"])
def test_cancelling_an_order_after_the_lapse_date_voids_that_order_and_keeps_an_earlier_use(
        session_factory, later_import: bool) -> None:
    # A000001's grant (2026-01-15) is used on 01-25, before its lapse date 02-15; a second order of
    # the same points on 02-20 is cancelled on 02-21. The earlier use still counts, so the grant has
    # not lapsed and an order on 02-22 is accepted: only the cancelled order's use is voided, whether
    # the batch placed it (its own record of the use) or it came from the database (found by day
    # and points).
    recs = list(generate_feed(30, seed=4))
    i = next(i for i, r in enumerate(recs) if r["type"] == "order")
    base = recs[i]

    def order(oid: str, day: str) -> dict:
        return dict(base, id=oid, submitted_at=f"{day}T10:00:00+08:00", total=10_000, points=5_000, self_pay=5_000)

    placed = [order("O-EARLY", "2026-01-25"), order("O-LATE", "2026-02-20")]
    after = [{"type": "order_event", "id": "E-LATE", "order": "O-LATE", "event": "cancelled",
              "at": "2026-02-21T09:00:00+08:00"}, order("O-AFTER", "2026-02-22")]
    if later_import:
        assert import_lines(session_factory, [dumps(r) for r in recs[:i] + placed]).rejected == []
        report = import_lines(session_factory, [dumps(r) for r in after])
    else:
        report = import_lines(session_factory, [dumps(r) for r in recs[:i] + placed + after])
    assert report.rejected == []
    with session_factory() as s:
        applicant_id = s.scalar(sa.select(m.Order.applicant_id).where(m.Order.external_id == "O-AFTER"))
        assert str(s.scalar(sa.select(m.Grant.status).where(m.Grant.applicant_id == applicant_id))) == "active"
        assert ledger.balance(s, applicant_id, date(2026, 2, 23)) == 20_000


def test_a_reapplication_after_a_rejection_keeps_the_applicant_and_a_later_order_joins_it(
        session_factory) -> None:
    # The same UBN applies twice: rejected, then approved. One applicant with two applications; an
    # order in a later import, naming the second application, belongs to that applicant.
    recs = list(generate_feed(30, seed=4))
    first_app = next(r["id"] for r in recs if r["type"] == "application")
    i = next(i for i, r in enumerate(recs) if r["type"] == "order" and r["application"] != first_app)
    order = recs[i]
    k, app = next((k, r) for k, r in enumerate(recs) if r["type"] == "application" and r["id"] == order["application"])
    first = json.loads(dumps(app))
    first["id"] = "A-FIRST-TRY"
    first["decision"] = {"status": "rejected", "decided_on": app["decision"]["decided_on"]}
    lines = [dumps(r) for r in recs[:k]] + [dumps(first)] + [dumps(r) for r in recs[k:i]]
    assert import_lines(session_factory, lines).rejected == []
    report = import_lines(session_factory, [dumps(order)])
    assert report.rejected == [] and report.accepted == 1
    with session_factory() as s:
        owner = s.scalar(sa.select(m.Order.applicant_id).where(m.Order.external_id == order["id"]))
        applicants = s.scalars(sa.select(m.Applicant.id).where(m.Applicant.ubn == app["ubn"])).all()
        tries = s.scalars(sa.select(m.Application.applicant_id).where(
            m.Application.external_id.in_([app["id"], first["id"]]))).all()
    assert applicants == [owner] and tries == [owner, owner]


def test_a_termination_and_its_answers_in_later_imports_find_the_contract_and_the_case(session_factory) -> None:
    # The order (in service, with its contract) comes from the first import, the termination from
    # a second, the parties' answers from a third and a fourth: each learns the rest from the database.
    recs = list(generate_feed(60, seed=4))
    answered = {r["termination"] for r in recs if r["type"] == "confirmation"}
    k, term = next((k, r) for k, r in enumerate(recs) if r["type"] == "termination" and r["id"] in answered)
    answers = [r for r in recs if r["type"] == "confirmation" and r["termination"] == term["id"]]
    assert import_lines(session_factory, [dumps(r) for r in recs[:k]]).rejected == []
    assert import_lines(session_factory, [dumps(term)]).rejected == []
    assert len(answers) == 2 and import_lines(session_factory, [dumps(answers[0])]).rejected == []
    again = dict(answers[0], id="CF-AGAIN")  # the first party, again: known from the database
    report = import_lines(session_factory, [dumps(answers[1]), dumps(again)])
    assert report.accepted == 1
    assert [(r.line, r.reason) for r in report.rejected] == [
        (2, f"confirmation CF-AGAIN: the {answers[0]['party']} has already answered")]
    with session_factory() as s:
        contract, named = s.execute(
            sa.select(m.Contract.id, m.Termination.contract_id).join(m.Order, m.Order.id == m.Contract.order_id)
            .join(m.Termination, m.Termination.order_id == m.Order.id)
            .where(m.Termination.external_id == term["id"])).one()
        case = s.scalars(sa.select(m.RefundCase).join(m.Termination).where(m.Termination.external_id == term["id"])).one()
        parties = set(s.scalars(sa.select(m.RefundConfirmation.party).where(m.RefundConfirmation.case_id == case.id)))
    assert named == contract is not None
    assert str(case.status) == "confirmed" and {str(getattr(p, "value", p)) for p in parties} == {"applicant", "vendor"}


def test_claims_in_a_later_import_count_the_points_claimed_before(session_factory) -> None:
    recs = list(generate_feed(60, seed=4))
    k, claim = next((k, r) for k, r in enumerate(recs) if r["type"] == "settlement_claim")
    order = next(r for r in recs if r["type"] == "order" and r["id"] == claim["order"])
    assert import_lines(session_factory, [dumps(r) for r in recs[:k + 1]]).rejected == []
    rest = order["points"] - claim["points"]  # what the earlier claim left (the demo claims it all)
    over = dict(claim, id="SC-OVER", points=rest + 1)
    report = import_lines(session_factory, [dumps(over)])
    assert report.accepted == 0 and [(r.line, r.reason) for r in report.rejected] == [
        (1, f"settlement_claim SC-OVER: claims of {order['points'] + 1} points exceed the {order['points']} points used")]


def test_an_order_cancelled_before_the_lapse_date_does_not_hold_the_grant_in_a_later_import(session_factory) -> None:
    # A000001's grant (2026-01-15, lapse date 02-15): its only order is cancelled on 01-26 in a second
    # import; in a third, an order of 02-21 finds the grant lapsed (the cancelled order was no use).
    base = _with_first_order(session_factory)
    cancel = _cancel_first("2026-01-26T09:00:00+08:00")
    assert import_lines(session_factory, [dumps(cancel)]).rejected == []
    late = dict(base, id="O-LATE", submitted_at="2026-02-21T10:00:00+08:00", total=40_000, points=20_000,
                self_pay=20_000)
    report = import_lines(session_factory, [dumps(late)])
    assert [(r.line, r.reason) for r in report.rejected] == [
        (1, "order O-LATE: points/self_pay 20000/20000 differ from the quote 0/40000 (balance 0 on 2026-02-21)")]
